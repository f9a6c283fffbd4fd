"""Run (or enqueue) every app's daily job: the one command a scheduler needs.

    karib manage daily            # run them now, in this process
    karib manage daily --enqueue  # put them on the task queue for `karib worker`

Cron, on one machine: `0 6 * * * cd /srv/karib && .venv/bin/karib manage daily --enqueue`.
Each job is idempotent, so running it twice in a day notifies once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Run or enqueue the daily jobs listed in settings.KARIB_DAILY_TASKS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="queue them for a worker")

    def handle(self, *args: Any, **options: Any) -> None:
        for path in settings.KARIB_DAILY_TASKS:
            task = import_string(path)
            if options["enqueue"]:
                result = task.enqueue()
                self.stdout.write(f"{path}: enqueued ({result.id})")
            else:
                self.stdout.write(f"{path}: {task.call()}")
