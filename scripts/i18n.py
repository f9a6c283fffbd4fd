"""Translation catalogues: fill the English catalogue and compile every catalogue, no GNU gettext.

    python scripts/i18n.py fill-en   # English msgstr = msgid (the sources are English)
    python scripts/i18n.py compile   # write every django.mo next to its django.po (uses polib)
    python scripts/i18n.py check     # list untranslated or fuzzy entries; exit 1 if any

`make messages` runs makemessages (GNU gettext) and then fill-en and compile.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "src" / "karib"


def catalogues(language: str | None = None) -> list[Path]:
    pattern = f"**/locale/{language or '*'}/LC_MESSAGES/django.po"
    return sorted(ROOT.glob(pattern))


def fill_en() -> None:
    """Source strings are English, so every English entry is its own source text."""
    for path in catalogues("en"):
        po = polib.pofile(str(path))
        for entry in po:
            if entry.obsolete:
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgid_plural = None
        po.save()


def compile_all() -> None:
    for path in catalogues():
        polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))


def problems() -> list[str]:
    found = []
    for path in catalogues():
        po = polib.pofile(str(path))
        for entry in po.untranslated_entries() + po.fuzzy_entries():
            found.append(f"{path.relative_to(ROOT.parent.parent)}:{entry.linenum}: {entry.msgid!r}")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "fill-en":
        fill_en()
    elif command == "compile":
        compile_all()
    elif command == "check":
        found = problems()
        print("\n".join(found) or "all catalogues complete")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
