"""Recall of curt agent wording by CLASS on unseen texts (tonefind17 round), with near-misses.

The texts below were written for this round, not taken from the dev set, and labelled by the
labelling definitions of docs/tone.md BEFORE the engine was run on them. The classes come
from public accounts of rude or dismissive customer-service replies (each source named
beside its class) and from the definitions themselves (dismissal, blame, rude words,
sarcasm, bare commands). Each text is read in three positions:

- ``first``: the agent's first reply to the customer's question. A curt turn there is
  ``curt_language``; there is no earlier courtesy and no refusal, so no ``tone_shift``.
- ``refusal``: the agent's reply after the customer turned down a retention offer. A curt
  turn there is ``curt_language`` and ``tone_shift``.
- ``later``: the agent's third reply, after two courteous ones. Also both findings.

A turn of bare commands is no ``curt_language`` (the definitions count it only among a
tone shift's wordings): ``tone_shift`` in the last two positions, nothing in the first.
Near-misses must raise neither finding in any position.
"""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse

CURT = frozenset({"curt_language", "tone_shift"})


def _codes(document: str) -> set[str]:
    return {f.code for f in analyze(parse(document, fmt="text", name="case")[0]).findings}


def _conversation(lang: str, position: str, text: str) -> str:
    if lang == "en":
        if position == "first":
            return (
                "Customer: Hi, my parcel was due on Monday and it still hasn't arrived. "
                "What's going on?\n"
                f"Agent: {text}\n"
            )
        if position == "refusal":
            return (
                "Customer: I'd like to cancel my subscription please.\n"
                "Agent: Sorry to hear that! We can give you 50% off the next three months "
                "if you stay.\n"
                "Customer: No thanks, I just want to cancel.\n"
                f"Agent: {text}\n"
            )
        return (
            "Customer: Hi, my parcel was due on Monday and it still hasn't arrived.\n"
            "Agent: Hello! I'm sorry about the delay. Could you share your order number?\n"
            "Customer: It's 55102.\n"
            "Agent: Thank you. I've checked it, the courier has it now.\n"
            "Customer: But when will it come? I need it this week, the refund page won't "
            "load either.\n"
            f"Agent: {text}\n"
        )
    if position == "first":
        return (
            "Pelanggan: Kak, paket saya harusnya sampai Senin tapi belum datang juga. "
            "Gimana ini?\n"
            f"Agen: {text}\n"
        )
    if position == "refusal":
        return (
            "Pelanggan: Kak, saya mau berhenti langganan.\n"
            "Agen: Mohon maaf atas ketidaknyamanannya Kak. Kalau tetap lanjut, kami kasih "
            "diskon 50% untuk 3 bulan ke depan.\n"
            "Pelanggan: Nggak usah kak, makasih. Saya tetap mau berhenti.\n"
            f"Agen: {text}\n"
        )
    return (
        "Pelanggan: Kak, paket saya harusnya sampai Senin tapi belum datang juga.\n"
        "Agen: Halo Kak, mohon maaf atas keterlambatannya. Boleh info nomor pesanannya?\n"
        "Pelanggan: 55102 kak.\n"
        "Agen: Terima kasih Kak, sudah saya cek, paketnya sudah di kurir.\n"
        "Pelanggan: Terus kapan sampainya? Saya butuh minggu ini, halaman refund juga "
        "nggak bisa dibuka.\n"
        f"Agen: {text}\n"
    )


POSITIONS = ("first", "refusal", "later")

