"""Personal data in transcripts: find and mask it (pure, no I/O).

``redact(text)`` returns the text with every finding replaced by ``[kind]`` and the findings
(kind, span in the original text, and nothing of the original value). Kinds:

- ``card``: payment card numbers, 13-19 digits (spaces or dashes between groups allowed)
  that pass the Luhn check.
- ``nik``: Indonesian identity numbers, 16 digits whose structure is plausible (province code
  11-94, birth day 01-31 or 41-71, month 01-12), undivided or grouped (groups of three or
  more digits: 4-4-4-4, 6-6-4 ...; or its structure 2-2-2-6-4; groups of two are dates), but
  not grouped right after a card word (a grouped number failing the Luhn check there is a
  mistyped card); after "NIK"/"KTP"/"nomor induk kependudukan", also a few words
  back ("NIK saya adalah ..."), any 16 digits.
- ``npwp``: tax numbers written ``XX.XXX.XXX.X-XXX.XXX``, or 15/16 digits after "NPWP" (also
  a few words back).
- ``account``: bank account numbers, 6-18 digits right after an account word ("rekening",
  "rek", "no. rek", "norek", "account", "acct", "a/c", "virtual account", "VA").
- ``phone``: Indonesian phone numbers (+62 / 62 / 0 prefixes, mobile 08xx and area codes,
  spaces, dots or dashes between groups).
- ``email``: e-mail addresses.

Matching reads a normalised copy of the text (``_Normalised``): every Unicode decimal digit
(full-width, Arabic-Indic ...) as its ASCII digit, other characters by NFKC, every dash as
"-", every run of spaces (NBSP, narrow and ideographic spaces, tabs) as one space, and
invisible characters (zero-width spaces and joiners, word joiner, BOM, bidi marks, soft
hyphen, combining marks) removed. The findings' spans are mapped back to the original text,
and the original spans are replaced: a card split by NBSP or zero-width spaces is a card,
a phone in full-width digits a phone (secprobe11, F1).

Order and shipping numbers are not personal data: a digit run right after an order word
("order", "pesanan", "invoice", "INV", "resi", "tracking", "booking", "tiket") is left alone
— unless it passes the Luhn check as a card number (13-19 digits starting 2-6), since a card
number called an order id is still a card number. See docs/tone.md, "Personal data".
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

KINDS = ("card", "nik", "npwp", "account", "phone", "email")

_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NPWP_FORMAT_RE = re.compile(r"(?<!\d)\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}(?!\d)")
# A run of digits with single spaces, dots or dashes between groups (read in the normalised
# copy, where every digit is ASCII and every run of spaces one space). It does not start
# inside a word or code ("INV-2024...", "1.250.000"), but may after other punctuation: "..."
# (the copy's "\u2026", which a number may follow in the original) or a dash.
_DIGITS_RE = re.compile(r"(?<![\w+])(?<!\w[.-])\+?[0-9](?:[ .-]?[0-9]){5,22}(?![\w])")
# A long run glued to a word or a code ("CUST-3175062509900004", "NIK3175062509900004"):
# taken only as a card or a NIK, whose checks make a chance match rare.
_GLUED_RE = re.compile(r"(?<![0-9])[0-9](?:[ .-]?[0-9]){12,22}(?![0-9])")
_GLUED_KINDS = frozenset({"card", "nik"})
# Up to three words between an identity-number word and the number: "NIK saya adalah ...".
_LOOK_BACK = r"(?:[\s:#,=]+[^\W\d_]+){0,3}[\s:#,=]*$"
_ACCOUNT_WORD_RE = re.compile(
    r"(?:rekening|rek\.?|no\.?\s*rek(?:ening)?\.?|norek|nomor\s+rekening|account(?:\s+(?:number|"
    r"no\.?))?|acct\.?|a/c|virtual\s+account|va)(?:\s+(?:bca|bri|bni|mandiri|bsi|cimb|"
    r"permata|danamon|btn|jago|[A-Z]{3,6}))?\s*(?:(?:no|nomor|number)\.?\s*)?[:#]?\s*$",
    re.IGNORECASE,
)
_NIK_WORD_RE = re.compile(
    r"\b(?:nik|(?:no\.?\s*|e-?)?ktp|nomor\s+induk\s+kependudukan|kartu\s+tanda\s+penduduk)\b"
    + _LOOK_BACK,
    re.IGNORECASE,
)
_NPWP_WORD_RE = re.compile(r"\bnpwp\b" + _LOOK_BACK, re.IGNORECASE)
# A NIK's own structure written out (province, regency, district, birth date, serial):
# groups of two digits are otherwise dates ("11.03.2024-12.03.2024"), not a NIK.
_NIK_STRUCTURES = frozenset({(2, 2, 2, 6, 4), (2, 2, 2, 2, 2, 2, 4)})
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
    digits = _digits(raw)
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


def _digits(raw: str) -> str:
    return re.sub(r"[^0-9]", "", raw)


def _nik_grouped(raw: str) -> bool:
    """Whether a run's digit groups are how a NIK is written: groups of three or more digits
    (4-4-4-4, 6-6-4, 4-12 ...) or its structure (2-2-2-6-4)."""
    groups = tuple(len(group) for group in re.findall(r"[0-9]+", raw))
    return min(groups) >= 3 or groups in _NIK_STRUCTURES


def _classify(text: str, start: int, raw: str) -> str | None:
    digits = _digits(raw)
    before = text[max(0, start - 60) : start]
    card_like = 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn_valid(digits)
    if _ORDER_WORD_RE.search(before):
        return "card" if card_like else None
    if _NPWP_WORD_RE.search(before) and len(digits) in (15, 16):
        return "npwp"
    if _NIK_WORD_RE.search(before) and len(digits) == 16:
        return "nik"
    card_word = _CARD_WORD_RE.search(before)
    if card_word and 13 <= len(digits) <= 19 and luhn_valid(digits):
        return "card"
    if _ACCOUNT_WORD_RE.search(before) and 6 <= len(digits) <= 18 and not raw.startswith("+"):
        return "account"
    if card_like:
        return "card"
    if _nik_plausible(digits) and (raw.isdigit() or (not card_word and _nik_grouped(raw))):
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


# What a copy for matching may change: runs of spaces, tabs and non-ASCII characters; the
# rest (ASCII) is copied as it is, and so is a run that is one space.
_SPECIAL_RE = re.compile(r"[^\x00-\x08\n-\x1f!-\x7f]+")
# Removed from the copy: invisible characters (zero-width space, joiners, word joiner, BOM,
# bidi marks, soft hyphen: category Cf) and combining marks (Mn, Me: accents, variation
# selectors, the keycap of "1\ufe0f\u20e3").
_REMOVED_CATEGORIES = frozenset({"Cf", "Mn", "Me"})


@functools.lru_cache(maxsize=4096)
def _normal_char(char: str) -> str:
    """What one character of a special run reads as in the copy for matching."""
    if char in " \t":
        return " "
    category = unicodedata.category(char)
    if category in _REMOVED_CATEGORIES:
        return ""
    if category == "Zs":
        return " "
    if category == "Nd":
        return str(unicodedata.decimal(char))
    if category == "Pd" or char == "\u2212":  # dashes, hyphens, the minus sign
        return "-"
    return unicodedata.normalize("NFKC", char)


class _Normalised:
    """The copy of a text that matching reads, and the map from its positions back to the
    original's. The map is a list of breakpoints (copy position, original position): from a
    breakpoint on, positions advance together, up to the next one. Every character of the
    copy comes from one character of the original (an expansion such as "\u2474" -> "(1)"
    maps each of its characters to that one), so a span of the copy maps to the span of
    the original characters it came from, and the characters removed inside it."""

    def __init__(self, text: str) -> None:
        pieces: list[str] = []
        self.copy_at: list[int] = [0]
        self.original_at: list[int] = [0]
        position = 0  # in the original
        length = 0  # of the copy so far
        if text.isascii() and "  " not in text and "\t" not in text:
            self.text = text  # nothing to change, as most turns: one breakpoint (0, 0)
            return
        for match in _SPECIAL_RE.finditer(text):
            start, end = match.span()
            if end - start == 1 and text[start] == " ":
                continue  # a space between words: part of the plain text around it
            pieces.append(text[position:start])
            length += start - position
            after_space = False
            for index in range(start, end):
                read = _normal_char(text[index])
                if read == " " and after_space:
                    continue
                for char in read:
                    self.copy_at.append(length)
                    self.original_at.append(index)
                    pieces.append(char)
                    length += 1
                if read:
                    after_space = read[-1] == " "
            position = end
            self.copy_at.append(length)
            self.original_at.append(end)
        pieces.append(text[position:])
        self.text = "".join(pieces)

    def _original(self, at: int) -> int:
        """The original position of the copy's character at ``at``."""
        point = bisect.bisect_right(self.copy_at, at) - 1
        return self.original_at[point] + at - self.copy_at[point]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the copy's (non-empty) span ``start:end``."""
        return self._original(start), self._original(end - 1) + 1


