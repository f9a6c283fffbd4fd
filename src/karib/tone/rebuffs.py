"""Curt wordings added in the part-O round (docs/tone-history.md): the customer told to look it up,
told it was said already, belittled, or threatened. Each string is one more alternation of
a curt entry of ``lexicon.ENTRIES`` (``{word}`` spellings as there), kept here so that the
lexicon stays readable; every pattern was checked against ordinary text (SmSA, EmoT,
NusaX, Stack Exchange requests, service turns) before it was added.

Three modules by round, each adding to the alternations of the one before: this one (parts O
to Q), ``rebuffs_rst.py`` (parts R to T) and ``rebuffs_unseen.py`` (the recall round on
unseen wording and the part-UV round), whose alternations ``lexicon.py`` reads.
"""

from __future__ import annotations

_YOU = r"(?:{bapak}|{ibu}|{kak}|kakak|anda|{kamu}|mas|{mbak})"
_COUNT = (
    r"(?:dua|tiga|empat|lima|[2-9])\s*(?:kali|x)|berkali-kali|berkali\s+kali|"
    r"berulang(?:-|\s+)(?:kali|ulang)"
)

# Blame: it was said already ("Per my last message", "Not sure how else I can put it",
# "For the third time", "I've explained this twice", "sudah saya jelaskan tiga kali",
# "sudah dibilangin dua kali", "masih belum dibaca juga"), the customer sent to read it
# ("Baca FAQ di website" opening the reply, "baca sendiri", "Read it yourself", "Scroll
# up aja", "Google aja"), or told off for care ("Kakak aja yang kurang hati-hati"). Not
# "as I mentioned earlier", "sudah kami kirim dua kali" (news), "bisa dicek sendiri".
BLAME_MORE = (
    r"per\s+my\s+(?:last|previous|earlier|prior)(?:\s+(?:two|three|four|few|several|"
    r"[0-9]+))?\s+(?:messages?|e-?mails?|repl(?:y|ies)|chats?|answers?|responses?)|"
    r"(?:not\s+sure|i\s+(?:don'?t|do\s+not)\s+know|no\s+idea)\s+how\s+else\s+(?:i\s+(?:can|"
    r"could)\s+|to\s+|can\s+i\s+)(?:put|say|explain|phrase|word)|"
    r"^\W*for\s+the\s+(?:second|third|fourth|fifth|umpteenth|hundredth|nth|last)\s+time|"
    r"(?:(?:telling|asking)\s+you|saying\s+(?:this|it)|repeat(?:ing)?\s+(?:this|it|myself))"
    r"\s+for\s+the\s+(?:second|third|fourth|fifth|umpteenth|hundredth|nth|last)\s+time|(?:i'?ve|i\s+have|we'?ve|we\s+have)\s+(?:already\s+)?(?:explained|answered|said|"
    r"mentioned|stated)\s+(?:this|that|it)\s+(?:twice|three\s+times|several\s+times|"
    r"multiple\s+times|many\s+times|repeatedly|[0-9]+\s+times)|as\s+(?:already\s+)?"
    r"(?:stated|mentioned|explained|said)\s+(?:twice|three\s+times|several\s+times|"
    r"multiple\s+times|many\s+times|repeatedly)|"
    r"{sudah}\s+(?:{saya}|kami|admin|aku)\s+(?:jelaskan|jelasin|bilang|bilangin|sampaikan|"
    r"infokan|kasih\s+{tahu}|ulang|ulangi)\s+(?:sampai\s+)?(?:" + _COUNT + r")|"
    r"{sudah}\s+(?:dibilangin|dibilang|dijelasin|dijelaskan|disampaikan|diinfokan|"
    r"diinformasikan|dikasih\s+{tahu})\s+(?:sampai\s+)?(?:dua|tiga|empat|lima|[2-9])\s*"
    r"(?:kali|x)|masih\s+(?:belum|{tidak})\s+(?:di)?(?:baca|buka|cek|lihat|liat|dengar|"
    r"denger)\w*\s+juga|"
    r"^\W*baca\s+(?:lagi\s+|aja\s+|{saja}\s+)?(?:faq|deskripsi|keterangan|caption|bio|s&k|"
    r"syarat|ketentuan)\w*|(?<!bisa\s)(?<!dapat\s)baca\s+sendiri|"
    r"^\W*(?:just\s+|go\s+)?read\s+the\s+(?:faq|manual|instructions|description|terms|"
    r"chat|thread|messages?)(?=\W*$|\s*[.!,;]|\s+(?:again|above|yourself))|"
    r"(?:read|look)\s+it\s+up\s+yourself|read\s+it\s+yourself|rtfm|"
    r"^\W*(?:just\s+)?scroll\s+up(?!\s+a\s+(?:little|bit|few))|scroll\s+(?:up|ke\s+atas)\s+(?:aja|{saja}|dong|lah|"
    r"sendiri)|google\s+(?:aja|{saja}|sendiri|it\s+yourself)|"
    r"(?:kami|{saya}|admin)\s+{tidak}\s+(?:melayani|menjawab|jawab|meladeni|ngeladenin|"
    r"ngelayanin|membalas|balas|bales)\s+pertanyaan\s+yang\s+(?:{sudah}|sama|berulang)|"
    r"we\s+(?:don'?t|do\s+not)\s+(?:answer|respond\s+to|reply\s+to)\s+questions\s+(?:that\s+"
    r"(?:are|were)\s+)?already|"
    # Refusing to say it again: "I'm not going to repeat myself", "Obviously you didn't read
    # it", "saya nggak mau jelasin ulang" (not "tidak akan mengulangi kesalahan").
    r"(?:i'?m|i\s+am)\s+not\s+(?:going\s+to|gonna)\s+repeat\s+myself|i\s+(?:won'?t|will\s+not)\s+"
    r"repeat\s+myself|(?:clearly|obviously|evidently)\s+(?:you\s+)?(?:didn'?t|did\s+not|"
    r"haven'?t|have\s+not)\s+(?:read|look|check|listen)|(?:{saya}|kami|admin)\s+{tidak}\s+"
    r"(?:mau|akan)\s+(?:jelasin|jelaskan|menjelaskan|ngejelasin)\s+(?:ulang|lagi)|"
    # Javanese and Sundanese: "wis tak jelaske ping telu" (I've explained it three times),
    # "woco dhewe" / "baca nyalira" (read it yourself).
    r"(?:wis|wes|uwis|sampun)\s+(?:tak|dak|kula|aku)\s+(?:jelaske|jelasno|jelasaken|omongke|"
    r"omongi|kandani|kandhani|sanjangi|aturi)\s+(?:ping\s+(?:pindo|loro|telu|papat)|bola-?bali|"
    r"kaping-?kaping)|(?:woco|moco|waca|maca)\s+(?:dhewe|dewe|dhewek|nyalira|sorangan)|"
    r"baca\s+(?:nyalira|sorangan)|"
    + _YOU
    + r"\s+(?:aja|{saja}|sendiri)\s+{yang}\s+(?:(?:{tidak}|kurang)\s+(?:hati-hati|hati2|"
    r"cermat|jeli|perhatiin|perhatikan|memperhatikan|ngecek|periksa)|ceroboh|teledor|lalai)"
)