# (class, language, text). Language "en" uses the English conversation, every other tag the
# Indonesian one (id = formal Indonesian, inf = informal, slang, mix = mixed with English,
# jv = Javanese touches, su = Sundanese touches).
CURT_GRID = [
    # Dismissal. "It's not my problem", "Why don't you take your business elsewhere?"
    # (https://www.theglobeandmail.com/report-on-business/careers/career-advice/life-at-work/
    # dont-say-this-to-an-irate-customer-either/article4521496/); "That's just how it is"
    # (https://worldclasscc.com/seven-customer-service-fails-what-not-to-do/).
    ("dismissal", "id", "Itu di luar tanggung jawab kami, Pak."),
    ("dismissal", "inf", "Yaudah sih kak, nggak usah dibesar-besarin."),
    ("dismissal", "slang", "Ya gimana lagi kak, emang gitu. Bukan salah gw."),
    ("dismissal", "en", "Honestly that's not something I can care about right now."),
    ("dismissal", "en", "Not my department, not my problem."),
    ("dismissal", "mix", "Sorry not sorry kak, rules-nya emang gitu."),
    ("dismissal", "jv", "Lha piye maneh, wis aturane ngono. Karepmu wae."),
    ("dismissal", "su", "Nya kumaha deui atuh, teu paduli abdi mah."),
    # Blame. "I'm sorry, but you've made a mistake", "You should have" (globeandmail above;
    # http://www.ictstexas.com/6-things-you-should-never-say-to-your-customers); "Kan kakak
    # yang order, bukan saya" (driver's reply, https://hitekno.com/internet/2019/11/26/
    # 153446/karena-kesalahan-customer-driver-ojol-kena-imbas-hingga-panen-bintang-1).
    ("blame", "id", "Kan Bapak sendiri yang salah memasukkan alamat."),
    ("blame", "inf", "Salah kakak sendiri sih, nggak baca deskripsi."),
    ("blame", "inf", "Kan kakak yang order, bukan saya. Aduh kak kak."),
    ("blame", "en", "You made the mistake here, not us."),
    ("blame", "en", "That's on you for not reading the terms."),
    ("blame", "en", "You should have checked the address before ordering."),
    ("blame", "mix", "Itu kan kesalahan kakak sendiri, bukan dari system kami."),
    ("blame", "jv", "Lha salahe sampeyan dhewe, ora maca."),
    # Sarcasm. The Grab reply read as sarcasm (https://keepo.me/viral/berusaha-akrab-sama-
    # customer-tapi-malah-cringe-admin-grab-ini-kena-sentil-sama-cucu-mohammad-hatta/amp).
    ("sarcasm", "en", "Wow, congratulations on finally reading the email."),
    ("sarcasm", "en", "Sure, because we obviously have nothing better to do."),
    ("sarcasm", "inf", "Wah hebat ya kak, baru baca sekarang."),
    ("sarcasm", "mix", "Oh wow, jenius banget kak, baru nyadar sekarang."),
    # Belittling. "Pinter dikit kak" (seller's reply, https://jogja.suara.com/read/2020/10/
    # 28/062000/dianggap-beri-ujaran-kebencian-pembeli-ini-kena-somasi-online-shop); treating
    # the customer "as if they are stupid" (https://www.sixpixels.com/articles/archives/
    # on_being_rude/).
    ("belittling", "inf", "Pinter dikit dong kak, masa gitu nggak ngerti."),
    ("belittling", "id", "Masa hal segampang ini saja harus dijelaskan."),
    ("belittling", "inf", "Makanya kak, jadi orang jangan gaptek."),
    ("belittling", "en", "This is really basic stuff, honestly."),
    ("belittling", "en", "Any child could figure this out."),
    # Threats. "habis-habisan di pengadilan yuk, tunggu surat kita" (the same seller).
    ("threat", "inf", "Kalau masih ngeyel, akun kakak kami suspend."),
    ("threat", "id", "Kami bisa tempuh jalur hukum kalau Bapak terus begini."),
    ("threat", "inf", "Habis-habisan di pengadilan yuk kak, tunggu surat kami."),
    ("threat", "en", "Keep this up and I'll have your account closed."),
    # Impatience: "As I told you before" (ictstexas above), "how many times", "baca dong".
    ("impatience", "id", "Berapa kali sih harus saya bilang, belum bisa."),
    ("impatience", "en", "How many times do I need to say it? No refunds."),
    ("impatience", "inf", "Baca dong kak, udah ada di atas."),
    ("impatience", "inf", "Aduh kak, dari tadi itu-itu terus yang ditanya."),
    ("impatience", "en", "Again? I literally just answered that."),
    ("impatience", "en", "As I've told you before, refunds take 14 days."),
    # Stonewalling: "That's our policy", "There's nothing I can do"
    # (https://www.inc.com/ron-burley/5-worst-things-to-say-to-a-customer.html), "Our system
    # can't do that", "bukan urusan kami".
    ("stonewall", "en", "That's our policy. There's nothing I can do."),
    ("stonewall", "en", "Nothing I can do about it."),
    ("stonewall", "id", "Sudah kebijakan, tidak bisa diganggu gugat."),
    ("stonewall", "inf", "Bukan urusan kami kak, tanya kurirnya sana."),
    ("stonewall", "inf", "Ya memang begitu prosedurnya, mau gimana lagi."),
    ("stonewall", "id", "Bukan wewenang saya. Urus sendiri ke kantor pusat."),
    # Passive-aggressive politeness: "There's no need to shout/get upset"
    # (https://www.biznewsarticles.com/business-articles/call-center-etiquette-7-words-and-
    # phrases-to-avoid/), "Calm down" (ictstexas above), the scolding tone of sixpixels.
    ("passive", "en", "There's no need to get upset. Read what I wrote."),
    ("passive", "en", "Thanks for your patience, which I know is limited."),
    ("passive", "inf", "Nggak usah emosi gitu dong kak."),
    ("passive", "id", "Dengan segala hormat, Bapak yang tidak paham prosedurnya."),
    # Shouting in capitals: the rules read lower-cased text and the learned model drops
    # case, so no part of the engine sees it (a known gap, kept as a strict xfail).
    pytest.param(
        "passive",
        "inf",
        "Saya ulangi PELAN-PELAN ya kak: BELUM BISA.",
        marks=pytest.mark.xfail(strict=True, reason="capitals are not read"),
    ),
]

