"""Benchmark: the ledger's flag annotations (overdue, silent break) on a large ledger.

    .venv/bin/python bench/promises_bench.py [promises]   (default 5000)

Builds a throwaway in-memory SQLite database (or DATABASE_URL), then times the board's
list query with and without the silent-break filter, reliability per organization, and the
daily sweep. Prints one figure per line.
"""

from __future__ import annotations

import datetime
import os
import random
import sys
import time


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karib.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)

    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from karib.core.models import Profile, Team
    from karib.core.roles import Role
    from karib.people.models import Interaction, Organization
    from karib.promises.models import Promise, PromiseStatus
    from karib.promises.notifications import promises_daily_sweep
    from karib.promises.selectors import promise_list, reliability_table

    rng = random.Random(5)
    team = Team.objects.create(name="Bench")
    owner = User.objects.create_user("owner", email="o@example.test")
    owner.groups.add(Group.objects.get(name=Role.SALES.value))
    Profile.objects.create(user=owner, team=team)
    manager = User.objects.create_user("manager", email="m@example.test")
    manager.groups.add(Group.objects.get(name=Role.MANAGER.value))
    Profile.objects.create(user=manager, team=team)
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Org {i}", owner=owner, team=team) for i in range(max(count // 50, 1))
    )
    now = timezone.now()
    today = timezone.localdate()
    statuses = list(PromiseStatus.values)
    promises = []
    for index in range(count):
        status = rng.choice(statuses)
        due = today + datetime.timedelta(days=rng.randint(-400, 120))
        promises.append(
            Promise(
                text=f"Promise {index}",
                organization=rng.choice(organizations),
                made_by=owner,
                made_on=due - datetime.timedelta(days=60),
                due_date=due,
                status=status,
                status_changed_at=now,
                at_risk_since=now - datetime.timedelta(days=rng.randint(10, 300))
                if status in {"at_risk", "broken"}
                else None,
                communication_message="Tell them" if status == "at_risk" else "",
                communication_due=due if status == "at_risk" else None,
                communication_owner=owner if status == "at_risk" else None,
                kept_on=due - datetime.timedelta(days=rng.randint(-5, 5))
                if status == "kept"
                else None,
                broken_at=now - datetime.timedelta(days=rng.randint(1, 9))
                if status == "broken"
                else None,
                customer_agreement="ok" if status == "withdrawn" else "",
            )
        )
    Promise.objects.bulk_create(promises, batch_size=1000)
    Interaction.objects.bulk_create(
        Interaction(
            kind="call",
            occurred_at=now - datetime.timedelta(days=rng.randint(0, 400)),
            organization=rng.choice(organizations),
            summary="call",
            created_by=owner,
        )
        for _ in range(count)
    )

    def timed(label: str, function) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        result = function()
        print(f"{label}: {(time.perf_counter() - start) * 1000:.1f} ms ({result})")

    print(f"promises: {count}, organizations: {len(organizations)}, interactions: {count}")
    timed("board list (500 rows)", lambda: len(list(promise_list(user=manager)[:500])))
    timed(
        "silent breaks (all)",
        lambda: len(list(promise_list(user=manager, filters={"silent_break": True}))),
    )
    timed(
        "overdue (all)",
        lambda: len(list(promise_list(user=manager, filters={"overdue": True}))),
    )
    timed(
        "reliability per organization",
        lambda: len(reliability_table(user=manager, by="organization")),
    )
    timed("daily sweep, first run", lambda: promises_daily_sweep().notifications)
    timed("daily sweep, second run", lambda: promises_daily_sweep().notifications)


if __name__ == "__main__":
    main()