# Belittling (the rude entry): "Masa gitu aja nggak ngerti", "masa gitu aja harus ditanya
# dua kali", "gini aja nggak bisa", "it's not rocket science", "how hard is it to read",
# "it's not that hard to understand", "Ya iyalah" opening the reply. Not "gitu aja kak,
# gampang kok" or "It's not hard to set up, I'll guide you".
RUDE_MORE = (
    r"masa\s+(?:cuma\s+)?(?:gitu|begitu|gini|begini|hal\s+(?:gitu|begitu|gini|begini|kecil|"
    r"sepele)|itu|ini)\s+(?:aja|{saja}|doang)(?:\s+" + _YOU + r")?\s+(?:{tidak}|harus|"
    r"mesti|musti|perlu|masih|belum)|"
    r"(?:gitu|begitu|gini|begini)\s+(?:aja|{saja}|doang)\s+{tidak}\s+(?:bisa|ngerti|mengerti|"
    r"paham|{tahu}|becus)|"
    # Javanese and Sundanese: "masa ngono wae ora mudheng", "kitu wae teu ngartos".
    r"(?:masa\s+)?(?:ngono|ngene|mengkono)\s+(?:wae|bae|tok)\s+(?:ora|gak|ra|ndak)\s+"
    r"(?:ngerti|mudheng|mudeng|paham|isa|iso|bisa)|(?:kitu|kieu)\s+(?:wae|hungkul)\s+"
    r"(?:teu|henteu)\s+(?:ngartos|ngarti|ngerti|tiasa|bisa|paham)|"
    r"not\s+rocket\s+science|(?:even\s+)?a\s+child\s+(?:could|can)\s+(?:do|understand)|"
    r"how\s+(?:hard|difficult)\s+(?:is|can)\s+it\s+(?:be\s+)?to|(?:it'?s|it\s+is|that'?s|"
    r"this\s+is)\s+not\s+(?:that\s+|so\s+)?(?:hard|difficult|complicated)\s+to\s+"
    r"(?:understand|read|follow|grasp)|^\W*(?:ya\s*)?iya\s*lah(?!\w)"
)

# Dismissal and ultimatum (the dismissive entry): "Rules are rules", "aturan ya aturan",
# "memang dari sananya begitu", "kalau spam terus kami blokir", "If you keep messaging,
# we'll block you", "One more complaint and we end the chat". Not "kartu sudah kami
# blokir" (a lost card blocked).
DISMISSIVE_MORE = (
    r"rules\s+are\s+rules|policy\s+is\s+policy|aturan\s+(?:ya|tetap|tetep|tetaplah)\s+"
    r"aturan|(?:memang|emang)\s+(?:sudah\s+|udah\s+)?(?:begitu\s+|gitu\s+)?dari\s+"
    r"sananya(?=\W*$|\s*[.!,]|\s+(?:begitu|gitu)\W*$)|"
    r"{kalau}\s+(?:masih\s+)?(?:spam|komplain|protes|ngomel|marah|kasar|nyolot|ngegas|"
    r"neror)\w*(?:[\s,]+[\w-]+){0,5}?[\s,]+(?:akan\s+|langsung\s+|bakal\s+)?(?:di)?"
    r"(?:blokir|block|blacklist|banned|ban)(?![\w'])|"
    r"if\s+you\s+(?:keep|continue)\s+[^.!?]{0,40}?(?:we|i)(?:'ll|\s+will)\s+"
    r"(?:block|ban|blacklist|end\s+this\s+chat|close\s+this\s+chat)|one\s+more\s+"
    r"(?:message|complaint|word)\s+(?:like\s+that\s+)?and\s+(?:we|i)(?:'ll|\s+will)?|"
    # No more service: "kami tidak akan melayani Bapak lagi", "We will no longer respond to
    # you" (not "Pesanan di atas jam 9 tidak akan kami layani").
    r"{tidak}\s+akan\s+(?:kami\s+)?(?:layani|melayani|ladeni|meladeni|respon|merespon|balas|"
    r"membalas|tanggapi|menanggapi)\s+(?:chat\s+|pesan\s+)?(?:{kak}|kakak|{bapak}|{ibu}|anda)\s+"
    r"lagi|(?:we|i)(?:'ll|\s+will)\s+no\s+longer\s+(?:respond|reply|answer|serve|help)\s+"
    r"(?:to\s+)?(?:you|your\s+(?:messages|questions))"
)

# --- Part-P round (docs/tone-history.md): classes of curt wording, not single wordings ------------
# The first classes below (stop asking, said already, rhetorical blame, read it yourself,
# threats, mock deference, go elsewhere, belittling) were each found in curt agent turns of
# the dev set's tuning part; the later ones (who told you, talking down, competence, brush
# off, said before) follow from the labelling definitions (blame, dismissal, rude words)
# and from new curt turns written during the round, with no dev-set instance. Each is
# written for Indonesian, English and the regional forms, checked against ordinary text,
# and tested on new texts with near-misses (``tests/tone/test_precision_part_p.py``).

