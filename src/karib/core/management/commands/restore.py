"""`karib restore FILE [--force] [--migrate]`: put a `karib backup` archive back.

Refuses (and says why) a backup from a newer Karib, a target database with another schema,
a target that holds data (unless --force), and an older backup (unless --migrate)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from karib.core.errors import DomainError
from karib.ops.backup import backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `karib backup` into this installation's database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="replace the data the target database holds"
        )
        parser.add_argument(
            "--migrate", action="store_true", help="restore an older backup, then migrate it"
        )

    def handle(self, *args: Any, file: Path, force: bool, migrate: bool, **options: Any) -> None:
        try:
            counts = backup_restore(path=file, force=force, migrate=migrate)
        except DomainError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {sum(counts.values())} rows in {len(counts)} tables from {file}"
        )
