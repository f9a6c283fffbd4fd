"""Marker and act patterns, compiled into one alternation matched on the raw text.

Words written ``{word}`` expand to every spelling in ``normalize.SLANG`` (``{tidak}`` matches
gak, nggak, ga ...), so colloquial text is understood while spans stay in the raw text.
Each entry is (label, kind, pattern); kind is ``polite``, ``curt`` or ``act``. Earlier
entries win where matches would overlap, so longer phrases come first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from karib.tone.dispatch import Dispatch
from karib.tone.normalize import expand
from karib.tone.questions import question_test
from karib.tone.rebuffs_unseen import BLAME_MORE, DISMISSIVE_MORE, RUDE_MORE

# Elongated and abbreviated forms too: "ibuu", "kakk", "kk", "bpk", "mbaa", "bunda".
ADDRESS_WORDS = (
    r"{bapak}|{ibu}|{kak}|ibuu+|buu+|kakk+|kaa+k|kk|paa+k|bapa|mbaa+k?|{mbak}|bund(?:a+)?|"
    r"mas|sir|madam|ma'?am|tuan|nyonya|saudara|saudari|bang|om|tante|mr\.?|mrs\.?|ms\.?|miss"
)

# Forms of address after "salah" in blame ("itu salah Bapak", "salah Mas sendiri").
_BLAMED = r"{bapak}|{ibu}|{kak}|kakak|{mbak}|mas|adik|adek|dek|bang|abang|om|tante|sis|gan|agan"

# The religious service register: greetings and replies in every common spelling,
# "Alhamdulillah", "Insya Allah", "Aamiin", "Semoga Allah mudahkan". Never curt.
RELIGIOUS = (
    r"(?:ass?alamu?\s*'?\s*[ae]?la?ikum|as+wr\s*wb|aslm|asslm|ass\s+wr\.?\s*wb\.?|"
    r"w[ae]?\s*'?\s*[ae]?la?ikum\s*(?:us+|s)?s?alam|waalaikumsalam|wa'alaikumussalam|wslm|"
    r"walaikumsalam|wa\s+alaikum\s+salam|alhamdulill?ah|hamdalah|insya\s*allah|"
    r"insy?a?\s*allah|insha\s*allah|inshallah|in\s+sha\s+allah|a+mi+n|semoga\s+allah|"
    r"bar[ao]kall?ahu?(?:\s+fi+(?:k|kum|ki))?|masya\s*allah|mashallah|subhanallah|bismillah|"
    r"jazakallah(?:\s+khair)?)(?:\s+(?:wr\.?\s*wb\.?|warahmatullahi?\s+wabarakatuh))?"
)

ENTRIES: tuple[tuple[str, str, str], ...] = (
    # --- acts carried by longer phrases (matched first) ---
    (
        "closing",
        "act",
        r"(?:{terima kasih}|thanks?|thank\s+you)\s+(?:telah|sudah|atas|for|karena)\s+"
        r"(?:menghubungi|menelepon|calling|contacting|kepercayaan|waktunya|kesabarannya|"
        r"your\s+(?:time|patience|trust|loyalty|call)|being\s+(?:with|a)|menjadi|setia|"
        r"bergabung|mempercayakan|mempercayai|berbelanja|belanja\s+(?:di|bersama)|memilih|"
        r"menggunakan\s+(?:layanan|jasa|produk|aplikasi)|berlangganan)|"
        r"(?:{terima kasih}|thanks?|thank\s+you)\s+for\s+(?:banking|shopping|choosing|"
        r"using|flying|staying|your\s+business|being\s+a)|sampai\s+jumpa|selamat\s+tinggal|"
        r"good\s*bye|bye|dadah",
    ),
    # "Wassalamu'alaikum" closes the chat, in the religious register: a polite marker with
    # the closing act, never a terse one-word reply.
    (
        "closing",
        "polite",
        r"wassalam(?:u\s*'?\s*[ae]?la?ikum)?(?:\s+wr\.?\s*wb\.?)?",
    ),
    # Reassurance is no blame ("bukan salah Bapak kok", "it's not your fault"): matched
    # before the blame entry so that its words are taken.
    (
        "empathy",
        "polite",
        r"(?:bukan|{tidak}|tak)\s+(?:sepenuhnya\s+)?salah\s+(?:anda|{kamu}|" + _BLAMED + r")"
        r"(?:\s+sendiri)?|not\s+(?:really\s+|at\s+all\s+)?your\s+(?:own\s+)?fault|"
        r"(?:wasn'?t|isn'?t)\s+your\s+(?:own\s+)?fault",
    ),
    (
        "offer_help",
        "polite",
        r"ada\s+(?:lagi\s+)?{yang}\s+(?:bisa|dapat|perlu)\s+(?:saya\s+|kami\s+)?(?:bantu|dibantu)"
        r"(?:\s+lagi)?|(?:is\s+there\s+)?anything\s+else(?:\s+i\s+can\s+(?:help|do))?|"
        r"how\s+(?:can|may)\s+(?:i|we)\s+(?:help|assist)|(?:bisa|dapat)\s+(?:saya|kami)\s+bantu|"
        r"jangan\s+ragu\s+(?:untuk\s+)?(?:menghubungi|hubungi)|feel\s+free\s+to\s+"
        r"(?:contact|reach|call)|don'?t\s+hesitate|siap\s+membantu|(?:here|happy|glad)\s+to\s+help|"
        r"senang\s+(?:bisa|dapat)\s+membantu",
    ),
    (
        "blame",
        "curt",
        r"kan\s+{sudah}\s+(?:{saya}\s+)?(?:bilang|jelaskan|kasih\s+{tahu}|sampaikan|bilangin)|"
        r"{sudah}\s+(?:{saya}\s+)?bilang(?:in)?\s+dari\s+tadi|rugi\s+sendiri|"
        r"salah\s+(?:anda|sendiri|{kamu})(?:\s+sendiri)?|salah\s+(?:" + _BLAMED + r")\s+sendiri|"
        r"(?:itu|ini|memang|emang|jelas|kan)\s+(?:(?:memang|emang|jelas|sudah)\s+)?salah\s+"
        r"(?:" + _BLAMED + r")|salah\s+(?:" + _BLAMED + r")\s+(?:{tidak}|belum|karena|kok|"
        r"sih)(?![\w'])|makanya|"
        r"as\s+i\s+(?:already\s+)?(?:said|told\s+you|explained)|i\s+(?:already\s+)?told\s+you|"
        r"like\s+i\s+said|your\s+own\s+fault|(?:it|that)(?:'?s|\s+is|\s+was)\s+your\s+"
        r"(?:own\s+)?(?:fault|mistake)|that'?s\s+on\s+you|you\s+should\s+have|(?:se)?harusnya\s+"
        r"(?:anda|{bapak}|{ibu}|{kamu})|baca\s+(?:dong|dulu)|{tidak}\s+baca|"
        # More blame (part-L round, from new texts): "Bapak aja yang nggak ngerti", "Saya kan
        # udah jelasin berkali-kali", "Udah dibilangin dari tadi", "Dibilang nggak bisa ya
        # nggak bisa", "You should've read the terms", "I've told you three times", "Are you
        # even listening?", "How many times do I have to say it?", "like everyone else".
        r"(?:{bapak}|{ibu}|{kak}|kakak|anda|{kamu}|mas|{mbak})\s+(?:aja|{saja}|sendiri)\s+{yang}\s+"
        r"(?:{tidak}|kurang)\s+(?:ngerti|mengerti|paham|teliti|baca|sabar|dengar|denger)|"
        r"{saya}\s+(?:kan\s+)?{sudah}\s+(?:jelasin|jelaskan|bilang|sampaikan)\s+(?:berkali-kali|"
        r"berulang(?:\s+|-)kali|dari\s+tadi)|{sudah}\s+(?:dibilangin|dibilang|dijelasin|dijelaskan)\s+"
        r"(?:dari\s+tadi|berkali-kali|berulang(?:\s+|-)kali)|dibilang\s+{tidak}\s+bisa\s+ya\s+"
        r"{tidak}\s+bisa|should(?:'ve|\s+have)\s+read|(?:i'?ve|i\s+have)\s+(?:already\s+)?told\s+"
        r"you|are\s+you\s+(?:even\s+)?listening|how\s+many\s+times\s+(?:do|must|should|have)\s+i|"
        r"(?:wait|queue|read|line\s+up)\s+(?:[\w'-]+\s+){0,3}like\s+everyone\s+else|"
        # Sundanese blame (part-M round): "da tos dicarioskeun" / "tos dicarioskeun tadi" (it
        # was told already), "Aa nu teu ngartos" (you are the one who does not understand),
        # "baca deui we" / "baca lagi dong" (read it again).
        r"(?:da|pan|kan)\s+(?:tos|atos|parantos)\s+(?:di)?(?:carioskeun|bejakeun|wartoskeun|"
        r"jelaskeun|terangkeun)|(?:tos|atos|parantos)\s+(?:di)?(?:carioskeun|bejakeun|"
        r"wartoskeun|jelaskeun|terangkeun)\s+(?:ti\s+)?(?:tadi|kamari|sababaraha\s+kali)|"
        r"(?:aa|a|teteh|teh|akang|kang|anjeun|maneh|ibu|bapa|ceu|euceu)\s+(?:nu|anu)\s+"
        r"(?:teu|henteu)\s+(?:ngartos|ngarti|ngerti|paham|maca|apal|nyaho)|"
        r"baca\s+(?:deui|lagi|ulang)\s+(?:we|wae|atuh|dong|sendiri)|"
        # Blame turned back on the customer (part-N round): "Jangan nyalahin kami", "nggak
        # usah menyalahkan admin", "Don't blame us", "Kakak sendiri yang checkout pas promo"
        # (not asked: "Apakah Ibu sendiri yang memesan?" checks who ordered), "it's your own
        # problem", "that's a silly decision" (the rude entry).
        r"(?:jangan|{tidak}\s+usah|gausah|stop)\s+(?:nyalah(?:in|kan)|salah(?:in|kan)|"
        r"menyalahkan|disalahkan)\s+(?:kami|{saya}|kita|admin|aku|toko|pihak\s+kami)|"
        r"(?:don'?t|do\s+not|stop|quit)\s+blam(?:e|ing)\s+(?:us|me|the\s+(?:store|shop|"
        r"company|agent|staff))|"
        r"(?:{bapak}|{ibu}|{kak}|kakak|anda|{kamu}|mas|{mbak})\s+sendiri\s+{yang}\s+(?:checkout|"
        r"check\s+out|co|order|pesan|memesan|pilih|memilih|milih|setuju|menyetujui|lupa|telat|"
        r"terlambat|salah|klik|ngeklik|minta)(?![^.!?\n]{0,80}\?)|"
        r"(?:it|that)(?:'?s|\s+is|\s+will\s+be)\s+your\s+own\s+(?:problem|loss|lookout|"
        r"funeral)|your\s+own\s+problem|"
        # ... and "Jangan asal nuduh / tanya", "Kan sudah ada di deskripsi", "Did you even
        # read it?" (not "Did you read the e-mail we sent?", "jangan asal klik link").
        r"jangan\s+asal\s+(?:nuduh|menuduh|tanya|nanya|komplain|protes|ngomong|bicara|ngomel)|"
        r"kan\s+{sudah}\s+(?:ada|tertulis|tercantum|ditulis|dijelaskan|diinfokan|diinformasikan)"
        r"\s+(?:jelas\s+|lengkap\s+)?di\s+(?:deskripsi|syarat|ketentuan|s&k|caption|katalog|bio|"
        r"keterangan|iklan|postingan|foto)|did\s+you\s+even\s+(?:read|look|check|listen)"
        + "|"
        + BLAME_MORE,
    ),
    (
        "dismissive",
        "curt",
        # "terserah kakak mau warna apa" offers a choice; "terserah (kakak) (aja)" dismisses.
        r"terserah(?!\s+(?:(?:anda|{kamu}|" + _BLAMED + r")\s+)?(?:(?:{mau}|{ingin}|"
        r"pilih|ambil|pakai)\s+)*(?:{yang}\s+mana|mana|warna|ukuran|size|model|motif|"
        r"varian|rasa|kapan|jam|tanggal|hari|berapa|apa)(?![\w']))"
        r"(?:\s+(?:anda|{bapak}|{ibu}|{kamu}))?|^\W*ya\s*{sudah}(?:\s*(?:lah|deh))?"
        r"(?=\s*(?:[,.!]|$))|^\W*ya\s*{sudah}\s*(?:sih|dong)(?![\w'])|{sudah}lah|"
        # Javanese and Sundanese: "yo wis." (ya sudah), "karepmu" / "sakarepmu" (terserah
        # kamu), "wis ben", "sakahayang maneh", "teu paduli".
        r"^\W*y[ao]\s*wis(?:\s*(?:lah|ben))?(?=\s*(?:[,.!]|$))|(?:sa(?:k\s*)?)?karepmu|"
        r"karepe\s+dewe|wis\s+ben|sakahayang\s+(?:anjeun|maneh)|kumaha\s+maneh|"
        r"teu\s+paduli|"
        r"whatever|if\s+you\s+say\s+so|suit\s+yourself|bodo\s+amat|"
        # "up to you" offering a choice ("it's up to you which size") is none.
        r"up\s+to\s+you(?!\s*[,-]?\s*(?:which|whether|what|when|where|how|if|both|"
        r"either)(?![\w']))|"
        # "your call / problem / loss" as the predicate, not "sorry for your loss".
        r"(?:that|it)(?:'?s|\s+is)\s+(?:your|not\s+my)\s+(?:call|problem|loss)|"
        r"^\W*your\s+(?:call|problem|loss)|bukan\s+urusan\s+(?:{saya}|kami)|not\s+my\s+problem|"
        r"^\W*fine\b|masa\s+{tidak}\s+(?:{tahu}|ngerti|paham)|"
        # More dismissals (part-L round, from new texts): "Itu urusan Bapak", "Kalau nggak mau
        # ya udah", "Ya sudah kalau nggak percaya", "Silakan cari toko lain aja", "Nggak bisa,
        # titik.", "Bukan tugas saya", "That's not my job", "Take it or leave it", "Deal with
        # it.", "It is what it is", "Go somewhere else then", "Calm down." opening the message
        # (not "not my department": a hand-over; not "urusan Bapak yang kemarin sudah kami
        # proses"; not "kalau nggak mau ya udah nggak apa-apa kak").
        r"(?:itu|ini)\s+(?:sih\s+|mah\s+)?urusan\s+(?:anda|{bapak}|{ibu}|{kak}|kakak|{kamu})"
        r"(?:\s+sendiri)?(?=\W*$|\s*[.!,])|"
        r"{kalau}\s+{tidak}\s+{mau},?\s+ya\s*{sudah}(?=\W*$)|ya\s*{sudah},?\s+{kalau}\s+{tidak}\s+"
        r"(?:percaya|{mau}|terima|sabar|suka|puas|cocok|setuju)|(?:silakan|silahkan)\s+(?:cari|"
        r"pakai|pindah\s+ke|ke)\s+"
        r"(?:toko|tempat|provider|bank|layanan|penjual|seller|operator|yang)\s+lain|"
        r"{tidak}\s+bisa,?\s+titik|bukan\s+tugas\s+(?:{saya}|kami)|not\s+my\s+job|take\s+it\s+or\s+"
        r"leave\s+it|^\W*deal\s+with\s+it|it\s+is\s+what\s+it\s+is|(?:go|shop|book|look)\s+"
        r"(?:somewhere\s+else|elsewhere)(?=(?:\s+then)?\s*(?:[.!]|$))|^\W*calm\s+down|"
        # Telling the customer off for asking (part-M round): "Sabar dong kak", "gak usah P P
        # terus", "jangan spam dong", "jangan nanya tiap hari dong", "admin bukan ngurusin
        # kakak doang", "Bapak bukan satu-satunya pelanggan", "capek kami jawabnya" (not
        # "maaf bikin kakak capek jawab"), "Not our problem", "stop messaging us", "you're
        # not our only customer", "I'm tired of explaining" (not "sabar ya kak", "jangan
        # khawatir terus", "jangan ragu tanya").
        r"sabar\s+(?:dong|donk|dung|napa|kenapa)|(?:{tidak}\s+usah|jangan|stop)\s+"
        r"(?:nge-?)?(?:p|ping|spam|chat|wa|telpon|telepon|nelpon|tanya|nanya|nanyain|neror|"
        r"teror|protes|komplain|ngeluh|ngomel)(?:\s+p){0,5}\s+(?:[\w-]+\s+){0,2}?(?:terus|mulu|"
        r"melulu|trs|tiap\s+(?:hari|jam|menit)|berkali-kali)|(?:{tidak}\s+usah|jangan)\s+"
        r"(?:nge-?)?spam(?!\s+(?:klik|click|tombol|pencet|tekan))|bukan\s+(?:cuma\s+|cuman\s+|"
        r"hanya\s+)?(?:ngurusin|ngurus|melayani|ngeladenin|ngelayanin|ngeladeni)\s+(?:{kak}|"
        r"kakak|{bapak}|{ibu}|mas|{mbak}|anda|{kamu})\s+(?:{saja}|seorang|sendiri)|bukan\s+"
        r"satu-satunya\s+(?:pelanggan|customer|pembeli|nasabah|konsumen)|(?:(?:capek|cape|"
        r"capai|lelah)\s+(?:{saya}|kami|admin|kita)|(?:{saya}|kami|admin|kita)\s+(?:{sudah}\s+|"
        r"juga\s+|jadi\s+)?(?:capek|cape|capai|lelah))\s+(?:jawab|ngejawab|menjawab|jelasin|"
        r"ngejelasin|menjelaskan|ngeladenin|ngelayanin|balas|bales|ngebales)\w*|"
        r"not\s+our\s+(?:problem|concern)|not\s+my\s+concern|bukan\s+masalah\s+(?:kami|{saya})|"
        r"(?:stop|quit)\s+(?:spamming|pinging|messaging\s+us|texting\s+us|calling\s+us)|"
        r"(?:you'?re|you\s+are)\s+not\s+(?:our|the)\s+only\s+(?:customer|client)|"
        r"(?:i'?m|we'?re|i\s+am|we\s+are)\s+(?:so\s+|getting\s+)?(?:tired|sick)\s+of\s+"
        r"(?:answering|explaining|repeating|telling)|"
        # Leave granted in scorn (part-N round): to lose ("Ya kalau Bapak maunya rugi,
        # silakan", "kalau mau rugi ya monggo"; not "kalau nggak mau rugi, ambil paket
        # tahunan"), or to complain wherever ("Mau komplain ke mana juga silakan", "silakan
        # lapor ke siapa aja", "complain to whoever you like", "go ahead and complain";
        # not "Kalau mau komplain, silakan hubungi 1500-123").
        r"{kalau}\s+(?:(?:anda|{bapak}|{ibu}|{kak}|kakak|{kamu}|mas|{mbak})\s+)?(?:{mau}|maunya|"
        r"{ingin}|pengen|pengennya)\s+rugi(?:\s+(?:sendiri|terus))?,?\s+(?:ya\s+)?(?:silakan|"
        r"silahkan|monggo|sok|terserah)|"
        r"(?:komplain|complain|lapor|melapor|laporkan|ngadu|mengadu|viralin|viralkan|review)\s+"
        r"(?:ke\s+|sama\s+)?(?:mana|siapa)\s*(?:pun|juga|aja|{saja})(?:\s+(?:{bapak}|{ibu}|"
        r"{kak}|kakak|mas|{mbak}))?\W+(?:ya\s+)?(?:silakan|silahkan|monggo|sok|bebas|boleh)|"
        r"(?:silakan|silahkan|monggo)\s+(?:aja\s+|{saja}\s+)?(?:komplain|lapor|laporkan|ngadu|"
        r"mengadu|viralin|viralkan|review)\s+(?:ke\s+|sama\s+)?(?:mana|siapa)\s*(?:pun|juga|"
        r"aja|{saja})|"
        r"complain\s+(?:to\s+)?(?:whoever|wherever|anyone|anybody)\s+you\s+(?:like|want|"
        r"wish)|complain\s+all\s+you\s+(?:like|want)|go\s+ahead\s+and\s+(?:complain|report\s+"
        r"us|leave\s+a\s+bad\s+review)|if\s+you\s+want\s+to\s+(?:lose|waste|throw\s+away)\s+"
        r"[^.!?,;]{1,40}?,?\s+(?:then\s+)?(?:go\s+ahead|be\s+my\s+guest|that'?s\s+(?:on\s+you|"
        r"your\s+(?:choice|call|problem|funeral)))|"
        # More of the same (part-N round, probes of new texts): "Kalau mau komplain ya
        # silakan." (not "..., silakan hubungi 1500-123"), "kami nggak takut (dilaporin)" (not
        # "saya nggak takut sama penyakit"), "Kalau nggak suka ya nggak usah belanja di sini",
        # "Itu sih derita kakak", "jangan ngegas / nyolot", "That's just how it is", "Don't
        # take it out on me", "Stop shouting at me".
        r"(?:komplain|complain|lapor|ngadu|mengadu|viralin|viralkan)\w*(?:\s+[\w-]+){0,4}?,?\s+ya\s+"
        r"(?:silakan|silahkan|monggo)(?:\s+(?:aja|{saja}))?(?=\W*(?:(?:{bapak}|{ibu}|{kak}|kakak|"
        r"mas|{mbak})\W*)?$)|(?:kami|{saya}|aku|admin)\s+{tidak}\s+takut(?=\W*$|\s*[.!,]|\s+(?:di)?(?:lapor|"
        r"komplain|viral)\w*)|{kalau}\s+{tidak}\s+"
        r"(?:suka|cocok|puas|terima|setuju),?\s+(?:ya\s+)?(?:{tidak}\s+usah|jangan)\s+(?:belanja|"
        r"beli|order|pesan|pakai|langganan)|derita\s+(?:{kak}|kakak|{bapak}|{ibu}|anda|{kamu}|lu|"
        r"lo|elu)(?!\w)|(?:jangan|{tidak}\s+usah|gausah)\s+(?:ngegas|nyolot|sewot|ngotot)|"
        r"that'?s\s+just\s+(?:how\s+it\s+is|the\s+way\s+it\s+is)|(?:don'?t|do\s+not)\s+take\s+"
        r"it\s+out\s+on\s+(?:me|us)|(?:stop|quit)\s+(?:shouting|yelling|screaming)\s+at\s+"
        r"(?:me|us)|lower\s+your\s+voice" + "|" + DISMISSIVE_MORE,
    ),
    (
        "rude",
        "curt",
        r"bodoh|goblok|tolol|bego|sialan|anjing|bangsat|brengsek|kampret|stupid|idiot|"
        r"damn|shut\s+up|berisik|ngaco|useless|ridiculous|nonsense|incompetent|becus|"
        # Calling the customer fussy or a nag (part-K round): "bawel amat", "jangan cerewet",
        # "rewel banget sih", "stop nagging", "quit whining".
        r"(?:bawel|cerewet|rewel)\s+(?:amat|banget|bgt|bener|betul|sekali|sih)|(?:dasar|jangan|"
        r"gak\s+usah|ga\s+usah|nggak\s+usah|tidak\s+usah)\s+(?:bawel|cerewet|rewel)|"
        r"(?:stop|quit)\s+(?:nagging|whining|moaning)|(?:so|too)\s+demanding|"
        # The customer's choice called foolish (part-N round): "that's a silly decision",
        # "a foolish choice", "keputusan yang konyol" (not "no silly questions").
        r"(?:silly|foolish|dumb)\s+(?:decision|choice|idea|move)|"
        r"(?:keputusan|pilihan)\s+(?:yang\s+)?(?:konyol|ceroboh)" + "|" + RUDE_MORE,
    ),
    (
        "refusal",
        "act",
        r"{tidak},?\s*(?:{terima kasih}|{thanks}|thank\s+you)|no,?\s+(?:thanks?|thank\s+you)|"
        r"{tidak}\s+(?:perlu|usah|mau|tertarik|butuh|minat|ingin|berminat)|"
        r"(?:ga|gak|gk|g|ngga|nggak|enggak)(?:usah|perlu|mau|minat|butuh|tertarik)|"
        r"(?:i'?m\s+)?not\s+interested|i\s+(?:don'?t|do\s+not)\s+(?:want|need)|no\s+need|"
        r"i'?m\s+(?:sure|certain)|i\s+am\s+(?:sure|certain)|{sudah}\s+(?:yakin|mantap|"
        r"memutuskan|putuskan|bulat)|tetap\s+(?:{mau}\s+|{ingin}\s+|minta\s+|akan\s+)?"
        r"(?:tutup|ditutup|batal|berhenti|cancel)|still\s+want\s+to|(?:please\s+)?just\s+"
        r"(?:close|cancel|proceed)|pokoknya|keputusan\s+saya|my\s+mind\s+is\s+made\s+up|"
        r"i'?ve\s+(?:already\s+)?decided|(?:i'?ve|i\s+have)\s+(?:already\s+)?made\s+up\s+my\s+mind|"
        r"made\s+(?:up\s+)?my\s+(?:mind|decision)|(?:{sudah}\s+)?(?:keputusan\s+)?(?:bulat|final)\s+"
        r"(?:{mau}\s+|{ingin}\s+)?(?:tutup|berhenti|batal|cancel)|but\s+no|nope|no\s+way|langsung\s+proses|"
        r"proses\s+{saja}|sekali\s+lagi|once\s+again|i'?d\s+(?:just\s+)?(?:like|prefer|rather)\s+"
        r"(?:to\s+)?(?:cancel|close|proceed|end|stop)|i'?ll\s+pass|not\s+for\s+me|"
        r"(?:just|please)\s+(?:cancel|close)\s+(?:it|my|the)",
    ),
    (
        "retention_offer",
        "act",
        r"diskon|potongan(?:\s+(?:harga|biaya|iuran))?|cash\s?back|gratis|free\s+(?:of\s+charge|"
        r"for|months?|upgrade|annual)|(?:bebas|bebaskan|pembebasan|penghapusan|hapus|"
        r"hapuskan|gratiskan|menghapus|membebaskan)\s+(?:biaya|iuran)|"
        r"(?:biaya|iuran)\s+(?:\w+\s+){0,2}(?:bisa\s+|dapat\s+|akan\s+)?(?:kami\s+|saya\s+)?"
        r"(?:bebaskan|gratiskan|hapuskan|hapus|dibebaskan|digratiskan|dihapus)|waive[dr]?|waiving|discount|upgrade|bonus|"
        r"poin\s+(?:ganda|tambahan|bonus|dua\s+kali|[0-9]+\s*x)|double\s+(?:points|miles|rewards|data)|extra\s+(?:points|miles)|bekukan|"
        r"pembekuan|dibekukan|jeda|pause|freeze|(?:cuti|tunda)\s+(?:langganan|keanggotaan)|"
        # A payment paused (part-O round): "cuti premi 3 bulan", "libur iuran", "a premium
        # holiday", "skip the next payment".
        r"(?:cuti|libur|jeda)\s+(?:premi|iuran|pembayaran|bayar|cicilan|membership)|"
        r"(?:premium|payment)\s+holiday|skip\s+(?:a|the\s+next|your\s+next)\s+(?:payment|month)|"
        r"hangus|kehilangan|akan\s+hilang|(?:you'?ll|you\s+will)\s+lose|lose\s+(?:all\s+)?your|"
        # A loss in the conditional and "certain" (part-K round): "you'd be giving up your
        # status", "are you certain?".
        r"(?:you'?d|you\s+would)\s+(?:be\s+)?(?:losing|lose|giving\s+up|give\s+up)|"
        r"forfeit|sayang\s+(?:sekali|{banget})|sayang\s+(?:kalau|jika)|yakin\s+(?:{mau}|{ingin}|"
        r"nih|akan|mau)|are\s+you\s+(?:really\s+|absolutely\s+|completely\s+|quite\s+|totally\s+)?"
        r"(?:sure|certain)|pikir(?:kan)?\s+(?:lagi|ulang|dulu|"
        r"baik-baik)|think\s+(?:about\s+it|it\s+over|again|twice)|reconsider|penawaran|"
        r"special\s+offer|(?:an?|one\s+more|another|our)\s+offer|exclusive|promo|cicilan\s+0|"
        r"(?:naik|kenaikan)\s+limit|limit\s+increase|lower\s+(?:rate|price|fee|plan|tier)|"
        r"[0-9]+\s*(?:%|percent|persen)\s+(?:off|discount|lebih\s+murah)|half\s+(?:price|off)|"
        r"(?:separuh|setengah)\s+harga|harga\s+(?:khusus|spesial|special|promo)|"
        r"special\s+(?:price|rate|deal|pricing)|reduced\s+(?:rate|price|fee|plan)|"
        r"no[\s-]+(?:annual[\s-]+|monthly[\s-]+)?fees?|fee[- ]free|tanpa\s+(?:biaya|iuran)|"
        r"free\s+(?:of\s+charge|months?|trial|period|weeks?|year|shipping)|on\s+the\s+house|"
        r"(?:a|one|two|three|[0-9]+)\s+(?:months?|weeks?)\s+(?:free|on\s+us|at\s+no\s+"
        r"(?:cost|charge))|at\s+no\s+(?:extra\s+)?(?:cost|charge)|"
        r"(?:sebulan|satu\s+bulan|dua\s+bulan|tiga\s+bulan)\s+gratis|gratis\s+[0-9]+\s+bulan|"
        # Part-T round: a premium holiday in the passive ("polis Ibu bisa dicutikan premi"),
        # a smaller tier named with its price ("Belanjaplus Lite cuma 9rb/bulan", "the Basic
        # plan for just 5 a month"), a plan switched to "instead" ("would you like to switch
        # to GreenBasic instead?") and a credit for keeping it
        # ("If you keep it until March, we can credit 20 to your next bill").
        r"(?:di)?cutikan\s+(?:\w+\s+)?(?:premi|iuran|pembayaran|cicilan)|"
        r"(?:lite|basic|mini|starter|hemat|light)\s+(?:plan\s+|package\s+)?(?:(?:cuma|hanya|"
        r"only|just|for\s+just|for\s+only)\s+)(?:rp\.?\s*|\$|s\$)?[0-9][0-9.,]*\s*(?:rb|ribu|k|"
        r"jt)?\s*(?:/|per\s+|a\s+|se)\s*(?:bulan|bln|month|mo)|"
        r"(?:switch|move|change|downgrade)\s+(?:you\s+)?to\s+[\w-]+(?:\s+[\w-]+)?\s+instead|"
        r"if\s+you\s+keep\s+[^.?!,]{1,40},\s+(?:we|i)\s+(?:can|could|will|'ll|would)\s+(?:credit|"
        r"give|add|take|knock)|"
        r"cheaper|downgrade|(?:basic|lite|lighter|smaller|starter|different|another|"
        r"alternative)\s+(?:plan|package|tier|option|subscription)|"
        r"switch(?:ing)?\s+(?:you\s+)?to\s+(?:a|an|our|the)\s+(?:\w+\s+)?(?:plan|package|tier)|"
        r"paket\s+(?:{yang}\s+)?(?:lebih\s+)?(?:murah|hemat|ringan|basic|dasar|lite|kecil|lain)|"
        r"(?:turun|pindah|ganti|alih|diganti|dirobih|robih|gentos|digentos|ngalih|"
        # passive and "-in" forms too (part-N round): "dipindah ke paket keluarga aja?"
        r"dipindah(?:kan|in)?|pindah(?:kan|in)|dialihkan|alihkan|diturunkan|turun(?:kan|in))\s+"
        r"(?:ke\s+|ka\s+|"
        r"jadi\s+|janten\s+)?paket|kumaha\s+(?:upami|mun|lamun)|(?:bonus|extra|double|reward|loyalty)\s+"
        r"points|[0-9]+\s*(?:points|poin)|credit\s+(?:to|on)\s+your\s+account|account\s+credit|"
        r"(?:could|can|may|might)\s+i\s+offer|(?:we|i)\s+(?:can|could|would\s+like\s+to|'?d\s+"
        r"like\s+to)\s+offer|let\s+me\s+offer|offer\s+you|one\s+(?:last|more|final)\s+"
        r"(?:option|thing|offer|idea)|before\s+you\s+(?:go|cancel|leave)|how\s+about\s+"
        r"(?:a|an|we|if)|what\s+if\s+(?:we|i)|(?:stay|remain)\s+with\s+us|you\s+sure|(?:how|what)\s+about|for\s+free|"
        r"keep\s+(?:your|the)\s+(?:account|card|plan|subscription|membership)|"
        r"{bagaimana}\s+{kalau}|tawarkan|menawarkan|tawaran|masih\s+yakin|"
        r"yakin\s+(?:{kak}|{bapak}|{ibu}|dengan\s+keputusan)|"
        r"bunga\s+(?:rendah|0|nol)|turun(?:kan)?\s+(?:harga|biaya|bunga|premi|iuran|tagihan|cicilan)(?:nya)?|rugi|"
        r"kesempatan\s+terakhir|last\s+chance|only\s+today|hanya\s+hari\s+ini|"
        r"[0-9]+\s+(?:months?|bulan|weeks?|minggu)\s+(?:free|gratis)|if\s+you\s+(?:decide\s+to\s+)?"
        r"stay|(?:{kalau}|jika|asal)\s+(?:{bapak}\s+|{ibu}\s+|{kak}\s+|anda\s+)?tetap(?=\s*[.!?]|$)|"
        r"(?:{kalau}|jika|asal)\s+(?:{bapak}\s+|{ibu}\s+|{kak}\s+|anda\s+)?(?:tetap|masih)\s+"
        r"(?:berlangganan|langganan|bertahan|bersama|menjadi|jadi|pakai|memakai|menggunakan|"
        r"member)|"
        # Offers in ordinary English: "make your next month free", "if you keep it",
        # "would you consider staying", "lower your monthly fee", "throw in a free session",
        # "our student rate", "a plan that costs less", "can I interest you in".
        r"(?:next|following|first|second|third|fourth|fifth|sixth|final|last)\s+(?:months?|"
        r"weeks?|year)\s+(?:free|on\s+us|at\s+no\s+(?:extra\s+)?(?:cost|charge))|"
        r"if\s+you\s+(?:decide\s+to\s+)?(?:keep\s+it|remain|continue\s+with\s+us)|"
        r"consider\s+(?:staying|keeping|remaining)|"
        r"(?:lower|reduce|cut)(?:ed|ing|s)?\s+(?:your|the)\s+(?:monthly\s+|annual\s+|yearly\s+)?"
        r"(?:fee|rate|price|bill|payment|premium|interest)|throw\s+in|"
        r"free\s+(?:session|sessions|gift|class|classes|installation|service|add-?on|lessons?|"
        r"training|storage|data|minutes|consultation|check-?up|delivery|device|headphones)|"
        r"(?:student|loyalty|member|members'?|discounted|promotional|introductory|retention)\s+"
        r"(?:rate|price|pricing|deal|discount)|costs?\s+less|less\s+expensive|"
        r"more\s+affordable|interest\s+you\s+in|"
        # Indonesian: "lebih terjangkau", "beneran mau berhenti?" (are you sure).
        r"lebih\s+terjangkau|(?:langkung|leuwih)\s+(?:murah|mirah|hemat)|(?:beneran|serius|sungguh)\s+(?:{mau}|{ingin}|nih|akan)\s+"
        r"(?:berhenti|batal|tutup|cancel|unsub|putus)",
    ),
    (
        "cancellation_request",
        "act",
        r"(?:menutup|tutup|nutup)\s+(?:kartu|rekening|akun|langganan|layanan|keanggotaan|polis|"
        r"paket|membership)|batalkan|membatalkan|pembatalan|(?:{mau}|{ingin}|minta)\s+batal|"
        r"cancel(?:lation|ling|ing)?|berhenti\s+(?:langganan|berlangganan|jadi|menjadi|pakai|"
        r"menggunakan)|(?:{mau}|{ingin})\s+berhenti|putus(?:kan)?\s+(?:langganan|kontrak)|"
        # Ending a line or a card by "putus" (part-K round): "mau putus kartu pascabayar",
        # "putuskan nomor saya", "memutus sambungan internet".
        r"(?:{mau}|{ingin}|minta|tolong|mohon)\s+(?:di)?putus(?:kan|in)?\s+(?:\w+\s+)?(?:kartu|"
        r"nomor|nomer|sambungan|layanan|paket|internet|wifi|pascabayar|postpaid)|"
        r"(?:memutus(?:kan)?|mutusin)\s+(?:\w+\s+)?(?:kartu|nomor|nomer|sambungan|langganan|"
        r"layanan|paket|internet|wifi|kontrak)|"
        # Part-T round: "mau close akun PayNanti saya", "tolong close kartu kredit saya";
        # "please remove the GreenPlus add-on from my account" (an add-on ended).
        r"(?:{mau}|{ingin}|minta|tolong|mohon)\s+close\s+(?:\w+\s+)?(?:akun|kartu|rekening|"
        r"langganan|membership|paket|polis)|remove\s+(?:the|my|this)\s+(?:[\w-]+\s+){0,2}"
        r"(?:add-?on|subscription|membership|bundle)\s+from\s+my|"
        r"nonaktifkan|menonaktifkan|unsubscribe|unsub|close\s+(?:my|the|this)\s+(?:\w+\s+)?"
        r"(?:card|account|subscription|membership|plan)|terminate|stop\s+(?:my|the)\s+"
        r"(?:\w+\s+){0,2}(?:subscription|membership|plan|service)|end\s+my\s+(?:\w+\s+){0,2}"
        r"(?:subscription|contract|membership)|opt\s+out|(?:di)?tutup\s+{saja}|close\s+it|"
        r"cabut\s+(?:langganan|layanan)|hapus\s+akun|delete\s+my\s+account|"
        # Javanese and Sundanese, active forms only ("batalke mawon", "ngabatalkeun").
        r"m?batalke|ngabatalkeun|batalkeun|(?:mandheg|mandeg|eureun)\s+(?:langganan|"
        r"berlangganan)|"
        # ... and the other verbs of stopping, with membership too (part-Q round: "abdi
        # bade lirén member gym", "kula badhe leren langganan", "eureun jadi member").
        r"(?:mandheg|mandeg|eureun|lir[eé]n|leren)\s+(?:dados\s+|jadi\s+|dadi\s+)?(?:member|"
        r"membership|keanggotaan|langganan|berlangganan)|"
        # Stopping, ending or leaving what the customer holds, in more words (part-J round,
        # from new texts): "stop langganan", "hentikan / akhiri / keluar dari keanggotaan",
        # "matikan auto-renewal", "mandhegaken langganan", "I want out of my contract",
        # "don't renew my plan", "I no longer want the premium plan".
        r"(?:stop|hentikan|menghentikan|akhiri|mengakhiri|putusin|cabut|keluar\s+dari|"
        r"matikan|mematikan|mandhegaken|mandhegake|mandegaken|eureunkeun|ngeureunkeun)\s+"
        r"(?:\w+\s+)?(?:langganan|berlangganan|kontrak|keanggotaan|membership|member|"
        r"paket|layanan|auto-?renew\w*|perpanjangan\s+otomatis)|"
        r"(?:want|wanna|need)\s+out\s+of\s+(?:my|this|the)\s+(?:\w+\s+)?(?:contract|plan|"
        r"subscription|membership)|(?:don'?t|do\s+not)\s+renew\s+(?:my|the)\s+(?:\w+\s+)?"
        r"(?:plan|subscription|membership|contract|policy)|no\s+longer\s+want\s+(?:my|the|"
        r"this)\s+(?:\w+\s+)?(?:plan|subscription|membership|service|card|account)|"
        r"turn\s+off\s+(?:the\s+|my\s+)?auto-?renew\w*|"
        # ... and a policy, an insurance, an account or savings stopped (part-N round): "mau
        # stop polis unit link saya", "hentikan asuransi saya", "akhiri rekening tabungan";
        # not a card ("stop kartu saya, hilang" blocks a lost card).
        r"(?:stop|setop|hentikan|menghentikan|akhiri|mengakhiri)\s+(?:\w+\s+)?(?:polis|"
        r"asuransi|akun|rekening|tabungan|deposito)|"
        # Colloquial "-in" verb forms with what is stopped (part-L round): "stopin langganan
        # aku", "berhentiin paket internet", "nonaktifin akun saya"; and the product named
        # first, then the wish ("Langganan saya mau saya berhentikan", "akun premium aku mau
        # di-cancel aja", "Polis ini ingin saya batalkan"); not "kartu saya mau saya pakai".
        r"(?:stopin|setopin|berhentiin|berhentikan|memberhentikan|nonaktifin|matiin|cancelin|"
        r"tutupin|batalin|putusin)\s+(?:[\w-]+\s+){0,2}(?:langganan|berlangganan|paket|akun|"
        r"kartu|rekening|membership|member|keanggotaan|polis|asuransi|layanan|subscription|"
        r"pesanan|order|booking|reservasi|kontrak)|"
        r"(?:langganan|paket|akun|kartu|rekening|membership|keanggotaan|polis|asuransi|layanan|"
        r"kontrak)(?:\s+[\w-]+){0,3}\s+(?:{mau}|{ingin}|minta|tolong|mohon)\s+(?:{saya}\s+|aku\s+|"
        r"kami\s+)?(?:di-?)?(?:tutup|batalkan|batalin|berhentikan|berhentiin|stop|cancel|"
        r"putus(?:kan|in)?|nonaktifkan|nonaktifin|akhiri|hentikan|hapus)|"
        # More verbs of leaving (part-L round, from new texts): "resign dari member gym",
        # "mau quit membership", "udahan aja langganannya", "unreg paket", "I'd like to
        # discontinue my service", "quit the gym", "deactivate my account", "Let's end the
        # contract" (not "deactivate my card": a lost card is blocked, not cancelled).
        r"(?:resign|quit|keluar)\s+(?:dari\s+)?(?:[\w-]+\s+)?(?:member|membership|keanggotaan|"
        r"langganan)|unreg(?:istrasi)?|udahan\s+(?:aja\s+|saja\s+)?(?:langganan|paket|"
        r"member)\w*|(?:discontinue|deactivate|close\s+out|end|quit)\s+(?:my|the|this|our)\s+"
        r"(?:[\w-]+\s+){0,2}(?:service|services|account|subscription|membership|plan|contract|"
        r"policy|gym|line|package|insurance)|"
        # Sundanese with the product named first (part-M round): "langganan laundry abdi
        # eureunkeun nya", "paket abdi hoyong dibolaykeun" (not "langganan tos
        # dieureunkeun": that reports it done).
        r"(?:langganan|paket|akun|kartu|rekening|membership|keanggotaan|polis|asuransi|kontrak)"
        r"(?:\s+(?!teu|moal|ulah|henteu|sanes|tong|tos|atos|parantos)[\w-]+){0,3}\s+(?:(?:bade|"
        r"hoyong|palay|nyuhunkeun)\s+(?:di)?)?(?:eureunkeun|ngeureunkeun|bolaykeun|batalkeun)",
    ),
    # --- politeness ---
    (
        "thanks",
        "polite",
        r"{terima kasih}|{thanks}|thank\s+you|thanks|(?:much\s+)?appreciated|i\s+appreciate|"
        r"appreciate\s+(?:it|your)|matur\s+(?:sembah\s+)?(?:nuwun|suwun)|maturnuwun|"
        r"sembah\s+nuwun|hatur\s+(?:rebu\s+)?nuhun|nuhun|syukr[oa]n|"
        r"suwun|mks|makasih+|trimakasih|tqvm|tysm|thank\s*u|"
        # Minang, Banjar, Balinese and Batak thanks (part-N round): "tarimo kasih banyak",
        # "matur suksma", "mauliate".
        r"tarim[ao]\s*kasih|matur\s+suksma|suksma|mauliate",
    ),
    (
        "apology",
        "polite",
        r"(?:{mohon}\s+|minta\s+)?{maaf}|sorry|sori|apologi[sz]e|(?:my\s+)?apologies|"
        # Javanese and Sundanese: "nyuwun sewu", "(nyuwun) ngapunten", "punten".
        r"nyuwun\s+sewu|(?:nyuwun\s+)?(?:pang)?apunten|ngapunten|hapunten|punten",
    ),
    (
        "greeting",
        "polite",
        r"selamat\s+(?:pagi|siang|sore|malam|datang)|halo|hallo|hello|helo|hai|hi|hey|"
        r"good\s+(?:morning|afternoon|evening)|assalamu'?alaikum|salam\s+(?:sejahtera|kenal)|"
        # "welcome" naming a thing is no greeting (part-ZAZB round): "Read the welcome email."
        r"permisi|welcome(?!\s+(?:e-?mails?|mail|pack|packet|kit|letter|message|page|screen|"
        r"bonus|gift|drink|offer|voucher|call|sms|text|guide|booklet|credit|discount|points))|sugeng\s+(?:enjing|siang|sonten|dalu|rawuh)|wilujeng\s+(?:enjing|"
        r"siang|sonten|wengi|sumping)|sampurasun|kula\s+nuwun|kulo\s+nuwun",
    ),
    (
        "wishes",
        "polite",
        r"semoga|salam\s+hangat|sehat\s+selalu|have\s+a\s+(?:nice|good|great|wonderful|lovely)"
        r"(?:\s+\w+)?|take\s+care|all\s+the\s+best|best\s+wishes|selamat\s+(?:beraktivitas|"
        r"berakhir\s+pekan|beristirahat|berlibur|menjalankan|bekerja|menikmati)|enjoy\s+your|"
        r"safe\s+(?:travels|trip|journey)|hati-hati\s+di\s+jalan|"
        # English sign-offs and Javanese/Sundanese wishes ("mugi-mugi", "mugia").
        r"hope\s+(?:this|that|it)\s+helps|good\s+luck|best\s+of\s+luck|stay\s+safe|"
        r"(?:kind|best|warm|warmest)\s+regards|god\s+bless|tuhan\s+memberkati|"
        r"sukses\s+selalu|berkah\s+selalu|mugi(?:-mugi)?|mugia|"
        # Wishes for the customer's new place (part-O round): Sundanese "wilujeng di tempat
        # anyar", Javanese "sugeng ing griya enggal", "selamat di kos baru", "betah di rumah
        # baru ya" (not "wilujeng sumping", a welcome; not "selamat datang").
        r"wilujeng\s+(?:di|dina|ka|kanggo)\s+\w+|sugeng\s+(?:ing|wonten|teng)\s+\w+\s+"
        r"(?:enggal|anyar|baru)|(?:selamat|betah)\s+(?:di|menempati)\s+(?:tempat|rumah|kos|"
        r"kost|kantor|kota|apartemen)\s+(?:\w+\s+)?baru|"
        # More sign-off wishes (part-J round, from new texts): "Happy shopping!", "Selamat
        # berbelanja kembali", "Have a blessed day", "Salam sehat".
        r"happy\s+(?:shopping|holidays?|weekend|travels?|reading|listening|cooking|baking)|"
        r"selamat\s+(?:berbelanja|belanja|bersantap|jalan-jalan)|"
        r"have\s+a\s+(?:blessed|fantastic|pleasant|beautiful|safe|happy|productive)\s+\w+|"
        # ... and any wish of a good time ahead, in whatever words ("Have a Brew-tiful day!",
        # "have a super relaxing weekend"), not what someone has ("we have a public holiday").
        r"(?<!\bwe\s)(?<!\bi\s)(?<!\bthey\s)(?<!\bstill\s)have\s+an?\s+[\w'-]+(?:\s+[\w'-]+)?\s+"
        r"(?:day|evening|night|weekend|morning|afternoon|holiday|trip|flight|stay)(?![\w'-])|"
        r"salam\s+(?:sehat|sukses|hormat|manis|santun)|"
        # Wishes for the customer's next step (part-L round): "Sukses di kantor barunya ya",
        # "sukses untuk usahanya", "cepat pulih ya Bu", "Get well soon!"; not "Pembayaran
        # sukses di aplikasi".
        r"sukses\s+(?:di|dengan|dalam|untuk|buat)\s+(?:[\w-]+\s+){0,3}?(?:baru\w*|usaha\w*|"
        r"kerja\w*|karir\w*|karier\w*|ujian\w*|acara\w*|bisnis\w*|studi\w*|kuliah\w*|"
        r"sekolah\w*|kantor\w*|tempat\w*)|sukses\s+(?:untuk|buat)\s+(?:{kak}|kakak|{bapak}|"
        r"{ibu}|anda|{kamu})|(?:cepat|cepet|lekas)\s+(?:sembuh|pulih|membaik)|get\s+well\s+soon",
    ),
    (
        "welcome",
        "polite",
        r"sama-sama|sama\s+sama|sama2|sm2|samsam|sami-sami|sami\s+sami|sami2|you'?re\s+(?:most\s+)?welcome|you\s+are\s+(?:most\s+)?welcome|my\s+pleasure|"
        r"dengan\s+senang\s+hati|no\s+worries|"
        # Sundanese "sawangsulna" (you're welcome), Javanese "sami-sami" above.
        r"kembali\s+kasih|sawangsulna",
    ),
    (
        "empathy",
        "polite",
        r"great\s+question|good\s+question|nice\s+work|well\s+done|you'?re\s+right|"
        r"anda\s+benar|(?:saya|kami)\s+(?:sangat\s+)?(?:mengerti|paham|memahami)|"
        r"i\s+(?:completely\s+|totally\s+)?understand|we\s+understand|i\s+see\s+your\s+point|"
        r"dimengerti|understandable|mengerti\s+perasaan",
    ),
    (
        "please",
        "polite",
        r"{mohon}|{tolong}|silakan|silahkan|{please}|kindly|berkenan|bersedia|sudilah|monggo|"
        r"sumonggo|mangga\s+(?:atuh|kang|teh|a|{bapak}|{ibu})",
    ),
    (
        "hedge",
        "polite",
        r"mungkin|barangkali|sepertinya|kiranya|{kalau}\s+boleh|(?:{kalau}|jika)\s+berkenan|"
        r"boleh(?:kah)?\s+(?:{saya}|kami|minta)|bisakah|apakah\s+bisa|maybe|perhaps|"
        r"i\s+think|i\s+believe|would\s+you|could\s+you|possibly|if\s+(?:you\s+)?"
        r"(?:don'?t\s+mind|possible)|i\s+wonder|i\s+was\s+wondering",
    ),
    ("religious", "polite", RELIGIOUS),
    ("address", "polite", ADDRESS_WORDS),
)

# Checked only at the start of a turn; dropped when the turn also carries a softener.
IMPERATIVE = (
    r"^\W*(?:tunggu|dengar(?:kan)?|baca|isi|cek|lihat|hubungi|bayar|kirim|pikir(?:kan)?|"
    r"simak|ikuti|catat|ulangi|jawab|diam|sabar|wait|listen|read|fill|check|look|call|pay|"
    r"send|hold\s+on|calm\s+down|do\s+it|"
    # "Just wait" commands; "Just so you know", "Just to confirm", "Just a reminder" inform.
    r"just(?!\s+(?:so|to|a|an|checking|wanted|letting|in\s+case|for\s+your|one|the|"
    r"quickly|curious|fyi|heads)(?!\w)))(?!\w)"
)

QUESTION = (
    r"\?|^\W*(?:apa|apakah|{bagaimana}|{kenapa}|mengapa|{kapan}|{dimana}|di\s+mana|{berapa}|"
    r"siapa|bisakah|bolehkah|maukah|what|why|how|when|where|who|which|can|could|would|will|"
    r"do|does|did|is|are|may|shall)(?!\w)|(?<![\w'])(?:{bagaimana}|{kenapa}|mengapa|{kapan}|"
    r"{dimana}|{berapa}|siapa|apa|belum|kah)\W*$"
)


def _compile() -> tuple[str, dict[str, tuple[str, str]]]:
    parts = []
    groups: dict[str, tuple[str, str]] = {}
    for number, (label, kind, pattern) in enumerate(ENTRIES):
        group = f"g{number}"
        groups[group] = (label, kind)
        parts.append(f"(?P<{group}>{expand(pattern)})")
    combined = r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])"
    return combined, groups


_COMBINED, GROUPS = _compile()
# The patterns are written in lower case. Matching case-sensitively on ``text.lower()`` lets
# the regex engine skip alternatives by their first literal (about 5x faster than
# IGNORECASE); spans stay valid whenever lower-casing keeps the length (checked per text),
# otherwise the case-insensitive twin runs on the raw text. ``MARKER_RE`` (the reference the
# dispatch's matches equal; the matching itself uses ``MARKER_DISPATCH``) is compiled on
# first read, not at import (it was the larger part of the import's time): see __getattr__.
if TYPE_CHECKING:
    MARKER_RE: re.Pattern[str]


@lru_cache(maxsize=1)
def _marker_re() -> re.Pattern[str]:
    return re.compile(_COMBINED)


def __getattr__(name: str) -> Any:
    if name == "MARKER_RE":
        return _marker_re()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def marker_re_i() -> re.Pattern[str]:
    """The case-insensitive twin of MARKER_RE, for the texts that lower-casing lengthens
    (few): compiled on first use, not at import (about a tenth of the import's time)."""
    return re.compile(_COMBINED, re.IGNORECASE)


IMPERATIVE_RE = re.compile(expand(IMPERATIVE), re.IGNORECASE)
QUESTION_RE = re.compile(expand(QUESTION), re.IGNORECASE)
# The same test in three cheap parts (``is_question``): a "?" anywhere, a question word at
# the start, a question word at the end. Searching QUESTION_RE tries its end-anchored
# alternative at every position of a long turn.
_QUESTION_START_RE = re.compile(expand(QUESTION.split("|", 1)[1].split("|(?<![")[0]), re.IGNORECASE)
_QUESTION_END_RE = re.compile(expand("(?<![" + QUESTION.split("|(?<![", 1)[1]), re.IGNORECASE)
QUESTION_WORD_MAX = 12  # longer than the longest end-of-turn question word
# Exactly ``QUESTION_RE.search(text) is not None``, faster on long turns (questions.py).
is_question = question_test(_QUESTION_START_RE, _QUESTION_END_RE, QUESTION_WORD_MAX)
# The same tests for ASCII text already lower-cased (``text.lower()``), case-sensitive: the
# patterns are written in lower case and an ASCII character matches a lower-case letter
# ignoring case exactly when its lower case is that letter, so on ASCII text
# ``IMPERATIVE_RE.match(text)`` and ``IMPERATIVE_LOWER_RE.match(text.lower())`` have the same
# span, and ``is_question(text) == is_lowered_question(text.lower())``. Without IGNORECASE
# the regex engine skips alternatives by their first literal.
IMPERATIVE_LOWER_RE = re.compile(expand(IMPERATIVE))
is_lowered_question = question_test(
    re.compile(_QUESTION_START_RE.pattern), re.compile(_QUESTION_END_RE.pattern), QUESTION_WORD_MAX
)


WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")


MARKER_DISPATCH = Dispatch(
    [(f"g{n}", expand(pattern)) for n, (_, _, pattern) in enumerate(ENTRIES)]
)


def marker_matches(lowered: str) -> list[re.Match[str]]:
    """Exactly ``MARKER_RE.finditer(lowered)``, dispatched on each candidate's first char."""
    return MARKER_DISPATCH.finditer(lowered)
