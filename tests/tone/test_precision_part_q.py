"""The failure classes part Q's tuning share showed (docs/tone-history.md, part-Q round), each
written as a class with new texts (not the dev set's), in Indonesian, English and the
regional forms, with near-misses that must not fire.

States: good luck and "hope to have you back" wishes, Javanese and Sundanese intensified
thanks sign off; an end event naming a speaker ("NetKita ended the chat") ends it on that
speaker's side; an auto-reply promising an answer is no part of the agent's closing; a
religious reply answering the customer's closing salam is the agent's farewell; a question
followed by information awaits its answer. Curtness: blame for carelessness ("lain kali
dicek dulu"), others manage so it is the customer's fault, "your choice", exasperation,
"read it slowly" are curt language; bare orders with an urgency word are a tone shift; a
curt brush-off and an end event on a customer still speaking cut them off. Cancellation:
Sundanese and Javanese verbs of stopping with membership."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str, fmt: str = "text", agent: str | None = None) -> Analysis:
    return analyze(parse(document, fmt=fmt, name="case", agent=agent)[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


def _state(document: str, fmt: str = "text", agent: str | None = None) -> str:
    return _analyze(document, fmt, agent).summary.conversation_state


def _answer_then(lang: str, last: str) -> str:
    """The customer's question, the agent's answer, the customer's thanks, the agent's last
    message."""
    if lang == "en":
        return (
            "Customer: Is my membership renewed for next year?\n"
            "Agent: Yes, it is renewed until December 2027.\n"
            "Customer: Great, thanks.\n"
            f"Agent: {last}\n"
        )
    return (
        "Pelanggan: Kak, member saya sudah diperpanjang?\n"
        "Agen: Sudah Kak, aktif sampai Desember 2027.\n"
        "Pelanggan: Oke kak, makasih.\n"
        f"Agen: {last}\n"
    )


# --- 1. States ------------------------------------------------------------------------

SIGN_OFFS = [
    # good luck wished at the end
    ("id", "Sama-sama, sukses terus usahanya Kak! 🙌"),
    ("id", "Makasih udah percaya sama kami, sukses selalu ya Kak"),
    ("id", "Hatur nuhun, sukses kuliahnya Teh!"),
    ("id", "Siap Kak. Semoga lancar terus bisnisnya"),
    # Javanese and Sundanese thanks with their intensifier
    ("id", "Matur nuwun sanget, Mbak."),
    ("id", "Hatur nuhun pisan, Teh 🙏"),
    # hoping to have the customer back
    ("en", "We hope to welcome you back next time!"),
    ("en", "We look forward to serving you again."),
    ("id", "Semoga bisa bertemu lagi, Kak."),
]


@pytest.mark.parametrize(("lang", "last"), SIGN_OFFS)
def test_wishes_and_intensified_thanks_end_it_on_the_agent_side(lang: str, last: str) -> None:
    # given
    document = _answer_then(lang, last)
    # when
    state = _state(document)
    # then
    assert state == "ended_by_agent"


NOT_SIGN_OFFS = [
    ("id", "Pembayaran sukses ya kak, kartunya dikirim besok."),
    ("id", "Transfernya sukses semuanya kak, tinggal tunggu SMS."),
    ("en", "We look forward to hearing from you with the signed form."),
    ("id", "Kartunya sudah aktif. Mau sekalian daftar autodebet?"),
]


@pytest.mark.parametrize(("lang", "last"), NOT_SIGN_OFFS)
def test_success_news_and_awaiting_the_customer_are_no_sign_off(lang: str, last: str) -> None:
    # given
    document = _answer_then(lang, last)
    # when
    state = _state(document)
    # then
    assert state != "ended_by_agent"


def _whatsapp(lines: list[str]) -> str:
    return "".join(f"30/11/26 09.{n:02d} - {line}\n" for n, line in enumerate(lines, start=10))


NAMED_ENDS = [
    ("Toko Sinar ended the chat", "ended_by_agent"),
    ("Toko Sinar has closed this chat", "ended_by_agent"),
    ("Chat ditutup oleh Toko Sinar", "ended_by_agent"),
    ("Rina left the chat", "ended_by_customer"),
    ("Rina mengakhiri percakapan", "ended_by_customer"),
]


@pytest.mark.parametrize(("event", "state"), NAMED_ENDS)
def test_an_end_event_naming_a_speaker_ends_it_on_that_side(event: str, state: str) -> None:
    # given
    document = _whatsapp(
        [
            "Rina: Kak, ukuran L masih ada?",
            "Toko Sinar: Masih ada Kak, stok tinggal 2.",
            event,
        ]
    )
    # when
    found = _state(document, fmt="whatsapp", agent="Toko Sinar")
    # then
    assert found == state


def test_an_event_naming_someone_else_ends_nothing() -> None:
    # given: "Andi" speaks nowhere in the chat
    document = _whatsapp(
        [
            "Rina: Kak, ukuran L masih ada?",
            "Toko Sinar: Masih ada Kak, stok tinggal 2. Mau ambil berapa?",
            "Andi left the chat",
        ]
    )
    # when
    found = _state(document, fmt="whatsapp", agent="Toko Sinar")
    # then
    assert found == "open"


AUTO_REPLY = (
    "Halo! Terima kasih telah menghubungi Toko Sinar. Pesan Anda sudah kami terima dan akan "
    "dibalas oleh admin kami."
)


def test_an_auto_reply_is_no_courteous_closure_of_a_bare_answer() -> None:
    # given
    document = _whatsapp(
        [
            "Rina: Saya mau berhenti langganan katalog bulanan.",
            f"Toko Sinar: {AUTO_REPLY}",
            "Toko Sinar: Langganan katalog dihentikan per 1 Januari.",
            "Toko Sinar ended the chat",
        ]
    )
    # when
    analysis = _analyze(document, fmt="whatsapp", agent="Toko Sinar")
    # then
    assert analysis.summary.conversation_state == "ended_by_agent"
    assert {f.code for f in analysis.findings} == {"no_courteous_closure"}


def test_a_courteous_answer_after_an_auto_reply_closes_courteously() -> None:
    # given
    document = _whatsapp(
        [
            "Rina: Saya mau berhenti langganan katalog bulanan.",
            f"Toko Sinar: {AUTO_REPLY}",
            "Toko Sinar: Langganan katalog dihentikan per 1 Januari. Terima kasih Kak 🙏",
            "Toko Sinar ended the chat",
        ]
    )
    # when
    analysis = _analyze(document, fmt="whatsapp", agent="Toko Sinar")
    # then
    assert analysis.summary.conversation_state == "ended_by_agent"
    assert not analysis.findings


def test_an_auto_reply_alone_before_an_end_event_cuts_the_customer_off() -> None:
    # given
    document = _whatsapp(
        [
            "Rina: Kak, pesanan saya kok belum dikirim?",
            f"Toko Sinar: {AUTO_REPLY}",
            "Toko Sinar ended the chat",
        ]
    )
    # when
    analysis = _analyze(document, fmt="whatsapp", agent="Toko Sinar")
    # then
    assert analysis.summary.conversation_state == "ended_by_agent"
    assert {f.code for f in analysis.findings} == {"customer_cut_off"}


@pytest.mark.parametrize(
    ("closing", "reply"),
    [
        ("Baik, terima kasih banyak. Assalamualaikum", "Waalaikumsalam"),
        ("Oke makasih kak, wassalamualaikum", "Wa'alaikumussalam Kak 🙏"),
        ("Semoga lancar ya usahanya, makasih", "Aamiin, Bu."),
    ],
)
def test_a_religious_reply_to_the_customers_closing_is_the_agents_farewell(
    closing: str, reply: str
) -> None:
    # given
    document = (
        "Pelanggan: Jadwal dokter gigi hari Sabtu jam berapa?\n"
        "Agen: Hari Sabtu pukul 09.00-12.00, Bu.\n"
        f"Pelanggan: {closing}\n"
        f"Agen: {reply}\n"
    )
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.conversation_state == "ended_by_agent"
    assert not analysis.findings


def test_a_salam_reply_opening_information_is_no_farewell() -> None:
    # given
    document = (
        "Pelanggan: Assalamualaikum, dokter gigi hari Sabtu praktek?\n"
        "Agen: Waalaikumsalam, Bu. Praktek pukul 09.00-12.00, pendaftaran lewat WA ini.\n"
    )
    # when
    state = _state(document)
    # then
    assert state == "open"


@pytest.mark.parametrize(
    ("lang", "last", "state"),
    [
        (
            "en",
            (
                "Thanks for contacting us. Could you tell me the order date? Orders older "
                "than 30 days are archived."
            ),
            "open",
        ),
        (
            "id",
            (
                "Terima kasih sudah menghubungi kami. Boleh info nomor pesanannya? Pesanan lama "
                "ada di arsip."
            ),
            "open",
        ),
        ("en", "Anything else I can help with? Have a great evening!", "ended_by_agent"),
        ("id", "Mau ditunggu? Ya udah, terserah.", "ended_by_agent"),
        ("id", "Cek di https://toko.id/lacak?id=12 ya kak, terima kasih 🙏", "ended_by_agent"),
        (
            "id",
            "Bagaimana pelayanan kami hari ini? Balas angka 1-5. Pesan ini dikirim otomatis.",
            "ended_by_agent",
        ),
    ],
)
def test_a_question_followed_by_information_awaits_its_answer(
    lang: str, last: str, state: str
) -> None:
    # given: the survey line follows the agent's sign-off
    if last.startswith("Bagaimana"):
        document = (
            "Pelanggan: Motor saya sudah selesai?\n"
            "Agen: Sudah Pak, bisa diambil sebelum jam 5.\n"
            "Pelanggan: Siap otw\n"
            "Agen: Terima kasih Pak, hati-hati di jalan.\n"
            f"Agen: {last}\n"
        )
    elif lang == "en":
        document = f"Customer: My refund never arrived.\nAgent: {last}\n"
    else:
        document = f"Pelanggan: Refund saya belum masuk.\nAgen: {last}\n"
    # when
    found = _state(document)
    # then
    assert found == state


# --- 2. Curt classes --------------------------------------------------------------------


def _after_courtesy(lang: str, text: str) -> str:
    """The agent's courteous first reply, the customer's follow-up, the agent's reply."""
    if lang == "en":
        return (
            "Customer: My parcel went to the wrong address.\n"
            "Agent: I'm sorry about that, let me check it for you.\n"
            "Customer: It's been two days, any news?\n"
            f"Agent: {text}\n"
        )
    return (
        "Pelanggan: Paket saya nyasar ke alamat lain.\n"
        "Agen: Mohon maaf atas kendalanya Kak, saya bantu cek dulu.\n"
        "Pelanggan: Udah 2 hari kak, gimana?\n"
        f"Agen: {text}\n"
    )


