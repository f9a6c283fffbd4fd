"""The failure classes the tuning shares of parts Y and Z showed (docs/tone-history.md,
part-YZ round), each written as a class with new texts (not the dev set's), in Indonesian,
English and mixed, with near-misses that must not fire.

A chain of bare orders after the customer's refusal or after the agent's courtesy ("Isi
formulir. Lampirkan KTP. Tunggu SMS.", "Fill in the form on the website. Upload the letter.
Wait for the email.") is a tone shift's wording: blind writers of parts W, X and Y labelled
it so. Numbered steps, steps with a softener or a form of address, and turns with a reason
or a question stay clean."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


def _after_refusal(reply: str) -> str:
    return (
        "Customer: Halo, saya mau tutup langganan internet saya. I'm moving out.\n"
        "Agent: Halo kak, sayang sekali! Kalau pindah, kami bisa pindahkan layanannya gratis, "
        "mau kak?\n"
        "Customer: Tidak usah, terima kasih. Please just close it.\n"
        f"Agent: {reply}\n"
        "Customer: ok\n"
    )


def _after_courtesy(reply: str) -> str:
    return (
        "Agent: Selamat pagi, terima kasih sudah menghubungi kami. Ada yang bisa dibantu?\n"
        "Customer: Paket saya belum sampai, katanya sudah dikirim minggu lalu.\n"
        "Agent: Mohon maaf atas ketidaknyamanannya, saya bantu cek ya.\n"
        "Customer: Tolong ya, barangnya penting.\n"
        f"Agent: {reply}\n"
        "Customer: ok\n"
    )


# Chains of bare orders, the whole turn, in both languages and mixed.
ORDER_CHAINS = [
    "Isi formulir di website. Lampirkan KTP. Tunggu SMS konfirmasi.",
    "Fill in the form on the website. Upload the tenancy letter. Wait for the email.",
    "Foto barangnya. Kirim ke email kami. Tunggu balasan.",
    "Open the app. Go to Account. Tap Close account. Confirm.",
    "Datang ke kantor cabang. Bawa buku tabungan. Antri di teller.",
    "Download formnya. Isi semua kolom. Kirim balik ke email CS.",
    "Print the form. Sign it. Send it back.",
]


@pytest.mark.parametrize("reply", ORDER_CHAINS)
def test_a_chain_of_orders_after_a_refusal_is_a_tone_shift(reply: str) -> None:
    assert "tone_shift" in _codes(_after_refusal(reply))


@pytest.mark.parametrize("reply", ORDER_CHAINS)
def test_a_chain_of_orders_after_courtesy_is_a_tone_shift(reply: str) -> None:
    assert "tone_shift" in _codes(_after_courtesy(reply))


# Steps that stay clean: numbered, softened, addressed, with a reason, a question or an
# explanation longer than a chain.
STEP_NEAR_MISSES = [
    "1. Buka aplikasi 2. Pilih menu Akun 3. Klik Tutup Akun",
    "Silakan isi formulir di website. Lampirkan KTP. Tunggu SMS konfirmasi.",
    "Isi formulir di website ya kak. Lampirkan KTP. Tunggu SMS konfirmasi.",
    "Kak, isi formulir di website. Lampirkan KTP. Tunggu SMS konfirmasi.",
    "Mohon isi formulir di website. Lampirkan KTP. Tunggu SMS konfirmasi.",
    "Please fill in the form. Upload the letter. Wait for the email.",
    "You can fill in the form. Upload the letter. Wait for the email.",
    "Open the app. Go to Account. Tap Close account. Thanks!",
    "Buka aplikasi. Pilih menu Akun. Klik Tutup Akun 🙏",
    "Simply open the app. Go to Account. Tap Close account.",
    "Feel free to open the app. Go to Account. Tap Close account.",
    "Isi formulir. Lampirkan KTP. Sudah paham kak?",
]


@pytest.mark.parametrize("reply", STEP_NEAR_MISSES)
def test_softened_or_numbered_steps_stay_clean(reply: str) -> None:
    assert "tone_shift" not in _codes(_after_courtesy(reply))
    assert "tone_shift" not in _codes(_after_refusal(reply))


# Told to read it or look it up next time, or to think first: blame, curt language.
LOOK_IT_UP = [
    "We never refund late returns. Read the terms next time.",
    "Next time, read the listing before you order.",
    "It's on our website. Stop asking stuff you can google.",
    "Google it yourself.",
    "Maybe you should think before doing these things.",
    "Lain kali baca deskripsinya dulu kak.",
    "Baca syarat dan ketentuan dulu lain kali.",
    "Cari sendiri di Google, Pak.",
    "Lain kali dipikir dulu sebelum pesan.",
]


@pytest.mark.parametrize("reply", LOOK_IT_UP)
def test_told_to_look_it_up_is_curt(reply: str) -> None:
    assert "curt_language" in _codes(_after_courtesy(reply))


LOOK_IT_UP_NEAR_MISSES = [
    "The refund rules are in the terms on page 3, section 4.",
    "You can google the tracking number on the courier's site as well.",
    "Lain kali bisa langsung chat kami saja kak, kami bantu.",
    "Deskripsi produk sudah kami perbarui kak, terima kasih masukannya.",
    "Take your time to think it over before deciding, no rush.",
    "Next time you order, you'll find the size guide under the photos.",
]


@pytest.mark.parametrize("reply", LOOK_IT_UP_NEAR_MISSES)
def test_pointing_to_information_is_not_curt(reply: str) -> None:
    codes = _codes(_after_courtesy(reply))
    assert "curt_language" not in codes
    assert "tone_shift" not in codes
