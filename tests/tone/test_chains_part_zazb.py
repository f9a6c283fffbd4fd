"""Part-ZAZB round (docs/tone-history.md): a chain of bare orders naming a "welcome" thing
("Read the welcome email. Download the form. Send it back signed.") is still a chain: a
"welcome" before the thing it names (welcome email, pack, kit, letter ...) is no greeting,
and the order verbs now include download, install, reply, update, reset, restart, return,
save, copy, forward, print (and Indonesian unduh, instal, balas, simpan, salin,
kembalikan). New texts (not the dev set's) and near-misses: a greeting "Welcome!" still
softens, numbered or softened steps stay clean, and "You're welcome" still closes."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse


def _codes(document: str) -> set[str]:
    return {f.code for f in analyze(parse(document, fmt="text", name="case")[0]).findings}


def _after_courtesy(reply: str) -> str:
    return (
        "Customer: Hi! How do I move my membership to my brother? I'm relocating.\n"
        "Agent: Hi! Great question, transfers to family are allowed 😊 There's a short form "
        "and a small admin fee.\n"
        "Customer: Where do I get the form? It's not in the app.\n"
        f"Agent: {reply}\n"
        "Customer: ok\n"
    )


CHAINS = [
    "Read the welcome email. Download the form. Send it back signed.",
    "Open the welcome pack. Download the app. Log in with the code.",
    "Install the app. Reset your password. Reply to the email.",
    "Unduh formulirnya. Isi. Balas email kami.",
    "Simpan kodenya. Restart HP-nya. Login ulang.",
]


@pytest.mark.parametrize("reply", CHAINS)
def test_chain_after_courtesy_is_a_shift(reply: str) -> None:
    codes = _codes(_after_courtesy(reply))
    assert "tone_shift" in codes, (reply, codes)
    assert "curt_language" not in codes


NOT_CHAINS = [
    "Welcome! Download the app. Log in.",
    "Sure! Just download the form from the welcome email and send it back signed.",
    "1. Download the form. 2. Sign it. 3. Send it back.",
    "Download the form from the welcome email, then reply with it signed, thanks!",
    "Silakan unduh formulirnya ya kak. Isi. Balas email kami.",
]


@pytest.mark.parametrize("reply", NOT_CHAINS)
def test_softened_or_greeted_steps_stay_clean(reply: str) -> None:
    codes = _codes(_after_courtesy(reply))
    assert not {"tone_shift", "curt_language"} & codes, (reply, codes)


def test_you_are_welcome_still_closes() -> None:
    document = (
        "Customer: Is the pool open on Sunday?\n"
        "Agent: Yes, 8am to 6pm.\n"
        "Customer: great, thanks!\n"
        "Agent: You're welcome! Welcome aboard, and enjoy the pool.\n"
        "[Chat ended by agent]\n"
    )
    result = analyze(parse(document, fmt="text", name="case")[0])
    assert result.summary.conversation_state == "ended_by_agent"
    assert not result.findings