# Told to stop asking or writing (the dismissive entry): "Jangan chat berulang-ulang",
# "jangan tanya saya lagi", "gak usah nanya-nanya terus", "Stop asking me", "Don't message
# us again", "no need to keep asking", Javanese "ojo takon terus", Sundanese "ulah naros
# wae". Not "jangan ragu bertanya lagi", "tidak usah menghubungi kami lagi" (no need: the
# order is cancelled), "we'll stop calling you".
_ASKING = (
    r"(?:nge-?|ber|me)?(?:chat|wa|tanya|nanya|nanyain|tanyain|tanyakan|nanyakan|hubungi|"
    r"telpon|telepon|nelpon|nelepon|spam|ping|komplain|protes|ngeluh|ngomel|dm|inbox|"
    r"japri|neror|teror)(?:-(?:tanya|nanya|chat|nelpon|telpon|ngeluh|ngomel)|2)?"
)
# "Stop asking me", at the start of a sentence or after "just / please / so / now" (not
# "we'll stop calling you", "reply STOP to stop messages").
_STOP_EN = (
    r"(?:stop|quit)\s+(?:asking|messaging|texting|calling|chasing|pestering|bugging|hounding|"
    r"emailing)(?:\s+(?:me|us))?(?=\W*$|\s*[.!,;]|\s+(?:about|the\s+same|again|every))"
)
STOP_ASKING = (
    r"jangan\s+" + _ASKING + r"(?:\s+(?:ke\s+)?(?:{saya}|kami|admin|aku|cs|kita))?\s+"
    r"(?:lagi|terus(?:-terusan)?|mulu|melulu|trs|berulang(?:-|\s+)(?:ulang|kali)|"
    r"berkali-kali|tiap\s+(?:[\w-]+\s+)?(?:hari|jam|menit|saat))(?![\w'])|"
    r"(?:{tidak}\s+usah|gausah|{tidak}\s+perlu|gaperlu|stop|berhenti)\s+"
    + _ASKING
    + r"(?:\s+(?:ke\s+)?(?:{saya}|kami|admin|aku|cs|kita))?\s+(?:terus(?:-terusan)?|mulu|"
    r"melulu|trs|berulang(?:-|\s+)(?:ulang|kali)|berkali-kali|tiap\s+(?:[\w-]+\s+)?(?:hari|jam|menit|saat))(?![\w'])|"
    r"(?:ojo|aja|ora\s+usah|rasah|ulah|tong|teu\s+kedah)\s+(?:takon|takok|tanya|nanya|naros|"
    r"tumaros|chat|nelpon)(?:-\w+)?\s+(?:terus|meneh|maneh|wae|bae|bola-?bali|deui|teras)|"
    r"^\W*"
    + _STOP_EN
    + r"|(?<=[.!,;]\s)"
    + _STOP_EN
    + r"|(?:just|please|so|now)\s+"
    + _STOP_EN
    + r"|"
    r"(?:don'?t|do\s+not)\s+(?:keep\s+)?(?:ask|message|text|call|chase|email|contact)(?:ing)?"
    r"\s+(?:me|us)\s+(?:again|about\s+(?:this|it|that)\s+again|every\s+(?:day|hour))|"
    r"(?:there'?s\s+)?no\s+need\s+to\s+keep\s+(?:asking|messaging|chasing|calling|"
    r"texting|emailing|following\s+up)"
)

# Said already, with the time first (the blame entry): "Dari tadi juga sudah saya
# jelaskan", "Dari tadi sudah saya jelaskan, Pak, masa masih ditanya lagi", "I can't keep
# repeating myself", "as I keep telling you" (not "Dari tadi sudah saya cek", news).
SAID_ALREADY = (
    r"dari\s+tadi\s+(?:(?:juga|kan|pun|memang|emang)\s+)?{sudah}\s+(?:{saya}|kami|admin)\s+"
    r"(?:jelaskan|jelasin|bilang|bilangin|sampaikan|infokan|kasih\s+{tahu}|jawab)|"
    r"{sudah}\s+dari\s+tadi\s+(?:{saya}|kami|admin)\s+(?:jelaskan|jelasin|bilang|bilangin|"
    r"sampaikan|infokan|kasih\s+{tahu}|jawab)|masa\s+(?:sih\s+)?(?:masih\s+|harus\s+|mesti\s+|"
    r"perlu\s+)?(?:di)?tanya(?:kan|in)?\s+(?:lagi|terus|ulang|mulu)|"
    r"(?:can'?t|cannot|won'?t|will\s+not)\s+keep\s+(?:repeating|explaining|saying|telling)"
    r"(?:\s+(?:myself|this|it|the\s+same))?|as\s+i\s+keep\s+(?:saying|telling\s+you|"
    r"explaining)|how\s+many\s+more\s+times"
)

# Blame by a rhetorical question at the customer (the blame entry): "Nomor resi aja nggak
# dikasih, gimana mau saya cek", "gimana bisa kami proses kalau datanya belum diisi", "How
# am I supposed to check if you don't give me the number?", "How do you expect us to fix
# it?" (not "Bagaimana saya bisa bantu, Kak?", "How can I help?").
RHETORICAL_BLAME = (
    r"(?:aja|{saja}|pun|juga)\s+(?:(?:{tidak}|belum)\s+(?:di)?(?:kasih|kirim|isi|sebut|tulis|"
    r"cantumkan|lampirkan|infokan|info|kasihkan|share|upload)\w*|salah|keliru|{tidak}\s+"
    r"(?:lengkap|jelas|benar|bener))[,.]?\s+(?:terus\s+|trus\s+|"
    r"lalu\s+|ya\s+)?{bagaimana}\s+(?:(?:{saya}|kami|admin|kita)\s+)?(?:mau|bisa|caranya)|"
    r"{bagaimana}\s+(?:(?:{saya}|kami|admin|kita)\s+)?(?:mau|bisa)\s+(?:(?:{saya}|kami|admin|"
    r"kita)\s+)?(?:cek|ngecek|mengecek|bantu|bantuin|membantu|proses|memproses|lacak|melacak|"
    r"cari|carikan|mencari|tahu|{tahu})\w*\s+{kalau}\s+[^.!?]{0,40}?(?:{tidak}|belum)\s+"
    r"(?:di)?(?:kasih|kirim|isi|sebut|tulis|cantumkan|lampirkan|infokan|info|share|upload)|"
    r"how\s+(?:can|could|do)\s+(?:i|we)\s+(?:[\w'-]+\s+){1,3}?if\s+you\s+keep|"
    r"you\s+(?:chose|picked|selected|entered|ordered|booked|typed|clicked|signed)\s+"
    r"[^.!?]{0,30}?yourself|you\s+should\s+(?:know|understand|remember)\s+(?:this|that|it|"
    r"how)(?![\w'])[^.!?]{0,20}?by\s+now|"
    r"how\s+(?:am\s+i|are\s+we|is\s+anyone)\s+supposed\s+to\s+(?:[\w'-]+\s+){0,4}?(?:if|"
    r"when|without|unless)\s+(?:you|your)(?![\w'])|how\s+(?:do|did|can)\s+you\s+expect\s+(?:me|"
    r"us|anyone)\s+to|what\s+did\s+you\s+expect(?=\W*$|\s*[?!.])|how\s+(?:should|would|"
    r"could)\s+i\s+know(?=\W*$|\s*[?!.])"
)

