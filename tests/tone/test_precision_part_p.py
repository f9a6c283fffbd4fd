"""The failure classes part P's tuning share showed (docs/tone-history.md, part-P round), each
written as a class with new texts (not the dev set's), in Indonesian, English and the
regional forms: the customer told to stop asking, told it was said already, blamed by a
rhetorical question, sent to read it before complaining, threatened, mocked with false
deference, sent to buy elsewhere or belittled is curt language; a turn of bare commands
after the agent's courtesy is a tone shift (and no curt language); a fused "yaudah"
closes on the customer's side. Every class comes with near-misses that must not fire:
polite imperatives, information turns, the religious register, "sama-sama", price lists,
apologies."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


def _agent_reply(lang: str, text: str) -> str:
    """A customer's question and the agent's reply."""
    if lang == "en":
        return f"Customer: Any news on my order? It's been a week.\nAgent: {text}\n"
    return f"Pelanggan: kak pesanan saya gimana ya? udah seminggu\nAgen: {text}\n"


def _after_courtesy(lang: str, text: str) -> str:
    """The agent's courteous first reply, the customer's follow-up, the agent's reply."""
    if lang == "en":
        return (
            "Customer: My parcel hasn't arrived.\n"
            "Agent: I'm sorry about that, let me check it for you.\n"
            "Customer: It's been a week, this is ridiculous.\n"
            f"Agent: {text}\n"
        )
    return (
        "Pelanggan: Paket saya belum sampai.\n"
        "Agen: Mohon maaf atas kendalanya Kak, saya bantu cek dulu.\n"
        "Pelanggan: Udah seminggu loh, gimana sih.\n"
        f"Agen: {text}\n"
    )


# --- 1. Curt classes: curt language, and a tone shift after a courteous start ---