# A second grid, written after the first one's rules and labelled before the engine read it:
# new wordings of the same classes, so the rules are measured on wording they were not
# written from (the first grid's figures are fitted; this one's say how far a class reaches).
CURT_GRID_B = [
    ("dismissal", "en", "Well, that's not really our concern, is it."),
    ("dismissal", "inf", "Terserah kakak deh mau percaya atau nggak."),
    ("dismissal", "id", "Silakan saja cari toko lain kalau tidak puas."),
    ("dismissal", "en", "Whatever you say. The status won't change."),
    ("blame", "en", "You picked the wrong size yourself, so that's on you."),
    ("blame", "inf", "Itu salah Ibu sendiri, nggak cek alamat dulu."),
    ("blame", "id", "Kan Bapak yang klik setuju, bukan kami."),
    ("blame", "en", "It was your error, not ours."),
    ("blame", "su", "Da lepat anjeun nyalira, teu maca heula."),
    ("sarcasm", "en", "Oh, thanks for finally checking your inbox."),
    ("sarcasm", "inf", "Wow pinter banget kak, baru ngeh sekarang."),
    ("sarcasm", "en", "Sure, because we have nothing better to do than chase your parcel."),
    ("belittling", "en", "Honestly, a kid could work this out."),
    ("belittling", "inf", "Masa segampang itu aja nggak bisa kak."),
    ("belittling", "inf", "Pintar sedikit lah Pak, sudah ada tulisannya."),
    ("belittling", "en", "It's pretty basic stuff, you just press the button."),
    ("threat", "inf", "Kalau terus nyolot, nomor kakak kami blokir."),
    ("threat", "id", "Kalau Ibu tetap menyebar fitnah, kami tempuh jalur hukum."),
    ("threat", "inf", "Kami somasi kakak kalau review itu nggak dihapus."),
    ("threat", "en", "Keep that up and we'll block your number."),
    ("impatience", "inf", "Berapa kali lagi saya harus jelasin, kak."),
    ("impatience", "en", "I literally just told you, check the link."),
    ("impatience", "inf", "Itu-itu mulu yang ditanyain kak."),
    ("impatience", "en", "For the third time: the refund takes 14 days."),
    ("stonewall", "en", "There's nothing we can do about it."),
    ("stonewall", "inf", "Emang gitu aturannya kak, mau gimana lagi."),
    ("stonewall", "id", "Sudah aturan perusahaan, tidak bisa ditawar."),
    ("stonewall", "inf", "Ya gimana lagi pak, memang begitu."),
    ("passive", "en", "No need to shout, I can read."),
    ("passive", "inf", "Jangan marah-marah gitu dong kak."),
    ("passive", "id", "Mohon maaf, tapi Ibu yang kurang teliti membaca."),
    ("passive", "en", "With all due respect, you clearly didn't read the terms."),
]