# Read it yourself, with the thing named, or before complaining (the blame entry): "baca
# buku pedoman akademik sendiri", "makanya dibaca dulu sebelum protes", "Read the FAQ bro",
# "Read it before you complain" (not "bisa baca petunjuknya sendiri", "Baca deskripsi
# sebelum bertanya", a shop notice).
READ_YOURSELF = (
    r"(?<!bisa\s)(?<!dapat\s)(?<!boleh\s)(?<!silakan\s)(?<!juga\s)baca\s+(?:[\w-]+\s+){1,4}?"
    r"sendiri(?=\W*$|\s*[.!,;])|(?:di)?baca\s+(?:dulu\s+)?sebelum\s+(?:protes|komplain|marah|"
    r"ngomel|ngegas|nyolot)|read\s+(?:it\s+|them\s+|the\s+\w+\s+)?(?:first\s+)?before\s+"
    r"(?:you\s+)?(?:complain|complaining|yell|shout)|^\W*(?:just\s+|go\s+)?read\s+the\s+"
    r"(?:faq|manual|instructions|description|terms)\s+(?:bro|sis|mate|man|dude|buddy|pal|kak|"
    r"bang|gan|mas)(?![\w'])"
)

# Threats (the rude entry): the debt collector's "kalau tidak semua kontak darurat kamu kami
# telepon", "kami datangi kantor kamu", data spread, "or we'll call your employer", "we know
# where you live" (not "kami akan datang ke rumah Bapak untuk pemasangan", "kami akan hubungi
# Bapak lagi", "data Anda tidak akan kami sebarkan").
_THIRD_PARTIES = (
    r"(?:kontak\s+darurat|keluarga|kantor|atasan|bos|tetangga|teman|rekan(?:\s+kerja)?|"
    r"tempat\s+kerja|saudara|orang\s+tua|ortu|hrd|pacar|istri|suami)"
)
_THREAT_IF = (
    r"(?:(?:bayar|lunasi|transfer)\w*(?:\s+[\w-]+){0,4}?,?\s+atau|{kalau}\s+(?:masih\s+)?"
    r"(?:telat|terlambat|nunggak)(?:\s+(?:bayar|lagi))*|{kalau}\s+(?:{tidak}|belum)(?:\s+"
    r"(?:juga\s+)?(?:bayar|dibayar|lunas|dilunasi|melunasi|membayar|transfer|ditransfer)"
    r"(?![\w'])[^.!?]{0,40}?)?)[\s,]+"
)
_THREAT_DO = (
    r"(?:telepon|telpon|hubungi|datangi|samperin|kabari|kasih\s+{tahu}|sebar\w*|teror|tagih|"
    r"sms|wa|chat)"
)
THREATS = (
    _THREAT_IF + r"(?:[\w-]+\s+){0,2}?" + _THIRD_PARTIES + r"(?:\s+(?:{kamu}|anda|{bapak}|"
    r"{ibu}|{kak}|kakak|mas|{mbak}|semua|semuanya))*\s+(?:akan\s+|bakal\s+|langsung\s+)?"
    r"(?:kami|{saya}|kita)\s+"
    + _THREAT_DO
    + r"|"
    + _THREAT_IF
    + r"(?:kami|{saya}|kita)\s+(?:akan\s+|bakal\s+|langsung\s+)?(?:"
    + _THREAT_DO
    + r"|tagih\s+"
    r"ke|datang\s+ke)\s+(?:semua\s+)?" + _THIRD_PARTIES + r"|"
    r"(?:kami|{saya}|kita)\s+(?:akan\s+|bakal\s+|langsung\s+)?sebar(?:kan|in)?\s+(?:data|foto|"
    r"ktp|identitas|nomor)|(?:data|foto|ktp|identitas)(?:\s+(?!{tidak}|belum|bukan|jangan)"
    r"[\w-]+){0,3}\s+(?:kami|{saya})\s+sebar(?:kan|in)?(?![\w'])|"
    r"(?:or(?:\s+else)?|otherwise|if\s+not|if\s+you\s+(?:don'?t|do\s+not|can'?t|fail\s+to)\s+"
    r"pay[^.!?]{0,40}?),?\s+(?:we|i)(?:'ll|\s+will|\s+are\s+going\s+to)\s+(?:call|contact|"
    r"visit|notify|inform|tell|message|text)\s+(?:all\s+)?your\s+(?:family|employer|boss|"
    r"workplace|office|contacts|emergency\s+contacts?|references|neighbou?rs|friends|relatives|"
    r"colleagues|wife|husband|parents)|we\s+know\s+where\s+you\s+(?:live|work)"
)