CURT = [
    # told to stop asking or writing
    ("id", "Jangan chat terus-terusan, nanti dibalas kalau sudah ada info."),
    ("id", "Nggak usah tanya-tanya terus kak, nanti juga sampai."),
    ("id", "Jangan nanyain saya lagi, tanya kurirnya langsung."),
    ("id", "Gausah telpon berkali-kali Pak, kami lagi sibuk."),
    ("id", "Ojo takon terus mas, wis diproses."),
    ("id", "Ulah naros wae atuh Teh, antosan."),
    ("en", "Stop asking me, it's on its way."),
    ("en", "Please stop messaging us about this."),
    ("en", "Don't message us again about the refund."),
    ("en", "There's no need to keep asking, it'll arrive when it arrives."),
    # said already, the time first; refusing to repeat
    ("id", "Dari tadi kan sudah saya bilang, stoknya habis."),
    ("id", "Udah dari tadi kami jelasin kak, refund 7 hari kerja."),
    ("id", "Masa harus ditanyain terus, jawabannya sama."),
    ("en", "I can't keep repeating myself, the store is closed on Sundays."),
    ("en", "As I keep telling you, the refund takes five days."),
    ("en", "How many more times? It ships on Monday."),
    # blame by a rhetorical question at the customer
    ("id", "Alamatnya aja belum diisi, gimana kami mau kirim?"),
    ("id", "Fotonya juga nggak dikirim, terus gimana saya bisa proses klaimnya."),
    ("id", "Gimana mau saya cek kalau nomor pesanannya nggak dikasih?"),
    ("en", "How am I supposed to find your order if you don't give me the number?"),
    ("en", "How do you expect us to fix it without a photo?"),
    ("en", "What did you expect? It was a clearance item."),
    ("en", "How should I know? Ask the courier."),
    # read it yourself, or before complaining
    ("id", "Baca syarat garansinya sendiri, Pak."),
    ("id", "Dibaca dulu sebelum komplain, Kak."),
    ("en", "Read the terms before you complain."),
    ("en", "Read the manual mate, page 3."),
    # threats
    ("id", "Kalau belum lunas besok, keluarga kamu kami hubungi semua."),
    ("id", "Kalau nggak bayar hari ini, kami datangi kantor kamu."),
    ("id", "Foto KTP kamu kami sebar kalau telat lagi."),
    ("en", "Pay by Friday or we'll call your employer."),
    ("en", "If you don't pay today, we will contact all your emergency contacts."),
    ("en", "We know where you live."),
    # mock deference, sarcasm
    ("en", "Obviously you know better than our engineers, so go ahead."),
    ("en", "Since you clearly know more than the pharmacist, fine."),
    ("en", "If you know so much, why are you calling us?"),
    ("en", "We're not mind readers, sir."),
    ("id", "Kalau memang lebih tahu, kenapa nanya ke kami?"),
    ("id", "Admin bukan dukun kak, mana tahu paketnya di mana."),
    ("id", "Jangan sok tahu deh kak."),
    # sent to buy elsewhere, nobody forcing, no difference to us
    ("id", "Silakan beli di toko lain aja kalau mahal."),
    ("id", "Ya sok atuh belanja di tempat lain."),
    ("id", "Gak ada yang maksa Bapak kok."),
    ("id", "Mau langganan atau nggak, nggak ngaruh buat kami."),
    ("en", "Nobody's forcing you to buy it."),
    ("en", "Feel free to shop elsewhere."),
    ("en", "We don't care whether you stay or go."),
    # belittling
    ("en", "That's just common sense."),
    ("id", "Pakai logika dong, Kak."),
    ("id", "Bapak dari tadi ngomel terus."),
    # blame in a rhetorical shape
    ("id", "Siapa suruh checkout pas flash sale."),
    ("id", "Itu kan kesalahan Ibu sendiri, alamatnya nggak diganti."),
    ("id", "Kakak sendiri yang salah, bukan kurirnya."),
    ("en", "Who told you to pick the cheapest shipping?"),
    ("en", "That's what happens when you don't check the size chart."),
    # talking down, brushing the customer's feelings off
    ("id", "Mohon maaf kalau Kakak kurang paham, ukurannya beda."),
    ("id", "Anak SD juga bisa kak."),
    ("id", "Jangan lebay, cuma telat sehari."),
    ("id", "Kami nggak peduli soal itu."),
    ("en", "Learn to read."),
    ("en", "Do as I said and it will work."),
    ("en", "Wait your turn like everybody."),
    ("en", "You're overreacting, it's one day late."),
    ("en", "That's life."),
    ("en", "Honestly, I don't care whether it arrives today."),
    ("en", "We'll send a debt collector to your office."),
    ("id", "Jangan main-main sama kami ya."),
    # the customer's competence questioned, told off for arguing
    ("en", "Can you read? The box says 220 volts."),
    ("en", "Do you even understand English?"),
    ("id", "Bisa baca nggak sih kak? Tulisannya jelas."),
    ("id", "Udah berapa kali saya jelasin, nggak bisa refund."),
    ("id", "Lain kali dengerin dulu kalau dijelasin."),
    ("en", "Next time, pay attention to the confirmation screen."),
    ("en", "It's literally one button, top right."),
    ("id", "Semudah itu masa nggak bisa, Pak."),
    ("en", "That's a you problem."),
    ("en", "I'm not your personal assistant."),
    ("id", "Admin bukan pembantu kakak ya."),
    ("en", "Stop arguing and send the form."),
    ("id", "Nggak usah banyak alasan, transfer sekarang."),
    ("en", "Oh sure, because we have nothing else to do."),
    ("en", "You ordered the wrong colour yourself."),
    ("en", "You should know how this works by now."),
    ("id", "NIK-nya aja salah, gimana mau diverifikasi."),
    # brushed off as a waste of time, past helping
    ("en", "What part of 'final sale' don't you understand?"),
    ("en", "You're wasting my time."),
    ("id", "Kakak buang-buang waktu saya."),
    ("en", "I don't have all day, sir."),
    ("en", "We're done here."),
    ("id", "Percuma jelasin sama Ibu."),
    ("en", "There's no point arguing about it."),
    ("id", "Tidak ada gunanya komplain, keputusannya final."),
    ("en", "Complaining won't change the policy."),
    ("en", "Good luck with that."),
    ("id", "Selamat mencoba di toko lain."),
    ("en", "I don't make the rules."),
    ("id", "Saya cuma kerja di sini, Bu."),
    ("id", "Jangan ngerepotin kami dong."),
    # said before, in more shapes
    ("id", "Ini sudah ketiga kalinya Bapak nanya soal ini."),
    ("en", "This is the fourth time you've asked."),
    ("id", "Saya udah bilang dari awal, promo nggak bisa digabung."),
    ("id", "Mbok ya dibaca dulu, Mas."),
    ("id", "Ibu yang kurang teliti waktu checkout."),
    ("id", "Bapak pikir kami ini tukang sulap?"),
    # threats in other shapes
    ("id", "Kalau telat bayar lagi, kami datang ke tempat kerja kamu."),
    ("id", "Lunasi hari ini atau kami telepon keluarga kamu."),
]


