"""Import contacts from vCard and CSV files (detected by content), for migrations.

    karib manage people_import FILE... [--dry-run] [--owner USER] [--format json]

Prints the same report as the import page; with --format json exactly one object:
{"created", "updated", "skipped", "rows": [{"file", "line", "action", "errors"}],
"file_errors": [{"file", "message"}]}. Nothing is written when a file or a row has an error.
Each file is read from its path as a stream (a vCard card by card), the rows wait in a
temporary file, not in memory, and the report is written one row at a time (a migration of 200k
contacts prints 200k rows).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from karib.people.imports import ImportReport, Source, contacts_import

MAX_FILE_BYTES = 100 * 1024 * 1024


class Command(BaseCommand):
    help = "Import contacts from vCard and CSV files (Google, Outlook, LinkedIn ...)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="show the report, save nothing")
        parser.add_argument(
            "--owner", help="username who owns the new people (default: the first superuser)"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        owner = self._owner(options.get("owner"))
        sources: list[Source] = []
        unreadable: list[tuple[str, str]] = []
        for name in options["files"]:
            path = Path(name)
            try:
                if path.stat().st_size > MAX_FILE_BYTES:
                    unreadable.append((name, _("The file is larger than 100 MB.")))
                    continue
                with path.open("rb"):  # readable: it is read as a stream, never whole
                    sources.append(Source.from_path(path, name=name))
            except OSError:
                unreadable.append((name, _("The file cannot be read.")))
        report = contacts_import(
            sources=sources, user=owner, commit=not options["dry_run"], spill_rows=True
        )
        report.file_errors[:0] = unreadable
        if unreadable:
            report.committed = False
        try:
            if options["format"] == "json":
                report.write_json(lambda text: self.stdout.write(text, ending=""))
                self.stdout.write("")
            else:
                self._print(report, dry_run=options["dry_run"] or report.has_errors)
        finally:
            if report.spill is not None:
                report.spill.close()
        if report.has_errors:
            raise SystemExit(1)

    def _owner(self, username: str | None) -> User:
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(_("No active user “%(name)s”.") % {"name": username})
            return user
        user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError(_("Name the owner of the new people with --owner USER."))
        return user

    def _print(self, report: ImportReport, *, dry_run: bool) -> None:
        for file, message in report.file_errors:
            self.stdout.write(f"{file}: {message}")
        for row, name in report.json_rows():
            detail = "; ".join(
                f"{item['field']}: {item['message']}" if item["field"] else item["message"]
                for item in (*row["errors"], *row["notices"])
            )
            line = f"{row['file']}:{row['line']}\t{row['action']}\t{name or '-'}\t{detail}"
            self.stdout.write(line.rstrip())
        totals = _("created %(c)d, updated %(u)d, skipped %(s)d") % {
            "c": report.count("create"),
            "u": report.count("update"),
            "s": report.count("skip") + report.count("left_out"),
        }
        if report.has_errors:
            message = _("Nothing was imported: %(totals)s would have been done.")
            self.stdout.write(message % {"totals": totals})
        elif dry_run:
            self.stdout.write(_("Dry run, nothing saved: %(totals)s.") % {"totals": totals})
        else:
            self.stdout.write(_("Imported: %(totals)s.") % {"totals": totals})
