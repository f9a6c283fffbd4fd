"""Personal data in transcripts: find and mask it (pure, no I/O).

``redact(text)`` returns the text with every finding replaced by ``[kind]`` and the findings
(kind, span in the original text, and nothing of the original value). Kinds:

- ``card``: payment card numbers, 13-19 digits (spaces or dashes between groups allowed)
  that pass the Luhn check.
- ``nik``: Indonesian identity numbers, 16 digits whose structure is plausible (province code
  11-94, birth day 01-31 or 41-71, month 01-12); after "NIK"/"KTP" any 16 digits.
- ``npwp``: tax numbers written ``XX.XXX.XXX.X-XXX.XXX``, or 15/16 digits after "NPWP".
- ``account``: bank account numbers, 6-18 digits right after an account word ("rekening",
  "rek", "no. rek", "norek", "account", "acct", "a/c", "virtual account", "VA").
- ``phone``: Indonesian phone numbers (+62 / 62 / 0 prefixes, mobile 08xx and area codes,
  spaces, dots or dashes between groups).
- ``email``: e-mail addresses.

Order and shipping numbers are not personal data: a digit run right after an order word
("order", "pesanan", "invoice", "INV", "resi", "tracking", "booking", "tiket") is left alone
— unless it passes the Luhn check as a card number (13-19 digits starting 2-6), since a card
number called an order id is still a card number. See docs/tone.md, "Personal data".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

KINDS = ("card", "nik", "npwp", "account", "phone", "email")

_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NPWP_FORMAT_RE = re.compile(r"(?<!\d)\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}(?!\d)")
# A run of digits with single spaces, dots or dashes between groups.
_DIGITS_RE = re.compile(r"(?<![\w.+-])\+?\d(?:[ .-]?\d){5,22}(?![\w])")
_ACCOUNT_WORD_RE = re.compile(
    r"(?:rekening|rek\.?|no\.?\s*rek(?:ening)?\.?|norek|nomor\s+rekening|account(?:\s+(?:number|"
    r"no\.?))?|acct\.?|a/c|virtual\s+account|va)(?:\s+(?:bca|bri|bni|mandiri|bsi|cimb|"
    r"permata|danamon|btn|jago|[A-Z]{3,6}))?\s*(?:(?:no|nomor|number)\.?\s*)?[:#]?\s*$",
    re.IGNORECASE,
)
_NIK_WORD_RE = re.compile(r"(?:nik|ktp|no\.?\s*ktp|nomor\s+ktp)\s*[:#]?\s*$", re.IGNORECASE)
_NPWP_WORD_RE = re.compile(r"npwp\s*[:#]?\s*$", re.IGNORECASE)
_CARD_WORD_RE = re.compile(
    r"(?:kartu(?:\s+kredit|\s+debit)?|card(?:\s+number)?|cc|visa|mastercard)\s*(?:no\.?|"
    r"nomor)?\s*[:#]?\s*$",
    re.IGNORECASE,
)
_ORDER_WORD_RE = re.compile(
    r"(?:order|pesanan|invoice|inv|resi|tracking|booking|tiket|ticket|transaksi|ref(?:erence)?|"
    r"no\.?\s*pesanan|id\s+pesanan|awb)\s*(?:id|no\.?|number|nomor)?\s*[:#/-]?\s*$",
    re.IGNORECASE,
)
# A landline is written with its area code set apart: "021-5551234", "(021) 5551234".
_AREA_CODE_RE = re.compile(r"^(?:\+62|62|0)\d{1,3}[\s.-]")
_BRACKETED_PHONE_RE = re.compile(r"\(0\d{1,3}\)\s?\d{3,4}[\s.-]?\d{3,5}(?!\d)")


@dataclass(frozen=True, slots=True)
class Redacted:
    """One piece of personal data: its kind and span in the original text."""

    kind: str
    start: int
    end: int

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "span": [self.start, self.end]}


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text and what was found (kinds and spans, never the values)."""

    text: str
    findings: tuple[Redacted, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds found, each once, in the order of ``KINDS``."""
        found = {f.kind for f in self.findings}
        return tuple(k for k in KINDS if k in found)


def luhn_valid(digits: str) -> bool:
    """The Luhn check of a string of digits."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _nik_plausible(digits: str) -> bool:
    if len(digits) != 16:
        return False
    province, day, month = int(digits[:2]), int(digits[6:8]), int(digits[8:10])
    return 11 <= province <= 94 and (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12


def _is_phone(raw: str) -> bool:
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+62") or digits.startswith("62"):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        return False
    if national.startswith("8"):
        return 9 <= len(national) <= 12  # mobile: 08xx-xxxx-xxxx
    # landline with an area code, written with a separator after it or with +62
    separated = bool(_AREA_CODE_RE.match(raw)) or raw.startswith("+62")
    return separated and 8 <= len(national) <= 11 and national[0] in "234567"


def _classify(text: str, start: int, raw: str) -> str | None:
    digits = re.sub(r"\D", "", raw)
    before = text[max(0, start - 40) : start]
    card_like = 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn_valid(digits)
    if _ORDER_WORD_RE.search(before):
        return "card" if card_like else None
    if _NPWP_WORD_RE.search(before) and len(digits) in (15, 16):
        return "npwp"
    if _NIK_WORD_RE.search(before) and len(digits) == 16:
        return "nik"
    if _CARD_WORD_RE.search(before) and 13 <= len(digits) <= 19 and luhn_valid(digits):
        return "card"
    if _ACCOUNT_WORD_RE.search(before) and 6 <= len(digits) <= 18 and not raw.startswith("+"):
        return "account"
    if card_like:
        return "card"
    if _nik_plausible(digits) and raw.isdigit():
        return "nik"
    if _is_phone(raw):
        return "phone"
    return None


class _Spans:
    """Spans that never overlap, kept in order of position: whether a new one is free is two
    comparisons with its neighbours (a scan of every span so far was quadratic on a turn of
    thousands of numbers)."""

    def __init__(self) -> None:
        self.items: list[Redacted] = []
        self.starts: list[int] = []

    def free(self, start: int, end: int) -> bool:
        at = bisect.bisect_right(self.starts, start)
        if at and self.items[at - 1].end > start:
            return False
        return at == len(self.items) or self.items[at].start >= end

    def add(self, span: Redacted) -> None:
        at = bisect.bisect_right(self.starts, span.start)
        self.starts.insert(at, span.start)
        self.items.insert(at, span)

    def __iter__(self) -> Iterator[Redacted]:
        return iter(self.items)


def redact(text: str) -> Redaction:
    """``text`` with personal data replaced by ``[kind]``, and the findings with spans."""
    spans = _Spans()
    for match in _EMAIL_RE.finditer(text):
        spans.add(Redacted("email", match.start(), match.end()))
    for match in _NPWP_FORMAT_RE.finditer(text):
        if spans.free(match.start(), match.end()):
            spans.add(Redacted("npwp", match.start(), match.end()))
    for match in _BRACKETED_PHONE_RE.finditer(text):
        if spans.free(match.start(), match.end()):
            spans.add(Redacted("phone", match.start(), match.end()))
    for match in _DIGITS_RE.finditer(text):
        start, end = match.span()
        raw = match.group().rstrip(" .-")
        end = start + len(raw)
        if not spans.free(start, end):
            continue
        kind = _classify(text, start, raw)
        if kind is not None:
            spans.add(Redacted(kind, start, end))
    out: list[str] = []
    position = 0
    for span in spans:
        out.append(text[position : span.start])
        out.append(f"[{span.kind}]")
        position = span.end
    out.append(text[position:])
    return Redaction("".join(out), tuple(spans))
