"""The failure classes the tuning shares of parts U and V showed (docs/tone-history.md,
part-UV round), each written as a class with new texts (not the dev set's), in Indonesian,
English and mixed, with near-misses that must not fire.

The cut-off the engine read as a missing closure: a customer's turn ending on a connector
with "also" / "juga" or on "one more thing" ("And also", "dan juga", "Oh and", "satu
lagi"); a customer still speaking, then the agent's statement and the end event; a holding
reply made of several holding clauses ("Baik kak, mohon ditunggu sebentar, saya cek dulu
ya.") and the end event; a short brush-off that answers nothing ("Jangan banyak tanya, baca
FAQ.") to a question still open, and the end event."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


CONNECTOR_ENDS = [
    "Okay, book it then. Oh and",
    "Alright, go ahead with that. And also",
    "Fine, thanks. But also",
    "Oke kak, makasih. Terus juga",
    "Siap kak, lanjut aja. Dan juga",
    "Thanks, that helps. One more thing",
    "Siap kak, makasih. Oh iya satu lagi",
]


@pytest.mark.parametrize("turn", CONNECTOR_ENDS)
def test_turn_ending_on_a_connector_with_also_is_cut_off(turn: str) -> None:
    codes = _codes(
        "Agent: Hello, how can I help?\n"
        "Customer: I want to move my appointment.\n"
        "Agent: Sure, we have Friday at 10am or 2pm.\n"
        f"Customer: {turn}\n"
        "[Agent ended the chat]\n"
    )
    assert "customer_cut_off" in codes
    assert "no_courteous_closure" not in codes


FINISHED_ALSO = [
    "I'll take the blue one also.",
    "Oke kak, saya juga.",
    "That was the reason, because of the price.",
]


@pytest.mark.parametrize("turn", FINISHED_ALSO)
def test_finished_turn_with_also_is_no_cut_off(turn: str) -> None:
    codes = _codes(
        "Agent: Hello, how can I help?\n"
        f"Customer: {turn}\n"
        "Agent: Noted, it's done. Thank you and have a nice day!\n"
        "[Agent ended the chat]\n"
    )
    assert "customer_cut_off" not in codes


STATEMENT_AFTER_UNFINISHED = [
    (
        "The courier came yesterday but the box was open and",
        "The delivery is marked as received. This case is now closed.",
    ),
    (
        "Paketnya sudah sampai tapi isinya kurang satu, terus",
        "Status pesanan sudah selesai. Tiket kami tutup.",
    ),
    (
        "Saya sudah transfer kemarin sore tapi saldonya belum bertambah dan —",
        "Transaksi tercatat berhasil di sistem kami.",
    ),
]


@pytest.mark.parametrize(("customer", "agent"), STATEMENT_AFTER_UNFINISHED)
def test_statement_after_unfinished_turn_then_event_is_cut_off(customer: str, agent: str) -> None:
    codes = _codes(f"Customer: {customer}\nAgent: {agent}\n[Agent ended the chat]\n")
    assert "customer_cut_off" in codes
    assert "no_courteous_closure" not in codes


def test_statement_after_finished_turn_then_event_is_no_cut_off() -> None:
    codes = _codes(
        "Customer: The courier came yesterday but the box was open.\n"
        "Agent: The delivery is marked as received. This case is now closed.\n"
        "[Agent ended the chat]\n"
    )
    assert "customer_cut_off" not in codes
    assert "no_courteous_closure" in codes


HOLDING_CHAINS = [
    "Baik kak, mohon ditunggu sebentar, kami cek dulu ya.",
    "Oke bu, sebentar ya, saya periksa dulu.",
    "One moment please, let me check.",
    "Sure, please hold on. Let me look into it.",
]


@pytest.mark.parametrize("reply", HOLDING_CHAINS)
def test_chain_of_holding_clauses_then_event_is_cut_off(reply: str) -> None:
    codes = _codes(
        "Customer: My parcel was due on Monday and it still has not arrived, it's Thursday.\n"
        f"Agent: {reply}\n"
        "[Agent ended the chat]\n"
    )
    assert "customer_cut_off" in codes
    assert "no_courteous_closure" not in codes


HOLDING_THEN_ANSWER = [
    "Mohon ditunggu, saya cek dulu. Paketnya sudah di gudang Surabaya, besok diantar.",
    "One moment please, let me check. It left the depot this morning and arrives today.",
]


@pytest.mark.parametrize("reply", HOLDING_THEN_ANSWER)
def test_holding_then_an_answer_is_no_cut_off(reply: str) -> None:
    codes = _codes(
        "Customer: My parcel was due on Monday and it still has not arrived, it's Thursday.\n"
        f"Agent: {reply}\n"
        "[Agent ended the chat]\n"
    )
    assert "customer_cut_off" not in codes


BRUSH_OFFS = [
    (
        "Dananya masuk ke mana? ke e-wallet atau ke bank?",
        "Jangan bawel kak, cek sendiri di aplikasi.",
    ),
    ("So when do I get the replacement card?", "Stop asking the same thing."),
]


@pytest.mark.parametrize(("question", "reply"), BRUSH_OFFS)
def test_brush_off_to_open_question_then_event_is_cut_off(question: str, reply: str) -> None:
    codes = _codes(
        "Customer: My order was cancelled without asking me.\n"
        "Agent: Out of stock. The money is returned automatically.\n"
        f"Customer: {question}\n"
        f"Agent: {reply}\n"
        "[Agent ended the chat]\n"
    )
    assert "customer_cut_off" in codes


RUDE_ANSWERS = [
    ("Dananya masuk ke mana? ke e-wallet atau ke bank?", "Ke bank, 3 hari kerja. Jangan bawel."),
]


@pytest.mark.parametrize(("question", "reply"), RUDE_ANSWERS)
def test_rude_answer_to_question_is_no_cut_off(question: str, reply: str) -> None:
    codes = _codes(
        "Customer: Pesanan saya dibatalkan tanpa konfirmasi.\n"
        "Agent: Stok habis. Dana kembali otomatis.\n"
        f"Customer: {question}\n"
        f"Agent: {reply}\n"
        "[Agent ended the chat]\n"
    )
    assert "customer_cut_off" not in codes
    assert "no_courteous_closure" in codes


def test_brush_off_to_a_statement_is_no_cut_off() -> None:
    codes = _codes(
        "Customer: I have already explained this three times, honestly.\n"
        "Agent: Stop asking the same thing.\n"
        "[Agent ended the chat]\n"
    )
    assert "customer_cut_off" not in codes


# The agent's closing thanks read as no sign-off, the chat left open: a thanks joined to a
# farewell of the time of day by "and" / "dan", a lengthened address after the thanks, and
# "Enjoy ..." after a thanks and an apology.
AGENT_CLOSINGS = [
    "Baik Bu, sudah kami proses. Terima kasih dan selamat sore, Bu.",
    "Done, the refund is on its way. Thank you and good day.",
    "Udah diterima kak, besok dikirim ya. Makasih banyak kaak 🙏",
    "Siap kak, sudah masuk. Terima kasih kakk",
    "Thanks for bearing with us, and sorry again. Enjoy the rest of the match!",
]


@pytest.mark.parametrize("reply", AGENT_CLOSINGS)
def test_agent_closing_thanks_ends_the_chat(reply: str) -> None:
    analysis = _analyze(f"Customer: fine, whatever.\nAgent: {reply}\n")
    assert analysis.summary.conversation_state == "ended_by_agent"
    assert not analysis.findings


AGENT_STILL_TALKING = [
    "Terima kasih kak, sekarang mohon kirim foto KTP-nya ya.",
    "Thanks for your patience, and sorry again. Your new card ships on Monday and needs activation.",
]


@pytest.mark.parametrize("reply", AGENT_STILL_TALKING)
def test_thanks_opening_information_keeps_the_chat_open(reply: str) -> None:
    analysis = _analyze(f"Customer: Kartu saya hilang, mau ganti.\nAgent: {reply}\n")
    assert analysis.summary.conversation_state == "open"


# Curtness: the work pushed back onto the customer ("cari sendiri aja", "sort it out
# yourself"), and a refusal scorned as a refused gain ("kalau nggak mau untung").
def _curt_case(reply: str) -> str:
    return (
        "Customer: Halo, saya mau tanya soal formulir pengembalian barang.\n"
        f"Agent: {reply}\n"
        "Customer: Oke.\n"
    )


CURT_NEW = [
    "Formulirnya ada di toko, urus sendiri di sana.",
    "Cari sendiri aja di website, semua ada.",
    "Selesaikan sendiri dengan kurirnya ya.",
    "That's between you and the courier, sort it out yourself.",
    "You'll have to figure it out yourself.",
    "Ya sudah kalau ibu nggak mau untung.",
    "Fine, if you don't want to save money.",
]


@pytest.mark.parametrize("reply", CURT_NEW)
def test_curt_classes_of_part_uv_are_found(reply: str) -> None:
    assert "curt_language" in _codes(_curt_case(reply))


CURT_NEAR_MISSES = [
    "Pengembaliannya bisa diurus sendiri lewat aplikasi ya kak 🙏",
    "Bisa cari sendiri di katalog kami kak, atau saya kirimkan linknya.",
    "Silakan cek sendiri statusnya di aplikasi ya kak, terima kasih.",
    "If you don't want to save your card, please untick the box before paying.",
    "Kalau ibu tidak mau untung sedikit dari promo ini, paket biasa juga tersedia kok.",
    "Let me sort it out for you right away.",
]


@pytest.mark.parametrize("reply", CURT_NEAR_MISSES)
def test_curt_near_misses_of_part_uv_stay_quiet(reply: str) -> None:
    assert "curt_language" not in _codes(_curt_case(reply))


# Belittling the asking as too easy to need it, after the agent's courtesy: curt language
# and a tone shift.
TOO_EASY = [
    "Honestly, just check your inbox for once.",
    "Maybe open the guide for once, it's all there.",
    "It's literally the first line of the FAQ.",
    "Click Settings, then Billing. Not that hard.",
    "Jelas-jelas tertulis di halaman pertama kak.",
]


@pytest.mark.parametrize("reply", TOO_EASY)
def test_too_easy_after_courtesy_is_curt_and_a_shift(reply: str) -> None:
    codes = _codes(
        "Agent: Hello! Thanks for reaching out, how can I help?\n"
        "Customer: I can't find where to download my invoice.\n"
        "Agent: Thanks for asking! It's under Account, please have a look.\n"
        "Customer: I looked, it's not there. Where exactly?\n"
        f"Agent: {reply}\n"
        "Customer: ok\n"
    )
    assert {"curt_language", "tone_shift"} <= codes


TOO_EASY_NEAR_MISSES = [
    "Not that hard, I'll walk you through it step by step.",
    "Don't worry, the setup is not that hard. I'll stay with you.",
    "It's on the first page of the guide, under Invoices. Thank you!",
    "Sudah tertulis di halaman pertama panduan, bagian Tagihan ya kak 🙏",
]


@pytest.mark.parametrize("reply", TOO_EASY_NEAR_MISSES)
def test_too_easy_near_misses_stay_quiet(reply: str) -> None:
    codes = _codes(
        "Agent: Hello! Thanks for reaching out, how can I help?\n"
        "Customer: I can't find where to download my invoice.\n"
        f"Agent: {reply}\n"
        "Customer: ok thanks\n"
    )
    assert not {"curt_language", "tone_shift"} & codes
