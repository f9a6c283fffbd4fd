"""A chat whose agent's last messages hold no text (a photo, a deleted message, a message not
yet received) has a state and findings like any other; the engine crashed on 14 of 67 real
exports ending so (realfiles2 probe)."""

import pytest

from karib.tone import analyze, parse


@pytest.mark.parametrize(
    "last",
    [
        "<Media omitted>",
        "IMG-20240313-WA0003.jpg (file attached)",
        "This message was deleted",
        "Pesan ini telah dihapus",
        "Waiting for this message. This may take a while.",
    ],
)
def test_a_chat_ending_on_the_agents_message_without_text_is_analysed(last):
    chat = (
        "13/03/2024, 09:15 - Toko Maju: Halo kak, ada yang bisa dibantu?\n"
        "13/03/2024, 09:16 - Budi: Kak, pesanan saya sudah dikirim?\n"
        f"13/03/2024, 09:17 - Toko Maju: {last}\n"
    )
    result = analyze(parse(chat, agent="Toko Maju")[0])
    assert result.summary.conversation_state == "open"
    assert result.findings == ()


def test_only_the_agents_media_after_the_customers_question():
    chat = "13/03/2024, 09:16 - Budi: my order?\n13/03/2024, 09:17 - Toko Maju: <Media omitted>\n"
    result = analyze(parse(chat, agent="Toko Maju")[0])
    assert result.summary.conversation_state == "open"
    assert result.findings == ()
