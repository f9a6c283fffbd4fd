"""Curt wordings of the recall round on unseen wording and of the part-UV round
(docs/tone-history.md), added to the alternations of ``rebuffs_rst.py``: the last of the
three modules, whose ``BLAME_MORE``, ``DISMISSIVE_MORE`` and ``RUDE_MORE`` ``lexicon.py``
reads. Each string is one more alternation of a curt entry of ``lexicon.ENTRIES``."""

from __future__ import annotations

from karib.tone import rebuffs_rst as _earlier
from karib.tone.rebuffs import _YOU  # the shared spellings of the earlier rounds
from karib.tone.rebuffs_rst import _ADDRESSED, _ENDS_THERE

# The curt entries' alternations so far; this module adds its rounds to them.
BLAME_MORE = _earlier.BLAME_MORE
DISMISSIVE_MORE = _earlier.DISMISSIVE_MORE
RUDE_MORE = _earlier.RUDE_MORE

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
    r"(?<!bukan\s)(?:kesalahan|salah|kelalaian|kecerobohan|keteledoran)\s+(?:"
    + _YOU[3:-1]
    + r")\s+sendiri|(?<!not\s)(?<!wasn't\s)your\s+own\s+(?:carelessness|negligence)|"
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
    r"better|another|(?:anyone|anybody|anything|someone|somebody|something)\s+(?:cheaper|"
    r"better))|(?:come|coming|came)\s+crawling\s+back|you(?:'ll|\s+will)\s+regret\s+(?:it|this|that)|^\W*(?:then|so)\s+"
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

# --- Part-WX round (tonefind19): classes from the tuning shares of parts W and X -----------------

# "Ya sudah" and only a form of address, the whole reply (the dismissive entry): "Ya sudah
# Bu.", "Yaudah kak.", "Ya udah deh pak." (the lexicon's "Ya sudah." with the address the
# agent gives everyone; a "ya sudah" answering the customer's "oke" stays a plain close, and
# "Ya sudah kak, saya proses sekarang" goes on to the next step).
YA_SUDAH_ADDRESSED = (
    r"^\W*ya\s*{sudah}(?:\s*(?:lah|deh))?,?\s+(?:" + _YOU[3:-1] + r"|sis|gan|min)[.!]*\s*$"
)

# Told it was written down and should have been read (the blame entry): "Kan sudah tertulis
# di polis Bu", "kan udah tertera di syarat dan ketentuan", "harusnya dibaca dulu sebelum
# tanda tangan", "Seharusnya Bapak baca dulu syaratnya", "You should have read the terms
# before signing", "you should've read the policy first" (not "Sudah tertulis di polis pasal
# 5 ya Bu", "harusnya sudah bisa dibaca di aplikasi", "You should have received the terms").
SHOULD_HAVE_READ = (
    r"(?<![\w'])kan\s+{sudah}\s+(?:tertulis|ditulis|tertera|tercantum|dijelaskan|ada)\s+di\s+"
    r"(?:polis|syarat|s&k|snk|kontrak|perjanjian|website|web|aplikasi|app|brosur|deskripsi|"
    r"ketentuan|halaman|form(?:ulir)?|faq|situs|caption|bio|katalog|pengumuman)|"
    r"(?<![\w'])(?:se)?harusnya\s+(?:(?:" + _YOU[3:-1] + r")\s+)?(?:di)?baca\s+(?:dulu|dahulu|"
    r"sebelum|yang\s+(?:teliti|benar|bener))|you\s+should(?:\s+have|'ve)\s+(?:read|checked|"
    r"looked\s+at)\s+(?:the|your|our)\s+(?:terms|policy|contract|conditions|fine\s+print|"
    r"description|listing|page|faq|small\s+print)(?:\s+\w+){0,2}?\s+(?:first|before|properly)"
)

