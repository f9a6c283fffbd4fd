"""Reading WhatsApp chat exports of every platform, locale, date order and clock.

Two passes over the lines, both in constant memory: :func:`date_order` reads only the message
headers and decides, for the whole file, whether dates are day-first, month-first or
year-first and on what evidence; :func:`iter_messages` then yields one :class:`ChatMessage`
per message, media placeholder or event. Without evidence the order is a guess, and
``DateOrder.evidence`` is ``None`` so the import step can ask (``parse(date_order="strict")``
raises :class:`AmbiguousDateOrder` instead of guessing).

The header layouts and timestamps live in :mod:`karib.tone.whatsapp_layouts`, what a message
body is (placeholders, calls, system texts) in :mod:`karib.tone.whatsapp_kinds`; their public
names are re-exported here.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Literal

from karib.tone.errors import ToneInputError
from karib.tone.whatsapp_kinds import (
    EDITED_RE,
    MessageKind,
    classify,
    is_business_auto_message,
    is_exporter_line,
    system_event,
)
from karib.tone.whatsapp_layouts import (
    DATE_LIKE_RE,
    AmbiguousDateOrder,
    DateOrder,
    Evidence,
    Layout,
    Order,
    UnsupportedDateLayout,
    clean,
    full_year,
    header_timestamp,
    is_header,
    layout_of,
    match_header,
    speaker_key,
    speaker_name,
    valid_date,
)

__all__ = [
    "MAX_ZIP_MEMBERS",
    "UNNAMED",
    "ZIP_MAGIC",
    "AmbiguousDateOrder",
    "ChatMessage",
    "ChatZipError",
    "DateOrder",
    "Evidence",
    "MessageKind",
    "Order",
    "UnsupportedDateLayout",
    "chat_in_zip",
    "chat_partner",
    "classify",
    "clean",
    "date_order",
    "is_business_auto_message",
    "is_exporter_line",
    "is_header",
    "is_zip",
    "iter_messages",
    "speaker_key",
    "speaker_name",
]

UNNAMED = "(unnamed)"

# --- date order --------------------------------------------------------------------------------

_ATTACHMENT_RE = re.compile(
    r"(?:IMG|VID|AUD|PTT|STK|DOC)-(\d{4})(\d{2})(\d{2})-WA\d+"
    r"|\d{8}-(?:PHOTO|VIDEO|AUDIO|STICKER|GIF)-(\d{4})-(\d{2})-(\d{2})-"
)
# Words only a day-first locale writes (system lines and placeholders of id, de, es, pt, tr,
# nl, fr exports): their presence settles the order when the numbers do not.
_DAY_FIRST_WORDS_RE = re.compile(
    r"terenkripsi|tidak disertakan|menghapus pesan|pesan ini|Ende-zu-Ende|weggelassen|"
    r"ausgeschlossen|gelöscht|de extremo a extremo|omitid[oa]|eliminado|"
    r"de ponta a ponta|ocult[oa]|apagad[oa]|uçtan uca|dahil edilmedi|silindi|"
    r"eind-tot-eind|end-to-end versleuteld|weggelaten|verwijderd|de bout en bout|\bomis\b|"
    r"supprimé|<Medien|<Multimedia|<Mídia|<Medya|"
    # ru, uk, cs (Android placeholders and notices)
    r"медиафайл|удалено|файл добавлен|медіа|видалено|файл додано|vynechán|smazán|odstraněn|"
    r"přiložen",
    re.IGNORECASE,
)


def date_order(lines: Iterable[str]) -> DateOrder:
    """Decide the date order of a whole export from its headers (one pass, constant memory)."""
    first_over = second_over = 0
    votes = {"dmy": 0, "mdy": 0}
    backwards = {"dmy": 0, "mdy": 0}
    previous: dict[str, tuple[int, int, int] | None] = {"dmy": None, "mdy": None}
    locale = year_first = False
    meridiem = False
    example = ""
    layout: Layout | None = None  # the first header's: a line written otherwise is text
    for raw in lines:
        line = clean(raw)
        match = match_header(line)
        if match is None:
            continue
        if layout is None:
            layout = layout_of(match)
        elif layout_of(match) != layout:
            continue
        groups = match.groupdict()
        if len(groups["a"]) == 4:
            year_first = True
            continue
        first, second, year = int(groups["a"]), int(groups["b"]), full_year(groups["c"])
        if groups["s"] == "." or (groups["mer"] and " " in groups["mer"].strip(". ")):
            locale = True  # 12.03.20 and "p. m." are written by day-first locales only
        meridiem = meridiem or bool(groups["mer"])
        if first > 12:
            first_over += 1
        if second > 12:
            second_over += 1
        if not example and first != second and first <= 12 and second <= 12:
            example = f"{groups['a']}{groups['s']}{groups['b']}{groups['s']}{groups['c']}"
        body = _rest(groups)
        said = body.partition(": ")[2]
        if _DAY_FIRST_WORDS_RE.search(body) and (not said or classify(said)[0] != "message"):
            locale = True  # a system line or placeholder in a day-first language
        for found in _ATTACHMENT_RE.finditer(body):
            digits = [d for d in found.groups() if d]
            month, day = int(digits[1]), int(digits[2])
            if month != day:
                if (first, second) == (day, month):
                    votes["dmy"] += 1
                elif (first, second) == (month, day):
                    votes["mdy"] += 1
        for order, (day, month) in (("dmy", (first, second)), ("mdy", (second, first))):
            current = valid_date(year, month, day)
            last = previous[order]
            if current is not None and last is not None and current < last:
                backwards[order] += 1
            if current is not None:
                previous[order] = current
    if year_first:
        return DateOrder("ymd", "field")
    if first_over and not second_over:
        return DateOrder("dmy", "field", example)
    if second_over and not first_over:
        return DateOrder("mdy", "field", example)
    if votes["dmy"] != votes["mdy"]:
        return DateOrder("dmy" if votes["dmy"] > votes["mdy"] else "mdy", "attachment", example)
    if backwards["dmy"] != backwards["mdy"]:
        best: Order = "dmy" if backwards["dmy"] < backwards["mdy"] else "mdy"
        return DateOrder(best, "order", example)
    if locale:
        return DateOrder("dmy", "locale", example)
    if not example:  # every date reads the same both ways (1/1/24, 5/5/24 ...)
        return DateOrder("dmy", "field")
    # No evidence: the most common habit of each clock, reported as a guess.
    return DateOrder("mdy" if meridiem else "dmy", None, example)


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message or event of an export. ``speaker`` is ``""`` for a system line."""

    line: int
    timestamp: str
    speaker: str
    text: str
    kind: MessageKind
    event: str = ""
    edited: bool = False  # WhatsApp's "<This message was edited>", taken off the text
    attached: bool = False  # words sent with a file: its caption (the file line is left out)

    @property
    def is_spoken(self) -> bool:
        return self.kind == "message"