# Sarcasm and mock deference (the rude entry): "Clearly you know more about brakes than our
# certified mechanics", "since you obviously know better", "Kurir bukan dukun", "we're not
# mind readers", "kalau lebih tahu kenapa nanya", "sok tahu" (not "you know more than I do
# about your garden, so tell me", "bukan dukun" said of no one).
MOCK_DEFERENCE = (
    r"(?:clearly|obviously|apparently|evidently)\s*,?\s+you\s+know\s+(?:more|better|best)|"
    r"(?:since|as)\s+you\s+(?:clearly\s+|obviously\s+|apparently\s+)?know\s+(?:better|more|"
    r"best)|if\s+you\s+know\s+(?:so\s+much|better|more),?\s+(?:then\s+)?(?:why|do|fix|go)|"
    r"{kalau}\s+(?:memang\s+|{sudah}\s+)?(?:lebih\s+)?(?:{tahu}|ngerti|paham|pintar|pinter|"
    r"jago)\W+(?:{kenapa}|ngapain|buat\s+apa|untuk\s+apa)\s+(?:nanya|tanya|bertanya|komplain|"
    r"chat|hubungi|telpon)|(?<!mau\s)(?<!merasa\s)(?<!jadi\s)sok\s+(?:{tahu}|pintar|pinter|jago|paling\s+{tahu})|"
    r"(?:kami|{saya}|admin|kurir|cs|kita|teknisi)\s+(?:kan\s+|juga\s+|ini\s+)?bukan\s+"
    r"(?:dukun|peramal|cenayang|paranormal|tukang\s+sihir|tukang\s+sulap|ahli\s+nujum)|(?:pikir|"
    r"kira)\s+(?:kami|{saya}|admin)\s+(?:ini\s+)?(?:dukun|peramal|cenayang|tukang\s+sihir|"
    r"tukang\s+sulap)|(?:we'?re|we\s+are|"
    r"i'?m|i\s+am)\s+not\s+(?:a\s+)?(?:mind\s*readers?|psychics?|fortune\s+tellers?)"
)

# "Go and buy elsewhere", "nobody is forcing you", "it makes no difference to us" (the
# dismissive entry): "Ya monggo beli di sebelah aja", "nggak ada yang maksa kok", "mau beli
# atau nggak juga gak ngaruh buat kami", "Nobody's forcing you to buy", "feel free to shop
# elsewhere", "we don't care whether you stay" (not "silakan beli di toko kami", "tidak ada
# paksaan, silakan dipikirkan dulu").
GO_ELSEWHERE = (
    r"(?:silakan|silahkan|monggo|sok|mangga)\s+(?:(?:aja|{saja}|atuh|deh|wae)\s+)?(?:beli|"
    r"belanja|order|pesan|booking)\s+(?:(?:aja|{saja}|atuh|deh|wae)\s+)?(?:di|ke)\s+(?:sebelah|tempat\s+lain|toko\s+lain|"
    r"apotek\s+lain|sana|(?:toko|apotek|tempat|seller|penjual)\s+(?:{yang}\s+)?lebih\s+murah)|"
    r"beli\s+(?:di|ke)\s+(?:sebelah|tempat\s+lain|toko\s+lain)\s+(?:aja|{saja})|"
    r"{tidak}\s+ada\s+{yang}\s+(?:maksa|memaksa|paksa|nyuruh|menyuruh)(?:\s+(?:{kak}|kakak|"
    r"{bapak}|{ibu}|anda|{kamu}|mas|{mbak}))?(?:\s+(?:kok|kan|juga))?(?=\W*$|\s*[.!,;]|\s+"
    r"(?:untuk|buat)\s+(?:beli|belanja|order|pesan|langganan))|{tidak}\s+(?:ngaruh|"
    r"berpengaruh|pengaruh)\s+(?:buat|bagi|ke|untuk)\s+(?:kami|{saya}|toko|kita)|"
    r"(?:nobody|no\s+one|no-one)(?:'s|\s+is|\s+was)?\s+forc(?:ing|ed)\s+you|"
    r"(?:feel\s+free|you'?re\s+(?:welcome|free))\s+to\s+(?:shop|buy|go|look|book|take\s+your\s+"
    r"business)\s+(?:it\s+)?(?:somewhere\s+else|elsewhere)|(?:we|i)\s+(?:don'?t|do\s+not)\s+"
    r"care\s+(?:if|whether)\s+you|if\s+you\s+(?:don'?t|do\s+not)\s+(?:like|want)\s+(?:it|that|"
    r"this|our\s+\w+)[^.!?]{0,20}?,?\s+(?:then\s+)?(?:don'?t|do\s+not)\s+(?:buy|use|order|come|"
    r"book|shop|subscribe)|{kalau}\s+{tidak}\s+(?:{mau}|suka|cocok|sabar|terima)\s+"
    r"[^.!?]{0,20}?,?\s+(?:ya\s+)?(?:{tidak}\s+usah|gausah|jangan)\s+(?:datang|ke\s+sini|"
    r"antri|antre|beli|belanja|order|pesan|pakai|langganan)"
)

# Belittling (the rude entry): "That's basic", "it's common sense", "pakai logika dong",
# "Ibu dari tadi marah-marah terus", "you keep shouting" (not "the basic plan").
BELITTLING = (
    r"(?:that'?s|that\s+is)\s+(?:just\s+|pretty\s+|really\s+)?(?:basic|common\s+sense)(?=\W*$|"
    r"\s*[.!,;])|(?:it'?s|it\s+is)\s+(?:just\s+)?common\s+sense|(?:pakai|pake|gunakan)\s+"
    r"(?:logika|akal|otak)(?:\s+(?:dong|aja|{saja}|sedikit|dikit))?(?=\W*$|\s*[.!,;])|"
    r"(?:{bapak}|{ibu}|{kak}|kakak|anda|{kamu}|mas|{mbak})\s+(?:dari\s+tadi\s+)?(?:marah-marah|"
    r"ngomel(?:-ngomel)?|ngegas|nyolot|sewot|ngamuk)\s+(?:terus|mulu|melulu)|you\s+keep\s+"
    r"(?:shouting|yelling|screaming|whining|moaning)"
)

