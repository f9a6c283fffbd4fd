"""The wordings of retention offers the marker lexicon misses (money off, another plan, a
pause, something given, a condition to stay, a loss warned of), as patterns, from the part-H
round to the recall round on unseen wording (docs/tone-history.md); ``offers.py`` reads them
in the context of a cancellation request and rules out what only looks like an offer.
"""

from __future__ import annotations

import re

from karib.tone.cancellation import sentence_of
from karib.tone.normalize import expand

# Offers the marker lexicon misses, counted after a cancellation request, each only in an
# offering frame (a plan merely named, "your plan at $30 ends on the 31st", or "tidak ada
# harga yang lebih murah" is no offer): another edition, version or cover ("switch to the
# weekend-only edition", "switch to our basic cover"), a price compared ("half the monthly
# price", "dengan premi lebih murah"), a plan offered with its price ("we also have a
# travel plan at $10"), money off ("$20 off", "knock $10 off"), something free or extra
# given ("send a free dessert with every box", "a complimentary month"), fees refunded or
# credited ("we could also refund the last 3 months of fees"), keeping the customer
# ("anything we could do to keep you?"), Indonesian vouchers, points multiplied, free
# delivery, trying another package, "dipikirkan dulu", "kalau Ibu pertahankan".
_OFFER_MORE_RE = re.compile(
    r"(?<!\w)(?:(?:we|i)\s+(?:also\s+)?(?:have|offer|can\s+offer|could\s+offer)\s+(?:a|an|our|"
    r"the)\s+(?:[\w-]+\s+){0,3}(?:plan|package|option)\s+(?:at|for)\s+\$?\d+|(?:ada|punya)\s+"
    r"paket\s+(?:[\w-]+\s+){0,2}seharga|dengan\s+(?:premi|harga|biaya|iuran|tarif|tagihan|"
    r"cicilan)\s+(?:yang\s+)?lebih\s+(?:murah|rendah|ringan|hemat)|half\s+the\s+(?:monthly\s+|"
    r"annual\s+|yearly\s+|usual\s+|current\s+)?(?:price|cost|fee|rate)|"
    r"(?:switch(?:ing)?|mov(?:e|ing)|chang(?:e|ing))\s+(?:you\s+)?(?:over\s+)?to\s+(?:a|an|our|"
    r"the)\s+(?:[\w-]+\s+){0,2}(?:edition|version|plan|package|tier|bundle|option|cover|"
    r"coverage|account|membership|subscription|box)|"
    r"(?:pindah|ganti|turun|switch)\s+ke\s+(?:paket|edisi|versi|plan|package|tier|member)\s+\w+|"
    r"(?:a|an|our)\s+(?:lite|basic|cheaper|smaller|lighter|starter|mini|student|family)\s+(?:version|edition|"
    r"box|bundle|membership)|(?:can|could|may)\s+we\s+offer|(?:love|like|want)\s+to\s+keep\s+"
    r"you|(?:kalau|kalo|jika)\s+(?:\w+\s+)?(?:stay|bertahan)(?=\s*(?:[,.!?]|$|(?:dengan|sama|"
    r"bersama)\s+kami|di\s+sini|lagi))|free\s+\d+\s+(?:bulan|minggu|"
    r"months?|weeks?)|cuti\s+(?:dulu|sementara|\d+\s+bulan)|sistem\s+cuti|(?:pakai|ambil|"
    r"ajukan)\s+cuti|"
    r"[$\u20ac\u00a3]\s?\d+(?:[.,]\d+)?\s+off|\d+\s*(?:dollars?|bucks|euros?|pounds?)\s+off|"
    r"knock\s+(?:\S+\s+){1,3}off|complimentary|"
    r"(?:send|give|add|include|throw\s+in)\s+(?:you\s+)?(?:a|an|one|two|three|some|\d+)\s+"
    r"(?:free|bonus|extra)\s+\w+|"
    r"(?:(?:could|might)\s+(?:also\s+)?|can\s+also\s+)(?:refund|waive|credit|reimburse)|"
    r"(?:anything|something)\s+(?:\w+\s+){0,3}(?:to\s+)?keep\s+you|what\s+would\s+it\s+take|"
    r"to\s+keep\s+you\s+(?:with\s+us|as\s+a|on\s+board|here)|"
    r"(?:kasih|beri(?:kan)?|kirim(?:kan)?|tambah(?:kan)?|dapat|dapet)\s+(?:\w+\s+)?voucher|"
    r"poin\s+(?:\w+\s+)?(?:\d+\s*x|dua\s+kali|tiga\s+kali)(?:\s+lipat)?|"
    r"(?:free|gratis)\s+ongkir|ongkir\s+gratis|"
    r"(?:coba|ambil|pilih)\s+(?:paket|yang)\s+(?:\w+\s+)?(?:keluarga|tahunan|hemat|pelajar|"
    r"lite|basic|mini|kecil|murah|lain)|"
    r"dipikir(?:kan)?\s+(?:lagi|ulang|dulu)|"
    r"(?:kalau|kalo|jika|asal|bila|apabila)\s+(?:\w+\s+){0,2}(?:mem)?pertahankan|"
    r"(?:kalau|kalo|jika|asal)\s+(?:\w+\s+){0,1}tetap\s+(?:pakai|memakai|menggunakan|member|"
    r"jadi\s+(?:member|nasabah|anggota|pelanggan)))(?!\w)",
    re.IGNORECASE,
)
# Offers by what they give, in frames the marker lexicon misses (part-J round), each read
# only after a cancellation request and unless negated ("we can't waive it", "tidak bisa
# kami gratiskan"): a fee made free by the agent, however far from its noun ("iuran tahunan
# tahun depan juga bisa kami gratiskan"), a fee waived by the agent ("we'll waive", "I can
# get the fee waived"); a gift for staying ("as a thank-you for staying with us, we'd send
# you ...", "a loyalty gift"); an alternative that would suit the customer better ("Would
# a bottle every other month suit you better?", "instead of cancelling", "daripada
# ditutup"); keeping the product on a condition with a benefit ("If you keep the policy, we
# could transfer it ...", "if you stay until June, the fee is written off").
_OFFER_FRAME_RE = re.compile(
    r"(?<!\w)(?:(?:di)?gratiskan|(?:di)?gratisin|"
    r"(?:we|i)(?:'ll|'d|\s+can|\s+could|\s+will|\s+would|\s+might)\s+(?:also\s+|happily\s+|"
    r"gladly\s+)?(?:get\s+(?:the|your|that)\s+(?:\w+\s+){0,2}(?:fee|fees|charge|charges)\s+)?"
    r"waive|"
    r"(?:as\s+a\s+(?:small\s+)?(?:thank[\s-]?you|token\s+of\s+(?:our\s+)?(?:appreciation|"
    r"thanks))|to\s+thank\s+you)\s+for\s+(?:staying|sticking|remaining|keeping)|"
    r"loyalty\s+(?:gift|present|reward|bonus|perk|credit)s?|(?:hadiah|kado|bonus)\s+(?:loyalitas|"
    r"kesetiaan)|"
    r"(?:suit|fit)\s+you\s+better|(?:work|be)\s+better\s+for\s+you|better\s+(?:fit|suited)\s+"
    r"for\s+you|instead\s+of\s+(?:cancel\w*|closing|ending|stopping|leaving|quitting|"
    r"unsubscribing)|(?:daripada|ketimbang|drpd)\s+(?:di)?(?:batal\w*|cancel\w*|tutup|"
    r"berhenti|putus|unsub\w*)|"
    r"if\s+you\s+(?:keep\s+(?:it|(?:the|your|this)\s+(?:[\w-]+\s+)?(?:plan|account|card|"
    r"subscription|membership|policy|line|service|contract|package|box|number|booking|"
    r"reservation|ticket|flight|order))|stay|remain|"
    r"stick\s+(?:with|around)|continue\s+with)(?!\s+on\s+(?:the\s+line|hold))"
    r"[^.?!]{0,80}?(?:(?:we|i)(?:'ll|'d|\s+can|\s+could|\s+will|\s+would|\s+might)\s|"
    r"you(?:'ll|'d|\s+will|\s+would|\s+could|\s+can)?\s+(?:get|receive|earn|save|enjoy)\s|"
    r"free|discount|waive|bonus|credit|written\s+off|on\s+us|lock\w*)|"
    # Found by reasoning over the classes the brief lists, probed with new texts (no
    # dev-set error): a price given or locked ("kami bisa kasih harga 75rb", "harganya kami
    # kunci", "your rate is locked"), relief of a fee ("keringanan iuran"), a fee removed
    # by the agent however far from its noun ("biaya kartunya tahun ini kami hapus",
    # "kita bebasin"), a price brought down ("knock the price down to $15"), something
    # free for the customer ("free buat kakak"), a better deal, a hold of the product
    # ("put the membership on hold", "langganannya di-hold dulu"), a gift for the
    # customer's loyalty, continuing on a condition with a benefit ("kalau Bapak lanjut
    # setahun lagi, harganya ...").
    r"(?:kasih|beri(?:kan)?|dapat|dapet)\s+harga\s+(?:\w+\s+)?(?:rp\.?\s*)?\d|"
    r"(?:harga\w*|tarif\w*|iuran\w*)\s+(?:\w+\s+){0,2}(?:kami|saya|kita)\s+kunci|"
    r"(?:kunci|lock(?:ed)?\s+(?:in\s+)?(?:at\s+)?)\s*(?:harga|tarif|the\s+(?:price|rate)|your\s+"
    r"(?:price|rate)|\$?\d)|(?:rate|price)\s+(?:is|will\s+be|stays)\s+locked|"
    r"keringanan\s+(?:\w+\s+)?(?:iuran|biaya|tagihan|cicilan|bunga|harga|pembayaran)|"
    r"(?:biaya|iuran|fee|admin|tagihan|denda|ongkir)\w*\s+(?:[\w-]+\s+){0,4}(?:bisa\s+|akan\s+)?"
    r"(?:kami|saya|kita|aku)\s+(?:bisa\s+|akan\s+)?(?:hapus(?:kan|in)?|bebas(?:kan|in)|"
    r"potong|kurangi|turunkan|tiadakan|gratis(?:kan|in))|gratis(?:aken|ake|keun)|(?:kami|saya|kita|aku)\s+(?:bisa\s+|akan\s+)?"
    r"bebas(?:kan|in)|(?:di)?bebasin|"
    r"(?:price|bill|fee|rate|cost|payment|premium)\s+down\s+to|"
    # A retention offer named, pausing, switching the customer over, more of the product
    # at no extra cost ("kuotanya bisa kami dobelin tanpa nambah biaya"), trying another
    # package, a trial or warranty extended.
    r"retention\s+(?:offer|deal|discount|rate|promo)|promo\s+retensi|pausing|"
    r"(?:you|we)\s+could\s+(?:also\s+)?(?:switch|move|change|downgrade|upgrade)\s+(?:you\s+)?"
    r"(?:over\s+)?to|tanpa\s+(?:nambah|tambah(?:an)?|menambah)\s+(?:biaya|bayar)|"
    r"dobel(?:in|kan)|(?:di)?lipatgandakan|coba\s+(?:dulu\s+)?(?:paket|plan|langganan)\s+\w+|"
    r"extend\s+(?:your|the)\s+(?:free\s+)?(?:trial|warranty|promo|discount|offer)|"
    r"perpanjang\s+(?:masa\s+)?(?:trial|promo|gratis|garansi)|"
    # A pause in the passive, a lower-priced plan, what would make the customer stay,
    # another plan to try, a loss close at hand ("sayang lho, tinggal 2 bulan lagi dapat
    # hadiah"), a deal got for the customer (not a credit: "we'll give you a credit for the
    # unused days" honours the cancellation).
    r"di-?jeda|di-?pause|di-?freeze|lower[\s-](?:priced|cost)|budget\s+(?:plan|option|tier)|"
    r"make\s+you\s+(?:stay|reconsider|change\s+your\s+mind)|try\s+(?:the|our|a|an)\s+"
    r"(?:[\w-]+\s+){0,2}(?:plan|package|tier|option|version|edition|box|bundle|membership|"
    r"subscription|programme|program)|"
    r"sayang\s+(?:lho|loh|lo|kan|dong|pisan|atuh|teuing|tenan|temen|nemen|bgt)|tinggal\s+\d+\s+\w+\s+lagi\s+(?:dapat|dapet|bisa)|"
    r"(?:get|give|offer)\s+you\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:discount|deal|rate|voucher|bonus|"
    r"gift|upgrade)|"
    r"(?:free|gratis)\s+(?:buat|untuk|for)\s+(?:you|kamu|kakak|kak|bapak|ibu|anda|pak|bu|mas|"
    r"mbak)|better\s+(?:deal|price|rate|offer)|make\s+more\s+sense\s+for\s+you|lebih\s+"
    r"(?:cocok|sesuai)\s+(?:untuk|buat)\s+(?:kakak|kak|bapak|ibu|anda|kamu)|"
    r"put\s+(?:the|your|it)\s+(?:[\w-]+\s+){0,2}(?:on\s+(?:hold|ice|pause)|to\s+sleep|into\s+"
    r"hibernation)|"
    r"(?:langganan|membership|keanggotaan|akun|kartu|paket)\w*\s+(?:\w+\s+){0,2}"
    r"(?:di-?hold|dibekuin)|(?:di-?hold|dibekuin)\s+(?:\w+\s+){0,2}(?:langganan|membership|"
    r"keanggotaan|akun|kartu|paket)|as\s+a\s+(?:small\s+)?(?:thank[\s-]?you|token\s+of\s+(?:our\s+)?"
    r"(?:appreciation|thanks))\s+for\s+your\s+loyalty|"
    # More given for staying (part-K round, from new texts): "nanti dapat kuota tambahan
    # 10GB", "kami tambahin saldo ekstra", "kuota tambahan", "kami sarankan tetap pakai";
    # not "dapat tambahan biaya".
    r"(?:dapat|dapet|kami\s+(?:kasih|beri(?:kan)?|tambah(?:kan|in)?))\s+(?:\w+\s+)?(?:tambahan|"
    r"ekstra|extra)(?!\s+(?:biaya|ongkos|denda|charge|bayar|tagihan))|(?:kuota|poin|saldo|"
    r"cashback|masa\s+aktif)\s+(?:tambahan|ekstra)|(?:sarankan|rekomendasikan|saranin)\s+"
    r"(?:untuk\s+)?tetap\s+(?:pakai|lanjut|berlangganan|langganan|jadi)|"
    r"(?:kalau|kalo|jika|asal|bila)\s+(?:\w+\s+){0,2}(?:lanjut|perpanjang|memperpanjang|"
    r"bertahan)(?!\w)[^.?!]{0,60}?(?:kami|gratis|free|diskon|potongan|bonus|cashback|harga|"
    r"poin|dapat|dapet)(?!\w))",
    re.IGNORECASE,
)
# Offers recognised by what they offer in an offering frame (part-L round, a class, not
# wordings): the agent able to give, extend, raise or lower something the customer gains
# ("Kami juga bisa kasih potongan premi", "masa aktif member kakak bisa kami perpanjang",
# "Limit transfer harian Bapak juga bisa kami naikkan", "I could also extend your current
# plan", "I can lower your monthly bill"), or to move the product to another plan ("Polis
# Bapak bisa kami alihkan ke plan Basic", "we can switch you to the lite tier"): a verb of
# the family and, within a few words, what it gives. "Saya akan kasih tahu", "we can give
# you the reference number", "kami bisa kirimkan formulir" give nothing.
_AGENT_CAN = (
    r"(?:(?:kami|saya|kita|aku|we|i)(?:'ll|'d|\s+(?:juga\s+|also\s+)?(?:bisa|dapat|akan|"
    r"siap|can|could|will|would|might)))\s+(?:juga\s+|also\s+|bantu\s+|coba\s+|happily\s+)?|"
    r"(?:bisa|dapat|akan)\s+(?:kami|saya|kita)\s+"
)
# Lowering what the customer pays only as an option ("bisa kami turunkan", "I can lower"):
# "kami akan kurangi tagihan dengan sisa deposit" settles the account.
_AGENT_MAY = (
    r"(?:(?:kami|saya|kita|aku|we|i)(?:'d|\s+(?:juga\s+|also\s+)?(?:bisa|dapat|can|could|"
    r"would|might)))\s+(?:juga\s+|also\s+|bantu\s+|coba\s+)?|(?:bisa|dapat)\s+(?:kami|saya|"
    r"kita)\s+"
)
# Each verb family with what it offers: given or added, a benefit; extended, a period or
# the product itself; raised, an allowance; lowered (as an option only), a cost. "I'll add a
# note that your plan ends", "sisa poin akan kami tambahkan ke akun utama" offer nothing
# (the second is a benefit already held, ``_SETTLES_OR_HELD_RE``).
_NOT_TOLD = r"(?!\s+(?:tahu|tau|kabar|info|informasi|nomor))(?!\w)"
_OFFER_VERBS: tuple[tuple[str, str], ...] = (
    (
        r"(?:kasih|beri(?:kan)?|memberi(?:kan)?|tambah(?:kan|in)?|menambah(?:kan)?|give|add|"
        r"offer|throw\s+in)" + _NOT_TOLD,
        r"bonus|gratis|free|diskon|discount|potongan|cashback|poin|points?|miles|kuota|voucher|"
        r"upgrade|hadiah|gift|(?:free\s+)?months?\s+(?:free|gratis|on\s+us)",
    ),
    (
        r"(?:perpanjang|memperpanjang|extend)(?!\w)",
        r"masa\s+(?:berlaku|aktif)|validity|trial|warranty|garansi|membership|keanggotaan|"
        r"subscription|plan|promo|discount|diskon",
    ),
    (
        r"(?:naik(?:kan|in)|menaikkan|dobel(?:in|kan)|raise|increase|double|bump|boost)(?!\w)",
        r"limit|speed|kecepatan|kuota|data|poin|points?|miles|cashback|bonus",
    ),
)
_COST_NOUNS = (
    r"harga|price|rate|premi|premium|iuran|fee|fees|tagihan|bill|cicilan|bunga|interest|"
    r"abonemen|biaya|payment|pembayaran"
)
_LOWER_VERBS = (
    r"(?:turun(?:kan|in)|menurunkan|kurangi|mengurangi|kecil(?:kan|in)|mengecilkan|"
    r"ringan(?:kan|in)|meringankan|pangkas|memangkas|lower|reduce|cut|drop|trim|shave)(?!\w)"
)
_CAN_GIVE_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        # the agent's verb, then what it offers; or what it offers named first ("masa
        # aktif member kakak bisa kami perpanjang", "Limit Bapak juga bisa kami naikkan")
        r"(?:" + _AGENT_CAN + r")" + verbs + r"(?:\s+[\w'-]+){0,4}?\s+(?:" + nouns + r")|"
        r"(?:" + nouns + r")\w*(?:\s+[\w'-]+){0,4}?\s+(?:juga\s+)?(?:bisa|dapat|akan)\s+"
        r"(?:kami|saya|kita)\s+" + verbs
        for verbs, nouns in _OFFER_VERBS
    )
    + r"|(?:"
    + _AGENT_MAY
    + r")"
    + _LOWER_VERBS
    + r"(?:\s+[\w'-]+){0,3}?\s+(?:"
    + _COST_NOUNS
    + r")|(?:"
    + _COST_NOUNS
    + r")\w*(?:\s+[\w'-]+){0,4}?\s+(?:juga\s+)?(?:bisa|dapat)\s+(?:kami|saya|kita)\s+"
    + _LOWER_VERBS
    + r"|"
    # ... or move the product to another plan
    r"(?:" + _AGENT_CAN + r")(?:pindah(?:kan|in)?|memindahkan|alih(?:kan)?|mengalihkan|"
    r"ganti(?:kan)?|ubah|turun(?:kan)?|naik(?:kan)?|move|switch|change|downgrade|upgrade)"
    r"(?:\s+[\w'-]+){0,3}?\s+(?:ke|to|into|jadi)\s+(?:a\s+|an\s+|the\s+|our\s+)?"
    r"(?:[\w'-]+\s+){0,2}(?:plan|paket|package|tier|kelas|level|tipe|membership|member|"
    r"version|versi|edition|edisi|program))(?!\w)",
    re.IGNORECASE,
)
# Keeping the product on a condition with what the customer gets: "Kalau akun tetap aktif
# sampai akhir tahun, Bapak dapat saldo 50rb", "if your account stays open, you'll get ...";
# not "Jika kartu masih aktif sampai tanggal 5, tagihan tetap terbit".
_KEEP_ON_CONDITION_RE = re.compile(
    r"(?<!\w)(?:kalau|kalo|klo|jika|asal(?:kan)?|selama|if|as\s+long\s+as)\s+(?:[\w-]+\s+){0,2}"
    r"(?:akun|kartu|langganan|polis|membership|keanggotaan|rekening|paket|layanan|account|card|"
    r"plan|subscription|policy|line|nomor)\w*\s+(?:[\w-]+\s+)?(?:tetap|masih|stays?|remains?|"
    r"is\s+still)\s+(?:aktif|jalan|berjalan|dipakai|digunakan|open|active)(?!\w)[^.?!]{0,80}?"
    # what the customer gets: a benefit or an amount ("saldo 50rb", "20%"), not "you'll get
    # the money faster" or "dapat tagihan terakhir"
    r"(?:bonus|gratis|free|diskon|discount|cashback|poin|points|miles|kuota|voucher|upgrade|"
    r"hadiah|gift|(?:rp\.?\s*|[$\u20ac\u00a3]\s?)\d|\d[\d.,]*\s*(?:rb|ribu|k|jt|juta|%|persen))"
    r"(?!\w)",
    re.IGNORECASE,
)
# The product kept in another form (part-N round, a class from new texts): moved to a new
# object ("Would you like to transfer the policy to a new car instead?", "polisnya bisa
# dialihkan ke mobil baru", "move your membership to another branch", "tiketnya
# dipindahkan ke jadwal lain"); not "transfer you to our cancellations team", not the
# refund ("dana dikembalikan ke rekening lain").
_KEEP_ELSEWHERE_RE = re.compile(
    r"(?<!\w)(?:(?:transfer|move|switch)\s+(?:the|your|this)\s+(?:[\w-]+\s+){0,2}(?:policy|"
    r"plan|membership|subscription|account|cover|coverage|insurance|line|number|contract|"
    r"booking|reservation|ticket|card)\s+(?:over\s+)?to\s+(?:(?:a|an|the|your)\s+(?:[\w-]+\s+)?)?"
    r"(?:new|other|different|another|second)|(?:polis|asuransi|membership|keanggotaan|"
    r"langganan|paket|akun|tiket|booking|reservasi|kontrak)\w*\s+(?:[\w-]+\s+){0,3}?(?:di)?"
    r"(?:pindah(?:kan|in)?|alih(?:kan)?|transfer)\s+ke\s+(?:[\w-]+\s+){0,2}(?:baru|lain|"
    r"berikutnya))(?!\w)",
    re.IGNORECASE,
)
# A pause proposed in the passive or with "sementara" (part-N round): "Kalau akunnya
# dinonaktifkan sementara aja gimana Kak?", "mau ditangguhkan dulu, Pak?", "could we
# deactivate it temporarily instead?" - only as a question or a "just" ("aja/saja"): "akun
# akan dinonaktifkan sementara selama proses penghapusan" is the procedure.
_PAUSE_ASKED_RE = re.compile(
    r"(?<!\w)(?:(?:di-?|me)?(?:nonaktif(?:kan|in)?|non-aktif(?:kan)?|tangguh(?:kan)?|"
    r"suspend|istirahat(?:kan|in)?)|deactivat\w*|suspend\w*|"
    # more verbs of pausing, passive and Javanese "dipun" (part-U round): "ditunda dulu",
    # "distop sementara", "dipun pending rumiyin", "di-hold sebentar"
    r"(?:di-?|dipun\s+)(?:stop|setop|tunda|pending|hold|jeda|pause|libur(?:kan|in)?|"
    r"cuti(?:kan|in)?|off(?:kan|in)?))\s+(?:(?:(?:dulu|it|them)\s+)?(?:sementara|temporarily|"
    r"for\s+now|rumiyin|heula|sebentar)|dulu(?=[^.!?\n]{0,40}\?))(?!\w)|"
    r"(?<!\w)(?:di-?|dipun\s+)(?:stop|setop|tunda|pending|hold|jeda|pause|libur(?:kan|in)?|"
    r"cuti(?:kan|in)?|off(?:kan|in)?|istirahat(?:kan|in)?)\s+(?:dulu|rumiyin|heula)(?!\w)",
    re.IGNORECASE,
)
# ... or offered as what the agent can do: "langganannya bisa diistirahatkan dulu 2 bulan",
# "gimana kalau ditunda dulu" (part-U round).
_PAUSE_CAN_RE = re.compile(
    r"(?<!\w)(?:bisa|boleh|dapat|mau|bagaimana\s+kalau|gimana\s+kalau|pripun\s+menawi|"
    r"kumaha\s+upami)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_JUST_RE = re.compile(r"\s+(?:aja|saja|ajah|wae|instead)(?!\w)", re.IGNORECASE)


def _pause_asked(text: str) -> bool:
    """A pause proposed as a question or a "just" (``_PAUSE_ASKED_RE``)."""
    for match in _PAUSE_ASKED_RE.finditer(text):
        left, right = sentence_of(text, match.start(), match.end())
        if text[left:right].rstrip().endswith("?") or _JUST_RE.match(text, match.end()):
            return True
        if _PAUSE_CAN_RE.search(text, max(0, match.start() - 40), match.start()) is not None:
            return True
    return False


# A proposal closed by a bare question of taking it: "Ada kelas weekend-only, hanya 150rb
# sebulan. Tertarik kak?", "... preminya jadi 300 ribu sebulan. Mau Pak?", "We have a
# student tier for just $4.99. Interested?", "How does that sound?"; the proposal names a
# plan or a price ("Kami kirim formulirnya ke email. Mau Pak?" proposes nothing).
_TAKE_IT_QUESTION_RE = re.compile(
    expand(
        r"(?:^|[.!?,]\s*|\s-\s)(?:apakah\s+)?(?:(?:{bapak}|{ibu}|{kak}|kakak|anda|{kamu})\s+)?"
        r"(?:tertarik|berminat|minat|mau|gimana|bagaimana|interested|keen|deal|"
        r"mau\s+(?:di)?coba|mau\s+(?:di)?ambil|how\s+does\s+that\s+sound|does\s+that\s+"
        r"(?:sound|work)\s+(?:good|ok(?:ay)?|for\s+you)|would\s+that\s+(?:work|help|suit\s+you))"
        r"(?:\s+(?:{bapak}|{ibu}|{kak}|kakak|anda|{kamu}|nggak|gak|ga|tidak|kah|dong|nih|"
        r"dengan\s+(?:itu|ini|penawaran\s+ini)))*\s*\?[\s\W]*$"
    ),
    re.IGNORECASE,
)
# (Not the customer's own product: "penutupan paket Bapak ... mau Pak?", "your plan".)
_PROPOSAL_RE = re.compile(
    expand(
        r"(?<!\w)(?<!your\s)(?<!my\s)(?:paket|plan|membership|kelas|tipe|program|promo|package|"
        r"tier|option|versi|version|edition)(?!\w)(?!\s+(?:{bapak}|{ibu}|{kak}|kakak|anda|{kamu}|"
        r"{saya}|aku|yang\s+(?:sekarang|lama|aktif)|(?:ini|itu)\s+(?:mau|akan|sudah)))"
    )
    + r"|(?<!\w)(?:cuma|hanya|only|just|jadi|saja|for)\s+(?:(?:rp\.?\s*|"
    r"[$\u20ac\u00a3]\s?)\d[\d.,]*|\d[\d.,]*\s*(?:rb|ribu|k|jt|juta|rupiah|dollars?|euros?|"
    r"pounds?))(?!\w)",
    re.IGNORECASE,
)
# More offers by what they offer (part-L round, from new probe texts over the classes the
# brief lists, no dev-set error): a price matched ("I can match any competitor's price"), a
# period given ("another month on us", "sebulan gratis"), a pause in other words
# ("hibernate", "snooze", "ditahan dulu sebulan", "nonaktif sementara"), a plea to
# reconsider ("anything that would change your mind", "pertimbangkan lagi"), a rate locked
# in, a regret addressed to the customer ("Sayang kak, ...", "Nggak sayang Bu?"), a plan
# offered with its price ("Ada paket sekeluarga, berempat cuma 120rb"), a loyalty programme
# pitched.
_OFFER_SHAPES_RE = re.compile(
    expand(
        r"(?<!\w)(?:(?:can|could|will|'ll|'d)\s+(?:also\s+)?match\s+(?:[\w'-]+\s+){0,4}?"
        r"(?:price|prices|rate|rates|offer|deal|charges?)|price[\s-]match\w*|"
        r"(?:another|one\s+more|an\s+extra|extra|a|one|two|three|\d+)\s+(?:months?|weeks?|year)\s+"
        r"(?:on\s+us|on\s+the\s+house|for\s+free|free)|(?:sebulan|seminggu|setahun|\d+\s+bulan)"
        r"\s+(?:lagi\s+)?(?:gratis|free|on\s+us)|hibernat\w*|snooze|(?:di)?tahan\s+dulu|"
        r"nonaktif(?:kan)?\s+sementara|suspend\w*\s+(?:[\w-]+\s+){0,2}(?:temporarily|for\s+a\s+"
        r"(?:while|few)|for\s+\d+)|"
        r"(?:di)?pertimbang(?:kan)?\s+(?:lagi|kembali|ulang)|mempertimbangkan\s+(?:lagi|kembali|"
        r"ulang)|lock\s+in\s+(?:[\w'-]+\s+){0,2}(?:rate|price|pricing)|"
        r"^\W*(?:(?:nggak|gak|ga|tidak|apa\s+(?:nggak|gak|ga|tidak))\s+)?sayang\s+(?:{kak}|kakak|"
        r"{bapak}|{ibu}|mas|{mbak})(?!\w)|"
        r"(?:ada|punya|have|we'?ve\s+got)\s+(?:juga\s+|also\s+)?(?:a\s+|an\s+|our\s+)?"
        r"(?:[\w-]+\s+){0,2}(?:paket|plan|kelas|membership|tier|package|program|promo)(?!\w)"
        r"[^.?!]{0,50}?(?:cuma|hanya|only|just|seharga|for)\s+(?:rp\.?\s*|[$\u20ac\u00a3]\s?)?\d[\d.,]*\s*"
        r"(?:rb|ribu|k|jt|juta|rupiah|dollars?|a\s+month|per\s+month|sebulan|per\s+bulan)?|"
        r"loyalty\s+(?:program|programme|scheme|club)|before\s+you\s+decide|"
        # a concession with what it gives ("The best I can do is fifteen dollars a month"),
        # payments spread without interest, a hold on billing, a cost the agent bears
        # ("tagihan bulan depan kami tanggung"), one more month asked for ("Coba dulu
        # sebulan lagi", "give it another month")
        r"(?:the\s+best|all)\s+(?:i|we)\s+can\s+(?:do|offer)\s+is\s+(?:[\w'-]+\s+){0,5}?"
        r"(?:\d|dollars?|bucks|percent|free|discount|off)|(?:with|at|for)\s+(?:no|zero|0\s*%)\s+"
        r"interest|interest[\s-]free|spread\s+(?:the\s+|your\s+)?payments?|(?:cicilan|dicicil|"
        r"nyicil)\s+(?:[\w-]+\s+){0,2}tanpa\s+bunga|put\s+(?:a\s+)?hold\s+on\s+(?:the\s+|your\s+)?"
        r"(?:billing|payments?|account|membership|subscription|plan|charges)|(?:tagihan|iuran|"
        r"cicilan|biaya\s+langganan)\w*\s+(?:[\w-]+\s+){0,3}(?:kami|saya|kita)\s+tanggung|"
        r"coba\s+(?:dulu\s+)?(?:sebulan|seminggu|\d+\s+(?:bulan|minggu))\s+lagi|give\s+(?:us|it)\s+"
        r"(?:another|one\s+more)\s+(?:month|week|chance|try))(?!\w)"
    ),
    re.IGNORECASE | re.MULTILINE,
)
# Offers in wording no earlier rule saw (part-U recall round: a class grid written from
# public retention scripts and save-desk guides, tests/tone/test_recall_offers_u.py; no
# dev-set text): money off in words ("take ten dollars off every month", "bring it down to
# 29"), a look at the price ("let me see what I can do on the price"), a lower price in
# slang ("harga yang lebih miring"), half of what the customer pays ("cukup bayar
# setengahnya", "harganya setengah"), a fee removed by the agent in more verbs
# ("kami hilangkan"), the next months covered ("we'll cover the next two months", "bulan
# depan nggak usah bayar"), a plan named with a price ("Paket 10 Mbps juga ada, cuma 150rb
# sebulan", "our Essentials tier ... only 8 a month"), a better fit, the customer moved
# down a class ("bisa turun ke kelas reguler"), a package to try ("coba pakai paket
# harian"), more for the same price ("same price, double the data", "harga tetap"),
# deliveries or payments skipped, a break taken, a plea to stay ("convince you to stay"),
# another offer announced ("boleh saya tawarin", not "saya cuma nawarin"; "satu opsi lagi
# sebelum ditutup"), a deal
# for existing customers ("program loyalitas buat pelanggan lama").
_PRICE = (
    r"(?:(?:rp\.?\s*|[$\u20ac\u00a3]\s?)\d[\d.,]*(?:\s*(?:rb|ribu|k|jt|juta))?|\d[\d.,]*\s*"
    r"(?:rb|ribu|k|jt|juta|rupiah|dollars?|bucks|euros?|pounds?)|\d[\d.,]*)"
    r"(?:\s*(?:/|per\s+|an?\s+|se)\s*(?:month|bulan|bln|mo|week|minggu|year|tahun))?"
)
_NUMBER_WORDS = (
    r"(?:five|ten|fifteen|twenty|twenty-five|thirty|forty|fifty|lima|sepuluh|dua\s+puluh)"
)
_OFFER_U_RE = re.compile(
    r"(?<!\w)(?:(?:take|knock|shave|get)\s+(?:[\w$.,%-]+\s+){1,3}off\s+(?:your|the|every|each|"
    r"per|a)\s|" + _NUMBER_WORDS + r"\s+(?:dollars?|bucks|euros?|pounds?|percent|per\s+cent)\s+"
    r"off|(?:bring|get|drop|knock|cut|take)\s+(?:it|that|this|(?:your|the)\s+(?:[\w-]+\s+)?"
    r"(?:price|bill|fee|rate|cost|payment|premium))\s+down(?:\s+to)?|"
    r"see\s+what\s+(?:i|we)\s+can\s+do\s+(?:on|about|with|for)\s+(?:the|your)\s+(?:[\w-]+\s+)?"
    r"(?:price|bill|rate|fee|cost|payment|premium|plan)|"
    r"harga\w*\s+(?:yang\s+)?(?:lebih\s+)?(?:miring|bersahabat|spesial|istimewa)|"
    r"(?:bayar|harga\w*|tagihan\w*|biaya\w*|iuran\w*|premi\w*)\s+(?:[\w-]+\s+){0,2}?(?:cuma\s+|"
    r"hanya\s+|jadi\s+)?(?:setengah|separuh)|(?:setengah|separuh)nya\s+(?:aja|saja)|"
    r"(?:fee|biaya|iuran|tagihan|admin)\w*\s+(?:[\w-]+\s+){0,4}(?:bisa\s+|akan\s+)?(?:kami|saya|"
    r"kita)\s+(?:bisa\s+|akan\s+)?(?:hilang(?:kan|in)|tiada(?:kan|in)|nol(?:kan|in)|waive)|"
    r"(?:we'?ll|we\s+(?:can|could|will|would)|i'?ll|i\s+(?:can|could|will))\s+cover\s+(?:the\s+|"
    r"your\s+)?(?:next|first|following|coming)\s+(?:[\w-]+\s+)?(?:months?|weeks?|bills?|"
    r"payments?|year)|(?:bulan\s+(?:depan|berikutnya)|\d+\s+bulan\s+(?:ke\s+depan|pertama|"
    r"berikutnya))\s+(?:[\w-]+\s+){0,2}?(?:(?:nggak|gak|ga|tidak|tak)\s+(?:usah|perlu)\s+"
    r"bayar(?!\s+lagi)|(?:biar\s+)?(?:kami|saya|kita)\s+(?:yang\s+)?tanggung)|"
    r"(?:biar|biarkan)\s+(?:kami|saya|kita)\s+yang\s+tanggung|"
    r"(?:might|would|could|may)\s+be\s+a\s+better\s+(?:fit|match|option)|"
    r"(?:bisa|boleh|dapat|mau)\s+(?:\w+\s+)?(?:turun|pindah|ganti|switch|downgrade|alih)\s+ke\s+"
    r"(?:kelas|plan|tier|member(?:ship)?|tipe|level|versi|edisi|program|langganan)|"
    r"coba\s+(?:pakai|pake|ambil|ikut)\s+(?:dulu\s+)?(?:paket|plan|kelas|versi|langganan|"
    r"member)|"
    r"(?:at|for)\s+(?:the\s+)?same\s+(?:price|rate|cost)|same\s+price\W+(?:double|more|extra|"
    r"twice)|double\s+(?:the\s+|your\s+)?(?:data|speed|storage|minutes|quota)|(?:dengan\s+)?"
    r"harga\s+(?:yang\s+)?(?:sama|tetap)(?!\s+(?:berlaku|ditagih|dibayar))|"
    r"skip\s+(?:the\s+|your\s+)?(?:next|upcoming|following|coming)\s+(?:[\w-]+\s+)?"
    r"(?:deliver(?:y|ies)|box(?:es)?|shipments?|orders?|payments?|months?|bills?|renewals?)|"
    r"take\s+a\s+(?:short\s+|little\s+|quick\s+)?break|"
    r"(?:convince|persuade|tempt|encourage|get)\s+you\s+to\s+(?:stay|remain|reconsider|keep)|"
    r"(?:boleh|bisa|mau|izin|ijin|ingin|pengen|coba|akan)\s+(?:saya\s+|kami\s+|aku\s+|sy\s+)?"
    r"(?:tawar(?:in|i|kan)|nawar(?:in|i|kan)|menawari|menawarkan)(?!\w)|"
    r"(?:opsi|pilihan|alternatif|tawaran|solusi)\s+(?:(?:lain|lagi|terakhir)\s+){1,2}(?:[\w-]+"
    r"\s+){0,2}?sebelum\s+(?:di)?(?:tutup|berhenti|cancel|batal|pergi|proses)|"
    r"(?:deal|offer|promo\w*|discount|rate|pricing|price|program(?:me)?)\s+for\s+(?:our\s+)?"
    r"(?:existing|current|loyal|long[\s-]?time|returning)\s+(?:members|customers|subscribers|"
    r"cardholders|clients)|(?:program|promo|harga|diskon|penawaran)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:buat|untuk|bagi)\s+(?:pelanggan|member|nasabah|anggota)\s+(?:lama|setia|loyal)|"
    r"program\s+(?:loyalitas|kesetiaan)|"
    # second grid of the round: a price the agent can do ("I could do 25 a month"), a period
    # at zero cost or free ahead ("sebulan ke depan free"), keeping the customer's business,
    # a purpose of staying ("supaya kakak tetap bersama kami"), another month of use asked
    # for ("pakai dulu aja kak sebulan lagi"), half price hyphenated.
    r"(?:i|we)\s+(?:can|could|'d|would)\s+(?:do|make\s+it|go\s+(?:down\s+)?to|drop\s+(?:it\s+)?"
    r"to|offer\s+it\s+(?:at|for)|give\s+it\s+to\s+you\s+for)\s+(?:it\s+(?:for|at)\s+)?(?:just\s+|"
    r"only\s+)?(?:[$\u20ac\u00a3]\s?|rp\.?\s*)?\d[\d.,]*\s*(?:/|a|an|per)\s*(?:month|mo|year|"
    r"week)|(?:at|for)\s+(?:zero|no)\s+(?:extra\s+|additional\s+)?(?:cost|charge)|"
    r"(?:sebulan|seminggu|setahun|\d+\s+(?:bulan|minggu))\s+(?:ke\s+depan|pertama|berikutnya)\s+"
    r"(?:[\w-]+\s+)?(?:gratis|free|on\s+us)|keep\s+(?:your\s+business|you\s+as\s+(?:a\s+|our\s+)?"
    r"(?:customer|member|client|subscriber))|(?:supaya|agar|biar)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:tetap|mau\s+tetap|bisa\s+tetap)\s+(?:bersama|di\s+sini|langganan|berlangganan|jadi|"
    r"pakai|menggunakan|member|stay|bertahan)|so\s+(?:that\s+)?you(?:'ll|\s+will|\s+would|"
    r"'d)?\s+(?:stay|remain|keep\s+(?:it|the|your))|(?:coba|pakai|pake|lanjut(?:in|kan)?|"
    r"terusin)\s+(?:(?:dulu|aja|saja|kak|kakak|pak|bu|mas|mbak)\s+){0,3}(?:sebulan|seminggu|"
    r"\d+\s+(?:bulan|minggu))\s+lagi|half[\s-]+(?:price|off)|"
    # third grid of the round: a bill going down to a price, a cost lowered to a price by
    # the agent or in the passive ("tagihannya saya turunin jadi 120rb", "premi bisa
    # diturunkan jadi 250 ribu"), a fee not charged on a condition of staying ("iuran
    # tahunannya tidak kami tagihkan, asal kartu tetap aktif"), something for staying ("5,000
    # miles just for staying"), another chance asked for ("kasih kami kesempatan sekali
    # lagi", "one more chance to make it right").
    r"(?:price|bill|fee|rate|cost|payment|premium)\s+(?:went|goes|go|came|comes|could\s+go|"
    r"would\s+go|dropped|drops)\s+down\s+to|(?:harga|tarif|premi|iuran|tagihan|biaya|cicilan|"
    r"abonemen)\w*\s+(?:[\w-]+\s+){0,3}?(?:(?:bisa|dapat)\s+(?:(?:kami|saya|kita)\s+)?|"
    r"(?:kami|saya|kita|aku)\s+(?:bisa\s+)?)(?:di)?(?:turun(?:kan|in)|kurang(?:i|in)|"
    r"kecil(?:kan|in)|ringan(?:kan|in)|potong|pangkas)\s+(?:jadi|menjadi|ke)\s+(?:rp\.?\s*)?\d[\d.,]*"
    r"(?:\s*(?:rb|ribu|k|jt|juta|rupiah))?|"
    r"(?:iuran|biaya|fee|tagihan|abonemen)\w*\s+(?:[\w-]+\s+){0,3}?(?:tidak|nggak|gak|ga|tak)\s+"
    r"(?:akan\s+)?(?:kami|saya|kita)\s+(?:tagih(?:kan)?|bebankan|kenakan)(?!\s+lagi)[^.?!]{0,60}?"
    r"(?:asal|kalau|kalo|jika|selama)\s+(?:[\w-]+\s+){0,2}(?:tetap|masih|lanjut|bertahan)|"
    # (something given for staying: never "Thanks for staying with us", a thanks)
    r"(?:(?:just|simply|only)\s+|(?:miles|points|poin|bonus|credit|voucher|discount|months?|"
    r"gift|reward)\s+(?:[\w-]+\s+){0,3}?)for\s+(?:staying|sticking\s+around|remaining|keeping\s+(?:it|the|"
    r"your))|(?:kasih|beri(?:kan)?)\s+(?:kami|saya)\s+kesempatan\s+(?:sekali\s+lagi|lagi|satu\s+"
    r"kali\s+lagi|terakhir)|(?:one\s+more|another|a\s+second)\s+chance\s+to\s+(?:make|put|set|"
    r"fix|win)|"
    r"(?:paket|plan|kelas|tier|package|membership|member|bundle|versi|version|edition|option|"
    r"opsi|pilihan)\s+"
    r"(?:[\w.,-]+\s+){0,5}?(?:cuma|hanya|only|just|for\s+just|for\s+only)\s+" + _PRICE + r")"
    r"(?!\w)",
    re.IGNORECASE,
)
# A loss warned of in more words (part-U round): "your price lock goes away if you leave",
# "you'd be walking away from 12,000 points", "Nanti poin kakak itu hilang lho", "eman
# banget", "sayang manfaat polisnya"; read unless the cancellation was reported done.
_LOSS_U_RE = re.compile(
    r"(?<!\w)(?:(?:(?:goes|go|will\s+go)\s+away|disappears?|(?:will|would)\s+be\s+(?:gone|lost)|"
    r"(?:is|are)\s+gone)[^.?!]{0,30}?(?<!\w)if\s+you\s+(?:leave|cancel|close|go|quit)|"
    r"(?:gone|lost)\s+for\s+good|(?:you'?d|you\s+would|you'?ll|you\s+will)\s+(?:also|still|then|"
    r"actually)\s+(?:be\s+)?(?:lose|losing|give\s+up|giving\s+up|forfeit)|(?:nggak|gak|ga|tidak|"
    r"tak)\s+bisa\s+(?:di)?(?:pakai|pake|gunakan|pulihkan|kembalikan|aktifkan)\s+lagi\s+(?:lho|loh|"
    r"lo)|(?:can'?t|cannot|won'?t)\s+be\s+(?:restored|recovered|undone|"
    r"reinstated)|"
    r"walk(?:ing)?\s+away\s+from\s+(?:[\w,'-]+\s+){0,3}?(?:points|miles|credits?|rewards?|"
    r"benefits?|status|rate|discount|price|savings|\d)|"
    r"(?:nanti|bakal|jadi)\s+(?:[\w-]+\s+){0,5}?(?:hilang|ilang|hangus)|(?:hilang|ilang)\s+"
    r"(?:lho|loh|lo|dong|kan|semua|sia-sia)|eman\s+(?:banget|bgt|temen|tenan|sanget|lho|loh|"
    r"yo|ya|mas|mbak)|hanjakal|sayang\s+(?:[\w-]+\s+)?(?:manfaat\w*|benefit\w*|poin\w*|promo\w*|"
    r"saldo\w*|bonus\w*|diskon\w*|cashback\w*|masa\s+\w+|keanggotaan\w*|membership\w*|polis\w*|"
    r"premi\w*|uang\w*))(?!\w)",
    re.IGNORECASE,
)
# "Anything that would change your mind?" asks the customer to stay; "if you change your
# mind later, you can sign up again" (a condition before it) only tells the way back.
_MIND_RE = re.compile(r"(?<!\w)(?:change\s+your\s+mind|(?:berubah|ubah)\s+pikiran)(?!\w)", re.I)
_MIND_CONDITION_RE = re.compile(
    r"(?<!\w)(?:if|should|in\s+case|whenever|once|kalau|kalo|klo|jika|bila|apabila|"
    r"seandainya|misal(?:nya)?|kapan(?:\s+pun)?|suatu\s+saat)(?:\s+[\w'-]+){0,3}\s+$",
    re.IGNORECASE,
)


def _mind_asked(text: str) -> bool:
    """A change of mind asked for, not one the customer may have later."""
    return any(
        _MIND_CONDITION_RE.search(text, max(0, m.start() - 40), m.start()) is None
        for m in _MIND_RE.finditer(text)
    )


# Part-ZAZB round (docs/tone-history.md): the customer's product changed or moved down in
# place of the cancellation, with "aja / saja / instead" marking it as the alternative
# ("paketnya diturunin ke yg 19rb aja?", "Paketnya bisa kami ubah jadi tidak perpanjang
# otomatis saja kak", "Kartunya kami ganti ke kartu tanpa iuran aja ya Pak?", "We could
# switch your plan to pay-as-you-go instead", "I can change it to a monthly rolling contract
# instead"; not "Paketnya sudah kami ubah jadi tidak aktif", "Change it to the new address
# instead", "langganannya sudah diganti jadi berhenti per bulan depan saja": a report or the
# customer's own instruction); a price matched in more words
# ("We may be able to match it.", "we might be able to match their quote", "Kami bisa
# samakan harganya"); something given on a condition of staying ("kalau mau lanjut ada
# voucher 30rb", "kalau tetap langganan dapat diskon 20%", "if you stay, there's a $20
# credit"); deliveries skipped for weeks ("skip the next 2 weeks instead").
_OFFER_ZAZB_RE = re.compile(
    r"(?<!\w)(?<!sudah\s)(?<!udah\s)(?<!telah\s)(?:paket|langganan|kartu|akun|member|"
    r"keanggotaan|polis|plan)\w*\s+(?:(?!(?:sudah|udah|udh|telah|barusan)\s)[\w-]+\s+){0,2}?"
    r"(?:(?:bisa|boleh|dapat|mau)\s+)?"
    r"(?:(?:kami|saya|kita|aku)\s+)?(?:di)?(?:turun(?:in|kan)|ubah|ganti|alih(?:kan|in)|"
    r"pindah(?:in|kan)?|downgrade)\s+(?:jadi|ke|menjadi)\s+[^.?!\n]{1,50}?(?:aja|saja)(?!\w)|"
    r"(?:we|i)\s+(?:can|could|might|may)\s+(?:just\s+|also\s+)?(?:change|switch|turn|convert|"
    r"move|downgrade)\s+(?:it|that|this|you|your\s+(?:[\w-]+\s+){0,2}?(?:plan|account|"
    r"subscription|package|membership|card|contract|policy))\s+(?:to|into|over\s+to|down\s+to|"
    r"onto)\s+[^.?!\n]{1,50}?\s+instead|"
    r"(?:able\s+to|can|could|will|'ll|'d|may|might)\s+(?:also\s+)?match\s+(?:it|that|them|"
    r"(?:the|their|that|your)\s+(?:other\s+|new\s+)?(?:quote|price|offer|deal))(?=\s*[.!?,]|\W*$)|"
    r"(?:bisa|dapat|akan|boleh)\s+(?:kami\s+|saya\s+|kita\s+)?(?:samakan|samain|menyamakan|"
    r"sesuaikan|cocokkan)\s+(?:harga|tarif|premi|penawaran)|"
    r"(?:kalau|kalo|klo|jika|asal|if)\s+(?:\w+\s+){0,2}?(?:mau\s+|tetap\s+|masih\s+)?(?:lanjut|"
    r"lanjutin|stay|bertahan|langganan|berlangganan|you\s+stay|you\s+keep\s+\w+)(?!\w)"
    r"[^.?!\n]{0,40}?(?<!\w)(?:voucher|diskon|cashback|potongan|bonus|credit|discount|gratis|"
    r"free)(?!\w)|"
    r"skip\s+(?:the\s+|your\s+)?(?:next|upcoming|following|coming)\s+(?:\d+|two|three|four|"
    r"few|couple\s+of)\s+weeks",
    re.IGNORECASE,
)