CURT = [
    # blamed for carelessness, told to take care next time
    ("id", "Lain kali alamatnya dicek dulu sebelum checkout."),
    ("id", "Ya lain kali jangan sampai salah pilih alamat kak."),
    ("id", "Lain kali jangan asal pencet tombol bayar kak."),
    ("en", "Be more careful next time."),
    ("en", "Next time, check the address before you pay."),
    # others manage, so it is the customer's fault
    ("id", "Pelanggan lain nggak ada yang komplain, Kak."),
    ("id", "Semua customer lain paketnya sampai kok."),
    ("en", "Everyone else manages just fine with the same address form."),
    ("en", "Nobody else has this problem."),
    ("en", "You're not our only customer, you know."),
    ("en", "Just fill in the form like a normal person."),
    # your choice, your problem
    ("en", "Your choice."),
    ("en", "That's your problem."),
    ("id", "Itu urusan Kakak sendiri."),
    ("id", "Ya udah kalau emang nggak mau nunggu."),
    # exasperation
    ("id", "Duh bawel banget sih kak."),
    ("id", "Ih repot amat, tinggal tunggu aja."),
    ("en", "I haven't got all day."),
    ("en", "I don't have time for this."),
    # read it slowly, it's on you
    ("id", "Dibaca pelan-pelan kak, jangan langsung komplain."),
    ("en", "Not checking the address is on you."),
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
    ("id", "Lain kali jangan ragu hubungi kami ya Kak 😊"),
    ("id", "Jangan sembarangan kasih kode OTP ke siapa pun ya Kak."),
    ("id", "Jangan asal transfer ke rekening yang mengaku admin ya Kak."),
    ("id", "Mohon dibaca pelan-pelan syarat klaimnya ya Kak, saya bantu kalau bingung."),
    ("id", "Semua pelanggan lain juga dapat voucher yang sama, Kak."),
    ("id", "Pilihan ada di Kakak, dua-duanya bisa."),
    ("id", "Prosesnya memang ribet ya Kak, mohon maaf."),
    ("id", "Sama-sama Kak, semoga cepat sampai 🙏"),
    ("id", "Waalaikumsalam, mohon maaf atas keterlambatannya."),
    ("en", "It's your choice which plan suits you, both are fine."),
    ("en", "Other customers have reported the same delay, I'm sorry."),
    ("en", "Thank you for your call."),
    ("en", "Next time you visit, ask for Rina at the counter."),
    ("en", "This one is on us, no charge."),
    ("en", "Our rates: Basic $10, Plus $15, Pro $25 per month."),
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


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Kirim ulang. Foto + struk. Sekarang."),
        ("en", "Send it again. Photo & receipt. Now."),
        ("en", "Upload the screenshot. ASAP."),
    ],
)
def test_bare_orders_with_urgency_after_courtesy_are_a_tone_shift(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" in codes


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Sekarang."),
        ("en", "Now, the photo and receipt arrived, we're checking them."),
        ("id", "Foto sudah kami terima. Sekarang sedang dicek."),
    ],
)
def test_urgency_words_alone_or_in_news_are_no_shift(lang: str, text: str) -> None:
    # given
    document = _after_courtesy(lang, text)
    # when
    codes = _codes(document)
    # then
    assert "tone_shift" not in codes