# Blame in a rhetorical shape (the blame entry): "Siapa suruh beli pas promo", "Who told
# you to order during the sale?", "That's what happens when you don't read", "Itu kan
# kesalahan Bapak sendiri", "Kakak sendiri yang salah" (not "bukan kesalahan Bapak", "siapa
# yang menyuruh kurirnya?", a question about the courier).
WHO_TOLD_YOU = (
    r"siapa\s+(?:suruh|nyuruh)(?![\w'])|who\s+told\s+you\s+to|that'?s\s+what\s+happens\s+"
    r"(?:when|if)\s+you\s+(?:don'?t|didn'?t|do\s+not|did\s+not|never|ignore|skip|forget)|"
    r"(?<!bukan\s)(?<!tidak\s)(?<!nggak\s)(?<!gak\s)(?<!ga\s)kesalahan\s+(?:anda|{kamu}|"
    r"{bapak}|{ibu}|{kak}|kakak|mas|{mbak})\s+sendiri|(?:anda|{kamu}|{bapak}|{ibu}|{kak}|kakak|mas|{mbak})\s+"
    r"sendiri\s+{yang}\s+salah"
)

# Talking down (the rude entry): "Mohon maaf kalau Bapak kurang paham", "otaknya nggak
# nyampe", "Anak kecil juga bisa", "Learn to read.", "Do what I said", "Wait your turn",
# "jangan lebay", "You're overreacting", "drama banget", "That's life", "I don't care",
# "kami nggak peduli", a collector sent to the house, "jangan main-main sama kami" (not
# "maaf kalau penjelasan saya kurang jelas", "learn how to read the meter", "Anak kecil
# juga boleh ikut", "That's life insurance", "Tim collector kami tidak akan datang").
TALKING_DOWN = (
    r"(?:{mohon}\s+|minta\s+)?(?:maaf|sorry)\s+(?:ya\s+)?(?:kalau|kalo|klo|if)\s+(?:{bapak}|{ibu}|{kak}|kakak|anda|"
    r"{kamu}|mas|{mbak}|you)\s+(?:kurang|{tidak}|belum|can'?t|don'?t)\s+(?:paham|ngerti|"
    r"mengerti|nangkep|nyambung|understand|follow|keep\s+up)|otak\w*\s+(?:{tidak}|belum)\s+"
    r"(?:nyampe|sampai|nyambung)|anak\s+(?:kecil|sd|tk)\s+(?:aja|{saja}|juga|pun)\s+(?:bisa|"
    r"ngerti|paham|{tahu})(?=\W*$|\s*[.!,;]|\s+(?:{kak}|kakak|{bapak}|{ibu}|mas|{mbak}|kok|"
    r"lho|loh))|learn\s+to\s+read(?:\s+(?:first|properly))?(?=\W*$|\s*[.!,;])|"
    r"do\s+(?:what|as)\s+i\s+(?:said|say|told\s+you)|wait\s+your\s+turn(?=\W*$|\s*[.!,;]|"
    r"\s+like)|"
    r"(?:jangan|{tidak}\s+usah|gausah)\s+(?:lebay|alay|drama|baper)|lebay\s+(?:amat|banget|"
    r"bgt|deh|sih|lu|lo)|drama\s+(?:amat|banget|bgt)|(?:you'?re|you\s+are)\s+(?:just\s+|"
    r"clearly\s+|being\s+)*(?:overreacting|hysterical|dramatic|paranoid|unreasonable)|"
    r"(?:that'?s|such\s+is)\s+life(?=\W*$|\s*[.!,;])|c'?est\s+la\s+vie|(?:i|we)\s+(?:really\s+)?"
    r"(?:don'?t|do\s+not)\s+care(?=\W*$|\s*[.!,;]|\s+(?:if|whether|what\s+you|how\s+you|"
    r"about\s+(?:that|it|your)))|(?:{saya}|kami|admin)\s+(?:{tidak}|nggak)\s+(?:peduli|perduli|"
    r"mau\s+{tahu})(?=\W*$|\s*[.!,;]|\s+(?:sama|dengan|soal|urusan|{kalau}))|"
    r"(?:debt\s+)?collector\s+(?:kami\s+)?(?:akan\s+|bakal\s+)?(?:datang|datangi|ke|kami\s+"
    r"kirim\s+ke)\s+(?:ke\s+)?(?:rumah|kantor)|send\s+(?:a\s+|our\s+)?(?:debt\s+)?collectors?\s+"
    r"to\s+your|jangan\s+main-main\s+(?:sama|dengan|ama)\s+(?:kami|{saya})|(?:don'?t|do\s+not)\s+"
    r"mess\s+with\s+(?:us|me)"
)

# The customer's competence questioned, or told off for arguing (the rude entry): "Can you
# read?", "Do you even understand English?", "Bisa baca nggak kak?", "ngerti bahasa
# Indonesia nggak sih?", "Udah berapa kali saya bilang", "Next time, listen", "Lain kali
# dengerin", "It's literally one button", "Semudah itu masa nggak bisa", "That's a you
# problem", "I'm not your servant", "Kami bukan pembantu Bapak", "Stop arguing with me",
# "jangan ngeyel", "nggak usah banyak alasan", "Oh sure, because ...", "Thanks for yelling
# at me" (not "Can you read me the code on the card?", "Next time, just message us").
COMPETENCE = (
    r"(?:can|do)\s+you\s+(?:even\s+)?(?:read|understand\s+(?:english|me|plain\s+\w+))(?=\s*\?)|"
    r"(?:bisa|dapat)\s+baca\s+(?:{tidak}|apa\s+{tidak})(?![\w'])|(?:ngerti|paham|mengerti)\s+"
    r"bahasa\s+\w+\s+(?:{tidak}|apa\s+{tidak})(?![\w'])|{sudah}\s+berapa\s+kali\s+(?:{saya}|"
    r"kami|admin)\s+(?:bilang|bilangin|jelaskan|jelasin|sampaikan|kasih\s+{tahu})|"
    r"(?:lain\s+kali|next\s+time),?\s+(?:tolong\s+|please\s+|just\s+)?(?:dengerin|dengar|"
    r"dengarkan|listen|baca\s+dulu|read\s+(?:it\s+)?first|pay\s+attention|perhatikan)(?![\w'])|"
    r"literally\s+(?:one|a\s+single|two)\s+(?:button|click|tap|step)|(?:sesimpel|semudah|"
    r"segampang|sesederhana)\s+(?:itu|ini|gitu|gini)\s+(?:aja\s+|{saja}\s+)?(?:masa\s+)?"
    r"{tidak}\s+(?:bisa|ngerti|paham)|(?:that'?s|it'?s)\s+a\s+you\s+problem|(?:i'?m|we'?re|"
    r"i\s+am|we\s+are)\s+not\s+your\s+(?:servant|slave|maid|babysitter|personal\s+assistant)|"
    r"(?:kami|{saya}|admin|cs)\s+(?:ini\s+)?bukan\s+(?:pembantu|babu|budak|jongos)|"
    r"(?:stop|quit)\s+arguing|(?:jangan|{tidak}\s+usah|gausah)\s+(?:ngeyel|membantah|bantah|"
    r"banyak\s+(?:alasan|omong|cincong|bacot))|ngeyel\s+(?:amat|banget|bgt|terus|mulu)|"
    r"stop\s+making\s+excuses|(?:oh|yeah|ya)\s+sure,?\s+because|thanks\s+for\s+(?:yelling|"
    r"shouting|screaming|the\s+attitude)"
)

