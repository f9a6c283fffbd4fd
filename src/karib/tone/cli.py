"""Placeholder until the tone engine lands: says so clearly instead of failing obscurely."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("karib tone: the tone engine is not installed in this build.", file=sys.stderr)
    return 2
