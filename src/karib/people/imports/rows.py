"""What an import does to each contact, and its report (the CLI's JSON is a contract)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from karib.people.models import Person

from .vcard import Contact


@dataclass(frozen=True)
class Source:
    name: str
    raw: bytes


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

    def add(self, row: ContactRow) -> None:
        self.added += 1
        self.counts[row.action] += 1
        self.error_rows += bool(row.errors)
        keep = self.keep_rows is None or len(self.rows) < self.keep_rows
        if not keep and row.errors and self.keep_rows is not None:
            keep = self.kept_error_rows < self.keep_rows
        if keep:
            self.kept_error_rows += bool(row.errors)
            self.rows.append(row)

    @property
    def row_count(self) -> int:
        """How many contacts the files hold (kept or only counted)."""
        return max(self.added, len(self.rows))

    @property
    def omitted_rows(self) -> int:
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

    def to_json(self) -> dict[str, Any]:
        """The report of ``karib manage people_import --format json`` (a contract)."""
        data = {
            "created": self.count("create"),
            "updated": self.count("update"),
            "skipped": self.count("skip"),
            "rows": [
                {
                    "file": row.file,
                    "line": row.line,
                    "action": row.action,
                    "errors": [{"field": f, "message": m} for f, m in row.errors],
                }
                for row in self.rows
            ],
            "file_errors": [{"file": f, "message": m} for f, m in self.file_errors],
        }
        if self.omitted_rows:
            data["omitted_rows"] = self.omitted_rows
        return data