# Brushed off as a waste of time, past helping or arguing with (the dismissive entry):
# "What part of 'no refunds' don't you understand?", "You're wasting my time", "buang-buang
# waktu saya", "I don't have all day", "We're done here", "Percuma ngomong sama Bapak",
# "There's no point explaining it to you", "Tidak ada gunanya komplain", "Complaining won't
# change anything", "Good luck with that.", "Selamat mencoba di tempat lain", "I don't make
# the rules", "saya cuma kerja di sini", "You had one job", "jangan nyusahin kami" (not
# "Good luck with your exams", "We're done with the repair").
BRUSH_OFF = (
    r"what\s+part\s+of\s+[^.!?]{1,40}?\s+(?:don'?t|do\s+not)\s+you\s+(?:understand|get)|"
    r"(?:you'?re|you\s+are)\s+wasting\s+(?:my|our)\s+time|(?:stop|quit)\s+wasting\s+(?:my|our)\s+"
    r"time|buang-buang\s+waktu\s+(?:{saya}|kami|admin)|(?:i|we)\s+(?:don'?t|do\s+not)\s+have\s+"
    r"all\s+day|(?:{saya}|kami|admin)\s+{tidak}\s+punya\s+waktu\s+(?:seharian|sepanjang\s+hari|"
    r"buat\s+(?:ini|{kamu}|{kak}|kakak|{bapak}|{ibu}))|(?:we'?re|we\s+are|i'?m|i\s+am)\s+done\s+"
    r"here|this\s+conversation\s+is\s+over|percuma\s+(?:ngomong|bicara|jelasin|ngejelasin|"
    r"menjelaskan|ngomel|komplain)\s+(?:sama|dengan|ke|ama)|(?:there'?s|there\s+is)\s+no\s+point\s+"
    r"(?:in\s+)?(?:explaining|talking|arguing|complaining)|{tidak}\s+ada\s+gunanya\s+(?:{kak}\s+|"
    r"kakak\s+|{bapak}\s+|{ibu}\s+)?(?:komplain|protes|marah|ngomel|ngotot)|complaining\s+"
    r"(?:won'?t|will\s+not|doesn'?t|does\s+not)\s+(?:change|help|fix)|good\s+luck\s+with\s+that"
    r"(?=\W*$|\s*[.!,;])|selamat\s+mencoba\s+di\s+(?:tempat|toko)\s+lain|i\s+(?:don'?t|do\s+not)"
    r"\s+make\s+the\s+rules|(?:{saya}|aku)\s+(?:cuma|hanya|cuman)\s+(?:kerja|bekerja|karyawan)\s+"
    r"di\s+sini|i\s+just\s+work\s+here|you\s+had\s+one\s+job|(?:jangan|{tidak}\s+usah)\s+"
    r"(?:nyusahin|menyusahkan|ngerepotin|merepotkan)\s+(?:kami|{saya}|admin)"
)

# Said already, in more shapes (the blame entry): "Ini sudah ketiga kalinya Ibu nanya",
# "This is the third time you've asked", "saya sudah bilang dari awal", "Mbok ya dibaca
# dulu", "Kakak yang nggak teliti" (not "Bapak yang tidak menerima SMS, mohon ...").
SAID_BEFORE = (
    r"(?:ketiga|keempat|kelima|kesekian|kedua)\s+kali(?:nya)?\s+(?:(?:{kak}|kakak|{bapak}|{ibu}|"
    r"anda|{kamu}|mas|{mbak})\s+)?(?:nanya|tanya|bertanya|menanyakan|nanyain|komplain|chat)|"
    r"(?:third|fourth|fifth|nth|umpteenth)\s+time\s+(?:you'?ve|you\s+have)\s+(?:asked|"
    r"called|messaged)|{sudah}\s+(?:{saya}\s+)?bilang(?:in)?\s+dari\s+(?:awal|kemarin)|dari\s+"
    r"(?:awal|kemarin)\s+(?:juga\s+|kan\s+)?{sudah}\s+(?:{saya}|kami)\s+(?:bilang|jelaskan|"
    r"jelasin|sampaikan)|mbok\s+(?:ya\s+)?(?:di)?(?:baca|woco|waca)|(?:{bapak}|{ibu}|{kak}|"
    r"kakak|anda|{kamu}|mas|{mbak})\s+{yang}\s+(?:{tidak}|kurang)\s+(?:teliti|hati-hati|"
    r"cermat|jeli)"
)

BLAME_MORE += (
    "|"
    + SAID_BEFORE
    + "|"
    + WHO_TOLD_YOU
    + "|"
    + SAID_ALREADY
    + "|"
    + RHETORICAL_BLAME
    + "|"
    + READ_YOURSELF
)
DISMISSIVE_MORE += "|" + STOP_ASKING + "|" + GO_ELSEWHERE + "|" + BRUSH_OFF
RUDE_MORE += (
    "|" + THREATS + "|" + MOCK_DEFERENCE + "|" + BELITTLING + "|" + TALKING_DOWN + "|" + COMPETENCE
)

# --- Part-Q round (docs/tone-history.md): more classes of curt wording -------------------------
# Each class below was found in at least two curt agent turns of part Q's tuning share, in
# different words, or extends a part-P class to the shapes part Q showed; tested on new
# texts with near-misses in ``tests/tone/test_precision_part_q.py``.

