"""What an import does to each contact, and its report (the CLI's JSON is a contract)."""

from __future__ import annotations

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
    rows: list[ContactRow] = field(default_factory=list)
    file_errors: list[tuple[str, str]] = field(default_factory=list)
    committed: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(row.errors for row in self.rows)

    def count(self, action: str) -> int:
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
        return {
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