NEAR_MISSES_B = [
    (
        "refusal",
        "en",
        "I'm sorry, there's nothing more I can do on my side, but I've escalated it.",
    ),
    (
        "refusal",
        "id",
        "Mohon maaf Bu, itu di luar tanggung jawab kami, tapi kami bantu klaim ke kurir ya.",
    ),
    ("policy", "inf", "Aturannya memang begitu kak, mohon maaf ya, saya bantu cari jalan lain."),
    (
        "policy",
        "en",
        "That's our refund policy: 14 days from delivery. Happy to help with the form.",
    ),
    ("info", "id", "Untuk Kakak yang belum paham, berikut langkahnya: buka menu Akun."),
    ("info", "en", "If you made a mistake in the address, we can fix it before it ships."),
    ("info", "inf", "Akun yang melanggar S&K akan kami blokir otomatis ya kak, jadi aman."),
    ("reassure", "en", "No need to apologise, it happens to everyone."),
    ("reassure", "inf", "Jangan khawatir ya kak, kami bantu cek sekarang."),
    ("reassure", "en", "Thanks for reading the e-mail, it has the link you need."),
    ("reassure", "inf", "Wah hebat kak, paketnya sudah sampai duluan."),
    ("question", "inf", "Berapa kali paketnya dicoba kirim kak? Biar saya cek."),
    ("question", "en", "How many times have you tried? I'll check the log."),
    ("own fault", "en", "It's not your fault at all, the courier mixed it up."),
    ("own fault", "inf", "Itu kesalahan kami kak, mohon maaf ya, segera kami ganti."),
]

# A third grid: curt wording where tone shifts are most often missed, after the customer's
# refusal (scorn for the choice) and after courteous turns (impatience, being talked down to),
# written and labelled before the engine read it.
CURT_GRID_C = [
    ("scorned choice", "inf", "Yah, rugi sendiri nanti kak."),
    ("scorned choice", "en", "Your loss then."),
    ("scorned choice", "en", "Fine. Don't come back asking for the discount later."),
    ("scorned choice", "inf", "Oke deh, jangan nyesel ya kak nanti."),
    ("scorned choice", "inf", "Ya udah, nanti jangan komplain kalau harganya naik."),
    ("scorned choice", "en", "Good luck finding a better deal."),
    ("scorned choice", "id", "Kalau nanti menyesal, jangan cari kami lagi."),
    ("scorned choice", "en", "You'll regret it, but fine."),
    ("scorned choice", "inf", "Ya sudah kalau tidak mau dibantu."),
    ("scorned choice", "en", "Then leave."),
    ("impatience", "inf", "Saya kan sudah bilang tunggu, kenapa tanya lagi?"),
    ("impatience", "inf", "Gak usah ditanyain terus kak, nanti juga sampai."),
    ("impatience", "en", "Listen, I don't have all day."),
    ("impatience", "en", "I have other customers, you know."),
    ("impatience", "inf", "Admin juga manusia kak, bukan robot."),
    ("impatience", "en", "Seriously? It's right there on the screen."),
    ("talked down", "inf", "Ya ampun kak, tinggal klik doang."),
    ("talked down", "inf", "Duh, kakak ini gimana sih."),
    ("talked down", "inf", "Tinggal baca aja susah amat."),
    ("talked down", "inf", "Ngerti nggak sih kak?"),
    ("talked down", "en", "Do you understand or not?"),
    ("talked down", "inf", "Nanti juga sampai, nggak usah bawel."),
]

NEAR_MISSES_C = [
    ("honoured", "id", "Baik Kak, sudah kami batalkan. Kalau berubah pikiran, kami siap membantu."),
    ("honoured", "en", "No problem, your plan is cancelled. You can come back anytime."),
    ("honoured", "id", "Sayang sekali Kak, tapi kami hormati keputusannya. Sudah kami proses ya."),
    ("honoured", "en", "Noted, it's cancelled. The points stay until the end of the month."),
    ("honoured", "en", "Good luck with the move! Your account is closed."),
    (
        "instruction",
        "inf",
        "Cek di aplikasi bagian Pesanan ya kak, statusnya ada di sana \U0001f64f",
    ),
    ("instruction", "inf", "Tinggal klik tombol Bayar ya kak, nanti otomatis terkonfirmasi."),
    ("holding", "inf", "Admin cek dulu ya kak, mohon ditunggu."),
    ("question", "en", "Do you understand the steps, or shall I send a video?"),
    ("question", "id", "Apakah sudah jelas Kak? Kalau belum saya jelaskan lagi."),
]

