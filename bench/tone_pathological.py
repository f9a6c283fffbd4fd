"""Time of `karib.tone.analyze` on pathological turns, at growing lengths: a linear engine
takes about twice as long for twice the text. A ratio well above 2 between two sizes points at
a backtracking pattern (a quadratic one gives about 4).

    PYTHONPATH=src python bench/tone_pathological.py [--sizes 25000,50000,100000]

Each case is an agent turn after a customer's cancellation request (so the context rules for
offers, refusals and "are you sure?" run too), made of one piece repeated to the size. No
assertions: it prints seconds and the ratio between consecutive sizes.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Iterable

from karib.tone import Conversation, Turn, analyze

PIECES = {
    "yakin without ?": "yakin ",
    "spaces": " ",
    "punctuation": "!?.,;:",
    "emoji": "🙏😀 ",
    "ok comma": "ok, ",
    "negations": "tidak no ",
    "requests": "tolong mohon please ",
    "cancel words": "batal cancel tutup berhenti ",
    "offer words": "diskon cashback gratis free ",
    "prepositions": "in by of ",
    "one long word": "a",
    "wonder … cancel": "I wonder if ",
}


def _conversation(agent_text: str) -> Conversation:
    texts = [
        ("Agen", "agent", "Halo kak, ada yang bisa dibantu?"),
        ("Pelanggan", "customer", "saya mau berhenti langganan"),
        ("Agen", "agent", agent_text),
        ("Pelanggan", "customer", "ok"),
    ]
    turns = tuple(
        Turn(index=i, speaker=speaker, role=role, text=text)  # type: ignore[arg-type]
        for i, (speaker, role, text) in enumerate(texts)
    )
    return Conversation(conversation_id="pathological", turns=turns)


def _seconds(piece: str, size: int) -> float:
    text = "kami punya paket lebih murah kak. " + piece * (size // len(piece))
    conversation = _conversation(text)
    start = time.process_time()
    analyze(conversation)
    return time.process_time() - start


def print_growth(sizes: list[int], rows: Iterable[tuple[str, list[float]]]) -> None:
    """One line per case: its seconds at each size and the worst ratio between neighbours."""
    print(f"{'case':<18}" + "".join(f"{size:>12,}" for size in sizes) + "   worst ratio")
    for name, seconds in rows:
        ratios = [b / a for a, b in itertools.pairwise(seconds) if a > 0.005]
        worst = max(ratios, default=0.0)
        print(
            f"{name:<18}"
            + "".join(f"{s:>11.3f}s" for s in seconds)
            + (f"   {worst:.1f}" if ratios else "   (too fast to tell)")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25000,50000,100000", help="characters per turn")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    analyze(_conversation("warm up"))
    rows = ((name, [_seconds(piece, size) for size in sizes]) for name, piece in PIECES.items())
    print_growth(sizes, rows)


if __name__ == "__main__":
    main()
