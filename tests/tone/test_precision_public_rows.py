"""The failure classes the 100 new Taskmaster-4 rows' tuning share showed (docs/tone-history.md,
"100 more Taskmaster-4 coffee dialogs"), each with new texts (not the dev set's): a "Fine."
that acknowledges and carries on is no dismissal, and an "anything else?" after saying that
what was asked for is not there asks for another choice (the chat is open)."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


# --- 1. "Fine." acknowledging, then what happens next ---

FINE_THEN_NEXT = [
    (
        "Customer: A large flat white with oat milk, please.\n"
        "Agent: Would you like it iced?\n"
        "Customer: No, hot is fine.\n"
        "Agent: Fine. Your flat white will be ready at the counter in five minutes. Thank you.\n"
    ),
    (
        "Customer: Can you change the delivery address to my office?\n"
        "Agent: Sure, what is the address?\n"
        "Customer: 12 Sudirman Street, 5th floor.\n"
        "Agent: Fine, the parcel will be delivered there tomorrow morning. Thanks!\n"
    ),
    (
        "Customer: Just a black coffee then.\n"
        "Agent: Fine. It'll be ready at the bar shortly. Thank you for ordering!\n"
    ),
]


@pytest.mark.parametrize("document", FINE_THEN_NEXT)
def test_fine_acknowledging_an_order_is_no_dismissal(document: str) -> None:
    analysis = _analyze(document)
    assert {f.code for f in analysis.findings} == set()
    assert analysis.summary.conversation_state == "ended_by_agent"


FINE_DISMISSING = [
    (
        "Customer: This is the third time my order is wrong.\n"
        "Agent: I'm sorry about that, let me check.\n"
        "Customer: I don't want excuses, I want it fixed.\n"
        "Agent: Fine.\n"
    ),
    (
        "Customer: Your service is terrible, I'm never coming back.\n"
        "Agent: Happy to help with anything you need.\n"
        "Customer: Forget it.\n"
        "Agent: Fine, whatever you want.\n"
    ),
]


@pytest.mark.parametrize("document", FINE_DISMISSING)
def test_fine_answering_a_complaint_still_dismisses(document: str) -> None:
    assert "curt_language" in _codes(document)


# --- 2. "Anything else?" after "we don't have it" asks for another choice ---

ANOTHER_CHOICE = [
    (
        "Customer: Can I get a pumpkin spice latte?\n"
        "Agent: Sorry, that's not on our menu right now. Is there anything else I can get you?\n"
    ),
    (
        "Customer: Do you have the blue one in size 42?\n"
        "Agent: Sorry, size 42 is sold out in blue. Anything else I can help you find?\n"
    ),
    (
        "Customer: Could I have an iced matcha?\n"
        "Agent: There really isn't that drink on our list. Do you want something else?\n"
    ),
    ("Customer: Do you sell sandwiches?\nAgent: We don't, sorry. Would you like anything else?\n"),
    (
        "Customer: Is the hazelnut syrup available?\n"
        "Agent: No we don't. Is there anything else you'd like?\n"
    ),
    (
        "Pelanggan: kak tumbler yg hijau ada?\n"
        "Agen: Maaf kak, yang hijau stoknya habis 🙏 Ada lagi yang bisa kami bantu?\n"
    ),
]


@pytest.mark.parametrize("document", ANOTHER_CHOICE)
def test_anything_else_after_an_unavailable_item_leaves_the_chat_open(document: str) -> None:
    analysis = _analyze(document)
    assert analysis.summary.conversation_state == "open"
    assert {f.code for f in analysis.findings} == set()


STILL_CLOSING = [
    (
        "Customer: Two croissants and a cappuccino, please.\n"
        "Agent: Your order is confirmed and will be ready in ten minutes. "
        "Is there anything else I can help with?\n"
        "Customer: No thanks.\n"
        "Agent: Thank you, have a great day!\n"
    ),
    (
        "Customer: Is there a fee to change the pickup time?\n"
        "Agent: There's no charge for that, and I've moved it to 5 pm. "
        "Anything else I can help with?\n"
    ),
    (
        "Pelanggan: kak sudah sy transfer ya\n"
        "Agen: Sudah kami terima kak, pesanan dikirim besok. Terima kasih, ada lagi yang bisa "
        "kami bantu?\n"
    ),
]


@pytest.mark.parametrize("document", STILL_CLOSING)
def test_anything_else_after_a_served_request_still_closes(document: str) -> None:
    assert _analyze(document).summary.conversation_state == "ended_by_agent"


# --- 3. declining, then offering help with something named (TM-4 fourth step) ---

REDIRECTS = [
    (
        "Customer: Could you turn the music down a bit?\n"
        "Agent: Sorry, I can't change the music, but I'm happy to help you with a drink order.\n"
    ),
    (
        "Customer: What's the weather going to be like tomorrow?\n"
        "Agent: That's not really my area, but I'd be happy to help with your coffee.\n"
    ),
    (
        "Customer: Do you have oat milk?\n"
        "Agent: Sorry, we don't have oat milk, but happy to help you with another drink.\n"
    ),
    (
        "Customer: Can you book me a taxi to the airport?\n"
        "Agent: I'm not able to book taxis, but I'm happy to help with your order.\n"
    ),
]


@pytest.mark.parametrize("document", REDIRECTS)
def test_declining_and_offering_help_with_something_named_awaits_the_request(
    document: str,
) -> None:
    analysis = _analyze(document)
    assert analysis.summary.conversation_state == "open"
    assert {f.code for f in analysis.findings} == set()


STILL_SIGN_OFFS = [
    (
        "Customer: A latte, please.\n"
        "Agent: Your latte will be ready at the bar soon. Happy to help!\n"
    ),
    (
        "Customer: Can you play some jazz?\n"
        "Agent: Sorry, I can't change the music, but happy to help with anything else!\n"
    ),
    (
        "Customer: Thanks, see you next week.\n"
        "Agent: We can't wait to see you again! Happy to help with your next order.\n"
    ),
]


@pytest.mark.parametrize("document", STILL_SIGN_OFFS)
def test_help_offered_after_the_order_or_with_anything_else_still_closes(document: str) -> None:
    assert _analyze(document).summary.conversation_state == "ended_by_agent"