# --- 3. Cut off by a brush-off ------------------------------------------------------------


@pytest.mark.parametrize(
    ("unfinished", "brush_off", "event"),
    [
        (
            "The account number is, hold on, 4410-",
            "I haven't got all day. Call back when you have it.",
            "[Call ended by agent]",
        ),
        (
            "Nomor tagihannya 8812... bentar saya cari dulu, yang",
            "Duh bawel banget sih. Nanti aja telpon lagi.",
            "[Panggilan diakhiri oleh agen]",
        ),
    ],
)
def test_a_brush_off_and_an_end_on_an_unfinished_turn_cuts_the_customer_off(
    unfinished: str, brush_off: str, event: str
) -> None:
    # given
    document = (
        "Agent: Good afternoon, billing desk.\n"
        "Customer: Hi, I was charged twice this month.\n"
        "Agent: Sorry to hear that. Could you give me the account number?\n"
        f"Customer: {unfinished}\n"
        f"Agent: {brush_off}\n"
        f"{event}\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" in codes
    assert "no_courteous_closure" not in codes


def test_a_brush_off_after_a_finished_turn_is_no_cut_off() -> None:
    # given
    document = (
        "Customer: I was charged twice this month, fix it.\n"
        "Agent: Your choice to pay twice. Nothing I can do.\n"
        "[Chat ended by agent]\n"
    )
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" not in codes
    assert "no_courteous_closure" in codes


# --- 4. Regional verbs of stopping a membership -------------------------------------------


@pytest.mark.parametrize(
    "request_text",
    [
        "Teh, abdi bade lirén member yoga, tos teu aya waktos.",
        "Mas, kula badhe leren langganan koran mulai sasi ngarep.",
        "Kak, aku mau eureun jadi member ya, pindah kota.",
    ],
)
def test_regional_verbs_of_stopping_a_membership_are_a_cancellation(request_text: str) -> None:
    # given
    document = (
        f"Customer: {request_text}\n"
        "Agent: Sayang pisan Kak, gimana kalau cuti dulu 2 bulan gratis?\n"
        "Customer: Henteu, eureun wae.\n"
        "Agent: Atau paket hemat Rp99rb/bulan aja Kak?\n"
        "Customer: Henteu, hatur nuhun.\n"
        "Agent: Baik Kak, sudah kami hentikan. Hatur nuhun!\n"
    )
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.cancellation_request
    assert "push_after_refusal" in {f.code for f in analysis.findings}


def test_resting_is_no_cancellation() -> None:
    # given
    document = (
        "Customer: Mas, sesok kula leren kerja, saged ambil pesenan jam 10?\n"
        "Agent: Saged Mas, ditunggu jam 10 nggih.\n"
    )
    # when
    analysis = _analyze(document)
    # then
    assert not analysis.summary.cancellation_request


# --- 5. A seller's answer with its thanks is no cut-off -----------------------------------


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("Kak, ukuran L masih ada?", "Masih ada Kak, harga 120rb. Terima kasih 🙏"),
        ("Yang hitam ready?", "Ready kak, makasih ya"),
        ("Is the blue one in stock?", "Sold out, sorry! Thanks for asking."),
        ("How much is the large tote?", "That one is $45. Thank you!"),
    ],
)
def test_a_stock_or_price_answer_before_thanks_cuts_nobody_off(question: str, reply: str) -> None:
    # given
    document = f"Customer: {question}\nAgent: {reply}\n"
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" not in codes