# The customer's account waved off as what everyone says, opening the reply (the dismissive
# entry): "Guests always say that.", "That's what they all say.", "Customers say that every
# time", "Semua pelanggan juga bilang begitu kak.", "Alasannya selalu sama.", "Alasan
# klasik." (not "Guests always say the view is lovely", "Haha, customers always say that,
# thank you!" or "Semua tamu bilang begitu, tapi ..." (praise shared), nor "everyone says
# that" (agreeing as often as waving off)).
_NO_WARMTH_AFTER = (
    r"(?![^\n]*(?:haha|hehe|wkwk|glad|happy|senang|thank|terima\s+kasih|makasih|mksh|:\)|"
    "\U0001f60a|\U0001f604|\U0001f601|\U0001f642|\U0001f64f|\u263a))"
)
HEARD_IT_ALL = (
    r"^\W*(?:(?:well|hmm+|look|ya|yah|wah),?\s+)?(?:(?:(?:guests|customers|clients|patients|"
    r"passengers|people|they)\s+(?:always|all)\s+say\s+(?:that|this)|that'?s\s+what\s+(?:they\s+"
    r"all|everyone|everybody)\s+says?)(?=\s*[.;]|\W*$|,\s*(?:but|tapi)\s)|(?:guests|customers|clients|people)\s+say\s+"
    r"(?:that|this)\s+(?:every\s+time|all\s+the\s+time)|semua\s+(?:pelanggan|tamu|customer|pasien|"
    r"orang|penumpang|nasabah)\s+(?:juga\s+)?(?:bilang|ngomong|bilangnya|ngomongnya)\s+(?:begitu|"
    r"gitu|gini|begini)" + _ADDRESSED + r"(?=\s*[.;]|\W*$)|alasan(?:nya)?\s+(?:klasik|selalu\s+"
    r"sama)" + _ADDRESSED + r"(?=\s*[.;]|\W*$))" + _NO_WARMTH_AFTER
)

# The customer's own account flatly called false (the blame entry): "Well, you obviously
# didn't, or there'd be no charge.", "You clearly did.", "Obviously you didn't", "Jelas-jelas
# Ibu yang pakai", "jelas-jelas kakak yang salah input" (not "you obviously did everything
# right", "as you can clearly see", "jelas-jelas tertulis" (another class)).
CALLED_FALSE = (
    r"(?:you\s+(?:obviously|clearly|evidently)|(?<![\w'])(?:obviously|clearly|evidently),?\s+"
    r"you)\s+(?:didn'?t|did\s+not|did|don'?t|do\s+not|weren'?t|haven'?t|have\s+not|hadn'?t|"
    r"wasn'?t)(?=\s*[,.;!]|\s+or\s|\W*$)|jelas-?jelas\s+(?:" + _YOU[3:-1] + r")\s+(?:{yang}|"
    r"sendiri)\s+(?:salah|lupa|pakai|pake|pakai|klik|setuju|order|pesan|input|beli)"
)

# Part-YZ round: told to read it or look it up next time, or to think first (the blame
# entry): "Read the terms next time.", "Next time, read the listing.", "Stop asking stuff you
# can google.", "Google it yourself.", "Maybe you should think before doing these things.",
# "Lain kali baca deskripsinya dulu.", "Cari sendiri di Google.", "Lain kali dipikir dulu
# sebelum pesan." (not "Read the terms on page 3", "you can google the tracking number",
# "Next time you order, the size guide is on the page", "Lain kali bisa langsung chat kami").
_READ_THINGS = (
    r"(?:terms|website|site|policy|faq|description|listing|page|manual|instructions|fine\s+"
    r"print|small\s+print|conditions|rules|info|announcement|"
    # part-ZAZB round: "Maybe read the contract next time."
    r"contract|agreement|t&cs?|emails?|guide|notice)"
)
_BACA_THINGS = (
    r"(?:syarat|s&k|snk|ketentuan|deskripsi|polis|website|web|aturan|info|keterangan|"
    r"pengumuman|caption|katalog|petunjuk|panduan)\w*"
)
LOOK_IT_UP = (
    r"(?<![\w'])(?:read|check)\s+(?:the|our|your)\s+" + _READ_THINGS + r"\s+next\s+time|"
    r"(?<![\w'])next\s+time,?\s+(?:read|check)\s+(?:the|our)\s+" + _READ_THINGS + r"|"
    r"(?<![\w'])(?:stuff|things|something|questions?)\s+(?:that\s+)?you\s+(?:can|could)\s+"
    r"(?:just\s+|easily\s+)?google|(?<![\w'])google\s+it\s+yourself|"
    r"(?<![\w'])(?:you\s+should|maybe|next\s+time,?)\s+(?:try\s+to\s+)?think\s+before\s+"
    r"(?:doing|you\s+(?:do|buy|book|order|sign|act))|"
    r"(?<![\w'])lain\s+kali,?\s+(?:di)?baca\s+(?:dulu\s+)?" + _BACA_THINGS + r"|"
    r"(?<![\w'])(?:di)?baca\s+(?:dulu\s+)?" + _BACA_THINGS + r"\s+(?:dulu\s+)?lain\s+kali|"
    r"(?<![\w'])cari\s+sendiri\s+di\s+(?:google|internet|website|web)|"
    r"(?<![\w'])lain\s+kali,?\s+(?:di)?pikir(?:in|kan)?\s+dulu"
)

