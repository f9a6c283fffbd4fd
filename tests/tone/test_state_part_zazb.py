"""Part-ZAZB round (docs/tone-history.md): how a conversation ends, two classes the tuning
shares of parts ZA and ZB showed, each with new texts (not the dev set's) and near-misses.

- The customer's closing after the @handles a social-media reply opens with ("@TokoMaju
  👍", "@FlyNowHelp yep all good now", "@BankNusa fine"), a resigned "fine" as the whole
  message, and an acknowledgement after an exclamation of dismay ("astaghfirullah... ok",
  "ya Allah, oke kak", "sigh. ok"): the customer closed it.
- An end event naming a marketplace's side ("Chat diakhiri oleh penjual", "Chat ended by
  the seller") is the agent's; "oleh pembeli" / "by the buyer" the customer's.
"""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _after_fix(last: str) -> str:
    return (
        "Customer: my parcel says delivered but nothing came, order 5521\n"
        "Agent: So sorry about that! We've sent a replacement by express and refunded the "
        "delivery fee.\n"
        f"Customer: {last}\n"
    )


CLOSINGS = [
    "@TokoMaju 👍👍",
    "@FlyNowHelp yep all good now",
    "@FlyNowHelp @FlyNow yup thanks",
    "@BankNusa fine",
    "fine",
    "Fine then.",
    "@KirimCepat yep it's here. ta",
    "astaghfirullah... ok",
    "ya Allah, oke kak",
    "hadeh ok deh",
    "sigh. ok",
    "Astaga, siap min",
]


@pytest.mark.parametrize("last", CLOSINGS)
def test_customer_closing_after_handle_or_dismay(last: str) -> None:
    summary = _analyze(_after_fix(last)).summary
    assert summary.conversation_state == "ended_by_customer", last


NOT_CLOSING = [
    "@FlyNowHelp why is it still not here",
    "@FlyNowHelp",
    "@BankNusa fine?",
    "fine, but the fee is still on my statement and I want it back",
    "astaghfirullah, saldo saya hilang 2 juta",
    "ya ampun min, kapan dikirim?",
    "@TokoMaju kak barangnya belum sampai",
]


@pytest.mark.parametrize("last", NOT_CLOSING)
def test_no_closing_near_misses(last: str) -> None:
    summary = _analyze(_after_fix(last)).summary
    assert summary.conversation_state == "open", last


def _ended(event: str) -> str:
    return (
        "Customer: kak sepatunya kekecilan, bisa tukar size?\n"
        "Agent: Bisa kak, kirim balik maksimal 3 hari setelah diterima ya\n"
        "Customer: oke kak, nanti ongkirnya siapa yang bayar\n"
        f"[{event}]\n"
    )


@pytest.mark.parametrize(
    "event",
    [
        "Chat diakhiri oleh penjual",
        "Chat ended by the seller",
        "Percakapan ditutup oleh Customer Service",
        "Obrolan dihentikan oleh merchant",
        "Seller has left the chat",
    ],
)
def test_marketplace_side_ends_it(event: str) -> None:
    result = _analyze(_ended(event))
    assert result.summary.conversation_state == "ended_by_agent", event
    # The customer's question was left open when the seller ended it.
    assert "customer_cut_off" in {f.code for f in result.findings}


@pytest.mark.parametrize(
    "event", ["Chat diakhiri oleh pembeli", "Chat ended by the buyer", "Chat ended by customer"]
)
def test_buyer_side_ends_it(event: str) -> None:
    result = _analyze(_ended(event))
    assert result.summary.conversation_state == "ended_by_customer", event
    assert not {f.code for f in result.findings}
