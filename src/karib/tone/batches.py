"""The record formats: JSON, JSONL and CSV (one conversation or a batch of them)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from karib.tone.errors import ToneInputError
from karib.tone.records import Conversation, Role, TurnKind
from karib.tone.roles import role_from_label
from karib.tone.sources import _build, _stem, _unique

JSON_TOO_DEEP = "malformed JSON: nested too deeply"


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
    except RecursionError:
        raise ToneInputError(JSON_TOO_DEEP, file=file) from None
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
        except RecursionError:
            yield ToneInputError(JSON_TOO_DEEP, file=file, line=number)
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


#: The csv module's own limit on one field (131,072 characters), far below the upload limit.
CSV_FIELD_TOO_LONG = f"CSV field over {csv.field_size_limit():,} characters"
# A transcript has a handful of columns; an export with metadata a few dozen.
MAX_CSV_COLUMNS = 500


def _csv_row(text: str, delimiter: str) -> list[str]:
    """The fields of one CSV record; `csv.Error` when a field exceeds the csv module's limit."""
    return next(csv.reader([text], delimiter=delimiter), [])


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
    try:
        header = [h.strip().lower() for h in _csv_row(header_line, delimiter)]
    except csv.Error:
        yield ToneInputError(CSV_FIELD_TOO_LONG, file=file, line=first[0])
        return
    if len(header) > MAX_CSV_COLUMNS:
        yield ToneInputError(
            f"CSV header has {len(header):,} columns, more than {MAX_CSV_COLUMNS}",
            file=file,
            line=first[0],
        )
        return
    missing = [c for c in ("conversation_id", "speaker", "text") if c not in header]
    if missing:
        yield ToneInputError(
            f"CSV header lacks column(s) {', '.join(missing)}", file=file, line=first[0]
        )
        return
    col: dict[str, int] = {}
    for index, name in enumerate(header):
        col.setdefault(name, index)  # the first column of a repeated name, as before
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
        try:
            row = _csv_row(text, delimiter)
        except csv.Error:
            # Its conversation fails like one with a broken record; the row's leading fields
            # (the conversation id) are read from its start.
            broken = ToneInputError(CSV_FIELD_TOO_LONG, file=file, line=number)
            row = _csv_row(text[: csv.field_size_limit()], delimiter)
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
