"""The failure classes part S's tuning share showed (docs/tone-history.md, part-S round), each
written as a class with new texts (not the dev set's), in Indonesian, English and mixed,
with near-misses that must not fire.

Curtness: the matter refused as not one's job ("not my department", "bukan bagian saya"),
talking down to the customer's understanding ("saya jelasin pelan-pelan biar ngerti", "masa
gitu aja bingung"), the customer's repetitions counted in mock courtesy ("a real pleasure
explaining this four times", "would have been obvious from ..."), a scolding for not reading
first ("dibaca dulu dong sebelum checkout"), a sigh of exasperation opening the reply
("Hadeh kak, ...") are curt language. A bare order to read the help pages, alone, is a bare
command (tone shift only); a holding reply alone ("Hold on.") is none. Curt wording after the
customer's plain decline of an upsell is a tone shift. State: the customer's slang go-ahead
("gass 🔥", "cuss kak") closes the exchange."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


def _after_courtesy(lang: str, text: str) -> str:
    """The agent's courteous first reply, the customer's follow-up, the agent's reply."""
    if lang == "en":
        return (
            "Customer: My new headphones only play sound on the left side.\n"
            "Agent: Sorry about that! Could you tell me the model?\n"
            "Customer: It's the HX-300. I still can't get the right side to work.\n"
            f"Agent: {text}\n"
        )
    return (
        "Pelanggan: Kak, headset yang saya beli cuma bunyi sebelah kiri.\n"
        "Agen: Mohon maaf atas kendalanya Kak, boleh info tipenya?\n"
        "Pelanggan: HX-300 kak. Masih nggak bunyi yang kanan.\n"
        f"Agen: {text}\n"
    )


# --- 1. Curt classes ------------------------------------------------------------------------

CURT = [
    # not my job
    ("en", "That's not my department. Ask the warranty people."),
    ("en", "Not my job. Email support."),
    ("en", "We don't handle that. Contact the manufacturer."),
    ("id", "Bukan bagian saya kak. Tanya ke toko aja."),
    ("id", "Saya nggak ngurusin yang begitu."),
    ("mix", "Bukan tugas saya, contact brand-nya langsung."),
    # talking down to the customer's understanding
    ("id", "Saya ulangi pelan-pelan ya biar paham. Colok. Ke. Port. Kanan."),
    ("id", "Masa gini aja nggak bisa kak."),
    ("mix", "Gitu aja kok bingung, kak. Just plug it in."),
    ("en", "Let me explain this very slowly. Plug. It. In."),
    ("en", "It's not rocket science, the switch is on the side."),
    ("en", "How can you not see it? It's the button on the side."),
    # repetitions counted, mock courtesy
    ("en", "Truly a joy going over this three times. The switch is on the side."),
    ("en", "I've now explained it five times: the switch is on the side."),
    ("id", "Saya udah jelasin ini tiga kali kak, saklarnya di samping."),
    ("en", "The pairing guide would have been obvious from the box, had you looked."),
    ("en", "If you had bothered to open the manual, you'd know."),
    # scolded for not reading first
    ("id", "Baca dulu dong kak manualnya."),
    ("id", "Kak, dibaca dulu spesifikasinya sebelum beli."),
    ("id", "Kan udah ditulis jelas di kotaknya kak."),
    ("en", "Read the description before ordering next time."),
    # a sigh opening the reply
    ("id", "Hadeh kak, itu saklarnya di samping."),
    ("id", "Yaelah kak, colokannya belum masuk itu."),
    ("en", "*sigh* The switch is on the side."),
]


