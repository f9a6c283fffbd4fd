"""Curt wordings added in the part-O round (docs/tone.md): the customer told to look it up,
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
    r"^\W*(?:just\s+)?scroll\s+up|scroll\s+(?:up|ke\s+atas)\s+(?:aja|{saja}|dong|lah|"
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
