"""Curt wordings of the part-R, part-S and part-T rounds (docs/tone-history.md), added to the
alternations of ``rebuffs.py`` (the part-O to part-Q rounds); ``rebuffs_unseen.py`` adds the
later rounds and is what ``lexicon.py`` reads. Each string is one more alternation of a curt
entry of ``lexicon.ENTRIES`` (``{word}`` spellings as there)."""

from __future__ import annotations

from karib.tone import rebuffs as _earlier
from karib.tone.rebuffs import (  # the shared spellings of the earlier rounds
    _COUNT,
    _YOU,
)

# The curt entries' alternations so far; this module adds its rounds to them.
BLAME_MORE = _earlier.BLAME_MORE
DISMISSIVE_MORE = _earlier.DISMISSIVE_MORE
RUDE_MORE = _earlier.RUDE_MORE

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
