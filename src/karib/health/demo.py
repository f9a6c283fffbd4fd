"""The first story told through health: the official's score is low in September 2024 (he
refuses to meet the owner, a promise was broken silently, his attitude turned to blocker), rises
after the envoy's site visit and breakfast in Denpasar, and is high today.

Runs after the other apps: it backfills the daily history of every demo person from August 2024
(a row only where a score changes) so the trend chart shows the story. Idempotent: history is
backfilled once; later runs only recompute today.
"""

from __future__ import annotations

import datetime

from karib.demo.context import DemoContext
from karib.people.models import Person

from .models import PersonHealthSnapshot
from .services import health_backfill, health_recompute

HISTORY_FROM = datetime.date(2024, 8, 1)


def load(context: DemoContext) -> None:
    official = context.objects.get("official")
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    if (
        isinstance(official, Person)
        and not PersonHealthSnapshot.objects.filter(
            person=official, on__lt=datetime.date(2025, 1, 1)
        ).exists()
    ):
        result = health_backfill(person_ids=ids, start=HISTORY_FROM)
    else:
        result = health_recompute(person_ids=ids)
    context.stdout.write(
        f"health: {result.people} people scored, {result.snapshots} history rows written\n"
    )
