"""Curt wordings added in the part-O round (docs/tone-history.md): the customer told to look it up,
told it was said already, belittled, or threatened. Each string is one more alternation of
a curt entry of ``lexicon.ENTRIES`` (``{word}`` spellings as there), kept here so that the
lexicon stays readable; every pattern was checked against ordinary text (SmSA, EmoT,
NusaX, Stack Exchange requests, service turns) before it was added.
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

# --- Part-R round (docs/tone-history.md): more classes of curt wording --------------------------
# Each class below came from a curt agent turn of part R's tuning share, written for the
# shape of the act (sarcasm about the agent's time, indifference, lowered expectations,
# laughing off a complaint, doubting the customer can read, grudging leave) rather than the
# turn's words; measured on curt turns written before the rules and tested with near-misses
# in ``tests/tone/test_precision_part_r.py``.

# Sarcasm about the agent's time (the rude entry): "Sure, because we clearly have nothing
# better to do than ...", "As if we had nothing else to do", "kayak kami nggak ada kerjaan
# lain", "emangnya saya nggak punya kerjaan lain?" (not "Sure, because of the holiday the
# parcel is late", "kami tidak ada kerjaan lain hari ini selain pesanan Kakak" is news).
SARCASM = (
    r"^\W*(?:oh\s+|yeah\s+|well\s+)?(?:sure|right|great|of\s+course|totally|yeah),?\s+because\s+"
    r"(?:we|i)(?:'re|'ve|\s+are|\s+have|\s+clearly|\s+obviously|\s+totally)|(?:we|i)\s+(?:clearly|"
    r"obviously|totally)\s+(?:have|'ve\s+got|got)\s+nothing\s+better\s+to\s+do|as\s+if\s+(?:we|i)\s+"
    r"(?:have|had|'ve\s+got|got)\s+nothing\s+(?:else|better)|(?:kayak|kaya|seolah|seakan|emang(?:nya)?|"
    r"memang(?:nya)?)\s+(?:kami|{saya}|admin|aku)\s+(?:{tidak}|gak|nggak|ga)\s+(?:ada|punya)\s+"
    r"(?:kerjaan|pekerjaan|urusan)\s+lain"
)

# Indifference (the dismissive entry): "that's not really my concern", "not exactly our
# problem", "If you don't like the decision, that's ...", "kalau nggak suka ya terserah"
# (not "that's not a concern, the card is safe").
_NOT_OURS_END = r"(?=\s*[.!,;]|\W*$|\s+(?:once|after|anymore|any\s+more|now|then)\b)"
INDIFFERENCE = (
    r"(?:that'?s|that\s+is|it'?s|it\s+is)\s+not\s+(?:really\s+|exactly\s+|actually\s+)(?:my|our)\s+"
    r"(?:concern|problem|issue|business)" + _NOT_OURS_END + r"|(?:not|none\s+of)\s+(?:really\s+)?"
    r"(?:my|our)\s+concern" + _NOT_OURS_END + r"|(?:that'?s|that\s+is|it'?s|it\s+is)\s+not\s+"
    r"(?:something|anything)\s+(?:i|we)\s+(?:care|worry)\s+about|if\s+you\s+(?:don'?t|do\s+not)\s+"
    r"like\s+(?:it|that|(?:the|our|this|these)(?:\s+\w+){1,3}),?\s+(?:that'?s\s+(?:not\s+(?:really\s+)?"
    r"(?:my|our)|your|on\s+you|too\s+bad)|too\s+bad|tough)|{kalau}\s+{tidak}\s+suka,?\s+(?:ya\s+)?"
    r"(?:terserah|itu\s+urusan)"
)

# Lowered expectations, the customer's complaint put down to the price (the rude entry):
# "What did you expect for that price?", "You get what you pay for", "ya wajar kualitasnya
# segitu", "Mau berharap kayak blender jutaan ya nggak bisa", "jangan berharap lebih" (not
# "Harganya lebih murah karena barang promo, garansinya tetap", "What do you expect to
# receive?").
EXPECTATIONS = (
    r"what\s+(?:else\s+)?did\s+you\s+expect(?=\s+for\b|\s+at\s+th(?:at|is)\s+price|\W*$|\s*[?.!,])|"
    r"you\s+get\s+what\s+you\s+pay\s+for|wajar\s+(?:aja\s+|{saja}\s+|dong\s+)?(?:kualitas|mutu|"
    r"hasil|harga)\w*\s+(?:cuma\s+)?(?:segitu|segini|gitu|begitu)|(?:mau|jangan)\s+berharap\s+"
    r"(?:kayak|seperti|sama\s+kayak|lebih|terlalu\s+banyak|banyak)"
)

# A complaint laughed off (the rude entry): laughter opening the reply with a put-down,
# "Wkwk kak, itu kan promo", "Haha santai aja", "lol it's just a parcel" (not "Haha iya
# kak, semoga cepat sampai", "Hehe makasih kak", "hahaha niatnya titip bawang doang", a
# story: a bare "cuma / doang" after the laughter is no put-down).
LAUGHED_OFF = (
    r"^\W*(?:w?k(?:wk)+\w*|ha(?:ha)+h?|lol|lmao)\W+(?:[\w-]+\W+){0,3}?(?:itu\s+kan|kan\s+cuma|"
    r"santai\s+(?:aja|{saja}|dong)|wajar|it'?s\s+(?:just|only)|calm\s+down|relax)"
)

# The customer's reading or understanding doubted (the rude entry): "Kalau memang kesulitan
# membaca tulisan di belakang hp sendiri", "If reading the label is too hard", "biar tidak
# merepotkan semua pihak" (not "Kalau tidak bisa membaca QR, ketik nomornya", "biar tidak
# merepotkan Kakak").
CANNOT_READ = (
    r"(?:{kalau}|jika|apabila)\s+(?:memang|emang)\s+(?:kesulitan|susah|{tidak}\s+(?:bisa|mampu))\s+"
    r"(?:mem|nge|me)?(?:baca|mengerti|ngerti|paham|memahami)|(?:reading|to\s+read|understanding)\s+"
    r"[^.!?]{0,30}?(?:is|seems)\s+(?:too|that|so)\s+(?:hard|difficult)|biar\s+{tidak}\s+(?:merepotkan|"
    r"ngerepotin|nyusahin|menyusahkan)\s+(?:semua\s+(?:pihak|orang)|kami|orang\s+lain|{saya}|admin)"
)

# Leave granted grudgingly (the dismissive entry): "Ya sudah kalau Bapak maunya begitu",
# "udahlah kalo maunya gitu" (not "Baik Kak, kalau Kakak maunya dikirim ulang, saya proses").
GRUDGING = (
    r"(?:ya\s*)?(?:udah|sudah|udh)(?:lah)?,?\s+(?:{kalau}|kalo|klo)\s+(?:" + _YOU + r"\s+)?"
    r"(?:maunya|mau\s*nya|memang\s+maunya|emang\s+maunya)\s+(?:begitu|gitu|begini|gini)"
)

DISMISSIVE_MORE += "|" + INDIFFERENCE + "|" + GRUDGING
RUDE_MORE += "|" + SARCASM + "|" + EXPECTATIONS + "|" + LAUGHED_OFF + "|" + CANNOT_READ

# --- Part-S round (docs/tone-history.md): more classes of curt wording --------------------------
# From the curt agent turns of part S's tuning share, each written for the shape of the act
# (refusing the matter as not one's own, talking down to the customer's understanding,
# counting the customer's repetitions in mock courtesy, scolding for not reading first, a
# sigh of exasperation opening the reply) and tested with near-misses in
# ``tests/tone/test_precision_part_s.py``.

# Not my job (the dismissive entry): "Not my department.", "That's not my job", "I don't
# deal with that", "bukan bagian saya", "bukan tugas saya", "saya nggak ngurusin itu"; the
# refusal ends there (not "Not my department, but I'll transfer you now", "Billing isn't
# handled by our team; I've forwarded it", "bukan bagian saya, tapi saya bantu teruskan").
_ENDS_THERE = (
    r"(?=\s*[.!;]|\W*$|,(?!\s*(?:but|tapi|namun|however|though|let\s+me|let\s+us|i'?ll|i\s+will|"
    r"i\s+can|we\s+can|we'?ll|{saya}|kami|akan|nanti|biar|izin|mohon|please|silakan)))"
)
# An apology just before it hands the matter over ("Sorry, that's not my department, let me
# transfer you", "Mohon maaf, itu bukan wewenang saya."); a match starts at the phrase.
_NOT_SORRY = r"(?<!sorry\s)(?<!sorry,\s)(?<!maaf\s)(?<!maaf,\s)"
_NOT_MID = r"(?<!that's\s)(?<!it's\s)(?<!that\sis\s)(?<!it\sis\s)(?<!itu\s)"
_ADDRESSED = r"(?:,?\s+(?:" + _YOU[3:-1] + r"|sir|madam|ma'?am))?"
NOT_MY_JOB = (
    _NOT_SORRY
    + r"(?:(?:that'?s|that\s+is|it'?s|it\s+is)\s+|"
    + _NOT_MID
    + r")not\s+(?:my|our)\s+(?:department|job|area|responsibility|division|team)"
    + _ADDRESSED
    + _ENDS_THERE
    + r"|(?:i|we)\s+(?:don'?t|do\s+not)\s+(?:deal\s+with|handle|do)\s+(?:that|this|those|it|"
    r"billing|refunds|invoices)"
    + _ADDRESSED
    + _ENDS_THERE
    + r"|"
    + _NOT_SORRY
    + r"(?:itu\s+|"
    + _NOT_MID
    + r")bukan\s+(?:bagian|tugas|kerjaan|wewenang|jobdesk|divisi)\s+(?:{saya}|aku|kami|admin)"
    + _ADDRESSED
    + _ENDS_THERE
    + r"|(?:{saya}|aku|kami|admin)\s+(?:{tidak}|gak|nggak|ga)\s+(?:ngurusin|ngurus|mengurus|urus|"
    r"ngurusi)\s+(?:itu|gituan|begituan|yang\s+(?:gitu|begitu|itu))" + _ADDRESSED + _ENDS_THERE
)

# Talking down to the customer's understanding (the rude entry, beside the belittling
# above): "saya jelasin pelan-pelan ya biar ngerti", "Let me explain this slowly", "I'll
# spell it out for you", "masa gitu aja bingung", "gitu aja kok bingung", "How can you not
# see it?" (not "Saya jelaskan langkahnya ya Kak biar lebih jelas", "It's not hard, I'll
# walk you through it", "Masa gitu bisa kak? saya cek dulu", the agent's own surprise).
TALKING_SLOWLY = (
    r"(?:jelas(?:in|kan)|terang(?:in|kan)|ulang(?:in|i)?)\s+(?:lagi\s+)?(?:pelan-pelan|"
    r"pelan2|pelan)\s+(?:(?:ya|aja|{saja})\s+)?(?:biar|supaya|agar)\s+(?:{kamu}\s+|{kak}\s+|"
    r"kakak\s+|anda\s+)?(?:ngerti|mengerti|paham|mudeng|nyambung|nangkep)|"
    r"(?:explain|say|repeat|go\s+over)\s+(?:this|it|that)\s+(?:(?:again|one\s+more\s+time)\s+)?"
    r"(?:very\s+|really\s+|nice\s+and\s+)?slowly|spell\s+it\s+out\s+for\s+you|"
    r"masa\s+(?:cuma\s+)?(?:gitu|gini|begitu|begini|segitu)\s+(?:aja|{saja}|doang)\s+bingung|"
    r"(?:gitu|gini|begitu|begini)\s+(?:aja|{saja}|doang)\s+kok\s+(?:bingung|{tidak}\s+(?:bisa|"
    r"ngerti|paham))|how\s+(?:can|could)\s+you\s+(?:still\s+)?not\s+(?:see|find|understand|get)\s+"
    r"(?:it|this|that)"
)

# The customer's repetitions counted, sarcastically or not (the blame entry): "it's been a
# real pleasure explaining this four times", "I've now explained it five times", "saya
# udah jelasin ini empat kali" (not "Sorry you had to explain this three times", "You've
# explained it twice, I'm so sorry", "we tried calling three times"): the agent explaining.
_TIMES = (
    r"(?:twice|(?:two|three|four|five|six|seven|several|multiple|many|a\s+few|[2-9]|ten|"
    r"a\s+dozen|a\s+hundred)\s+times)"
)
REPEATS_COUNTED = (
    r"(?:(?:i'?ve|i\s+have|we'?ve|we\s+have|i'?m|i\s+am|i\s+keep|i\s+kept)\s+(?:already\s+|"
    r"now\s+|been\s+)?|(?:pleasure|joy|fun|delight|privilege)\s+)(?:explain(?:ed|ing)?|"
    r"repeat(?:ed|ing)?|sa(?:id|ying)|tell(?:ing)?\s+you|told\s+you|answer(?:ed|ing)?|"
    r"go(?:ne|ing)?\s+over)\s+(?:this|that|it|the\s+same\s+thing)\s+(?:(?:already|now|again)\s+)?"
    + _TIMES
    + r"|(?:{saya}|aku|admin|kami)\s+(?:{sudah}\s+|udah\s+)?(?:jelasin|jelaskan|"
    r"ngejelasin|bilang|ulang|ulangi|ngulang)\s+(?:ini|itu|hal\s+yang\s+sama)\s+(?:sampai\s+|"
    r"sampe\s+)?(?:" + _COUNT + r")|would\s+have\s+been\s+(?:obvious|clear)\s+(?:from|if|had)|"
    r"(?:if\s+you(?:'d|\s+had)?|had\s+you)\s+(?:even\s+)?bothered\s+to"
)

# Scolded for not reading first (the blame entry): "Dibaca dulu dong kak sebelum
# checkout", "baca dulu deskripsinya sebelum order", "udah ditulis jelas di deskripsi",
# "Read the description before ordering" (not "Mohon dibaca dulu panduannya ya Kak",
# "Read the instructions before using it", "Nomor resi sudah tertulis di email").
READ_FIRST = (
    r"(?<!mohon\s)(?<!silakan\s)(?<!silahkan\s)(?<!bisa\s)(?<!boleh\s)(?:di)?baca\s+dulu\s+"
    r"(?:(?:[\w-]+\s+){0,2}?dong|(?:[\w-]+\s+){0,2}?sebelum\s+(?:checkout|co|beli|membeli|"
    r"order|pesan|memesan|tanya|nanya|bertanya|komplain|protes|chat))|(?:{sudah}|udah|kan)\s+"
    r"(?:(?:di)?tulis|tertulis|dijelasin|dijelaskan|dicantumkan|tercantum)\s+(?:dengan\s+)?"
    r"(?:jelas|jelas-jelas|gede|besar)|(?<!please\s)(?<!kindly\s)read\s+(?:the\s+[\w-]+|it|"
    r"descriptions?)\s+(?:first\s+)?before\s+(?:you\s+)?(?:order|buy|check\s*out|ask|"
    r"complain|contact|messag|book)\w*"
)

# A sigh of exasperation opening the reply (the rude entry): "Hadeh kak, ...", "Yaelah",
# "*sigh*", "smh" (not "Aduh, maaf banget kak", "Hadeh, maaf ya kak, kurirnya salah antar",
# "Hadeh, kurirnya emang gitu kak, saya bantu komplain ya": an apology or help after the
# sigh sides with the customer; nor "Ugh", which commiserates as often: "Ugh, I hate when
# that happens").
SIGH = (
    r"^\W*(?:hadeh+|hade+h|hadeuh+|yaelah+|ya\s+elah|sigh|smh)(?=\W)(?![^.!?\n]{0,60}?"
    r"(?:maaf|sorry|apolog|mohon|bantu|help|let\s+me|i'?ll|kami\s+(?:cek|proses|ganti)))"
)

DISMISSIVE_MORE += "|" + NOT_MY_JOB
RUDE_MORE += "|" + TALKING_SLOWLY + "|" + SIGH
BLAME_MORE += "|" + REPEATS_COUNTED + "|" + READ_FIRST

# --- Part-T round (docs/tone-history.md): more classes of curt wording --------------------------
# From the curt agent turns of part T's tuning share, each written for the shape of the act
# and tested with near-misses in ``tests/tone/test_precision_part_t.py``.

# Answered already, from the start (the blame entry): "itu sudah saya jawab dari tadi",
# "udah dijelasin dari awal kak", "I've already answered that." (not "Sudah saya jawab
# lewat email ya Kak", "I've already answered that email for you").
ANSWERED_ALREADY = (
    r"(?:{sudah}|udah)\s+(?:{saya}\s+|aku\s+|admin\s+|kami\s+)?(?:di)?(?:jawab|jelasin|"
    r"jelaskan|bilang(?:in)?|sampaikan)\s+(?:[\w-]+\s+)?(?:dari\s+(?:tadi|awal)|sejak\s+(?:tadi|"
    r"awal))|(?:i'?ve|i\s+have|i)\s+already\s+(?:answered|explained|told\s+you)\s+(?:that|this)"
    r"(?:\s+(?:question|already|earlier|before|above))?(?=\s*[.!]|\W*$)"
)

# Read it first, then ask (the blame entry, beside part S's ``READ_FIRST``): "Dibaca dulu
# chatnya baru tanya", "baca dulu baru nanya kak" (not "Mohon dibaca dulu ya Kak, baru
# nanti tanya kalau masih bingung").
READ_THEN_ASK = (
    r"(?<!mohon\s)(?<!silakan\s)(?<!silahkan\s)(?<!bisa\s)(?<!boleh\s)(?:di)?baca\s+dulu\s+"
    r"(?:[\w-]+\s+){0,2}?baru\s+(?:tanya|nanya|bertanya|komplain|protes|chat)"
)

# The customer's own mistake held up for next time (the blame entry): "maybe check the
# dates before you hit Pay next time", "lain kali dicek dulu dong kak" (not "Please
# double-check the address before you order; next time it will save a step").
NEXT_TIME = (
    r"(?:maybe|perhaps|just|you\s+should|you\s+might\s+want\s+to)\s+(?:check|read|look\s+at)\s+"
    r"(?:the\s+[\w-]+|it|things|your\s+[\w-]+)\s+(?:first\s+)?before\s+you\s+[^.!?;,]{0,30}?"
    r"next\s+time|lain\s+kali\s+(?:di)?(?:cek|baca|"
    r"periksa)\s+dulu\s+dong"
)

# Sarcasm at the customer's choice (the rude entry): "Not sure why you signed up in the
# first place then", "no idea why you even bought it in the first place" (not "Can I ask
# why you signed up in the first place?").
WHY_EVEN = (
    r"(?:not\s+sure|no\s+idea|i\s+wonder)\s+why\s+you\s+(?:even\s+)?(?:signed\s+up|bought|"
    r"joined|ordered|booked|subscribed|came)\s+(?:[\w-]+\s+){0,3}?in\s+the\s+first\s+place"
)

# The customer called difficult (the rude entry): "Ibu ini ribet banget sih", "kakak
# rewel banget sih", "you're being so difficult." (not "Prosesnya ribet banget ya Bu,
# maaf", "I know you're in a difficult spot").
CALLED_DIFFICULT = (
    _YOU + r"\s+ini\s+(?:ribet|rewel|bawel|nyusahin|repot)|" + _YOU + r"\s+(?:ribet|rewel|"
    r"bawel|nyusahin)\s+(?:banget|amat|sekali)\s+(?:sih|deh)|(?:you'?re|you\s+are)\s+(?:being\s+)?"
    r"(?:so\s+|very\s+|really\s+)?(?:difficult|demanding|impossible)(?=\s*[.!]|\W*$)"
)

# Asking again is useless (the dismissive entry): "Calling every day isn't going to make it
# faster", "chat terus juga nggak bikin cepat kak" (not "Calling again won't change it, but
# I'll push the team today").
ASKING_USELESS = (
    r"(?:calling|asking|messaging|chatting|complaining|emailing)\s+(?:us\s+)?(?:every\s+day|"
    r"again|repeatedly|over\s+and\s+over|more|all\s+the\s+time)\s+(?:isn'?t|won'?t|is\s+not|"
    r"will\s+not)\s+(?:going\s+to\s+)?(?:make|help|change|speed)(?![^.!?]{0,60}\b(?:but|"
    r"however|i'?ll|we'?ll)\b)|(?:nelpon|telepon|chat|tanya|nanya|komplain|spam)\s+terus\s+"
    r"(?:juga\s+)?(?:{tidak}|gak|nggak|ga)\s+(?:bikin|akan|bakal|membuat)\s+(?:lebih\s+)?"
    r"(?:cepat|cepet)(?![^.!?]{0,60}(?:tapi|namun|saya\s+bantu))"
)

DISMISSIVE_MORE += "|" + ASKING_USELESS
RUDE_MORE += "|" + WHY_EVEN + "|" + CALLED_DIFFICULT
BLAME_MORE += "|" + ANSWERED_ALREADY + "|" + READ_THEN_ASK + "|" + NEXT_TIME

# --- Recall round on unseen wording (tonefind17): classes from public accounts of rude ---------
# customer-service replies and from the labelling definitions, each written for the shape of
# the act, with near-misses, in ``tests/tone/test_recall_curt_u.py``. Sources: "It's our
# policy", "There's nothing I can do", "I'm sorry, but you've made a mistake" (The Globe and
# Mail, "Don't say this to an irate customer, either"; Inc., "5 worst things to say to a
# customer"); "There's no need to shout/get upset" (biznewsarticles.com, "Call center
# etiquette"); "Pinter dikit kak", "habis-habisan di pengadilan yuk, tunggu surat kita"
# (a seller's replies, SuaraJogja 28 Oct 2020); "Kan kakak yang order, bukan saya"
# (a driver's reply, HiTekno 26 Nov 2019).

# Stonewalling (the dismissive entry): "There's nothing I can do.", "Nothing I can do about
# it.", "Sudah kebijakan, tidak bisa diganggu gugat", "Ya memang begitu prosedurnya, mau
# gimana lagi", "Itu di luar tanggung jawab kami." as the whole reply (not "I'm sorry,
# there's nothing more I can do", "There's nothing I can do from here, but I'll escalate
# it", "Keputusan juri tidak dapat diganggu gugat" in a contest notice, "Mau gimana lagi
# kak, mohon maaf ya": the refusal ends there, with no apology just before it).
# (Never as a question: "So there is nothing I can do?" asks.)
_NOTHING = (
    r"nothing\s+(?:more\s+|else\s+)?(?:i|we)\s+can\s+do(?:\s+(?:about\s+(?:it|that|this)|"
    r"here|for\s+you))?(?![^.!\n]*\?)"
)
_RULE = r"(?:prosedur|aturan|sistem|kebijakan|sop|ketentuan)\w*"
STONEWALL = (
    r"(?<!sorry\s)(?<!sorry,\s)(?<!afraid\s)(?<!unfortunately\s)(?<!unfortunately,\s)"
    r"(?<!but\s)(?:there'?s|there\s+is)\s+"
    + _NOTHING
    + _ENDS_THERE
    + r"|^\W*"
    + _NOTHING
    + _ENDS_THERE
    + r"|(?:{sudah}\s+(?:jadi\s+)?|memang\s+|emang\s+)(?:kebijakan|aturan|prosedur|sop|"
    r"ketentuan)(?:nya|\s+kami|\s+perusahaan|\s+toko)?\s*,?\s+(?:{tidak}|gak|nggak|ga)\s+"
    r"(?:bisa|dapat)\s+(?:diganggu\s+gugat|ditawar(?:-tawar)?)|"
    r"(?:(?:emang|memang)\s+(?:{sudah}\s+|udah\s+)?(?:gitu|begitu)\s+"
    + _RULE
    + r"|"
    + _RULE
    + r"\s+(?:emang|memang)\s+(?:{sudah}\s+|udah\s+)?(?:gitu|begitu))"
    + _ADDRESSED
    + r",?\s+(?:ya\s+)?(?:mau\s+)?(?:gimana|bagaimana|gmn)\s+lagi|"
    r"^\W*(?:ya\s+|mau\s+)(?:gimana|gmn|bagaimana)\s+lagi\W+(?:[\w-]+\W+)?(?:emang|memang)\s+"
    r"(?:{sudah}\s+|udah\s+)?(?:gitu|begitu)(?=\W*$|\s*[.!,])|"
    r"^\W*(?:itu|ini|hal\s+itu|masalah\s+itu)\s+(?:sih\s+|mah\s+)?di\s+luar\s+tanggung\s+"
    r"jawab\s+(?:kami|{saya})" + _ADDRESSED + r"(?=\W*$)"
)

# Calming the customer down in scorn (the dismissive entry): "There's no need to get upset",
# "no need to shout", "Nggak usah emosi gitu dong", "jangan marah-marah gitu" (not "No need
# to apologise", "Jangan khawatir Bu", "jangan marah ya kak, kami bantu cek": a plea).
NO_NEED_UPSET = (
    r"(?:there'?s\s+|there\s+is\s+)?no\s+need\s+to\s+(?:get\s+(?:so\s+)?(?:upset|angry|worked\s+up|"
    r"emotional|personal|nasty)|shout|yell|be\s+(?:so\s+)?rude|raise\s+your\s+voice)|"
    r"(?:{tidak}\s+usah|gausah|jangan)\s+(?:emosi|marah(?:-marah)?|baper|ngamuk|esmosi)\s+"
    r"(?:(?:gitu|begitu)\s+)?(?:dong|donk|napa|deh)(?![\w'])|(?:{tidak}\s+usah|gausah|jangan)\s+"
    r"(?:emosi|marah(?:-marah)?|baper|ngamuk|esmosi)\s+(?:gitu|begitu)(?=\W*$|\s*[.!,]|\s+"
    r"(?:dong|donk|deh|{kak}|kakak|{bapak}|{ibu}|mas|{mbak}))"
)

# Indifference said outright (the dismissive entry, beside part R's): "that's not something I
# can care about", "Sorry not sorry".
NOT_CARING = (
    r"not\s+(?:something|anything)\s+(?:i|we)\s+(?:can|could|really)\s+(?:care|worry)\s+about|"
    r"sorry\s+not\s+sorry|"
    # ... and "go elsewhere" with a particle between ("Silakan saja cari toko lain kalau
    # tidak puas"; the lexicon's entry has "silakan cari toko lain").
    r"(?:silakan|silahkan|monggo)\s+(?:aja|{saja}|deh|atuh)\s+(?:cari|pakai|pake|pindah\s+ke|ke|"
    r"beli\s+di|belanja\s+di)\s+(?:toko|tempat|provider|bank|layanan|penjual|seller|"
    r"operator|apotek|yang)\s+lain"
)

# Blame laid on the customer outright (the blame entry): "You made the mistake here, not
# us", "That's on you for not reading the terms", "Salah kakak sendiri", "Itu kan kesalahan
# kakak sendiri", "Kan kakak yang order, bukan saya", "Dengan segala hormat, Bapak yang tidak
# paham prosedurnya.", Javanese "salahe sampeyan dhewe" (not "If you made a mistake in the
# address, we can fix it", "Itu bukan kesalahan Kakak kok", "Untuk Kakak yang belum paham,
# berikut langkahnya", "Apakah Bapak yang belum menerima?").
OWN_MISTAKE = (
    r"(?<!if\s)(?<!when\s)(?<!maybe\s)you\s+made\s+(?:a|the|this)\s+mistake(?:\s+here)?"
    r"(?=,?\s+not\s+(?:us|me|we|our)|\W*$|\s*[.!])|"
    r"(?:that'?s|that\s+is|it'?s|it\s+is|this\s+is)\s+on\s+you(?=\s+for\b|\W*$|\s*[.!])|"
    r"(?:it\s+was|it'?s|it\s+is|that'?s|that\s+was)\s+your\s+(?:own\s+)?(?:mistake|error),?\s+"
    r"not\s+(?:ours|mine)|"
    r"(?<!bukan\s)(?:kesalahan|salah)\s+(?:" + _YOU[3:-1] + r")\s+sendiri|"
    r"kan\s+(?:" + _YOU[3:-1] + r")\s+{yang}\s+[\w-]+(?:\s+[\w-]+)?,?\s+bukan\s+(?:{saya}|kami|"
    r"admin|kita|aku)(?![\w'])|"
    r"(?<!untuk\s)(?<!bagi\s)(?<!buat\s)(?<!kalau\s)(?<!jika\s)(?<!yang\s)(?<!apakah\s)"
    + _YOU
    + r"\s+{yang}\s+(?:{tidak}|kurang|belum)\s+(?:paham|ngerti|mengerti|baca|membaca|teliti|"
    r"cermat|nyimak|menyimak)(?:\s+[\w-]+){0,2}(?=\s*[.!]|\W*$)|"
    r"salah(?:e|ne)?\s+(?:sampeyan|panjenengan|kowe|awakmu|njenengan)\s+(?:dhewe|dewe|"
    r"piyambak)|lepat\s+(?:anjeun|salira)\s+(?:nyalira|sorangan)"
)

# Impatience at a repeated question (the blame entry): "Berapa kali sih harus saya bilang",
# "dari tadi itu-itu terus yang ditanya", "I literally just answered that", "Again? I just
# told you" (not "Berapa kali kakak sudah coba login?", "How many times did it fail?").
IMPATIENCE = (
    r"berapa\s+kali\s+(?:sih\s+|lagi\s+)?(?:harus\s+|mesti\s+|musti\s+)?(?:{saya}|aku|admin|kami)"
    r"\s+(?:harus\s+|mesti\s+|musti\s+)?(?:bilang|jelasin|jelaskan|ulang|ulangi|kasih\s+{tahu}|"
    r"sampaikan|jawab)|(?:itu-itu|itu2|itu\s+itu)\s+(?:terus|mulu|melulu|lagi)\s+(?:{yang}\s+)?"
    r"(?:di)?(?:tanya|tanyain|tanyakan|bahas|omongin)|i\s+literally\s+just\s+(?:answered|"
    r"explained|told\s+you|said)|^\W*again\s*\?+\s+i\s+(?:just\s+|already\s+)?(?:answered|"
    r"explained|told\s+you|said)"
)

# Threats over the customer's manner (the rude entry, beside part P's debt collector's):
# "Kalau masih ngeyel, akun kakak kami suspend", "Kami bisa tempuh jalur hukum kalau Bapak
# terus begini", "ketemu di pengadilan", "kami somasi Bapak", "Keep this up and I'll have
# your account closed" (not "Akun yang melanggar S&K akan disuspend", "Penipu itu sudah kami
# laporkan ke polisi", "Keep it up and you'll reach Gold").
_MANNER = (
    r"(?:ngeyel|nyolot|ngegas|kasar|rewel|bawel|marah-marah|ngamuk|neror|ngancam|mengancam|"
    r"maksa|memaksa|spam\w*|nyebar\w*|menyebar\w*|sebar\w*|fitnah\w*|memfitnah)"
)
# ("tutup" only with the chat: "Kalau masih error, tutup aplikasinya" is a step.)
_PUNISH_ID = (
    r"(?:suspend|blokir|block|banned|ban|(?:chat|percakapan)\w*\s+(?:{saya}\s+|kami\s+)?(?:tutup|"
    r"akhiri|close)|nonaktifkan|nonaktif|somasi|polisikan|"
    r"laporkan|tuntut|gugat|(?:tempuh|bawa\s+ke|lanjut(?:kan)?\s+ke)\s+jalur\s+hukum)"
)
THREAT_MANNER = (
    r"{kalau}\s+(?:(?:"
    + _YOU[3:-1]
    + r")\s+)?(?:masih\s+|terus\s+|tetap\s+|tetep\s+)"
    + _MANNER
    + r"[^.!?]{0,40}?"
    + _PUNISH_ID
    + r"(?![\w'])|"
    r"(?:tempuh|bawa\s+ke|lanjut(?:kan)?\s+ke)\s+(?:ranah\s+|jalur\s+)hukum[^.!?]{0,30}?{kalau}\s+"
    r"(?:(?:" + _YOU[3:-1] + r")\s+)?(?:masih|terus|tetap|tetep)|"
    r"(?:ketemu|bertemu|habis-habisan|habis2an|sampai\s+jumpa)\s+di\s+pengadilan|"
    r"(?:kami|kita|{saya})\s+(?:akan\s+|bakal\s+|langsung\s+)?(?:somasi|polisikan|tuntut|gugat)\s+"
    + _YOU
    + r"|keep\s+(?:this|that)\s+up\s*,?\s+and\s+(?:i|we)(?:'ll|\s+will)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:close|closed|suspend|suspended|ban|banned|block|blocked|report|terminate|terminated)"
)

# Sarcasm at the customer's late reading (the rude entry): "Wow, congratulations on finally
# reading the email", "Wah hebat ya kak, baru baca sekarang", "jenius banget kak, baru nyadar
# sekarang", "thanks for your patience, which I know is limited" (not "Wah hebat kak, sudah
# sampai", "Thanks for reading the e-mail, it has the link").
LATE_READING = (
    r"(?:congrat(?:ulation)?s|thanks?|thank\s+you)\s+(?:on|for)\s+(?:finally|actually)\s+"
    r"(?:reading|checking|looking|listening|replying|getting)|"
    r"(?:wah|wow|wih|waduh)\W+(?:hebat|pinter|pintar|jenius|keren)\s+(?:ya\s+|banget\s+|bgt\s+|"
    r"sekali\s+)?(?:(?:" + _YOU[3:-1] + r")\W+)?baru\s+(?:baca|nyadar|sadar|ngeh|{tahu}|ngerti)|"
    r"(?:jenius|genius|pinter|pintar)\s+(?:banget|bgt|sekali|amat)\W+(?:(?:"
    + _YOU[3:-1]
    + r")\W+)?baru\s+(?:nyadar|sadar|ngeh|{tahu}|ngerti|baca)|"
    # (from "which": "thanks for your patience" is the thanks entry's words)
    r"(?:(?<=patience\s)|(?<=patience,\s))(?:which|that)\s+(?:i\s+know\s+|clearly\s+|"
    r"obviously\s+)?(?:is|was)\s+(?:limited|short|thin|running\s+out)"
)

# Belittling (the rude entry, beside part P's): "This is really basic stuff", "Any child could
# figure this out", "Masa hal segampang ini saja harus dijelaskan", "Pinter dikit dong kak"
# (not "The basic plan is 5 a month", "it's easy, any child can use it" said of a product).
BELITTLING_MORE = (
    r"(?:this|that|it)(?:'s|\s+is)\s+(?:really\s+|pretty\s+|very\s+|super\s+)?basic\s+stuff|"
    r"(?:any|a)\s+(?:child|kid|five-year-old|0-year-old|toddler)\s+(?:could|can)\s+(?:figure|"
    r"work)\s+(?:this|that|it)\s+out|masa\s+(?:hal\s+)?(?:se)?(?:gampang|mudah|simpel|sepele)\s+"
    r"(?:ini|itu|gini|gitu|begini|begitu)\s+(?:aja\s+|{saja}\s+|doang\s+)?(?:{tidak}|harus|"
    r"mesti|perlu|masih|belum)|(?:pinter|pintar)\s+(?:dikit|sedikit)\s+(?:dong|donk|lah|napa|"
    r"kenapa|(?:" + _YOU[3:-1] + r"))(?![\w'])|bukan\s+salah\s+(?:gw|gue|gua)(?![\w'])"
)

DISMISSIVE_MORE += "|" + STONEWALL + "|" + NO_NEED_UPSET + "|" + NOT_CARING
BLAME_MORE += "|" + OWN_MISTAKE + "|" + IMPATIENCE
RUDE_MORE += "|" + THREAT_MANNER + "|" + LATE_READING + "|" + BELITTLING_MORE

# Scorn for the customer's choice after a refusal (the rude entry): "jangan nyesel ya kak
# nanti", "Kalau nanti menyesal, jangan cari kami lagi", "Good luck finding a better deal",
# "You'll regret it", "Then leave." (not "Buruan, jangan sampai nyesel!", a shop's call;
# "You won't regret it"; "Good luck with the move!").
SCORNED_CHOICE = (
    r"jangan\s+(?:nyesel|nyesal|menyesal)(?:\s+(?:ya|lho|loh))?(?:\s+(?:" + _YOU[3:-1] + r"))?\s+"
    r"(?:nanti|ntar|nantinya|kemudian|belakangan)|{kalau}\s+(?:nanti\s+|ntar\s+)?(?:nyesel|"
    r"nyesal|menyesal),?\s+(?:ya\s+)?jangan\s+(?:cari|hubungi|chat|komplain|salahkan|nyalahin|"
    r"balik)|good\s+luck\s+(?:finding|getting)\s+(?:a\s+|an\s+)?(?:better|cheaper|anything\s+"
    r"better|another)|you(?:'ll|\s+will)\s+regret\s+(?:it|this|that)|^\W*(?:then|so)\s+"
    r"(?:leave|go)(?=\W*$)"
)

# Impatience with the customer's asking, in more forms (the dismissive entry): "Gak usah
# ditanyain terus kak", "I have other customers, you know", "Admin juga manusia kak, bukan
# robot", "Seriously? It's right there on the screen" (not "Tidak perlu ditanyakan lagi,
# nanti otomatis kami kabari", "I have other customers' orders from today too, all sent",
# "centang 'Saya bukan robot'").
IMPATIENT_MORE = (
    r"(?:{tidak}\s+usah|gausah|{tidak}\s+perlu|jangan)\s+di(?:tanya|tanyain|tanyakan|chat|"
    r"telpon|telepon|spam|tagih)\w*\s+(?:terus(?:-terusan)?|mulu|melulu|trs)(?![\w'])|"
    r"(?:i|we)\s+(?:have|'ve\s+got|got)\s+other\s+(?:customers|clients|people|chats)"
    r"(?:\s+(?:to\s+(?:serve|help|deal\s+with)|waiting))?(?=,?\s+you\s+know|\W*$|\s*[.!])|"
    r"(?:admin|kami|{saya}|cs)\s+(?:juga|kan)\s+manusia|(?:admin|kami|cs)\s+(?:kan\s+|juga\s+)?"
    r"bukan\s+(?:robot|mesin)|seriously\s*\?+\s+(?:it'?s|it\s+is|that'?s)\s+right\s+there"
)

# Talking down, exasperated (the rude entry, beside part S's): "Ya ampun kak, tinggal klik
# doang", "Tinggal baca aja susah amat", "Duh, kakak ini gimana sih", "Ngerti nggak sih
# kak?", "Do you understand or not?" (not "Tinggal klik doang kak, gampang", "Kakak gimana
# kabarnya?", "Do you understand the steps, or shall I send a video?").
TALKED_DOWN = (
    r"(?:ya\s+ampun|astaga|duh|aduh|masa)\W+(?:[\w-]+\W+)?tinggal\s+[\w-]+\s+(?:doang|aja|"
    r"{saja})(?=\W*$|\s*[.!,])|tinggal\s+[\w-]+\s+(?:aja\s+|{saja}\s+|doang\s+)?(?:susah|"
    r"repot|ribet)\s+(?:amat|banget|bgt|bener|sekali)|"
    r"(?<!ke\s)(?:" + _YOU[3:-1] + r")\s+(?:ini\s+)?(?:gimana|bagaimana)\s+sih(?=\W*$|\s*[.!?,])|"
    r"(?:ngerti|paham|mudeng|nangkep|dengar|denger)\s+(?:{tidak}|gak|nggak|ga|enggak)\s+sih|"
    r"(?:do|did|can)\s+you\s+(?:understand|get\s+it|hear\s+me|read)\s+or\s+not"
)

RUDE_MORE += "|" + SCORNED_CHOICE + "|" + TALKED_DOWN
DISMISSIVE_MORE += "|" + IMPATIENT_MORE

# --- Grid D classes (tonefind17): the same classes in wordings the rules above missed -----------

# Blame (the blame entry): "If you'd read the email you wouldn't be asking", "Kesalahan ada
# di pihak Bapak, bukan di kami", "The mistake was yours", "Udah dibilang sabar, masih nanya
# aja", "I've answered this already, please scroll up" (not "Kesalahan ada di pihak kami",
# "Apakah kesalahan ada di pihak Bapak?", "I've answered this already by email").
BLAME_D = (
    r"if\s+you(?:'d|\s+had)\s+(?:actually\s+|just\s+|even\s+)?(?:read|checked|looked\s+at|"
    r"listened)[^.!?]{0,40}?you\s+(?:wouldn'?t|would\s+not)\s+(?:be\s+)?(?:asking|need|have\s+"
    r"to\s+ask)|{kalau}\s+(?:(?:" + _YOU[3:-1] + r")\s+)?(?:{sudah}\s+)?(?:baca|membaca|dibaca)"
    r"[^.!?]{0,40}?(?:{tidak}|gak|nggak)\s+(?:bakal|akan|perlu)\s+(?:nanya|tanya|bertanya)|"
    r"(?:kesalahan|salahnya)\s+(?:ada\s+)?(?:di|dari)\s+(?:pihak\s+)?(?:" + _YOU[3:-1] + r")"
    r"(?![\w'])(?![^.!?\n]{0,40}\?)|the\s+(?:mistake|error|fault)\s+(?:was|is)\s+(?:all\s+)?"
    r"yours|{sudah}\s+dibilang(?:in)?\s+[\w-]+(?:\s+[\w-]+)?,?\s+(?:masih|tetep|tetap)\s+"
    r"(?:aja\s+|{saja}\s+)?(?:nanya|tanya|nanyain|chat|komplain|protes)|"
    r"(?:i'?ve|i\s+have)\s+(?:answered|explained)\s+(?:this|that)\s+already(?=\s*[.!;]|\W*$|"
    r",\s*(?:please\s+|just\s+)?(?:scroll|check|read|look))"
)

# Dismissal and stonewalling (the dismissive entry): "Take it up with the courier, not me",
# "Pokoknya nggak bisa kak, titik", "tidak ada diskusi lagi", "end of discussion", "One more
# message like that and I'm closing this chat", "Kalau masih maksa, chatnya saya tutup"
# (not "Chatnya saya tutup dulu ya kak, kalau ada apa-apa chat lagi aja").
DISMISSIVE_D = (
    r"take\s+it\s+up\s+with\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?,?\s+not\s+(?:me|us)|"
    r"{tidak}\s+bisa" + _ADDRESSED + r",?\s+titik(?=\W*$|\s*[.!])|(?:{tidak}|gak|nggak)\s+ada\s+"
    r"(?:diskusi|negosiasi|tawar-menawar|debat)\s+lagi|end\s+of\s+(?:discussion|story)(?=\W*$|"
    r"\s*[.!])|(?:this|the)\s+(?:discussion|conversation)\s+is\s+over|one\s+more\s+(?:message|"
    r"complaint|word|time)\s+(?:like\s+(?:that|this)\s+)?and\s+(?:i'?m|we'?re|i\s+am|we\s+are)\s+"
    r"(?:closing|ending|blocking|done)"
)

# Sarcasm, belittling, mock thanks (the rude entry): "Oh, so now you want help", "Cie yang
# baru sadar", "Great job ignoring the instructions", "It's not that complicated,
# honestly.", "Gitu doang kok repot", "I'll explain it one more time, slowly", "Makasih ya
# kak udah bikin repot", "thanks for making my job harder" (not "It's not that complicated,
# I'll walk you through it", "Makasih ya kak udah sabar nunggu", "Maaf udah bikin repot").
RUDE_D = (
    r"^\W*oh,?\s+so\s+now\s+you\s+(?:want|need|care|remember)|cie(?:h|e)*\s+(?:{yang}\s+)?"
    r"baru\s+(?:sadar|nyadar|ngeh|baca|{tahu})|(?:great|nice|good|fantastic|brilliant)\s+"
    r"(?:job|work)\s+(?:ignoring|not\s+reading|missing|skipping|forgetting)|"
    r"(?:it'?s|it\s+is|this\s+is|that'?s|that\s+is)\s+not\s+(?:that|so|really\s+that)\s+"
    r"(?:hard|difficult|complicated)" + _ENDS_THERE + r"|(?:gitu|gini|begitu|begini)\s+(?:aja\s+|"
    r"{saja}\s+|doang\s+)kok\s+(?:repot|ribet|susah)|(?:explain|say|repeat|go\s+over)\s+"
    r"(?:this|it|that)\s+(?:again|one\s+more\s+time),?\s+(?:very\s+|really\s+)?slowly|"
    r"(?:(?<=makasih\s)|(?<=makasih\sya\s)|(?<=kasih\sya\s)|(?<=kasih\s)|(?<=makasih\skak\s)|"
    r"(?<=kasih\skak\s)|(?<=makasih\sya\skak\s)|(?<=kasih\sya\skak\s))"
    r"(?:udah|sudah|telah)\s+(?:bikin|membuat)\s+(?:(?:{saya}|kami|admin|aku)\s+)?(?:repot|"
    r"ribet|pusing|capek)(?![\w'])|(?:(?<=thanks\s)|(?<=thank\syou\s))for\s+making\s+(?:my|"
    r"our)\s+(?:job|day|life|work)\s+(?:so\s+much\s+|a\s+lot\s+)?harder"
)

BLAME_MORE += "|" + BLAME_D
DISMISSIVE_MORE += "|" + DISMISSIVE_D
RUDE_MORE += "|" + RUDE_D

# --- Part-UV round (tonefind18): classes from the tuning shares of parts U and V -----------------

# The work pushed back onto the customer (the dismissive entry): "urus sendiri formulirnya
# di sana", "cari sendiri aja", "selesaikan sendiri", "Sort it out yourself", "figure it out
# yourself", "deal with it yourself" (not "bisa diurus sendiri lewat aplikasi", "Bisa cari
# sendiri di katalog", "Silakan cek sendiri di aplikasi ya kak": a way offered).
DO_IT_YOURSELF = (
    r"(?<!bisa\s)(?<!dapat\s)(?<!boleh\s)(?<!silakan\s)(?<!silahkan\s)(?<![\w'])(?:urus|urusin|"
    r"cari|selesaikan|selesain|beresin|bereskan)\s+sendiri(?![\w'])|"
    r"(?:sort|figure|work)\s+(?:it|this|that)\s+out\s+(?:by\s+)?yourself|(?:deal|cope)\s+with\s+"
    r"(?:it|this|that)\s+yourself"
)

# Scorn for a refusal of the offer as if it refused a gain (the rude entry): "Ya sudah
# kalau bapak nggak mau untung.", "kalau nggak mau untung, ya terserah", "Fine, if you don't
# want to save money." (not "Kalau bapak tidak mau untung sedikit, ..." mid-clause, nor "If
# you don't want to save your card, untick the box").
SCORNED_GAIN = (
    r"{kalau}\s+(?:(?:" + _YOU[3:-1] + r")\s+)?{tidak}\s+(?:mau|ingin|pengen)\s+untung"
    r"(?=\W*$|\s*[.!,])|if\s+you\s+(?:don'?t|do\s+not)\s+want\s+to\s+save\s+(?:any\s+)?money"
    r"(?=\W*$|\s*[.!])"
)

# Belittling the customer's asking as too easy to need it (the rude entry): "maybe try
# reading the docs for once", "check your email for once", "It's literally the first
# page", "Not that hard." as a sentence of its own, "Jelas-jelas tertulis di halaman
# pertama" (not "Not that hard, I'll walk you through it", "the setup is not that hard",
# "it's on the first page of the guide").
TOO_EASY = (
    r"(?:read|reading|check|checking|look\s+at|looking\s+at|open|opening)\s+(?:the\s+|your\s+)?"
    r"(?:docs|documentation|faq|manual|instructions|guide|e-?mails?|inbox|messages?)\s+for\s+"
    r"once|literally\s+(?:on\s+)?the\s+(?:first|top)\s+(?:page|line|thing|result|paragraph)|"
    r"^\W*not\s+(?:that|so)\s+(?:hard|difficult|complicated)(?=\s*[.!]|\W*$)|"
    r"(?<=[.!?]\s)not\s+(?:that|so)\s+(?:hard|difficult|complicated)(?=\s*[.!]|\W*$)|"
    r"jelas-?jelas\s+(?:ada|tertulis|ditulis|tertera)\s+di\s+(?:halaman|bagian|baris)\s+"
    r"(?:pertama|paling\s+atas|depan)"
)

DISMISSIVE_MORE += "|" + DO_IT_YOURSELF
RUDE_MORE += "|" + SCORNED_GAIN + "|" + TOO_EASY