@pytest.mark.parametrize(("lang", "text"), CURT)
def test_each_class_of_curt_wording_is_curt_language(lang: str, text: str) -> None:
    # given
    document = _agent_reply(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "curt_language" in codes


@pytest.mark.parametrize(("lang", "text"), CURT[::4])
def test_each_class_after_a_courteous_start_is_a_tone_shift(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert {"curt_language", "tone_shift"} <= codes


NOT_CURT = [
    # not told to stop asking
    ("id", "Jangan ragu untuk bertanya lagi ya Kak 😊"),
    ("id", "Tidak usah menghubungi kami lagi ya Pak, pembatalan sudah otomatis."),
    ("id", "Jangan lupa cek email lagi besok ya kak."),
    ("id", "Jangan khawatir terus ya Bu, paketnya aman."),
    ("en", "We'll stop calling you once the payment is in."),
    ("en", "If you'd like us to stop messaging you, reply STOP."),
    ("en", "Feel free to message us again if anything comes up."),
    # news, not said already
    ("id", "Dari tadi sudah saya cek ya Kak, paketnya sudah di kurir."),
    ("id", "Sudah kami jelaskan di email kemarin, Pak, berikut ringkasannya."),
    ("en", "I keep a copy of every receipt, so don't worry."),
    ("en", "How many items would you like?"),
    # questions that help, not blame
    ("id", "Bagaimana saya bisa bantu, Kak?"),
    ("id", "Gimana kak, mau saya bantu cek?"),
    ("id", "Nomor resinya belum dikirim ya Kak, boleh dikirim agar bisa kami cek? 🙏"),
    ("en", "How can I help you today?"),
    ("en", "How would you like to pay?"),
    ("en", "How do you expect the weather to be for your trip?"),
    # reading suggested, not ordered
    ("id", "Bapak bisa baca syarat garansinya sendiri di website, atau saya kirim ringkasannya."),
    ("id", "Mohon dibaca dulu deskripsinya sebelum order ya kak 🙏"),
    ("en", "Read the manual before first use, please."),
    # consequences and visits, not threats
    ("id", "Kalau belum bayar sampai tanggal 10, akan ada denda 1% per hari ya Pak."),
    ("id", "Kami akan datang ke rumah Bapak besok untuk pemasangan."),
    ("id", "Data Anda tidak akan kami sebarkan ke pihak mana pun."),
    ("id", "Kalau belum bayar, kami akan hubungi Bapak lagi besok."),
    ("en", "If you don't pay by the due date, a late fee will apply."),
    ("en", "Or we'll call you back tomorrow if you prefer."),
    # deference without sarcasm
    ("en", "You know your car better than anyone, so tell me what you noticed."),
    ("en", "I'm not a doctor, so please ask your pharmacist."),
    ("id", "Kami bukan agen resmi, Kak, jadi garansinya lewat toko."),
    ("id", "Saya tidak mau sok tahu, jadi saya cek dulu ke tim ya Kak."),
    # shopping, no push away
    ("id", "Silakan beli di toko kami lewat link ini ya kak 😊"),
    ("id", "Tidak ada paksaan ya kak, silakan dipikirkan dulu 🙏"),
    ("id", "Mohon maaf stoknya habis, Kakak bisa cari di apotek lain terdekat ya."),
    ("en", "No one is forcing the update; you can skip it for now."),
    # plain words
    ("en", "That's the basic plan, $9 a month."),
    ("en", "It's common for the app to log you out after an update."),
    ("id", "Logikanya begini kak, paket dikirim dari gudang Bekasi dulu."),
    # questions, reassurance, information in the same words
    ("id", "Siapa yang menerima paketnya kemarin, Kak?"),
    ("id", "Bukan kesalahan Bapak kok, sistem kami sedang gangguan."),
    ("id", "Mohon maaf kalau penjelasan saya kurang jelas, saya ulangi ya Kak."),
    ("id", "Anak kecil juga boleh ikut kelasnya kak, mulai usia 5 tahun."),
    ("id", "Kami peduli dengan keluhan Bapak dan akan menindaklanjutinya."),
    ("id", "Tim collector kami tidak akan datang ke rumah, semua lewat aplikasi."),
    ("en", "Who told you about the promotion? We'd love to thank them."),
    ("en", "That's what happens when you upgrade: the old plan is replaced."),
    ("en", "Please learn how to read the meter with our guide, it's easy."),
    ("en", "You're not overreacting at all, this should not have happened."),
    ("en", "That's life insurance, not health insurance."),
    ("en", "I don't care which size you choose, both fit the box."),
    ("en", "Sure, I can send a technician to your home tomorrow at 10."),
    ("en", "Can you read me the code on the back of the card?"),
    ("en", "Next time, just message us here and we'll sort it out."),
    ("id", "Lain kali kalau ada kendala langsung chat kami ya kak."),
    ("en", "You can choose a different plan yourself in the app."),
    ("id", "Mau kami hubungi Bapak langsung, atau lewat email saja?"),
    ("id", "Kalau telat bayar, ada denda Rp50.000 ya Kak."),
    ("en", "Good luck with your exams, and thanks for waiting!"),
    ("en", "We're done with the repair, you can pick it up from 3 pm."),
    ("id", "Boleh saya tahu bagian mana yang kurang jelas, Kak? Saya bantu jelaskan."),
    ("id", "Selamat mencoba resepnya, Kak!"),
    ("id", "Bapak yang tidak menerima SMS, mohon hubungi 1500-123."),
    ("en", "Scroll up a little and you'll see the link I sent 😊"),
    # the service register
    ("id", "Waalaikumsalam Pak, insya Allah besok sampai 🙏"),
    ("id", "Sama-sama kak, semoga paketnya cepat sampai ya."),
    ("id", "Harga: 15 gram Rp38.500, 30 gram Rp62.000, 50 gram Rp95.000."),
    ("id", "Mohon maaf atas keterlambatannya, Kak. Paket sudah di kurir."),
    ("en", "Sorry for the wait! Your parcel is with the courier and arrives tomorrow."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_CURT)
def test_near_misses_are_neither_curt_nor_a_shift(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "curt_language" not in codes
    assert "tone_shift" not in codes


# --- 2. Bare commands after the agent's courtesy: a tone shift, no curt language ---

BARE = [
    ("id", "Kirim nomor pesanan. Lalu tunggu."),
    ("id", "Nomor resi. Tunggu."),
    ("id", "Bayar tagihannya. Kirim buktinya."),
    ("en", "Order number. Then wait."),
    ("en", "Send the receipt. Wait for the email."),
    ("en", "Wait for the email."),
]


@pytest.mark.parametrize(("lang", "text"), BARE)
def test_bare_commands_after_courtesy_are_a_tone_shift(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then (the definitions count bare commands in tone shifts only)
    assert "tone_shift" in codes
    assert "curt_language" not in codes


NOT_BARE = [
    ("id", "Tunggu sebentar ya kak, saya cek ke gudang."),
    ("id", "Kirim resinya biar saya cek ke kurir."),
    ("id", "Mohon kirim nomor pesanannya, Kak."),
    ("id", "Cek email, link pelacakan sudah kami kirim."),
    ("id", "Bayar dulu tagihannya, nanti kami proses."),
    ("en", "Restart the router, then the light should turn green."),
    ("en", "Please send the receipt and I'll sort it out."),
    ("en", "Check your email for the tracking link we sent this morning."),
    ("en", "Wait, I found it: it's at the depot and goes out today."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_BARE)
def test_orders_with_a_softener_or_a_reason_are_no_shift(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" not in codes
    assert "curt_language" not in codes


def test_bare_commands_after_a_greeting_only_are_no_shift() -> None:
    # given: "Halo." is no courtesy to drop from
    document = (
        "Agen: Halo.\n"
        "Pelanggan: Saldo saya kepotong dua kali, bisa dicek?\n"
        "Agen: Nomor rekening. Tunggu.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" not in codes


def test_bare_commands_from_the_start_are_no_shift() -> None:
    # given: terse from the first reply, courteous only later
    document = (
        "Customer: My card was charged twice.\n"
        "Agent: Card number. Wait.\n"
        "Customer: 4411.\n"
        "Agent: Thank you, I'm sorry for the trouble. The second charge is reversed.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" not in codes


def test_bare_commands_after_a_refusal_are_a_tone_shift() -> None:
    # given: a refusal, then only orders
    document = (
        "Pelanggan: Saya mau tutup kartu kredit saya.\n"
        "Agen: Baik Pak, terima kasih. Kami bisa gratiskan iuran tahunan kalau Bapak tetap.\n"
        "Pelanggan: Tidak, terima kasih. Tutup saja.\n"
        "Agen: Kirim foto KTP. Tunggu.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" in codes
    assert "curt_language" not in codes


def test_bare_commands_before_and_after_a_refusal_are_no_shift() -> None:
    # given: the agent gave bare orders before the refusal as well
    document = (
        "Pelanggan: Saya mau tutup kartu kredit saya.\n"
        "Agen: Tunggu. Nomor kartu.\n"
        "Pelanggan: 4411 2233.\n"
        "Agen: Kami bisa gratiskan iuran tahunan kalau Bapak tetap.\n"
        "Pelanggan: Tidak, terima kasih. Tutup saja.\n"
        "Agen: Kirim foto KTP. Tunggu.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" not in codes


# --- 3. A fused "yaudah" closes on the customer's side ---


@pytest.mark.parametrize("last", ["yaudah", "yaudah kak", "Yasudah deh, makasih", "yowis mas"])
def test_a_fused_ya_udah_closes_on_the_customer_side(last: str) -> None:
    # given
    document = (
        "Pelanggan: Kak, paket saya di mana ya?\n"
        "Agen: Paket Kakak di gudang Bekasi, besok diantar ya.\n"
        f"Pelanggan: {last}\n"
    )
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "ended_by_customer"


def test_a_fused_ya_udah_with_a_question_stays_open() -> None:
    # given
    document = (
        "Pelanggan: Kak, paket saya di mana ya?\n"
        "Agen: Paket Kakak di gudang Bekasi.\n"
        "Pelanggan: yaudah, tapi kapan diantarnya?\n"
    )
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "open"
