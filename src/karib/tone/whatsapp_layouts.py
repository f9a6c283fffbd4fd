"""The header layouts of WhatsApp exports: how a message line starts (date, time, clock and
marks of every platform and locale), the date orders, and the timestamp a header stands for.

The reader (:mod:`karib.tone.whatsapp`) decides a file's date order and reads its messages
with these; :mod:`karib.tone.whatsapp_kinds` says what a message body is.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

from karib.tone.errors import ToneInputError

Order = Literal["dmy", "mdy", "ymd"]
Evidence = Literal["field", "attachment", "order", "locale", "user"]

# Marks WhatsApp (and editors) put anywhere: BOM, bidi marks and embeddings, zero-width space.
_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES_RE = re.compile("[\u00a0\u202f\u2007\u2009]")

# Hungarian, Korean and Czech put a space after each dot: "2018. 06. 13." and "13. 6. 2018".
# A date that starts with its four-digit year may write its day (and month) with one digit
# ("2022/8/1", Chinese Android; "2024. 2. 1.", Korean); any other date ends with its year, of
# two digits at least, so "1/8/22" is not read as day 22 of an unknown year.
_DATE = (
    r"(?:(?=\d{4}[/.\-])(?P<y4>))?"
    r"(?P<a>\d{1,4})(?P<s>[/.\-])[ ]?(?P<b>\d{1,2})(?P=s)[ ]?"
    r"(?P<c>(?(y4)\d{1,2}|\d{2,4}))(?P<cdot>\.)?"
)
_TIME = (
    r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<se>\d{2}))?"
    r"(?:[ _]*(?P<mer>[AaPp]\.?[ ]?[Mm]\.?|vorm\.|nachm\.|öö|ös|\u0635|\u0645|PTG|PG|ptg|pg))?"
)
# Chinese, Japanese and Korean write the half of the day before the time: "下午9:25",
# "午後9:25", "오후 9:25".
_BEFORE_TIME = r"(?:(?P<pre>上午|下午|凌晨|早上|中午|晚上|午前|午後|오전|오후)[ ]?)?"
_STAMP = rf"{_DATE}[,\u060c]?[ ]*(?:at[ ]|um[ ]|à[ ]|klo[ ])?[ ]*{_BEFORE_TIME}{_TIME}"
# Croatian and Serbian put only a space after the time of a date ending in a dot:
# "13. 6. 2018. 21:25:15 Name: text" (Pustur/whatsapp-chat-parser's format table).
_TAIL = (
    r"(?:[ ]*[-\u2013][ ]+(?P<android>.*)|:[ ](?P<old>.*)|[ ]*[-\u2013][ ]*$"
    r"|(?(cdot)[ ](?P<plain>\S.*)|(?!)))"
)
_HEADER_RE = re.compile(rf"^(?P<bracket>\[)?{_STAMP}(?(bracket)\][ ]?(?P<ios>.*)|{_TAIL})")
# Vietnamese iOS writes the time first: "[21:41:35, 3/27/22] Name: text".
_TIME_FIRST_RE = re.compile(rf"^(?P<bracket>\[){_TIME}[,\u060c]?[ ]*{_DATE}\][ ]?(?P<ios>.*)")


def match_header(line: str) -> re.Match[str] | None:
    return _HEADER_RE.match(line) or _TIME_FIRST_RE.match(line)


# How a header is written, beyond its date order: bracketed, time first, the date's separator,
# a four-digit year first, seconds, a 12-hour clock, and what separates the header from the
# message. WhatsApp writes every header of an export alike; a line written otherwise is text
# inside a message (a pasted copy of other messages, "[12/03/24 14.05] Admin: …").
Layout = tuple[bool, bool, str, bool, bool, bool, str]


def layout_of(match: re.Match[str]) -> Layout:
    groups = match.groupdict()
    tail = next(
        (name for name in ("ios", "old", "plain") if groups.get(name) is not None), "android"
    )
    return (
        bool(groups["bracket"]),
        match.re is _TIME_FIRST_RE,
        str(groups["s"]),
        len(str(groups["a"])) == 4,
        groups["se"] is not None,
        bool(groups["mer"] or groups.get("pre")),
        tail,
    )


def clean(line: str) -> str:
    """A line without invisible marks, with special spaces made plain."""
    return _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", line))


def speaker_key(name: str) -> str:
    """How a speaker is compared: without invisible marks, iOS's ``~`` or case."""
    return " ".join(clean(name).strip().lstrip("~").split()).casefold()


def speaker_name(name: str) -> str:
    """A speaker as shown: the name as written, without invisible marks or the ``~`` marker."""
    return " ".join(clean(name).strip().lstrip("~").split())