def _rest(groups: dict[str, str | None]) -> str:
    """What follows a header's date and time: "Name: text", or a system text."""
    for name in ("ios", "android", "old", "plain"):
        value = groups.get(name)
        if value is not None:
            return value
    return ""


#: How far a header may stray from its neighbours' times and still be one (a clock change, a
#: message delivered late). Farther, a line without a speaker is a message's own text.
STRAY = datetime.timedelta(hours=2)


def _strays(held: str, before: str, after: str | None) -> bool:
    """Whether a header line without a speaker, at ``held``, between messages at ``before`` and
    ``after`` (None: the end of the file), is out of their order: a date typed in a message
    ("14/03/24 10.00 - kirim ulang", a schedule), not a line WhatsApp wrote."""
    at, start = datetime.datetime.fromisoformat(held), datetime.datetime.fromisoformat(before)
    if after is None:
        return at < start - STRAY
    end = datetime.datetime.fromisoformat(after)
    return start <= end + STRAY and (at < start - STRAY or at > end + STRAY)


def iter_messages(
    lines: Iterable[str], *, order: Order, file: str = "<input>"
) -> Iterator[ChatMessage]:
    """Yield the messages and events of an export, given its date order.

    The first header fixes the layout: a line that starts like a header written otherwise
    (a pasted copy of other messages) continues the message before it. A header line without
    a speaker that WhatsApp does not write as an event, out of time with the headers around
    it, does too: it is held until the next header tells."""
    layout: Layout | None = None
    pending: list[object] | None = None  # [line, ts, speaker, text, mark]
    held: list[object] | None = None  # such a line, and the raw text of its lines
    held_text: list[str] = []
    for number, raw in enumerate(lines, start=1):
        line = clean(raw.rstrip("\r\n"))
        match = match_header(line)
        if match is not None:
            if layout is None:
                layout = layout_of(match)
            elif layout_of(match) != layout:
                match = None
        timestamp = header_timestamp(match.groupdict(), order) if match else None
        if match is not None and timestamp is None:
            raise ToneInputError(
                f"{line[:24]!s}: not a date in the order {order}", file=file, line=number
            )
        if match is None or timestamp is None:
            if pending is None:
                if line.strip():
                    if DATE_LIKE_RE.match(line):
                        raise UnsupportedDateLayout(line.strip()[:40], file=file, line=number)
                    raise ToneInputError("expected a WhatsApp message line", file=file, line=number)
                continue
            if held is not None:
                held[3] = f"{held[3]}\n{line}"
                held_text.append(line)
            else:
                pending[3] = f"{pending[3]}\n{line}"
            continue
        current = _header(number, timestamp, match.groupdict(), raw)
        if held is not None and pending is not None:
            if _strays(str(held[1]), str(pending[1]), timestamp):
                pending[3] = "\n".join([str(pending[3]), *held_text])
            else:
                yield _finish(pending)
                pending = held
            held = None
        if pending is not None and not current[2] and system_event(str(current[3])) is None:
            held, held_text = current, [line]
            continue
        if pending is not None:
            yield _finish(pending)
        pending = current
    if held is not None and pending is not None:
        if _strays(str(held[1]), str(pending[1]), None):
            pending[3] = "\n".join([str(pending[3]), *held_text])
        else:
            yield _finish(pending)
            pending = held
    if pending is not None:
        yield _finish(pending)


