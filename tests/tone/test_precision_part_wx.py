"""The failure classes the tuning shares of parts W and X showed (docs/tone-history.md,
part-WX round), each written as a class with new texts (not the dev set's), in Indonesian,
English and mixed, with near-misses that must not fire.

Curt wording the rules missed: a "ya sudah" with only a form of address as the whole reply
("Ya sudah Bu."); told it was written down and should have been read ("Kan sudah tertulis di
polis", "harusnya dibaca dulu"); the customer's account waved off as what everyone says
("Guests always say that."); the customer's account called false ("you obviously didn't").
The state: thanks in Arabic ("Jazakallahu khairan") closing the customer's side. A chain of
bare orders ("Baca pengumuman di website. Bawa bukti bayar. Datang sendiri.") is a tone
shift's wording, not curt language: the learned curt model leaves it alone."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.analysis import _from_score
from karib.tone.order_chains import order_chain
from karib.tone.records import Analysis, Turn, TurnAnalysis
from karib.tone.scoring import score_utterance


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


def _after_courtesy(reply: str) -> str:
    return (
        "Agent: Selamat pagi, terima kasih sudah menghubungi kami. Ada yang bisa dibantu?\n"
        "Customer: Kenapa tagihan saya bulan ini naik? The charge looks wrong to me.\n"
        "Agent: Mohon maaf atas ketidaknyamanannya, saya cek dulu ya.\n"
        "Customer: Saya tidak pernah pakai layanan itu. I never used it.\n"
        f"Agent: {reply}\n"
        "Customer: ok\n"
    )


# "Ya sudah" and only a form of address, the whole reply: a dismissal, as "Ya sudah." is.
YA_SUDAH_ADDRESSED = [
    "Ya sudah Bu.",
    "Yaudah kak.",
    "Ya udah deh pak.",
    "Ya sudah lah mas.",
    "Ya sdh Pak!",
]


@pytest.mark.parametrize("reply", YA_SUDAH_ADDRESSED)
def test_ya_sudah_with_an_address_is_a_dismissal(reply: str) -> None:
    codes = _codes(_after_courtesy(reply).replace("Customer: ok\n", "[Chat diakhiri oleh agen]\n"))
    assert {"curt_language", "tone_shift", "no_courteous_closure"} <= codes


YA_SUDAH_NEAR_MISSES = [
    # The agent's next step, a report of what was done, a softener.
    "Ya sudah Bu, saya proses pembatalannya sekarang.",
    "Ya sudah kak, sudah kami perbaiki tagihannya.",
    "Ya sudah pak, mohon maaf atas ketidaknyamanannya.",
]


@pytest.mark.parametrize("reply", YA_SUDAH_NEAR_MISSES)
def test_ya_sudah_going_on_is_no_dismissal(reply: str) -> None:
    assert "curt_language" not in _codes(_after_courtesy(reply))


def test_ya_sudah_answering_the_customers_ok_is_a_plain_close() -> None:
    codes = _codes(
        "Agent: Halo kak, ada yang bisa dibantu?\n"
        "Customer: Ongkirnya ke Bandung berapa kak?\n"
        "Agent: Ongkir ke Bandung 15rb ya kak.\n"
        "Customer: oke kak\n"
        "Agent: Ya sudah kak.\n"
    )
    assert "curt_language" not in codes


# Told it was written down and should have been read; the customer's account waved off as
# what everyone says; the customer's account called false: curt language and, after the
# agent's courtesy, a tone shift.
CURT_NEW = [
    "Kan sudah tertulis di polis Pak, harusnya dibaca dulu sebelum tanda tangan.",
    "Kan udah tertera di syarat dan ketentuan kak.",
    "Harusnya kakak baca dulu deskripsinya sebelum checkout.",
    "You should have read the terms before signing up.",
    "You should've read the listing first.",
    "Guests always say that. The record shows the charge.",
    "Customers always say that, but the system is never wrong.",
    "That's what they all say.",
    "Semua pelanggan juga bilang begitu kak.",
    "Alasan klasik.",
    "Well, you obviously didn't, or there would be no charge.",
    "Clearly you did. The log shows it.",
    "Jelas-jelas Ibu yang pakai, tercatat di sistem.",
]


@pytest.mark.parametrize("reply", CURT_NEW)
def test_curt_classes_of_part_wx_are_found(reply: str) -> None:
    codes = _codes(_after_courtesy(reply))
    assert {"curt_language", "tone_shift"} <= codes


CURT_NEAR_MISSES = [
    "Sudah tertulis di polis pasal 5 ya Bu, mohon maaf.",
    "Harusnya sudah bisa dibaca di aplikasi ya kak, coba dibuka lagi.",
    "Ketentuannya ada di website, bagian Tagihan, silakan dibaca ya kak 🙏",
    "Guests always say the view is the best part of the stay!",
    "Haha, customers always say that, thank you so much!",
    "Everyone says that plan is the best value, and I agree.",
    "Semua tamu bilang begitu, tapi memang kamarnya nyaman kok kak 😊",
    "You obviously did everything right, the error was on our side.",
    "As you can clearly see on the invoice, the fee was waived.",
]


@pytest.mark.parametrize("reply", CURT_NEAR_MISSES)
def test_curt_near_misses_of_part_wx_stay_quiet(reply: str) -> None:
    codes = _codes(_after_courtesy(reply))
    assert not {"curt_language", "tone_shift"} & codes


# Thanks in Arabic closes the customer's side.
ARABIC_THANKS = [
    "Jazakallahu khairan 🤲",
    "Jazakumullah khairan katsiran",
    "jazaakillah khair kak",
    "Alhamdulillah, jazakallahu khoiron",
]


@pytest.mark.parametrize("turn", ARABIC_THANKS)
def test_thanks_in_arabic_ends_the_chat_by_the_customer(turn: str) -> None:
    result = _analyze(
        "Customer: Assalamualaikum, pendaftaran kajian Ahad masih dibuka?\n"
        "Agent: Waalaikumsalam, masih dibuka. Infaq Rp 50.000, sudah termasuk modul.\n"
        "Customer: Sudah saya transfer atas nama Rahmat.\n"
        "Agent: Sudah kami terima, modul dikirim Jumat insya Allah.\n"
        f"Customer: {turn}\n"
    )
    assert result.summary.conversation_state == "ended_by_customer"


def test_thanks_in_arabic_with_a_question_keeps_it_open() -> None:
    result = _analyze(
        "Customer: Assalamualaikum, pendaftaran kajian Ahad masih dibuka?\n"
        "Agent: Waalaikumsalam, masih dibuka. Infaq Rp 50.000, sudah termasuk modul.\n"
        "Customer: Jazakallahu khairan, transfernya ke rekening mana?\n"
    )
    assert result.summary.conversation_state == "open"


# A chain of bare orders: a tone shift's wording, not curt language (the learned model
# leaves it to the rules).
def _agent_item(text: str) -> TurnAnalysis:
    turn = Turn(index=0, speaker="Agent", role="agent", text=text, ts=None, kind="message", line=1)
    return _from_score(turn, score_utterance(text))


ORDER_CHAINS = [
    "Baca pengumuman di website. Bawa bukti bayar. Datang sendiri.",
    "Lunasi dulu tagihannya. Kirim bukti. Tunggu email konfirmasi.",
    "Go to Settings. Billing. Cancel plan. Confirm.",
    "Buka aplikasi. Pilih menu Akun. Klik Hapus Kartu.",
    "Fill in the form. Attach the receipt. Wait for the email.",
    "Isi formulir. Lampirkan KTP. Antri di loket.",
]


@pytest.mark.parametrize("reply", ORDER_CHAINS)
def test_chain_of_orders_is_read_as_one(reply: str) -> None:
    assert order_chain(_agent_item(reply))


@pytest.mark.parametrize("reply", ORDER_CHAINS)
def test_chain_of_orders_is_no_curt_language(reply: str) -> None:
    assert "curt_language" not in _codes(_after_courtesy(reply))


NO_ORDER_CHAINS = [
    "Tutup jam 9. Buka jam 7. Minggu libur.",
    "Buka aplikasi ya kak. Pilih menu Akun. Klik Hapus Kartu.",
    "Open the app. Tap Profile. Select Cancel. Thanks!",
    "Datang jam 8. Bawa KTP. Antri di loket 3.",
    "Send the form to confirm your address. Wait. Done.",
    "Kirim bukti transfer. Pesanan diproses hari ini setelah pembayaran kami terima.",
    "Go to Settings > Billing > Cancel plan.",
    "Silakan isi formulir. Lampirkan KTP. Tunggu email.",
]


@pytest.mark.parametrize("reply", NO_ORDER_CHAINS)
def test_softened_or_informing_turn_is_no_chain_of_orders(reply: str) -> None:
    assert not order_chain(_agent_item(reply))
