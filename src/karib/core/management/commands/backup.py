"""`karib backup FILE`: the database (SQLite online backup or pg_dump custom format) and the
files under MEDIA_ROOT in one archive. See karib.ops.backup and docs/deploy.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from karib.core.errors import DomainError
from karib.ops.backup import backup_create


class Command(BaseCommand):
    help = "Back the database and uploaded files up into FILE (a .tar.gz archive)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            summary = backup_create(path=file)
        except DomainError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up {summary.rows} rows in {summary.tables} tables and {summary.files} files "
            f"to {summary.path}"
        )