def _header(number: int, timestamp: str, groups: dict[str, str | None], raw: str) -> list[object]:
    """A message or system line begun by a header: [line, ts, speaker, text, mark], the mark
    being iOS's U+200E on the body (1), or on the header and in the body (2, a file's line),
    or none (0). Android's marks say nothing: it puts one before a file's name, and a person's
    text may start with one."""
    rest = _rest(groups)
    mark = 0
    if groups.get("android") is None:
        head = raw.lstrip("\ufeff")
        if head[:1] in _MARKS and any(c in _MARKS for c in head[1:]):
            mark = 2
        elif _MARKED_BODY_RE.search(raw) is not None:
            mark = 1
    from_system = mark > 0
    speaker, separator, body = rest.partition(": ")
    if not separator and rest.endswith(":") and ": " not in rest:
        # "Name:" and the message on the next line (an editor took the space off)
        speaker, separator, body = rest[:-1], ":", ""
    event = system_event(speaker) if separator else None
    if not separator or len(speaker) > 80 or (event is not None and not from_system):
        return [number, timestamp, "", rest.strip(), True]
    # A contact saved without a name shows as nothing but an invisible mark.
    return [number, timestamp, speaker_name(speaker) or UNNAMED, body, mark]


# iOS's mark: U+200E, or U+200F in a right-to-left locale (Arabic, Hebrew).
_MARKS = "\u200e\u200f"
_MARKED_BODY_RE = re.compile("[^:]: ?[\u00a0\u202f]?[\u200e\u200f]")


def _finish(pending: list[object]) -> ChatMessage:
    number, timestamp, speaker, text, mark = pending
    line, body = int(str(number)), str(text).strip()
    if not speaker:
        event = system_event(body) or "system"
        return ChatMessage(line, str(timestamp), "", body, "event", event)
    edited = False
    if body.endswith(">"):
        marker = EDITED_RE.search(body)
        if marker is not None and marker.start() > 0:
            body, edited = body[: marker.start()], True
    kind, event = classify(body, from_system=mark == 1, file_line=mark == 2)
    attached = False
    if kind == "message" and "\n" in body:
        kind, event, body, attached = _with_file(body)
    return ChatMessage(line, str(timestamp), str(speaker), body, kind, event, edited, attached)


# The name of a document Android writes under its "<Media omitted>": no caption.
_FILE_NAME_RE = re.compile(r"[^\n]{1,200}\.[A-Za-z0-9]{2,5}")


def _with_file(body: str) -> tuple[MessageKind, str, str, bool]:
    """(kind, event, text, attached) of a body of several lines: Android writes a file's line
    ("IMG-….jpg (file attached)", "<Media omitted>") and the file's caption under it (the
    caption is the speaker's words, sent with a file), or a document's name (no words)."""
    first, _, rest = body.partition("\n")
    rest = rest.strip()
    if classify(first) != ("media", "media"):
        return "message", "", body, False
    if _FILE_NAME_RE.fullmatch(rest):
        return "media", "media", body, False
    return "message", "", rest, True


_CHAT_WITH_RE = re.compile(
    r"^(?:whatsapp[ -]chat (?:with|mit|-)|chat whatsapp (?:dengan|con|com|avec)|"
    r"chat de whatsapp con|conversa do whatsapp com|whatsapp sohbeti|whatsapp-chat met|"
    r"discussion whatsapp avec)[ -]+(.+?)(?: \(\d+\))?(?:\.txt|\.zip)?$",
    re.IGNORECASE,
)


def chat_partner(file_name: str) -> str | None:
    """The other side named by an export's file name ("WhatsApp Chat with Budi.txt")."""
    base = re.split(r"[\\/]", file_name)[-1]
    match = _CHAT_WITH_RE.match(clean(base).strip())
    return speaker_name(match.group(1)) if match else None


# --- a zipped export -------------------------------------------------------------------------

ZIP_MAGIC = b"PK\x03\x04"
ZipProblem = Literal["damaged", "encrypted", "nested", "no_chat", "several", "too_big"]