def redact(text: str) -> Redaction:
    """``text`` with personal data replaced by ``[kind]``, and the findings with spans into
    ``text``. Matching reads a normalised copy (see the module's docstring)."""
    normal = _Normalised(text)
    copy = normal.text
    spans = _Spans()

    def keep(kind: str, start: int, end: int) -> None:
        original_start, original_end = normal.span(start, end)
        if spans.free(original_start, original_end):
            spans.add(Redacted(kind, original_start, original_end))

    for match in _EMAIL_RE.finditer(copy):
        keep("email", *match.span())
    for match in _NPWP_FORMAT_RE.finditer(copy):
        keep("npwp", *match.span())
    for match in _BRACKETED_PHONE_RE.finditer(copy):
        keep("phone", *match.span())
    # digit runs standing free (any kind), then runs glued to a word or code (only those kinds)
    for pattern, kinds in ((_DIGITS_RE, None), (_GLUED_RE, _GLUED_KINDS)):
        for match in pattern.finditer(copy):
            start = match.start()
            raw = match.group().rstrip(" .-")
            end = start + len(raw)
            if not spans.free(*normal.span(start, end)):
                continue
            kind = _classify(copy, start, raw)
            if kind is not None and (kinds is None or kind in kinds):
                keep(kind, start, end)
    out: list[str] = []
    position = 0
    for span in spans:
        out.append(text[position : span.start])
        out.append(f"[{span.kind}]")
        position = span.end
    out.append(text[position:])
    return Redaction("".join(out), tuple(spans))
