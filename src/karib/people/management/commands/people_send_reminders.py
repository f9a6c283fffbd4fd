"""Enqueue today's important-date reminders (run once a day, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from karib.people.tasks import important_dates_remind


class Command(BaseCommand):
    help = "Enqueue the reminders of birthdays, anniversaries and holidays due soon."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="ISO date to treat as today (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        result = important_dates_remind.enqueue(options.get("date"))
        self.stdout.write(f"enqueued {result.id}")