def test_a_bare_thanks_after_the_question_still_cuts_the_customer_off() -> None:
    # given
    document = "Customer: Kak, ukuran L masih ada?\nAgent: Terima kasih sudah menghubungi kami 🙏\n"
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" in codes


# --- 6. A greeting auto-reply opens the chat ----------------------------------------------


@pytest.mark.parametrize(
    "greeting",
    [
        "Halo! Terima kasih telah menghubungi Toko Sinar 🙏 Ada yang bisa kami bantu?",
        "Hi! Thanks for contacting Sinar Store. How can we help you today?",
        "Terima kasih sudah menghubungi kami. Jam operasional kami Senin-Jumat 08.00-17.00.",
        "Thank you for contacting us! Our team replies within one working day.",
    ],
)
def test_a_greeting_that_opens_the_chat_leaves_it_open(greeting: str) -> None:
    # given
    document = f"Customer: Halo kak\nAgent: {greeting}\n"
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.conversation_state == "open"
    assert not analysis.findings


@pytest.mark.parametrize(
    ("customer", "agent"),
    [
        ("Oke kak makasih", "Terima kasih telah menghubungi kami. Nilai layanan kami di link ini."),
        ("Siap, itu saja", "Thank you for calling. Have a nice day."),
        ("Beres, makasih", "Terima kasih sudah menggunakan Telkonet, Kak. Selamat sore!"),
        ("Paketnya sudah sampai?", "Sudah kak. Ada lagi yang bisa kami bantu?"),
    ],
)
def test_thanks_for_contacting_after_a_closing_or_with_a_farewell_still_closes(
    customer: str, agent: str
) -> None:
    # given
    document = (
        "Customer: Halo kak\nAgent: Halo kak, ada yang bisa dibantu?\n"
        f"Customer: {customer}\nAgent: {agent}\n"
    )
    # when
    state = _state(document)
    # then
    assert state == "ended_by_agent"
