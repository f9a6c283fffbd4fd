"""Benchmark: generating next actions, and Today for a rep who sees many people.

    .venv/bin/python bench/today_bench.py [people]   (default 2000)

Builds a throwaway database (in-memory SQLite, or DATABASE_URL's test database) with one rep
owning `people` people in organizations of 20, five interactions each, a promise per organization
and an important date per ten people; then times the full refresh of next actions, a second
(idempotent) refresh, and the Today page (HTTP, p50/p95 of 30 requests). Prints one figure a line.
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import time


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karib.settings.test")
    import django

    django.setup()
    from django.db import connection

    # no setup_test_environment(): its template instrumentation would dominate the timing
    connection.creation.create_test_db(verbosity=0)

    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.utils import timezone

    from karib.core.models import Profile, Team
    from karib.core.roles import Role
    from karib.people.models import ImportantDate, Interaction, Organization, Person
    from karib.promises.models import Promise
    from karib.steer.models import NextAction
    from karib.steer.services import next_actions_refresh

    rng = random.Random(15)
    team = Team.objects.create(name="Bench")
    rep = User.objects.create_user("rep", email="rep@example.test")
    rep.groups.add(Group.objects.get(name=Role.SALES.value))
    Profile.objects.create(user=rep, team=team)
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Org {i}", owner=rep, team=team) for i in range(max(count // 20, 1))
    )
    people = Person.objects.bulk_create(
        Person(
            full_name=f"Person {i}",
            organization=organizations[i % len(organizations)],
            owner=rep,
            influence=rng.randint(1, 5),
            stage=rng.choice(["acquaintance", "customer", "trusted_advisor"]),
        )
        for i in range(count)
    )
    now = timezone.now()
    interactions = Interaction.objects.bulk_create(
        Interaction(
            kind="meeting",
            occurred_at=now - datetime.timedelta(days=rng.randint(0, 400)),
            organization=people[i % count].organization,
            summary="Bench",
            created_by=rep,
        )
        for i in range(count * 5)
    )
    through = Interaction.participants.through
    through.objects.bulk_create(
        through(interaction_id=interaction.pk, person_id=people[index % count].pk)
        for index, interaction in enumerate(interactions)
    )
    today = timezone.localdate()
    Promise.objects.bulk_create(
        Promise(
            text=f"Promise {i}",
            organization=organization,
            made_by=rep,
            made_on=today - datetime.timedelta(days=90),
            due_date=today + datetime.timedelta(days=rng.randint(-30, 30)),
            status_changed_at=now,
        )
        for i, organization in enumerate(organizations)
    )
    ImportantDate.objects.bulk_create(
        ImportantDate(
            person=person,
            kind="birthday",
            month=(today + datetime.timedelta(days=rng.randint(0, 365))).month,
            day=rng.randint(1, 28),
            created_by=rep,
        )
        for person in people[::10]
    )

    started = time.perf_counter()
    first = next_actions_refresh()
    print(f"refresh_all_seconds {time.perf_counter() - started:.2f} (created {first.created})")
    started = time.perf_counter()
    second = next_actions_refresh()
    print(
        f"refresh_again_seconds {time.perf_counter() - started:.2f} "
        f"(created {second.created}, updated {second.updated})"
    )
    print(f"open_actions {NextAction.objects.filter(status='open').count()}")

    client = Client(SERVER_NAME="localhost")
    client.force_login(rep)
    client.get("/today/")
    timings = []
    for _ in range(30):
        started = time.perf_counter()
        response = client.get("/today/")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200  # noqa: S101 - a benchmark's sanity check
    timings.sort()
    print(f"today_p50_ms {statistics.median(timings):.1f}")
    print(f"today_p95_ms {timings[int(len(timings) * 0.95) - 1]:.1f}")


if __name__ == "__main__":
    main()
