"""Reading conversations: plain text, WhatsApp exports, JSON, JSONL and CSV."""

from __future__ import annotations

import codecs
import csv
import datetime
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from karib.tone import whatsapp
from karib.tone.errors import ToneInputError
from karib.tone.records import Conversation, Role, Turn, TurnKind
from karib.tone.roles import resolve_roles, role_from_label

MAX_BYTES = 50 * 1024 * 1024
FORMATS = ("text", "whatsapp", "json", "jsonl", "csv")
_EXTENSIONS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}

Source = str | bytes | os.PathLike[str]

# --- reading bytes -------------------------------------------------------------------------


def _check_bytes(data: bytes, file: str) -> None:
    if len(data) > MAX_BYTES:
        raise ToneInputError(
            f"file is {len(data) / 1048576:.1f} MB, over the 50 MB limit; "
            "split it or use JSONL/CSV, which are streamed",
            file=file,
        )
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" in data[:8192]:
        raise ToneInputError("binary file (contains NUL bytes), not a conversation", file=file)


def _decode(data: bytes, file: str, first_line: int = 1) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ToneInputError("undecodable UTF-16 text", file=file) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        raise ToneInputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded); "
            "save the file as UTF-8",
            file=file,
            line=line,
        ) from exc


def _read(source: Source, name: str | None) -> tuple[str, str, str | None]:
    """Return (text, display name, file suffix) for any accepted source."""
    if isinstance(source, bytes):
        file = name or "<input>"
        _check_bytes(source, file)
        return _decode(source, file), file, None
    if isinstance(source, str) and ("\n" in source or not source or not os.path.isfile(source)):
        file = name or "<input>"
        _check_bytes(source.encode("utf-8", "surrogatepass"), file)
        return source, file, None
    path = Path(source)
    file = name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ToneInputError(
                f"file is {size / 1048576:.1f} MB, over the 50 MB limit; "
                "split it or use JSONL/CSV, which are streamed",
                file=file,
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ToneInputError(f"cannot read file: {exc.strerror or exc}", file=file) from exc
    _check_bytes(data, file)
    return _decode(data, file), file, path.suffix.lower()


# --- format detection ----------------------------------------------------------------------

_CSV_HEADER_RE = re.compile(r"conversation_id", re.IGNORECASE)


def detect_format(text: str, suffix: str | None = None) -> str:
    """Guess the format of a document from its suffix and first lines."""
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    head = text.lstrip("\ufeff\u200e\u200f \t\r\n")
    first = head.split("\n", 1)[0]
    if whatsapp.is_header(first):
        return "whatsapp"
    if head.startswith("[") and head[1:].lstrip().startswith(("{", "]")):
        return "json"
    if head.startswith("{"):
        lines = [ln for ln in head.split("\n", 3)[:3] if ln.strip()]
        if len(lines) > 1 and all(ln.strip().startswith("{") for ln in lines):
            try:
                json.loads(lines[0])
            except ValueError:
                return "json"
            return "jsonl"
        return "json"
    if _CSV_HEADER_RE.search(first) and re.search(r"\bspeaker\b", first, re.IGNORECASE):
        return "csv"
    return "text"


# --- building conversations ----------------------------------------------------------------


def _stem(file: str) -> str:
    base = os.path.basename(file)
    stem = os.path.splitext(base)[0]
    return stem if stem and not stem.startswith("<") else "conversation"


def _is_iso(value: str) -> bool:
    """An ISO 8601 date-time, date or time of day (``Z`` allowed)."""
    text = value.strip()
    if not text or not text[0].isdigit():
        return False
    for kind in (datetime.datetime, datetime.date, datetime.time):
        try:
            kind.fromisoformat(text)
        except ValueError:
            continue
        return True
    return False


def _build(
    conversation_id: str,
    raw: list[tuple[str, str, str | None, TurnKind, int | None]],
    *,
    file: str,
    line: int | None,
    agent: str | None,
    customer: str | None,
    explicit: dict[str, Role] | None = None,
) -> Conversation:
    """``raw`` holds (speaker, text, ts, kind, line); events have kind "event"."""
    if not any(kind != "event" for _, _, _, kind, _ in raw):
        raise ToneInputError("no turns found in conversation", file=file, line=line)
    speakers: list[str] = []
    seen: set[str] = set()
    for speaker, _, _, kind, _ in raw:
        if kind != "event" and speaker not in seen:
            seen.add(speaker)
            speakers.append(speaker)
    roles = resolve_roles(
        speakers, agent=agent, customer=customer, explicit=explicit, file=file, line=line
    )
    turns = []
    for index, (speaker, text, ts, kind, turn_line) in enumerate(raw):
        if ts is not None and not _is_iso(ts):
            raise ToneInputError(
                f"turn {index}: timestamp {ts!r} is not an ISO 8601 date-time "
                f"(e.g. 2024-03-01T09:00:00+07:00)",
                file=file,
                line=turn_line if turn_line is not None else line,
            )
        role: Role = "system" if kind == "event" else roles[speaker]
        if role == "system" and kind == "message":
            kind = "event"
        turns.append(Turn(index, speaker, role, text, ts, kind, turn_line))
    return Conversation(conversation_id, tuple(turns), file)


# --- plain text ----------------------------------------------------------------------------

_TEXT_TIME_RE = re.compile(r"^\s*\[(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\]\s*")
_TEXT_EVENT_RE = re.compile(r"^\s*\[([^\[\]]+)\]\s*$")
_TEXT_SPEAKER_RE = re.compile(r"^([^\s:\[\]<>{}][^:\[\]<>{}]{0,39}?)\s*:(?:\s+(.*)|)$")


def _text_time(match: re.Match[str]) -> str:
    hour, minute, second = match.group(1), match.group(2), match.group(3) or "00"
    return f"{int(hour):02d}:{minute}:{second}"


def parse_text(
    text: str, *, file: str, conversation_id: str, agent: str | None, customer: str | None
) -> Conversation:
    raw: list[list[Any]] = []
    # A file whose first turn has an [HH:MM] prefix uses prefixes for its turns: there a
    # line without the prefix continues the previous turn even with a colon in it
    # ("Alasan: iurannya mahal."), unless it names a speaker already seen or a role label.
    timed: bool | None = None
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        ts = None
        body = line
        time_match = _TEXT_TIME_RE.match(line)
        if time_match:
            ts = _text_time(time_match)
            body = line[time_match.end() :]
        event = _TEXT_EVENT_RE.match(body)
        if event:
            raw.append(["system", event.group(1).strip(), ts, "event", number])
            continue
        if timed is None:
            timed = time_match is not None
        turn = _TEXT_SPEAKER_RE.match(body.strip())
        if (
            turn
            and timed
            and time_match is None
            and raw
            and raw[-1][3] != "event"
            and turn.group(1).strip().casefold() not in seen
            and role_from_label(turn.group(1)) is None
        ):
            turn = None  # a continuation line with a colon in it
        if turn and len(turn.group(1).split()) <= 5 and not turn.group(1).isdigit():
            seen.add(turn.group(1).strip().casefold())
            raw.append(
                [turn.group(1).strip(), (turn.group(2) or "").strip(), ts, "message", number]
            )
            continue
        if not raw or raw[-1][3] == "event":
            raise ToneInputError(
                "expected a turn 'SPEAKER: text' or an event '[...]'", file=file, line=number
            )
        raw[-1][1] = (raw[-1][1] + "\n" + body.strip()).strip()
    if not raw:
        raise ToneInputError("empty file: no turns found", file=file)
    return _build(
        conversation_id,
        [(r[0], r[1], r[2], r[3], r[4]) for r in raw],
        file=file,
        line=raw[0][4],
        agent=agent,
        customer=customer,
    )


# --- WhatsApp ------------------------------------------------------------------------------

DATE_ORDERS = ("dmy", "mdy", "ymd", "strict")
_TURN_KIND: dict[str, TurnKind] = {
    "message": "message",
    "media": "media",
    "deleted": "media",
    "view_once": "media",
    "call": "event",
    "event": "event",
}


def whatsapp_date_order(text: str) -> whatsapp.DateOrder:
    """How an export writes its dates; ``evidence`` is ``None`` when that is only a guess."""
    return whatsapp.date_order(text.splitlines())


def _whatsapp_roles(
    messages: list[whatsapp.ChatMessage], *, file: str, known_agents: Iterable[str]
) -> dict[str, Role]:
    """Roles the file itself tells: a WhatsApp Business greeting or away message, a known
    agent (a user of the team), the side a file named "WhatsApp Chat with X" was exported by
    (X is the customer), the exporting phone's own "You deleted this message"."""
    spoken = [m for m in messages if m.kind != "event"]
    speakers = list(dict.fromkeys(m.speaker for m in spoken))
    keys = {whatsapp.speaker_key(s): s for s in speakers}
    explicit: dict[str, Role] = {}
    agent_keys = {whatsapp.speaker_key(name) for name in known_agents}
    for key, speaker in keys.items():
        if key in agent_keys:
            explicit[speaker] = "agent"
    for message in messages:
        # iOS writes "This business uses a secure service from Meta…" under the business's name.
        if message.event == "business" and message.speaker in speakers:
            explicit.setdefault(message.speaker, "agent")
    first_said: dict[str, str] = {}
    for message in spoken:
        if message.kind == "message":
            first_said.setdefault(message.speaker, message.text)
        if message.kind == "deleted" and whatsapp.is_exporter_line(message.text):
            explicit.setdefault(message.speaker, "agent")
    for speaker, text in first_said.items():
        if whatsapp.is_business_auto_message(text):
            explicit.setdefault(speaker, "agent")
    partner = whatsapp.chat_partner(file)
    if partner is not None and len(speakers) == 2:
        other = keys.get(whatsapp.speaker_key(partner))
        if other is not None:
            explicit.setdefault(other, "customer")
    if len(set(explicit.values())) > 1 or len(speakers) != 2:
        return explicit
    # Two speakers and one role known: the other has the other role.
    for speaker in speakers:
        if speaker not in explicit and explicit:
            known = next(iter(explicit.values()))
            explicit[speaker] = "customer" if known == "agent" else "agent"
    return explicit


def parse_whatsapp(
    text: str,
    *,
    file: str,
    conversation_id: str,
    agent: str | None,
    customer: str | None,
    date_order: str | None = None,
    known_agents: Iterable[str] = (),
) -> Conversation:
    lines = text.splitlines()
    if date_order in ("dmy", "mdy", "ymd"):
        order: whatsapp.Order = date_order  # type: ignore[assignment]
    else:
        decided = whatsapp.date_order(lines)
        if decided.evidence is None and date_order == "strict":
            raise whatsapp.AmbiguousDateOrder(decided.example, file=file)
        order = decided.order
    messages = list(whatsapp.iter_messages(lines, order=order, file=file))
    if not messages:
        raise ToneInputError("no WhatsApp message lines found", file=file, line=1)
    # Speakers are compared without invisible marks or iOS's "~": --agent "~ Budi" is Budi.
    names = {whatsapp.speaker_key(m.speaker): m.speaker for m in messages if m.speaker}
    agent = names.get(whatsapp.speaker_key(agent), agent) if agent else agent
    customer = names.get(whatsapp.speaker_key(customer), customer) if customer else customer
    explicit = _whatsapp_roles(messages, file=file, known_agents=known_agents)
    raw: list[tuple[str, str, str | None, TurnKind, int | None]] = [
        (m.speaker or "system", m.text, m.timestamp, _TURN_KIND[m.kind], m.line) for m in messages
    ]
    return _build(
        conversation_id,
        raw,
        file=file,
        line=messages[0].line,
        agent=agent,
        customer=customer,
        explicit=explicit,
    )


# --- JSON / JSONL --------------------------------------------------------------------------


def conversation_from_object(
    obj: object,
    *,
    file: str,
    line: int | None,
    agent: str | None,
    customer: str | None,
    default_id: str,
) -> Conversation:
    """Build a conversation from ``{"conversation_id": ..., "turns": [...]}``."""
    if not isinstance(obj, dict):
        raise ToneInputError("expected a JSON object with 'turns'", file=file, line=line)
    turns = obj.get("turns")
    if not isinstance(turns, list):
        raise ToneInputError("missing 'turns' list", file=file, line=line)
    cid = obj.get("conversation_id", obj.get("id", default_id))
    if not isinstance(cid, str | int) or isinstance(cid, bool):
        raise ToneInputError("'conversation_id' must be a string or number", file=file, line=line)
    raw: list[tuple[str, str, str | None, TurnKind, int | None]] = []
    explicit: dict[str, Role] = {}
    for position, turn in enumerate(turns):
        if not isinstance(turn, dict):
            raise ToneInputError(f"turn {position} is not an object", file=file, line=line)
        speaker = turn.get("speaker")
        text = turn.get("text", "")
        if not isinstance(speaker, str) or not speaker.strip():
            raise ToneInputError(f"turn {position} has no 'speaker'", file=file, line=line)
        if not isinstance(text, str):
            raise ToneInputError(f"turn {position}: 'text' must be a string", file=file, line=line)
        ts = turn.get("ts", turn.get("timestamp"))
        label = turn.get("role")
        role = role_from_label(label) if isinstance(label, str) and label.strip() else None
        if role is not None:
            explicit[speaker.strip()] = role
        kind: TurnKind = (
            "event" if speaker.strip().lower() == "system" or role == "system" else "message"
        )
        raw.append((speaker.strip(), text, str(ts) if ts is not None else None, kind, line))
    return _build(
        str(cid), raw, file=file, line=line, agent=agent, customer=customer, explicit=explicit
    )


def parse_json(
    text: str, *, file: str, conversation_id: str, agent: str | None, customer: str | None
) -> list[Conversation]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ToneInputError(f"malformed JSON: {exc.msg}", file=file, line=exc.lineno) from exc
    items = data if isinstance(data, list) else [data]
    conversations = [
        conversation_from_object(
            item,
            file=file,
            line=None,
            agent=agent,
            customer=customer,
            default_id=f"{conversation_id}-{n}" if len(items) > 1 else conversation_id,
        )
        for n, item in enumerate(items, start=1)
    ]
    out: list[Conversation] = []
    for result in _unique(conversations, file):
        if isinstance(result, ToneInputError):
            raise result
        out.append(result)
    return out


def _iter_jsonl(
    lines: Iterable[tuple[int, str]], *, file: str, agent: str | None, customer: str | None
) -> Iterator[Conversation | ToneInputError]:
    for number, line in lines:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ToneInputError(f"malformed JSON line: {exc.msg}", file=file, line=number)
            continue
        try:
            yield conversation_from_object(
                obj,
                file=file,
                line=number,
                agent=agent,
                customer=customer,
                default_id=f"{_stem(file)}-{number}",
            )
        except ToneInputError as error:
            yield error


# --- CSV -----------------------------------------------------------------------------------


MAX_RECORD_LINES = 1000  # a quoted CSV field may span at most this many lines


def _csv_records(
    lines: Iterable[tuple[int, str]],
) -> Iterator[tuple[int, str] | ToneInputError]:
    """Physical lines (with their endings) joined into CSV records: a record is complete when
    its quote characters balance. A quote still open at the end of the file, or after
    ``MAX_RECORD_LINES`` lines, is an error at the line where it opened; reading resumes on
    the next line, so later conversations are not swallowed."""
    source = iter(lines)
    pushback: list[tuple[int, str]] = []

    def take() -> tuple[int, str] | None:
        if pushback:
            return pushback.pop()
        return next(source, None)

    while True:
        first = take()
        if first is None:
            return
        start, text = first
        quotes = text.count('"')
        if quotes % 2 == 0:
            yield start, text
            continue
        consumed = [first]
        while quotes % 2 == 1:
            following = take()
            if following is None or len(consumed) >= MAX_RECORD_LINES:
                if following is not None:
                    consumed.append(following)
                yield ToneInputError(
                    "unterminated quoted field: the quote opened on this line never closes",
                    line=start,
                )
                pushback.extend(reversed(consumed[1:]))
                yield -start, text  # the opening line, negated: its conversation failed
                break
            consumed.append(following)
            quotes += following[1].count('"')
        else:
            yield start, "".join(t for _, t in consumed)


def _iter_csv(
    lines: Iterable[tuple[int, str]], *, file: str, agent: str | None, customer: str | None
) -> Iterator[Conversation | ToneInputError]:
    records = _csv_records(lines)
    first = next(records, None)
    while isinstance(first, ToneInputError):
        first = next(records, None)
    if first is None:
        yield ToneInputError("empty file", file=file)
        return
    header_line = first[1]
    delimiter = max((",", ";", "\t"), key=header_line.count)
    header = [h.strip().lower() for h in next(csv.reader([header_line], delimiter=delimiter))]
    missing = [c for c in ("conversation_id", "speaker", "text") if c not in header]
    if missing:
        yield ToneInputError(
            f"CSV header lacks column(s) {', '.join(missing)}", file=file, line=first[0]
        )
        return
    col = {name: header.index(name) for name in header}
    ts_col = col.get("timestamp", col.get("ts"))
    role_col = col.get("role")
    current: str | None = None
    start_line = 0
    rows: list[tuple[str, str, str | None, TurnKind, int | None]] = []
    explicit: dict[str, Role] = {}
    failed: ToneInputError | None = None
    finished: set[str] = set()
    broken: ToneInputError | None = None

    def flush() -> Conversation | ToneInputError | None:
        if current is None:
            return None
        if failed is not None:
            return failed
        try:
            return _build(
                current,
                rows,
                file=file,
                line=start_line,
                agent=agent,
                customer=customer,
                explicit=explicit,
            )
        except ToneInputError as error:
            return error

    for record in records:
        if isinstance(record, ToneInputError):
            broken = ToneInputError(record.message, file=file, line=record.line)
            continue
        number, text = record
        if number < 0:
            # The raw opening line of a broken record: only its conversation id is used.
            number = -number
        else:
            broken = None
        row = next(csv.reader([text], delimiter=delimiter), [])
        if not row or not any(cell.strip() for cell in row):
            continue
        cid = row[col["conversation_id"]].strip() if len(row) > col["conversation_id"] else ""
        if cid != current:
            result = flush()
            if result is not None:
                yield result
            if current is not None:
                finished.add(current)
            current, start_line, rows, explicit, failed = cid, number, [], {}, None
            if cid in finished:
                failed = ToneInputError(
                    f"rows of conversation {cid!r} are not contiguous", file=file, line=number
                )
        if broken is not None:
            if failed is None:
                failed = broken
            broken = None
            continue
        if failed is not None:
            continue
        if len(row) != len(header):
            failed = ToneInputError(
                f"CSV row has {len(row)} fields, the header has {len(header)}",
                file=file,
                line=number,
            )
            continue
        speaker = row[col["speaker"]].strip()
        if not cid or not speaker:
            failed = ToneInputError(
                "CSV row lacks conversation_id or speaker", file=file, line=number
            )
            continue
        label = row[role_col].strip() if role_col is not None else ""
        role = role_from_label(label) if label else None
        if role is not None:
            explicit[speaker] = role
        ts = row[ts_col].strip() if ts_col is not None and row[ts_col].strip() else None
        kind: TurnKind = "event" if role == "system" or speaker.lower() == "system" else "message"
        rows.append((speaker, row[col["text"]], ts, kind, number))
    result = flush()
    if result is not None:
        yield result


# --- entry points --------------------------------------------------------------------------


def parse(
    source: Source,
    *,
    fmt: str | None = None,
    agent: str | None = None,
    customer: str | None = None,
    name: str | None = None,
    date_order: str | None = None,
    known_agents: Iterable[str] = (),
) -> list[Conversation]:
    """Parse a file path, bytes or text into conversations (roles resolved).

    A ``str`` is taken as a path when it names an existing file and has no newline,
    otherwise as the document itself. Raises ``ToneInputError`` (or ``RoleError``).

    WhatsApp only: ``date_order`` forces "dmy", "mdy" or "ymd"; "strict" raises
    ``AmbiguousDateOrder`` when the file gives no evidence (None guesses). Speakers named
    in ``known_agents`` (the team's users) are agents.
    """
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ToneInputError(
            f"unknown date order {date_order!r}; use one of {', '.join(DATE_ORDERS)}"
        )
    text, file, suffix = _read(source, name)
    if not text.strip():
        raise ToneInputError("empty file: no turns found", file=file)
    if fmt is not None and fmt not in FORMATS:
        raise ToneInputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", file=file)
    chosen = fmt or detect_format(text, suffix)
    cid = _stem(file)
    if chosen == "text":
        return [parse_text(text, file=file, conversation_id=cid, agent=agent, customer=customer)]
    if chosen == "whatsapp":
        return [
            parse_whatsapp(
                text,
                file=file,
                conversation_id=cid,
                agent=agent,
                customer=customer,
                date_order=date_order,
                known_agents=known_agents,
            )
        ]
    if chosen == "json":
        return parse_json(text, file=file, conversation_id=cid, agent=agent, customer=customer)
    numbered = enumerate(text.splitlines(keepends=True), start=1)
    iterator = (
        _iter_jsonl(numbered, file=file, agent=agent, customer=customer)
        if chosen == "jsonl"
        else _iter_csv(numbered, file=file, agent=agent, customer=customer)
    )
    out: list[Conversation] = []
    for item in _unique(iterator, file):
        if isinstance(item, ToneInputError):
            raise item
        out.append(item)
    return out


def _stream_lines(path: Path, file: str) -> Iterator[tuple[int, str] | ToneInputError]:
    with path.open("rb") as handle:
        for number, data in enumerate(handle, start=1):
            if len(data) > MAX_BYTES:
                yield ToneInputError("line over the 50 MB limit", file=file, line=number)
                continue
            if b"\x00" in data:
                yield ToneInputError("binary data (NUL bytes)", file=file, line=number)
                continue
            try:
                text = _decode(data, file, number) if number == 1 else data.decode("utf-8")
            except (ToneInputError, UnicodeDecodeError):
                yield ToneInputError("not UTF-8 text", file=file, line=number)
                continue
            yield number, text  # with its line ending (CSV fields may span lines)


def _unique(
    items: Iterable[Conversation | ToneInputError], file: str
) -> Iterator[Conversation | ToneInputError]:
    """Pass a batch through, reporting (and skipping) a repeated conversation id."""
    first_line: dict[str, int | None] = {}
    for item in items:
        if isinstance(item, Conversation):
            cid = item.conversation_id
            line = item.turns[0].line if item.turns else None
            if cid in first_line:
                where = first_line[cid]
                yield ToneInputError(
                    f"duplicate conversation id {cid!r}"
                    + (f" (first seen on line {where})" if where is not None else "")
                    + "; this one is skipped",
                    file=file,
                    line=line,
                )
                continue
            first_line[cid] = line
        yield item


def is_batch(path: str | os.PathLike[str], fmt: str | None = None) -> bool:
    """Whether a file holds a batch of conversations (JSONL, CSV or a JSON array), judged
    from the format, the suffix or the first 4 KiB; unreadable files count as single."""
    p = Path(path)
    chosen = fmt or _EXTENSIONS.get(p.suffix.lower())
    if chosen in ("jsonl", "csv"):
        return True
    if chosen not in (None, "json"):
        return False
    try:
        with p.open("rb") as handle:
            head = handle.read(4096).decode("utf-8-sig", "replace")
    except OSError:
        return False
    if chosen == "json":
        return head.lstrip().startswith("[")
    try:
        detected = detect_format(head, p.suffix.lower())
    except ValueError:
        return False
    return detected in ("jsonl", "csv") or (detected == "json" and head.lstrip().startswith("["))


def iter_conversations(
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    agent: str | None = None,
    customer: str | None = None,
    name: str | None = None,
) -> Iterator[Conversation | ToneInputError]:
    """Yield conversations (or the error of each bad one) from a file.

    JSONL and CSV are streamed line by line in constant memory, with no overall size
    limit; other formats are parsed whole (50 MB limit) and yield their conversations,
    or a single error.
    """
    file = name or os.fspath(path)
    p = Path(path)
    suffix = p.suffix.lower()
    chosen = fmt or _EXTENSIONS.get(suffix)
    if chosen is None:
        try:
            with p.open("rb") as handle:
                head = handle.read(4096)
        except OSError as exc:
            yield ToneInputError(f"cannot read file: {exc.strerror or exc}", file=file)
            return
        try:
            chosen = detect_format(head.decode("utf-8-sig", "replace"), suffix)
        except ValueError:
            chosen = "text"
    if chosen not in ("jsonl", "csv"):
        try:
            yield from parse(p, fmt=chosen, agent=agent, customer=customer, name=file)
        except ToneInputError as error:
            yield error
        return
    try:
        if p.stat().st_size == 0:
            yield ToneInputError("empty file: no turns found", file=file)
            return
    except OSError as exc:
        yield ToneInputError(f"cannot read file: {exc.strerror or exc}", file=file)
        return
    errors: list[ToneInputError] = []

    def good_lines() -> Iterator[tuple[int, str]]:
        for item in _stream_lines(p, file):
            if isinstance(item, ToneInputError):
                errors.append(item)
            else:
                yield item

    inner = (
        _iter_jsonl(good_lines(), file=file, agent=agent, customer=customer)
        if chosen == "jsonl"
        else _iter_csv(good_lines(), file=file, agent=agent, customer=customer)
    )
    for conversation in _unique(inner, file):
        while errors:
            yield errors.pop(0)
        yield conversation
    while errors:
        yield errors.pop(0)
