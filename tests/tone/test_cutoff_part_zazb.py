"""Part-ZAZB round (docs/tone-history.md): a customer cut off mid-sentence on a connector,
its subject and a verb that needs what follows ("..., because I think", "karena saya
kira", "tapi aku mau") when the agent ended the chat, with new texts (not the dev set's)
and near-misses: a finished sentence with "I think" / "saya rasa" and no connector, or "so
do I", is no cut-off."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse


def _codes(document: str) -> set[str]:
    return {f.code for f in analyze(parse(document, fmt="text", name="case")[0]).findings}


def _ended_on(last: str, event: str = "Agent has left the chat") -> str:
    return (
        "Customer: Hi, my card was declined at the pharmacy this morning.\n"
        "Agent: Hello! There was a security hold after a purchase abroad. I've lifted it, so "
        "the card works again.\n"
        f"Customer: {last}\n"
        f"[{event}]\n"
    )


BROKEN_OFF = [
    "Thanks. There's also a late fee on my statement, because I think",
    "ok thanks. and we need",
    "Thank you. The fee was charged twice but I thought",
    "Makasih kak. Satu lagi soal biaya admin bulan lalu, karena saya kira",
    "oke kak makasih, tapi aku mau",
    "Siap, terima kasih. Soalnya saya pikir",
]


@pytest.mark.parametrize("last", BROKEN_OFF)
def test_connector_subject_verb_is_cut_off(last: str) -> None:
    codes = _codes(_ended_on(last))
    assert "customer_cut_off" in codes, (last, codes)
    assert "no_courteous_closure" not in codes


FINISHED = [
    "Great, thanks. I think that's everything.",
    "Thanks, so do I",
    "Oke, terima kasih. Saya rasa sudah cukup.",
    "ok thanks, fine I guess",
    "Makasih kak, saya juga mau bilang pelayanannya cepat.",
]


@pytest.mark.parametrize("last", FINISHED)
def test_finished_messages_are_no_cut_off(last: str) -> None:
    codes = _codes(_ended_on(last))
    assert "customer_cut_off" not in codes, (last, codes)


def _ended_after_sign_off(last: str) -> str:
    return (
        "Customer: Hello, I was charged twice for my hotel booking.\n"
        "Agent: Please share the booking reference.\n"
        f"Customer: {last}\n"
        "Agent: Thank you, goodbye.\n"
        "[Agent has left the conversation]\n"
    )


HANGING = [
    "HT-55120. also, the second charge",
    "HT-55120. Oh and the late fee",
    "HT-55120, plus the card fee",
    "HT-55120. btw soal refundnya",
    "HT-55120. satu lagi, yang kemarin",
]


@pytest.mark.parametrize("last", HANGING)
def test_point_left_hanging_is_cut_off(last: str) -> None:
    codes = _codes(_ended_after_sign_off(last))
    assert "customer_cut_off" in codes, (last, codes)


NOT_HANGING = [
    "HT-55120. Also, the app is great",
    "HT-55120. btw, thanks a lot",
    "HT-55120. Oh and the room was lovely",
    "HT-55120. satu lagi, yang kemarin sudah beres",
]


@pytest.mark.parametrize("last", NOT_HANGING)
def test_added_finished_point_is_no_unfinished_turn(last: str) -> None:
    result = analyze(parse(_ended_after_sign_off(last), fmt="text", name="case")[0])
    cut = [f for f in result.findings if f.code == "customer_cut_off"]
    # Not read as broken off (an unanswered point may still be, at a lower confidence).
    assert all(f.confidence < 0.9 for f in cut), (last, cut)
