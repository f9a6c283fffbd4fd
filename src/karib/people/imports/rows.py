"""What an import does to each contact, and its report (the CLI's JSON is a contract)."""

from __future__ import annotations

import io
import json
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from karib.people.models import Person

from .vcard import Contact


@dataclass(frozen=True)
class Source:
    """A file to import, by name: its bytes (``raw``), or what opens them as a binary stream
    (``opener``: a path, the file storage), so that it is read in chunks, never whole."""

    name: str
    raw: bytes = b""
    opener: Callable[[], IO[bytes]] | None = None

    def open(self) -> IO[bytes]:
        if self.opener is not None:
            return self.opener()
        return io.BytesIO(self.raw)  # shares ``raw`` (no copy)

    @classmethod
    def from_path(cls, path: Path, name: str | None = None) -> Source:
        return cls(name=str(path) if name is None else name, opener=lambda: path.open("rb"))


@dataclass
class Change:
    """A field the import sets (``kept``: the stored value stays, the file's is worse)."""

    field: str
    old: str
    new: str
    kept: bool = False


@dataclass
class ContactRow:
    file: str
    line: int
    contact: Contact
    action: str = "create"
    errors: list[tuple[str, str]] = field(default_factory=list)
    person: Person | None = None
    changes: list[Change] = field(default_factory=list)
    organization: str = ""
    organization_created: bool = False
    read_errors: int = 0  # how many of ``errors`` come from reading the file
    #: What was left out of the row, or the whole row left out ("left_out"): never an error.
    notices: list[tuple[str, str]] = field(default_factory=list)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class RowSpill:
    """The rows of a report on disk, one JSON line each, as they are added (the command's
    report of a large migration, which shows every row, then takes no memory per row).

    ``unplanned``: a file error stopped the import, so every row shows only its own reading
    errors (what ``pipeline._unplanned`` does to the rows kept in memory)."""

    def __init__(self) -> None:
        self._file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed by close())
        self.unplanned = False

    def append(self, row: ContactRow) -> None:
        errors = [[field, str(message)] for field, message in row.errors]
        notices = [[field, str(message)] for field, message in row.notices]
        item = [
            *(row.file, row.line, row.action, errors, row.read_errors, row.contact.full_name),
            notices,
        ]
        self._file.write(_dumps(item) + "\n")

    def __iter__(self) -> Iterator[tuple[dict[str, Any], str]]:
        """Each row as the JSON report shows it, with the contact's name."""
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            file, number, action, errors, read_errors, name, notices = json.loads(line)
            if self.unplanned and action != "left_out":
                del errors[read_errors:]
                action = "error" if errors else "create"
            item = {
                "file": file,
                "line": number,
                "action": action,
                "errors": [{"field": f, "message": m} for f, m in errors],
                "notices": [{"field": f, "message": m} for f, m in notices],
            }
            yield item, name
        self._file.seek(0, 2)  # back to the end, for rows added later

    def close(self) -> None:
        self._file.close()


