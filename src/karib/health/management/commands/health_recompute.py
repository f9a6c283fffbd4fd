"""`karib manage health_recompute [--dirty | --backfill-since YYYY-MM-DD]`."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from karib.core.errors import DomainError
from karib.people.models import Person

from ...services import health_backfill, health_recompute, health_recompute_dirty


class Command(BaseCommand):
    help = "Recompute relationship health: everyone (default), the changed people, or history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dirty", action="store_true", help="only people changed since")
        parser.add_argument(
            "--backfill-since", metavar="YYYY-MM-DD", help="rebuild history from this day"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dirty"]:
            result = health_recompute_dirty()
        elif options["backfill_since"]:
            try:
                start = datetime.date.fromisoformat(options["backfill_since"])
            except ValueError:
                raise CommandError(
                    f"--backfill-since: {options['backfill_since']!r} is not a YYYY-MM-DD date"
                ) from None
            ids = list(Person.objects.values_list("pk", flat=True))
            try:
                result = health_backfill(person_ids=ids, start=start)
            except DomainError as error:
                raise CommandError(str(error)) from None
        else:
            result = health_recompute()
        self.stdout.write(
            f"people: {result.people}, changed: {result.changed}, history rows: {result.snapshots}"
        )