class ChatZipError(ToneInputError):
    """A .zip that does not hold one readable chat; ``problem`` says why (for the caller's own,
    translated, message)."""

    def __init__(self, problem: ZipProblem, *, file: str | None = None) -> None:
        self.problem = problem
        super().__init__(_ZIP_PROBLEMS[problem], file=file)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_zip_error, (self.problem, self.file))


def _rebuild_zip_error(problem: ZipProblem, file: str | None) -> ChatZipError:
    return ChatZipError(problem, file=file)


_ZIP_PROBLEMS: dict[str, str] = {
    "damaged": "not a readable .zip file",
    "encrypted": "the chat in this .zip is encrypted; unzip it and use the _chat.txt inside",
    "nested": "this .zip holds another .zip; unzip it and use the _chat.txt inside",
    "no_chat": "this .zip holds no chat (.txt)",
    "several": "this .zip holds several .txt files; unzip it and use the chat's _chat.txt",
    "too_big": "the chat in this .zip is too large",
}


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def _chat_member(infos: list[zipfile.ZipInfo]) -> zipfile.ZipInfo | None:
    """The export's chat: ``_chat.txt`` (iOS), else a .txt named like an export ("WhatsApp
    Chat with X.txt", Android), else the only .txt (a document sent in the chat may be one too)."""
    texts = [i for i in infos if not i.is_dir() and i.filename.lower().endswith(".txt")]
    for rule in (
        lambda name: name == "_chat.txt",
        lambda name: chat_partner(name) is not None,
    ):
        found = [i for i in texts if rule(re.split(r"[\\/]", i.filename)[-1].lower())]
        if len(found) == 1:
            return found[0]
    if len(texts) == 1:
        return texts[0]
    if texts:
        raise ChatZipError("several")
    return None


#: Members a zipped export may list (fewer than this): an export holds its chat and the
#: chat's media, thousands at most; a 50 MB zip of empty members lists a million, and reading
#: its directory alone costs hundreds of MB. 0xFFFF also marks a ZIP64 archive, refused too.
MAX_ZIP_MEMBERS = 0xFFFF
_DIRECTORY_ENTRY = b"PK\x01\x02"
_END_OF_DIRECTORY = b"PK\x05\x06"


def _listed_members(stream: IO[bytes]) -> int | None:
    """How many members the zip lists (None: no end-of-directory record found; 0xFFFF: a
    ZIP64 archive, which lists more elsewhere): the record's count, or the entries its
    central directory holds when there are more (zipfile reads the directory by its size and
    ignores the count, so a zip claiming one member may list a million; secprobe10 F3)."""
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(max(0, size - 65_557))  # the record (22 bytes) and a comment of at most 64 KiB
    tail = stream.read()
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(tail) - at < 22:
        stream.seek(0)
        return None
    listed = int.from_bytes(tail[at + 10 : at + 12], "little")
    directory_size = int.from_bytes(tail[at + 12 : at + 16], "little")
    directory_at = int.from_bytes(tail[at + 16 : at + 20], "little")
    entries = 0
    if directory_at < size:  # not ZIP64's 0xFFFFFFFF: count the entries' signatures
        stream.seek(directory_at)
        entries = stream.read(min(directory_size, size - directory_at)).count(_DIRECTORY_ENTRY)
    stream.seek(0)
    return max(listed, entries)


def chat_in_zip(stream: IO[bytes], *, file: str, max_bytes: int) -> tuple[str, bytes]:
    """The chat a zipped export holds (iOS always zips: "WhatsApp Chat - X.zip" holding
    ``_chat.txt`` and the media): its member name and bytes, at most ``max_bytes`` once
    decompressed (read up to there whatever the zip's header claims: no zip bomb). Raises
    :class:`ChatZipError`."""
    try:
        listed = _listed_members(stream)
        if listed is not None and listed >= MAX_ZIP_MEMBERS:
            raise ChatZipError("damaged", file=file)
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            try:
                member = _chat_member(infos)
            except ChatZipError as error:
                raise ChatZipError(error.problem, file=file) from None
            if member is None:
                nested = any(i.filename.lower().endswith(".zip") for i in infos)
                raise ChatZipError("nested" if nested else "no_chat", file=file)
            if member.flag_bits & 0x1:
                raise ChatZipError("encrypted", file=file)
            if member.file_size > max_bytes:
                raise ChatZipError("too_big", file=file)
            with archive.open(member) as opened:
                data = opened.read(max_bytes + 1)
    except ChatZipError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        EOFError,
        OSError,
        zlib.error,
        ValueError,
    ):
        raise ChatZipError("damaged", file=file) from None
    except RuntimeError:  # zipfile's "encrypted, password required"
        raise ChatZipError("encrypted", file=file) from None
    if len(data) > max_bytes:
        raise ChatZipError("too_big", file=file)
    return member.filename, data