# Told to take care next time, as blame (the blame entry): "Lain kali pinnya dicek dulu",
# "lain kali jangan ceroboh", "lain kali jangan asal klik", "Be more careful next time", "next
# time, read it before you order". Not "Lain kali jangan ragu menghubungi kami", "jangan
# lupa mampir lagi", "next time you visit, ask for Rina", "jangan asal klik link yang
# mengatasnamakan kami" (a safety tip, with no "lain kali"), nor (part-T round) the agent's
# own promise: "Lain kali kami cek dulu stoknya, maaf ya Kak".
CAREFUL_NEXT_TIME = (
    r"lain\s+kali\s+(?!(?:kami|saya|kita|aku|admin|gue|gw)\s)(?:[\w-]+\s+){0,3}?(?:(?:di)?(?:cek|"
    r"baca|periksa|teliti)\w*\s+(?:dulu|"
    r"lagi|yang\s+bener|yang\s+benar|baik-baik)|jangan\s+(?:asal|ceroboh|teledor|lalai|"
    r"sembarangan|sampai|lupa\s+(?:cek|baca|periksa)))|"
    r"(?:be|being)\s+more\s+careful(?:\s+next\s+time)?(?=\W*$|\s*[.!,;])|next\s+time,?\s+"
    r"(?:please\s+|just\s+|try\s+to\s+)?(?:read|check|double-check|look)\s+(?:it\s+|the\s+\w+\s+)?"
    r"(?:first|before\s+you|properly|carefully)"
)

# Others manage, so it is the customer's fault (the blame entry): "semua tamu lain bisa
# connect kok", "pelanggan lain nggak ada yang komplain kok", "Everyone else manages just
# fine", "nobody else has this problem", "You're not our only guest tonight" (not "semua
# pelanggan lain juga mendapat diskon ini", "other guests have reported it too").
OTHERS_MANAGE = (
    r"(?:semua|yang)\s+(?:tamu|pelanggan|customer|user|pengguna|orang|pasien|member|peserta)\s+"
    r"lain\s+(?:[\w-]+\s+){0,3}?kok|(?:tamu|pelanggan|customer|user|pengguna|orang)\s+lain\s+"
    r"(?:{tidak}\s+ada\s+yang|gak\s+ada\s+yang|nggak\s+ada\s+yang)\s+(?:komplain|protes|"
    r"masalah|bermasalah|ngeluh)|everyone\s+else\s+(?:manages|managed|can|could|seems\s+to)\s+"
    r"(?:[\w']+\s+){0,3}?(?:fine|just\s+fine|ok(?:ay)?)|(?:nobody|no\s+one)\s+else\s+"
    r"(?:has|had|seems\s+to\s+have)\s+(?:this|that|a|any)\s+(?:problem|issue|trouble)|"
    r"(?:you'?re|you\s+are)\s+not\s+(?:our|the)\s+only\s+(?:guest|customer|client|patient|"
    r"caller|passenger|member)|like\s+a\s+normal\s+(?:person|human|people|adult)"
)

# Your choice, your problem (the dismissive entry): "Your choice.", "That's your problem",
# "itu pilihan Kakak.", "itu urusan Bapak sendiri", "Ya udah kalau emang gak mau hemat"
# (not "It's your choice which plan suits you", "Pilihan ada di Kakak, dua-duanya bagus").
YOUR_CHOICE = (
    r"(?:(?:that'?s|it'?s|that\s+is|it\s+is)\s+|(?<!\w\s)(?<!\w\s\s))your\s+(?:choice|call|"
    r"problem|funeral|loss)(?=\s*[.!]|\W*$)|(?:that'?s|that\s+is)\s+(?:not\s+)?(?:my|our)\s+problem"
    r"(?=\s*[.!]|\W*$)|itu\s+(?:pilihan|urusan|masalah|resiko|risiko)\s+" + _YOU + r"(?:\s+"
    r"sendiri)?(?=\s*[.!]|\W*$)|(?:ya\s*)?(?:udah|sudah|udh)\s+(?:kalau|kalo|klo)\s+(?:emang|"
    r"memang)\s+(?:{tidak}|gak|nggak|ga)\s+mau"
)

# Exasperation at the customer (the rude entry): "Ih ribet amat", "duh bawel banget sih",
# "I haven't got all day", "I don't have time for this" (not "ribet ya prosesnya, mohon
# maaf", the agent siding with the customer).
EXASPERATION = (
    r"^\W*(?:ih|idih|ish|duh|aduh|hadeh|haduh|yaelah|ya\s+ampun)\W+(?:[\w-]+\s+){0,2}?(?:ribet|"
    r"repot|rewel|bawel|cerewet|lebay|rempong)\s+(?:amat|banget|bgt|bener|bet|sih)|"
    r"(?:bawel|rewel|cerewet)\s+(?:amat|banget|bgt|bener)\s+sih|(?:i|we)\s+(?:haven'?t|have\s+"
    r"not)\s+got\s+all\s+day|(?:i|we)\s+(?:don'?t|do\s+not)\s+have\s+time\s+for\s+(?:this|"
    r"you)(?=\W*$|\s*[.!,;])"
)

# Told not to ask before reading (part-P classes in part Q's shapes): "Dibaca dulu
# pelan-pelan, jangan langsung tanya", "That's on you", "Not reading it is on you".
READ_SLOWLY = (
    r"(?<!mohon\s)(?<!silakan\s)(?<!silahkan\s)(?<!bisa\s)(?:di)?baca\s+(?:dulu\s+|lagi\s+)?"
    r"(?:pelan-pelan|pelan2)|"
    r"jangan\s+langsung\s+(?:tanya|nanya|chat|komplain|protes)|(?:is|that'?s|it'?s|that\s+is)"
    r"\s+on\s+you(?=\W*$|\s*[.!,;])"
)

BLAME_MORE += "|" + CAREFUL_NEXT_TIME + "|" + OTHERS_MANAGE + "|" + READ_SLOWLY
DISMISSIVE_MORE += "|" + YOUR_CHOICE
RUDE_MORE += "|" + EXASPERATION