@dataclass
class ImportReport:
    """The rows of an import and its file errors.

    With ``keep_rows`` (the web import) only the first ``keep_rows`` rows and the first
    ``keep_rows`` rows with errors are kept, the others only counted: a large file's report then
    takes the same memory whatever its size. Rows are added with ``add`` to be counted.
    """

    rows: list[ContactRow] = field(default_factory=list)
    file_errors: list[tuple[str, str]] = field(default_factory=list)
    committed: bool = False
    keep_rows: int | None = None
    counts: Counter[str] = field(default_factory=Counter)  # action -> rows added with ``add``
    added: int = 0
    error_rows: int = 0  # rows added with errors
    kept_error_rows: int = 0
    spill: RowSpill | None = None

    def add(self, row: ContactRow) -> None:
        self.added += 1
        self.counts[row.action] += 1
        self.error_rows += bool(row.errors)
        if self.spill is not None:
            self.spill.append(row)
            return
        # A row with an error or a notice (something left out) is shown before the others.
        shown = bool(row.errors or row.notices)
        keep = self.keep_rows is None or len(self.rows) < self.keep_rows
        if not keep and shown and self.keep_rows is not None:
            keep = self.kept_error_rows < self.keep_rows
        if keep:
            self.kept_error_rows += shown
            self.rows.append(row)

    @property
    def row_count(self) -> int:
        """How many contacts the files hold (kept or only counted)."""
        return max(self.added, len(self.rows))

    @property
    def omitted_rows(self) -> int:
        if self.spill is not None:
            return 0
        return self.row_count - len(self.rows)

    @property
    def has_errors(self) -> bool:
        if self.file_errors:
            return True
        if self.added:
            return bool(self.error_rows)
        return any(row.errors for row in self.rows)

    def count(self, action: str) -> int:
        if self.added:
            return self.counts[action]
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created_count(self) -> int:
        return self.count("create")

    @property
    def updated_count(self) -> int:
        return self.count("update")

    @property
    def skipped_count(self) -> int:
        return self.count("skip")

    @property
    def left_out_count(self) -> int:
        """Rows left out of the import (no name, e-mail or phone), each reported."""
        return self.count("left_out")

    def json_rows(self, *, contract: bool = False) -> Iterator[tuple[dict[str, Any], str]]:
        """The rows as the JSON report shows them, each with its contact's name.

        ``contract``: as ``people_import --format json`` promises them (issue 13): the keys
        file, line, action, errors only, and a row left out is a "skip" (the page and the text
        report show its notices and say "left out")."""
        for item, name in self._rows():
            if contract:
                item = {key: item[key] for key in ("file", "line", "action", "errors")}
                if item["action"] == "left_out":
                    item["action"] = "skip"
            yield item, name

    def _rows(self) -> Iterator[tuple[dict[str, Any], str]]:
        if self.spill is not None:
            yield from self.spill
            return
        for row in self.rows:
            item = {
                "file": row.file,
                "line": row.line,
                "action": row.action,
                "errors": [{"field": f, "message": str(m)} for f, m in row.errors],
                "notices": [{"field": f, "message": str(m)} for f, m in row.notices],
            }
            yield item, row.contact.full_name

    def _head(self, *, contract: bool = False) -> dict[str, Any]:
        if contract:  # the keys issue 13 names; a row left out is skipped
            skipped = self.count("skip") + self.count("left_out")
            return {
                "created": self.count("create"),
                "updated": self.count("update"),
                "skipped": skipped,
            }
        return {
            "created": self.count("create"),
            "updated": self.count("update"),
            "skipped": self.count("skip"),
            "left_out": self.count("left_out"),
        }

    def _file_errors(self) -> list[dict[str, str]]:
        return [{"file": f, "message": str(m)} for f, m in self.file_errors]

    def to_json(self, *, contract: bool = False) -> dict[str, Any]:
        """The report as the import page keeps it; with ``contract``, as ``karib manage
        people_import --format json`` prints it (issue 13's keys and actions)."""
        data = self._head(contract=contract)
        data["rows"] = [item for item, _name in self.json_rows(contract=contract)]
        data["file_errors"] = self._file_errors()
        if self.omitted_rows:
            data["omitted_rows"] = self.omitted_rows
        return data

    def write_json(self, write: Callable[[str], None]) -> None:
        """The command's report: the same text as ``json.dumps(to_json(contract=True))``,
        written one row at a time (a report of 200k rows is never a list in memory)."""
        head = _dumps(self._head(contract=True))
        write(head[:-1] + ', "rows": [')
        for index, (item, _name) in enumerate(self.json_rows(contract=True)):
            write((", " if index else "") + _dumps(item))
        write('], "file_errors": ' + _dumps(self._file_errors()))
        if self.omitted_rows:
            write(', "omitted_rows": ' + json.dumps(self.omitted_rows))
        write("}")
