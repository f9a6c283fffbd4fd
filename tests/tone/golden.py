"""Loader for the golden set in cases/golden.txt (see the header of that file)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CASES = Path(__file__).parent / "cases" / "golden.txt"


@dataclass(frozen=True)
class GoldenCase:
    name: str
    fmt: str
    expect: dict[str, str]
    document: str


def load_cases() -> list[GoldenCase]:
    cases: list[GoldenCase] = []
    blocks = CASES.read_text(encoding="utf-8").split("\n=== ")[1:]
    for block in blocks:
        header, _, rest = block.partition("\n")
        lines = rest.split("\n")
        fmt = "text"
        if lines[0].startswith("format:"):
            fmt = lines.pop(0).split(":", 1)[1].strip()
        expect_line = lines.pop(0)
        assert expect_line.startswith("expect:"), header
        expect = {}
        for item in expect_line.split(":", 1)[1].split(";"):
            key, value = (
                item.strip().split(">=")
                if ">=" in item
                else item.strip().split("<=")
                if "<=" in item
                else item.strip().split("=", 1)
            )
            op = ">=" if ">=" in item else "<=" if "<=" in item else ""
            expect[key.strip() + op] = value.strip()
        cases.append(GoldenCase(header.strip(), fmt, expect, "\n".join(lines).strip() + "\n"))
    return cases