@pytest.mark.parametrize(("lang", "text"), CURT)
def test_each_class_of_curt_wording_is_curt_language_and_a_shift(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert {"curt_language", "tone_shift"} <= codes


NOT_CURT = [
    # handing over, with an apology or the next step
    ("en", "Sorry, that's not my department, let me transfer you to warranty."),
    ("en", "That's not my department, but I'll pass it to the warranty team right away."),
    ("en", "Sorry, not my department. I'm transferring you now."),
    ("id", "Mohon maaf Kak, itu bukan bagian saya, saya bantu teruskan ke tim garansi ya."),
    ("id", "Bukan bagian saya, tapi saya bantu hubungkan ke tim teknis ya Kak."),
    ("en", "Billing isn't handled by our team; I've forwarded your message to them."),
    # explaining kindly, reassurance
    ("id", "Saya jelaskan langkahnya ya Kak biar lebih jelas 😊"),
    ("id", "Pelan-pelan saja Kak, tidak perlu buru-buru."),
    ("en", "It's not hard, I'll walk you through it step by step."),
    ("en", "Let me explain how the pairing works, it takes a minute."),
    ("id", "Masa garansinya 1 tahun kak, jadi masih bisa klaim."),
    ("en", "How can I help you set it up?"),
    # repetitions that are not the agent's complaint
    ("en", "I'm so sorry you had to explain this three times."),
    ("en", "You've explained it twice already, my apologies, let me fix it now."),
    ("en", "We tried calling you three times yesterday, is this a good number?"),
    ("id", "Mohon maaf Kakak sampai harus menjelaskan tiga kali 🙏"),
    ("en", "It would have been clear to me too, sorry the guide is confusing."),
    # advice to read, politely
    ("id", "Mohon dibaca dulu panduannya ya Kak, ada di halaman 3."),
    ("id", "Boleh dibaca dulu manualnya Kak, nanti kalau masih bingung saya bantu."),
    ("en", "Please read the description before ordering a replacement, sizes differ."),
    ("en", "Read the instructions before using it in the rain."),
    ("id", "Nomor garansi tertulis di kotaknya ya Kak."),
    # a sigh with an apology, sympathy
    ("id", "Hadeh, maaf banget ya Kak, ternyata kirimannya salah tipe 🙏"),
    ("id", "Aduh kak, mohon maaf ya, kami ganti unit baru."),
    ("en", "Oh no, sorry about that, we'll send a new pair."),
    ("en", "Ugh, I hate when that happens, let me fix it."),
    ("id", "Hadeh, kurirnya emang suka gitu kak, saya bantu komplain ya."),
    ("id", "Masa gitu bisa kak? Saya cek dulu ya."),
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


# --- 2. A bare order to read the help pages, and holding replies ---------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Baca FAQ."),
        ("en", "Read the manual."),
        ("id", "Baca deskripsi."),
        ("en", "Read the FAQ. Restart it."),
    ],
)
def test_a_lone_order_to_read_is_a_bare_command_not_blame(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then (the definitions count bare commands in tone shifts only)
    assert "tone_shift" in codes
    assert "curt_language" not in codes


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Read the FAQ bro, don't ask me again."),
        ("id", "Baca FAQ di website, kami tidak melayani pertanyaan yang sudah ada jawabannya."),
        ("en", "Just read the manual."),
    ],
)
def test_an_order_to_read_that_says_more_stays_curt(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "curt_language" in codes


def test_a_welcome_is_courtesy_before_bare_commands() -> None:
    # given
    document = (
        "Pelanggan: Kak, mau tanya cara tukar ukuran sepatu\n"
        "Agen: Halo Kak! Dengan senang hati saya bantu. Tukar ukuran bisa dalam 7 hari.\n"
        "Pelanggan: Sudah 9 hari kak, masih bisa?\n"
        "Agen: Baca FAQ.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert codes == {"tone_shift"}


@pytest.mark.parametrize(
    "text", ["Hold on.", "One moment.", "Tunggu.", "Sebentar.", "Hang on.", "Wait a sec."]
)
def test_a_holding_reply_alone_is_no_shift(text: str) -> None:
    # given
    document = (
        "Agen: Terima kasih sudah menghubungi kami, dengan Rina di sini.\n"
        "Pelanggan: Halo, saya mau tanya tagihan bulan ini.\n"
        "Agen: Tagihan bulan ini Rp 240.000, jatuh tempo tanggal 20.\n"
        "Pelanggan: Oke. Terus denda keterlambatannya berapa ya\n"
        f"Agen: {text}\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" not in codes


@pytest.mark.parametrize("text", ["Hold on.", "Tunggu.", "One moment."])
def test_a_holding_reply_and_the_end_still_cut_the_customer_off(text: str) -> None:
    # given
    document = (
        "Agent: Thanks for calling, this is Sam.\n"
        "Customer: Hi, the app charged me twice. Can you also tell me why my\n"
        f"Agent: {text}\n"
        "[Call ended by agent]\n"
    )
    # when
    codes = _codes(document)
    # then
    assert codes == {"customer_cut_off"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [("id", "Kirim resi. Tunggu."), ("en", "Send the receipt. Hold on."), ("en", "Wait for it.")],
)
def test_holding_with_other_orders_is_still_bare_commands(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" in codes


# --- 3. Curt after a plain decline of an upsell ---------------------------------------------


def _upsell(lang: str, decline: str, reply: str) -> str:
    if lang == "en":
        return (
            "Customer: I'd like two tickets for the 7 pm show.\n"
            "Agent: Sure! For $8 more each you get recliner seats. Want those?\n"
            f"Customer: {decline}\n"
            f"Agent: {reply}\n"
        )
    return (
        "Pelanggan: Kak, mau pesan 2 tiket jam 7 malam.\n"
        "Agen: Bisa kak! Tambah 20rb per tiket dapat kursi premium, mau sekalian?\n"
        f"Pelanggan: {decline}\n"
        f"Agen: {reply}\n"
    )


@pytest.mark.parametrize(
    ("lang", "decline", "reply"),
    [
        ("en", "No thanks, regular is fine.", "Whatever you say."),
        ("en", "Not interested.", "Your loss."),
        ("id", "Nggak usah kak, biasa aja.", "Terserah."),
        ("id", "Tidak, terima kasih.", "Ya udah terserah kakak aja."),
        ("mix", "No thanks kak.", "Yaudah terserah."),
    ],
)
def test_curt_wording_after_a_plain_decline_is_a_tone_shift(
    lang: str, decline: str, reply: str
) -> None:
    # given
    document = _upsell(lang, decline, reply)
    # when
    codes = _codes(document)
    # then
    assert {"curt_language", "tone_shift"} <= codes


@pytest.mark.parametrize(
    ("lang", "decline", "reply"),
    [
        ("en", "No thanks, regular is fine.", "No problem! Two regular seats, row F."),
        ("id", "Nggak usah kak.", "Siap kak, 2 tiket reguler ya 😊"),
        ("en", "No, the 9 pm show actually.", "Sure, two for 9 pm."),
        ("en", "Maybe, how wide are they?", "Whatever seat you prefer, they're all wide."),
    ],
)
def test_a_decline_answered_politely_is_no_shift(lang: str, decline: str, reply: str) -> None:
    # given
    document = _upsell(lang, decline, reply)
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" not in codes


def test_an_agent_curt_before_the_decline_has_curt_language_only() -> None:
    # given
    document = (
        "Customer: Two tickets for 7 pm.\n"
        "Agent: Whatever. Recliners are $8 more, want them?\n"
        "Customer: No thanks.\n"
        "Agent: Fine, whatever.\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "curt_language" in codes
    assert "tone_shift" not in codes


# --- 4. State: the customer's slang go-ahead closes -----------------------------------------


@pytest.mark.parametrize(
    "reply", ["gass 🔥", "cuss kak", "Let's go!", "gaskeun min", "otw checkout"]
)
def test_a_slang_go_ahead_closes_the_exchange(reply: str) -> None:
    # given
    document = (
        "Pelanggan: min jaket denim yg hitam size M masih ada?\n"
        "Admin: ada kak, sisa 3, langsung checkout aja ya\n"
        f"Pelanggan: {reply}\n"
    )
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "ended_by_customer"


@pytest.mark.parametrize(
    "reply",
    [
        "gas nya habis kak?",
        "cus, kirim kapan?",
        "gass, tapi bisa COD ga",
        "Let's go with the M, can you hold it?",
    ],
)
def test_a_go_ahead_with_a_question_stays_open(reply: str) -> None:
    # given
    document = (
        "Pelanggan: min jaket denim yg hitam size M masih ada?\n"
        "Admin: ada kak, sisa 3, langsung checkout aja ya\n"
        f"Pelanggan: {reply}\n"
    )
    # when
    state = _analyze(document).summary.conversation_state
    # then
    assert state == "open"


# --- 5. Cut-off: a question without its "?", or broken off after an adverb ------------------
# Reasoned from the definitions ("an unanswered question ... when the agent ended it ... by a
# short sign-off right after the customer's question"), not from a dev-set error.


@pytest.mark.parametrize(
    ("question", "sign_off"),
    [
        ("makasih min. eh tapi bagasinya gimana min", "Sama-sama kak 🙏"),
        (
            "oke kak, satu lagi, refund bulan lalu kok belum masuk ya",
            "Terima kasih kak, sehat selalu 😊",
        ),
        ("Thanks. And the seat, is it still", "You're welcome!"),
        ("Thanks, and can I also", "Bye."),
        ("sip kak, terus refundnya kapan ya kak", "Ok noted."),
    ],
)
def test_a_question_left_by_a_sign_off_and_the_end_is_a_cut_off(
    question: str, sign_off: str
) -> None:
    # given
    document = (
        "Pelanggan: Kak, jadwal penerbangan saya mau diubah ke Jumat\n"
        "CS: Sudah kami ubah ke Jumat jam 9 ya kak.\n"
        f"Pelanggan: {question}\n"
        f"CS: {sign_off}\n"
        "[Chat ditutup oleh agen]\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" in codes
    assert "no_courteous_closure" not in codes


@pytest.mark.parametrize(
    "closing",
    [
        "makasih min, sampai jumpa kapan-kapan",
        "oh gitu, kok bisa ya. makasih kak",
        "Thanks, I know how",
        "ok makasih kak, nanti saya kabari kapan bisa ambil",
        "So can I. Thanks!",
    ],
)
def test_a_closing_with_a_question_word_inside_is_no_cut_off(closing: str) -> None:
    # given
    document = (
        "Pelanggan: Kak, jadwal penerbangan saya mau diubah ke Jumat\n"
        "CS: Sudah kami ubah ke Jumat jam 9 ya kak.\n"
        f"Pelanggan: {closing}\n"
        "CS: Sama-sama kak 🙏\n"
        "[Chat ditutup oleh agen]\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" not in codes