# A fourth grid: fresh wordings across every class, written after grids A-C's rules and
# labelled before the engine read it (its "before" figure says how far the rules reach).
CURT_GRID_D = [
    ("dismissal", "inf", "Ya itu sih derita kakak ya."),
    ("dismissal", "en", "Not much I can do, that's life."),
    ("dismissal", "inf", "Bodo amat lah kak, pokoknya nggak bisa."),
    ("dismissal", "en", "Take it up with the courier, not me."),
    ("blame", "inf", "Lha kakak sendiri yang salah pilih ukuran."),
    ("blame", "en", "If you'd read the email you wouldn't be asking."),
    ("blame", "id", "Kesalahan ada di pihak Bapak, bukan di kami."),
    ("blame", "en", "The mistake was yours, I'm afraid."),
    ("sarcasm", "en", "Oh, so now you want help. Interesting."),
    ("sarcasm", "inf", "Cie yang baru sadar, telat kak."),
    ("sarcasm", "en", "Great job ignoring the instructions."),
    ("belittling", "en", "It's not that complicated, honestly."),
    ("belittling", "inf", "Anak SD juga bisa kak, masa kakak nggak."),
    ("belittling", "inf", "Gitu doang kok repot."),
    ("threat", "en", "One more message like that and I'm closing this chat."),
    ("threat", "inf", "Kalau masih maksa, chatnya saya tutup."),
    ("threat", "en", "If you keep this up, we'll ban your account."),
    ("impatience", "inf", "Udah dibilang sabar, masih nanya aja."),
    ("impatience", "en", "I've answered this already, please scroll up."),
    ("impatience", "inf", "Kak, tolong dong jangan nanya yang sama terus."),
    ("stonewall", "en", "It is what it is. The system won't let me."),
    ("stonewall", "inf", "Pokoknya nggak bisa kak, titik."),
    ("stonewall", "id", "Keputusan kami sudah final, tidak ada diskusi lagi."),
    ("passive", "en", "I'll explain it one more time, slowly."),
    ("passive", "inf", "Makasih ya kak udah bikin repot."),
    ("passive", "en", "Sorry you feel that way, but that's not our problem."),
]

NEAR_MISSES_D = [
    # found by bench/tone_identity.py: the stonewall's words asked as a question
    ("question", "en", "I understand. So there is nothing I can do?"),
    # found while writing the grid-D rules: the agent's apology, a troubleshooting step
    ("apology", "inf", "Maaf kak udah bikin repot, paketnya sudah saya kirim ulang."),
    ("step", "inf", "Kalau masih begitu, tutup aplikasinya lalu buka lagi ya kak."),
    ("honoured", "inf", "Pokoknya nanti kami kabari lagi ya kak begitu paket keluar gudang."),
    ("info", "en", "The decision is final once the form is sent, so please double-check it."),
    ("info", "id", "Keputusan kami sudah final setelah verifikasi, dan dana masuk 3 hari kerja."),
    ("reassure", "en", "It's not that complicated, I'll walk you through it step by step."),
    ("reassure", "inf", "Gampang kok kak, nanti saya pandu ya \U0001f60a"),
    ("reassure", "en", "Sorry you feel that way, I'll make it right today."),
    ("closing", "en", "I'm closing this ticket now since it's resolved. Thanks for your patience!"),
    (
        "closing",
        "inf",
        "Chatnya saya tutup dulu ya kak, kalau ada apa-apa chat lagi aja \U0001f64f",
    ),
    ("question", "en", "Have you read the email we sent? It has the link."),
    ("thanks", "inf", "Makasih ya kak udah sabar nunggu."),
]

# Bare commands: a tone shift's wording, no curt language.
COMMAND_GRID = [
    ("commands", "inf", "Isi formnya. Kirim ke email."),
    ("commands", "inf", "Screenshot. Kirim sekarang."),
    ("commands", "en", "Fill in the form. Send it back."),
    ("commands", "en", "Check the tracking page. Wait."),
]