DISMISSIVE_MORE += "|" + YA_SUDAH_ADDRESSED + "|" + HEARD_IT_ALL
BLAME_MORE += "|" + SHOULD_HAVE_READ + "|" + CALLED_FALSE + "|" + LOOK_IT_UP

# --- Part-ZAZB round (tonefind21): classes from the tuning shares of parts ZA and ZB ----------

# Too busy for the customer, opening the reply (the dismissive entry): "Udah ya kak, saya lagi
# sibuk.", "Saya lagi sibuk banget nih.", "I'm busy right now.", "We're too busy for this",
# "I don't have time for this." (not "Maaf kak, admin sedang sibuk, mohon ditunggu", "Saya
# sedang sibuk melayani nasabah lain, mohon ditunggu sebentar", "We're busy working on a
# fix", "Sorry, we're very busy today, I'll get back to you soon": an apology, a wait or a
# promise anywhere after it, or work named, keeps it a hold). The anchored alternative opens
# on words of two letters at least ("I am busy" is left out): ``filters.start_heads``.
_NO_HOLD_AFTER = (
    r"(?![^\n]*(?:maaf|sorry|apolog|tunggu|wait|hold|moment|sebentar|bentar|nanti|later|"
    r"kabari|get\s+back|balas|reply|respond|segera|asap|soon|secepatnya))"
)
TOO_BUSY = (
    r"^\W*(?:(?:udah|sudah|dah|udh|ok(?:e|ay)?|yaudah|ya\s+udah|look|listen)\W+(?:ya\W+)?(?:(?:"
    + _YOU[3:-1]
    + r"|sir|madam)\W+)?)?(?:(?:{saya}|aku|admin|kami|gue|gw)\s+(?:lagi|lg|sedang|masih)\s+sibuk"
    r"(?:\s+(?:banget|bgt|sekali|nih))*|(?:i'?m|we'?re|we\s+are)\s+(?:too\s+|very\s+|"
    r"really\s+|so\s+)?busy(?:\s+(?:right\s+now|now|today|here|for\s+this))?)(?=\s*[.,!;]|\W*$)"
    + _NO_HOLD_AFTER
    + r"|(?<![\w'])i\s+(?:don'?t|do\s+not)\s+have\s+time\s+for\s+(?:this|that|you)"
    r"(?=\s*[.!]|\W*$)" + _NO_HOLD_AFTER
)

