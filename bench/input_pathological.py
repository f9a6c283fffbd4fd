"""Time of the input paths an attacker can feed, at growing sizes: a linear path takes about
twice as long for twice the input (a quadratic one about four times).

    PYTHONPATH=src python bench/input_pathological.py [--sizes 20000,40000,80000]

Cases (each the shape that was quadratic before 30 Nov):
- redaction of a turn that is one phone number after another (`karib.tone.redact`);
- a conversation CSV whose header has many columns, read up to its error
  (`karib.tone.iter_conversations`; refused over 500 columns, the header still read whole);
- a vCard 2.1 note in quoted-printable with a soft line break every 75 characters
  (`karib.people.imports.vcard._unfold_quoted_printable`; the size is the number of lines).

No assertions: it prints seconds and the ratio between consecutive sizes. Reads no database.
"""

from __future__ import annotations

import argparse
import itertools
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karib.settings.base")
django.setup()  # the vCard reader translates its messages

from karib.people.imports.vcard import _unfold_quoted_printable  # noqa: E402
from karib.tone import iter_conversations, redact  # noqa: E402


def _redact(size: int) -> Callable[[], object]:
    text = "Customer: " + "081234567890 " * size
    return lambda: redact(text)


def _wide_csv(size: int) -> Callable[[], object]:
    folder = Path(tempfile.mkdtemp())
    path = folder / "wide.csv"
    header = "conversation_id,speaker,text," + ",".join(f"c{n}" for n in range(size))
    path.write_text(header + "\nc1,Agen,Halo\n", encoding="utf-8")
    return lambda: list(iter_conversations(path))


def _quoted_printable(size: int) -> Callable[[], object]:
    lines = ["NOTE;ENCODING=QUOTED-PRINTABLE:AAAA="] + ["A" * 74 + "="] * size + ["END"]
    return lambda: _unfold_quoted_printable(lines)


CASES: dict[str, Callable[[int], Callable[[], object]]] = {
    "redact phones": _redact,
    "tone CSV columns": _wide_csv,
    "vCard QP lines": _quoted_printable,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="20000,40000,80000", help="repeats per case")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    print(f"{'case':<18}" + "".join(f"{size:>12,}" for size in sizes) + "   worst ratio")
    for name, build in CASES.items():
        seconds = []
        for size in sizes:
            run = build(size)
            start = time.process_time()
            run()
            seconds.append(time.process_time() - start)
        ratios = [b / a for a, b in itertools.pairwise(seconds) if a > 0.005]
        worst = max(ratios, default=0.0)
        print(
            f"{name:<18}"
            + "".join(f"{s:>11.3f}s" for s in seconds)
            + (f"   {worst:.1f}" if ratios else "   (too fast to tell)")
        )


if __name__ == "__main__":
    main()