# Near-misses: neither curt_language nor tone_shift, in any position.
NEAR_MISSES = [
    # firm but polite refusals, policy said kindly
    (
        "refusal",
        "id",
        (
            "Mohon maaf Pak, pesanan yang sudah dikirim memang tidak bisa "
            "dibatalkan. Kami bantu proses retur setelah barang diterima ya."
        ),
    ),
    (
        "refusal",
        "en",
        (
            "I'm sorry, but our policy doesn't allow refunds after 30 days. "
            "I'll note your feedback for the team."
        ),
    ),
    (
        "policy",
        "id",
        "Sesuai kebijakan kami, refund diproses 14 hari kerja ya Kak. Mohon ditunggu \U0001f64f",
    ),
    (
        "policy",
        "inf",
        (
            "Mohon maaf, itu memang sudah jadi kebijakan kami, Kak. Tapi saya "
            "bantu ajukan pengecualian ke tim ya."
        ),
    ),
    (
        "policy",
        "en",
        (
            "Unfortunately that's outside what I can change, but I'll escalate it "
            "to my supervisor today."
        ),
    ),
    # information and prices
    ("info", "id", "Harga paket Premium 150rb/bulan, Basic 75rb/bulan."),
    ("info", "inf", "Ongkir ke Bandung 18rb kak, estimasi 2 hari."),
    ("info", "en", "The courier scans it again tomorrow morning; delivery is before 6 pm."),
    # religious register
    ("religious", "id", "Wa'alaikumsalam warahmatullah. Insya Allah besok sampai kak."),
    ("religious", "id", "Alhamdulillah, pembayarannya sudah kami terima, Bu."),
    # elongated or abbreviated polite forms
    ("elongated", "inf", "Siaaap kakk, ditunggu yaa \U0001f64f"),
    ("elongated", "inf", "Okee bpk, mksh, sdh sy teruskan ke kurir."),
    # "ya sudah" inside a sentence
    ("ya sudah", "inf", "Pembayarannya ya sudah masuk kak, tinggal tunggu dikirim."),
    ("ya sudah", "inf", "Kalau sudah transfer ya sudah aman kak, tinggal kirim buktinya."),
    # short efficient agents
    ("efficient", "id", "Baik, sudah saya proses."),
    ("efficient", "id", "Sudah dikirim ulang, Pak."),
    ("efficient", "en", "Done, the refund is issued."),
    # instructions with please
    ("please", "en", "Please fill in the form and send it back to us."),
    ("please", "id", "Silakan isi formulir di link berikut lalu kirim ke email kami ya."),
    ("please", "id", "Mohon dicek kembali nomor resinya, Kak."),
    ("please", "inf", "Tolong kirimkan foto KTP dan bukti transfer ya kak."),
    # the agent's own side takes the blame; "how many times" as a real question
    ("own fault", "inf", "Yang salah sistem kami kak, mohon maaf."),
    ("own fault", "id", "Itu bukan kesalahan Kakak kok, memang ada gangguan."),
    ("own fault", "en", "You didn't do anything wrong, it was our mistake."),
    ("question", "inf", "Berapa kali kakak sudah coba login? Biar saya cek."),
    ("question", "en", "How many times did the payment fail? I'll check each one."),
    # reassurance that shares words with curt classes
    ("reassure", "inf", "Sabar ya kak, kurirnya lagi di jalan."),
    ("reassure", "id", "Jangan khawatir Bu, dananya aman."),
    ("reassure", "en", "Nothing to worry about, it's already on its way."),
    ("reassure", "en", "Not a problem at all, I'll handle it."),
    ("reassure", "inf", "Tidak masalah kak, nanti saya bantu."),
]


def _expected(kind: str, position: str) -> set[str]:
    if kind == "commands":
        return set() if position == "first" else {"tone_shift"}
    return {"curt_language"} if position == "first" else set(CURT)


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize(
    ("kind", "lang", "text"), CURT_GRID + CURT_GRID_B + CURT_GRID_C + COMMAND_GRID
)
def test_curt_wording_by_class_is_found(kind: str, lang: str, text: str, position: str) -> None:
    codes = _codes(_conversation(lang, position, text)) & CURT
    assert codes == _expected(kind, position)


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize(
    ("kind", "lang", "text"), NEAR_MISSES + NEAR_MISSES_B + NEAR_MISSES_C + NEAR_MISSES_D
)
def test_near_misses_stay_quiet(kind: str, lang: str, text: str, position: str) -> None:
    assert not _codes(_conversation(lang, position, text)) & CURT


def test_a_rude_customer_never_makes_a_curt_finding() -> None:
    doc = (
        "Pelanggan: Goblok banget sih adminnya! Paket saya mana?!\n"
        "Agen: Mohon maaf atas ketidaknyamanannya Kak, boleh info nomor pesanannya?\n"
        "Pelanggan: 55102. Dasar lelet, cepetan!\n"
        "Agen: Terima kasih Kak, paketnya sudah di kurir dan sampai besok.\n"
    )
    assert not _codes(doc) & CURT


def test_a_rude_customer_in_english_never_makes_a_curt_finding() -> None:
    doc = (
        "Customer: This is ridiculous, you people are useless. Where is my parcel?\n"
        "Agent: I'm sorry for the wait. Could you share your order number?\n"
        "Customer: 55102. Hurry up, damn it.\n"
        "Agent: Thank you, it's with the courier and arrives tomorrow.\n"
    )
    assert not _codes(doc) & CURT