# Asking again scorned as useless (the blame entry): "tweeting us again won't fix it any
# quicker", "Messaging us repeatedly won't make it faster", "chat terus juga nggak bikin lebih
# cepat kak" (not "Messaging us again won't be needed, we'll update you", "Restarting again
# won't fix it, so we're sending an engineer", nor with help after it).
ASKING_AGAIN_USELESS = (
    r"(?:tweeting|messaging|chatting|calling|emailing|asking|complaining|shouting|spamming|"
    r"dm'?ing|pinging)\s+(?:us\s+|me\s+)?(?:again|more|repeatedly|over\s+and\s+over|every\s+"
    r"\w+)\s+(?:won'?t|will\s+not|isn'?t\s+going\s+to|doesn'?t|does\s+not)\s+(?:fix|make|speed\s+"
    r"up|get)\s+(?:it|this|things|them)?\s*(?:here\s+|there\s+|done\s+|sorted\s+|fixed\s+)?"
    r"(?:any\s+)?(?:quicker|faster|sooner|go\s+faster)|"
    r"(?:chat|spam|nanya|tanya|nelpon|telpon|wa)\s+(?:terus|berkali-kali|mulu|lagi)\s+(?:juga\s+)?"
    r"(?:{tidak}|nggak|gak|ga)\s+(?:akan\s+)?(?:bikin|membuat|buat)\s+(?:jadi\s+)?(?:lebih\s+)?"
    r"(?:cepat|cepet)"
)
# ... unless help follows ("Chat terus juga nggak bikin cepat kak, tapi saya bantu eskalasi
# ya.", "Messaging again won't make it faster, but I'll chase the courier now").
_NO_HELP_AFTER = (
    r"(?![^\n]*(?:tapi|but|however|namun|bantu|help|i'?ll|we'?ll|i\s+will|we\s+will|let\s+me|"
    r"kami\s+akan|saya\s+akan))"
)
ASKING_AGAIN_USELESS = r"(?:" + ASKING_AGAIN_USELESS + r")" + _NO_HELP_AFTER

# Nothing to be done since the customer does not read (the blame entry): "Not much we can
# do if you don't read them.", "Nothing I can do if you didn't read the terms", "Kalau
# kakak nggak baca, ya kami nggak bisa bantu" (not "If you can't read the PDF, we can send
# it as text", "Not much we can do about the weather, sorry").
IF_YOU_DONT_READ = (
    r"(?:not\s+much|nothing|little)\s+(?:i|we)\s+can\s+do\s+(?:about\s+it\s+)?(?:if|when)\s+"
    r"(?:you|people|customers)\s+(?:don'?t|do\s+not|didn'?t|did\s+not|won'?t|never)\s+"
    r"(?:bother\s+to\s+)?(?:read|check|listen|follow)|{kalau}\s+(?:" + _YOU[3:-1] + r")\s+"
    r"(?:{tidak}|nggak|gak|ga)\s+(?:mau\s+)?(?:baca|membaca|dibaca)\w*\s*,?\s+(?:ya\s+)?"
    r"(?:kami|{saya}|admin)\s+(?:juga\s+)?(?:{tidak}|nggak|gak|ga)\s+bisa\s+(?:bantu|apa-apa)"
)

# Scorn for forgetting one's own secret (the rude entry): "PIN sendiri kok bisa lupa",
# "password sendiri masa lupa", "How do you forget your own PIN?" (not "Kalau lupa PIN
# sendiri, bisa reset di aplikasi", "Forgot your own password? Tap 'Lupa sandi'").
FORGOT_OWN = (
    r"(?:pin|password|sandi|kata\s+sandi|passcode|nomor\s+\w+|tanggal\s+lahir)\s+sendiri\s+"
    r"(?:kok|masa|masak)\s+(?:bisa\s+|sampai\s+)?lupa|how\s+(?:do|did|can|could)\s+(?:you|"
    r"someone|anyone)\s+forget\s+(?:your|their)\s+own\s+(?:pin|password|passcode|birthday|"
    r"address|name)"
)

# "Like we said," and an order (the blame entry): "Like we said, use the browser.", "As I
# told you, restart the router.", "Kan tadi sudah saya bilang, restart modemnya" is the
# lexicon's (not "As we said, the refund takes 5 days", "As I mentioned, please restart the
# router", "Like I said on the phone, you can keep the old SIM").
LIKE_WE_SAID = (
    r"^\W*(?:like|as)\s+(?:i|we)\s+(?:said|told\s+you|already\s+said|already\s+told\s+you|"
    r"explained)(?:\s+(?:before|earlier|already|twice))?,?\s+(?:just\s+)?(?:use|go|check|read|"
    r"restart|reboot|try|wait|call|contact|send|open|log|update|download|clear|reset|switch|"
    r"turn|pay|fill|come|bring|stop)(?![\w'])"
)

DISMISSIVE_MORE += "|" + TOO_BUSY
BLAME_MORE += "|" + IF_YOU_DONT_READ + "|" + LIKE_WE_SAID + "|" + ASKING_AGAIN_USELESS
RUDE_MORE += "|" + FORGOT_OWN
