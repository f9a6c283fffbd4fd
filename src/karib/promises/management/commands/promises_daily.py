from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from karib.promises.notifications import promises_daily_sweep
from karib.promises.tasks import promises_daily


class Command(BaseCommand):
    help = (
        "Notify owners and managers of overdue promises and escalate at-risk promises whose "
        "customer was not told in time. Safe to run more than once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the task for the worker instead of running it now.",
        )
        parser.add_argument(
            "--today",
            help="Run as if today were this date (YYYY-MM-DD); default: today in TIME_ZONE.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            if options["today"]:
                raise CommandError("--today cannot be combined with --enqueue.")
            result = promises_daily.enqueue()
            self.stdout.write(f"Enqueued promises_daily as {result.id}.")
            return
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today: {options['today']!r} is not a date (YYYY-MM-DD)."
                ) from None
        report = promises_daily_sweep(today=today)
        self.stdout.write(
            f"{report.today}: {report.overdue} overdue, {report.escalated} escalated, "
            f"{report.notifications} notifications, {report.emails} emails to send."
        )