def is_header(line: str) -> bool:
    return match_header(clean(line)) is not None


@dataclass(frozen=True, slots=True)
class DateOrder:
    """How a file writes its dates, and what showed it (``None``: a guess, to be asked)."""

    order: Order
    evidence: Evidence | None
    example: str = ""


class AmbiguousDateOrder(ToneInputError):
    """The file's dates read both day-first and month-first; the user must choose."""

    def __init__(self, example: str, *, file: str | None = None, line: int | None = None) -> None:
        self.example = example
        super().__init__(
            f"the dates (e.g. {example}) read as day/month and as month/day; "
            "choose the date order (dmy or mdy)",
            file=file,
            line=line,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_ambiguous, (self.example, self.file, self.line))


def _rebuild_ambiguous(example: str, file: str | None, line: int | None) -> AmbiguousDateOrder:
    return AmbiguousDateOrder(example, file=file, line=line)


class UnsupportedDateLayout(ToneInputError):
    """A line that starts like a WhatsApp header, with a date written in a layout not read.

    ``example`` is the line's start (a name and words may follow the date), ``stamp`` only
    its date and time: what a caller keeps when it stores the error."""

    def __init__(self, example: str, *, file: str | None = None, line: int | None = None) -> None:
        self.example = example
        self.stamp = stamp_like(example) or _date_like_part(example)
        super().__init__(
            f"this WhatsApp date layout is not supported yet (e.g. {example})",
            file=file,
            line=line,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_unsupported, (self.example, self.file, self.line))


def _rebuild_unsupported(example: str, file: str | None, line: int | None) -> UnsupportedDateLayout:
    return UnsupportedDateLayout(example, file=file, line=line)


# A first line that looks like a header ("[2018/6/13 ...", "13. 6. 2018 ...") but is not read.
DATE_LIKE_RE = re.compile(r"^\[?\d{1,4}[/.\-][ ]?\d{1,4}[/.\-]")
_DATE_PART_RE = re.compile(r"^\[?\d{1,4}[/.\-][ ]?\d{1,4}[/.\-][ ]?\d{0,4}\.?")
# A line that opens with a date and then a time, as every header does, whether its layout is
# read or not ("2024/02/11 午後2:20 - ", "[2024. 2. 1. 오후 2:20:11] ", "13.06.2018, 21:25").
# A plain transcript writes "SPEAKER: text" or "[HH:MM] SPEAKER: text", never this.
_STAMP_LIKE_RE = re.compile(
    r"^\[?\d{1,4}[/.\-][ ]?\d{1,4}[/.\-][ ]?\d{1,4}\.?,?[^\d\n]{0,12}?"
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
)


def stamp_like(line: str) -> str:
    """The date and time a line opens with when it opens like a WhatsApp header (read or
    not), else "": ``"2024/02/11 午後2:20"`` of ``"2024/02/11 午後2:20 - Budi: halo"``."""
    match = _STAMP_LIKE_RE.match(clean(line).strip())
    return match.group(0) if match else ""


def _date_like_part(line: str) -> str:
    match = _DATE_PART_RE.match(clean(line).strip())
    return match.group(0).strip() if match else ""


def valid_date(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    return (year, month, day)


def full_year(text: str) -> int:
    year = int(text) + 2000 if len(text) <= 2 else int(text)
    return year - 543 if year > 2400 else year  # Thai exports count from the Buddha (BE)


def header_timestamp(groups: dict[str, str | None], order: Order) -> str | None:
    a, b, c = str(groups["a"]), str(groups["b"]), str(groups["c"])
    if order == "ymd":
        year, month, day = full_year(a), int(b), int(c)
    elif order == "dmy":
        year, month, day = full_year(c), int(b), int(a)
    else:
        year, month, day = full_year(c), int(a), int(b)
    hour = int(str(groups["h"]))
    meridiem = (groups["mer"] or "").lower()
    before = groups.get("pre")
    if before:
        if before == "中午":  # noon: 11 is before it, 12 and 1 after
            hour = hour + 12 if hour < 11 else hour
        else:
            hour = hour % 12 + (12 if before in ("下午", "晚上", "午後", "오후") else 0)
    elif meridiem:
        # Malay: PG (pagi) is the morning, PTG (petang) the afternoon
        afternoon = meridiem == "ptg" or (
            meridiem != "pg" and meridiem.startswith(("p", "nachm", "ös", "\u0645"))
        )
        hour = hour % 12 + (12 if afternoon else 0)
    minute, second = int(str(groups["mi"])), int(groups["se"] or 0)
    try:
        stamp = datetime.datetime(year, month, day, hour, minute, second)  # noqa: DTZ001
    except ValueError:
        return None
    return stamp.isoformat()
