"""Time of the input paths an attacker can feed, at growing sizes: a linear path takes about
twice as long for twice the input (a quadratic one about four times).

    PYTHONPATH=src python bench/input_pathological.py [--sizes 20000,40000,80000]

Cases (each the shape that was quadratic before 30 Nov):
- redaction of a turn that is one phone number after another (`karib.tone.redact`);
- a conversation CSV whose header has many columns, read up to its error
  (`karib.tone.iter_conversations`; refused over 500 columns, the header still read whole);
- a vCard 2.1 note in quoted-printable with a soft line break every 75 characters
  (`karib.people.imports.vcard._unfold_quoted_printable`; the size is the number of lines);
- one line of a contact file without a break, read a chunk at a time
  (`karib.people.imports.text.split_stream`; the size is the line's length in hundreds of
  characters: 20000 is 2 MB);
- a contact CSV whose header has one long cell (`open_csv`, refused over 64 KiB) and a vCard
  with one long NOTE line (read as the dry run reads it, refused over 1 MiB); same sizes.

No assertions: it prints seconds and the ratio between consecutive sizes. Reads no database.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karib.settings.base")
django.setup()  # the vCard reader translates its messages

from karib.people.imports.contacts_csv import open_csv  # noqa: E402
from karib.people.imports.pipeline import open_source  # noqa: E402
from karib.people.imports.rows import Source  # noqa: E402
from karib.people.imports.text import split_stream  # noqa: E402
from karib.people.imports.vcard import _unfold_quoted_printable  # noqa: E402
from karib.tone import iter_conversations, redact  # noqa: E402
from tone_pathological import print_growth  # noqa: E402  (beside this script)


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


def _long_line(size: int) -> Callable[[], object]:
    text = "A" * (size * 100) + "\nB\n"
    return lambda: sum(1 for _line in split_stream(io.StringIO(text)))


def _long_header(size: int) -> Callable[[], object]:
    raw = b"Name,Email," + b"A" * (size * 100) + b"\nBudi,budi@example.com,x\n"

    def run() -> object:
        try:
            return open_csv(Source(name="long.csv", raw=raw))
        except ValueError as error:
            return error

    return run


def _long_vcard_line(size: int) -> Callable[[], object]:
    raw = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Budi\r\nNOTE:"
        + b"A" * (size * 100)
        + b"\r\nEND:VCARD\r\n"
    )
    return lambda: list(open_source(Source(name="long.vcf", raw=raw))())


CASES: dict[str, Callable[[int], Callable[[], object]]] = {
    "redact phones": _redact,
    "tone CSV columns": _wide_csv,
    "vCard QP lines": _quoted_printable,
    "contact long line": _long_line,
    "CSV long header": _long_header,
    "vCard long line": _long_vcard_line,
}


def _seconds(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="20000,40000,80000", help="repeats per case")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    rows = ((name, [_seconds(build(size)) for size in sizes]) for name, build in CASES.items())
    print_growth(sizes, rows)


if __name__ == "__main__":
    main()
