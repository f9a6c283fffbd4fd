"""Part-ZAZB round (docs/tone-history.md): curt wordings the tuning shares of parts ZA and
ZB showed, each written as a class with new texts (not the dev set's), in Indonesian,
English and mixed, and near-misses that must stay quiet (precision first).

- Too busy for the customer, opening the reply: "Udah ya kak, saya lagi sibuk.", "I'm busy
  right now.", "I don't have time for this." (a dismissal).
- Asking again scorned as useless: "messaging us again won't make it any faster" (blame).
- Nothing to be done since the customer does not read: "Not much we can do if you don't
  read them." (blame); told to read the contract next time (blame, part-YZ's class with more
  things to read).
- "Like we said," and a bare order: "Like we said, use the browser." (blame).
- The customer's own negligence: "Itu kelalaian Bapak sendiri", "your own carelessness".
- Scorn for forgetting one's own PIN: "PIN sendiri kok bisa lupa" (rude).
- Scorn for the customer's leaving: "good luck finding anyone cheaper", "you'll come
  crawling back" (rude, beside the part-U class).
Each positive after a polite agent turn is curt and a tone shift.
"""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse


def _codes(document: str) -> set[str]:
    return {f.code for f in analyze(parse(document, fmt="text", name="case")[0]).findings}


def _after_courtesy(reply: str) -> str:
    return (
        "Customer: Halo kak, pesanan saya belum sampai, sudah 5 hari. Order 7781.\n"
        "Agent: Halo kak, selamat siang 🙏 Mohon maaf atas keterlambatannya, boleh kami cek "
        "dulu nomor resinya?\n"
        "Customer: JX99812, tolong dicek ya, sy butuh bgt barangnya\n"
        f"Agent: {reply}\n"
    )


CURT = [
    # too busy
    "Udah ya kak, saya lagi sibuk.",
    "Saya lagi sibuk banget nih.",
    "Admin sedang sibuk.",
    "Look, I'm busy right now.",
    "We're too busy for this.",
    "I don't have time for this.",
    # asking again scorned
    "Messaging us again won't make it any faster.",
    "Tracking is on the app. Chatting repeatedly won't get it here any sooner.",
    "Nanya terus juga nggak bikin lebih cepat kak.",
    # not reading
    "The delivery window is in the terms. Not much we can do if you don't read them.",
    "Nothing I can do if you didn't check the listing.",
    "Kalau kakak nggak baca, ya kami nggak bisa bantu.",
    "Maybe read the contract next time.",
    "Check your email next time.",
    # like we said
    "Like we said, use the tracking link.",
    "As I told you, wait for the courier.",
    # own negligence
    "Itu kelalaian kakak sendiri, alamatnya salah tulis.",
    "Ya itu kecerobohan Bapak sendiri.",
    "That's down to your own carelessness with the address.",
    # forgot own
    "PIN sendiri kok bisa lupa kak 😂",
    "Password sendiri masa lupa.",
    "How do you forget your own password?",
    # scorned leaving
    "Good luck finding anyone cheaper.",
    "Fine. You'll come crawling back in a month.",
]


@pytest.mark.parametrize("reply", CURT)
def test_curt_wording_is_curt_and_a_shift(reply: str) -> None:
    codes = _codes(_after_courtesy(reply))
    assert {"curt_language", "tone_shift"} <= codes, (reply, codes)


NEAR_MISSES = [
    "Mohon maaf kak, admin sedang sibuk, pesan akan kami balas secepatnya 🙏",
    "Saya sedang sibuk melayani nasabah lain, mohon ditunggu sebentar ya kak.",
    "Maaf lama kak, tadi lagi banyak antrian. Resinya sudah saya cek, paket di Surabaya ya.",
    "We're busy working on a fix and will update you within the hour.",
    "Sorry, we're very busy today, I'll get back to you soon.",
    "Chatting again won't be needed, we'll message you as soon as it moves.",
    "Restarting the app again won't fix it, so we've raised it with the courier.",
    "Not much we can do about the weather, sorry, but it's first on the van tomorrow.",
    "If you can't read the PDF, we can send the receipt as text.",
    "Kalau lupa PIN sendiri, bisa reset di aplikasi ya kak.",
    "Forgot your own password? No worries, tap 'Lupa sandi' and we'll send a link.",
    "As we said, the refund takes 5 days to reach your account.",
    "As I mentioned, please restart the app and try again.",
    "As we said on the phone, you can keep the old SIM.",
    "Good luck with the move, and thanks for being with us!",
    "Bukan kelalaian kakak kok, kurirnya salah antar. Kami kirim ulang ya.",
    "The contract is attached, have a read whenever you're ready.",
]


@pytest.mark.parametrize("reply", NEAR_MISSES)
def test_near_misses_are_neither_curt_nor_a_shift(reply: str) -> None:
    codes = _codes(_after_courtesy(reply))
    assert not {"curt_language", "tone_shift"} & codes, (reply, codes)
