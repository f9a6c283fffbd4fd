"""Benchmark of relationship health at scale: full recompute and incremental recompute.

    python bench/health_bench.py                  # SQLite (temporary file), full scale
    python bench/health_bench.py --scale 0.1      # 10k people, 50k interactions, 2k promises
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/karib_health_bench \
        python bench/health_bench.py              # PostgreSQL (the database name must contain
                                                  # "bench"; its people data is replaced)
    python bench/health_bench.py --both           # SQLite, then PostgreSQL from DATABASE_URL

Full scale is 100k people in 5k organizations, 500k interactions, 20k promises (with their
status history), 100k personal facts and 20k attitude changes. Prints:

- full recompute: everyone as of today, first run (writes every current row and a history
  row each) and a second run the same day (nothing changes: the idempotent daily run);
- the daily run the next day (scores move with time);
Wall time and this process's CPU time are printed (on PostgreSQL the server's time is in the
wall time only); on a shared machine the wall time mostly measures the queue for a CPU.

- incremental recompute after 1,000 changes made through the ORM (new interactions with a
  participant, new facts, promise status changes), whose dirty markers the app's signal
  handlers set: the time to recompute the people they touched;
- Today for a rep who sees 2,000 people (at full scale: `bench_sales_0` owns 100
  organizations of about 20 people, with a birthday for one person in ten): refreshing that
  rep's next actions once, then p50/p95 over 30 requests of the Today page and of
  `/api/today`, with the number of queries of one request.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULL = {
    "people": 100_000,
    "interactions": 500_000,
    "promises": 20_000,
    "facts": 100_000,
    "changes": 20_000,
}
BATCH = 5_000
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karib.settings.base")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    import django

    django.setup()


def _generate(scale: float, seed: int, today: datetime.date) -> None:
    from django.contrib.auth.models import Group, User
    from django.db import connection, transaction

    from karib.core.models import Profile, Team
    from karib.core.roles import Role
    from karib.health.models import HealthDirtyPerson, PersonHealth, PersonHealthSnapshot
    from karib.people.models import (
        ImportantDate,
        Interaction,
        Organization,
        Person,
        PersonalFact,
        RelationshipChange,
    )
    from karib.promises.models import Promise, PromiseStatusChange
    from karib.steer.models import NextAction

    rng = random.Random(seed)
    sizes = {name: max(1, int(count * scale)) for name, count in FULL.items()}
    started = time.perf_counter()
    now = datetime.datetime.combine(today, datetime.time(12), tzinfo=JAKARTA)
    with transaction.atomic():
        for model in (
            NextAction,
            ImportantDate,
            HealthDirtyPerson,
            PersonHealthSnapshot,
            PersonHealth,
            PromiseStatusChange,
            Interaction.participants.through,
            Interaction,
            PersonalFact,
            RelationshipChange,
        ):
            model.objects.all().delete()
        Promise.people.through.objects.all().delete()
        Promise.objects.all().delete()
        Person.objects.all().delete()
        Organization.objects.all().delete()
        User.objects.filter(username__startswith="bench_").delete()
        sales = Group.objects.get_or_create(name=Role.SALES.value)[0]
        teams = [Team.objects.get_or_create(name=f"Bench team {i}")[0] for i in range(5)]
        users = []
        for i in range(50):
            user = User.objects.create(username=f"bench_sales_{i}", first_name=f"Sales {i}")
            user.groups.add(sales)
            Profile.objects.create(user=user, team=teams[i % 5])
            users.append(user)
        organizations = Organization.objects.bulk_create(
            [
                Organization(name=f"Instansi {i}", owner=users[i % 50], team=teams[i % 5])
                for i in range(max(1, sizes["people"] // 20))
            ],
            batch_size=BATCH,
        )
        stages = ["stranger", "acquaintance", "customer", "trusted_advisor", "close_friend"]
        attitudes = ["champion", "supporter", "neutral", "skeptic", "blocker"]
        people = []
        for i in range(sizes["people"]):
            organization = rng.choice(organizations)
            refuses = rng.random() < 0.02
            people.append(
                Person(
                    full_name=f"Kontak {i}",
                    organization=organization,
                    owner_id=organization.owner_id,
                    envoy_id=users[(i + 1) % 50].pk if refuses else None,
                    influence=rng.randint(1, 5),
                    attitude=rng.choice(attitudes),
                    stage=rng.choice(stages),
                    refuses_to_meet_owner=refuses,
                    refusal_reason="Janji tidak ditepati" if refuses else "",
                    refusal_since=today - datetime.timedelta(days=rng.randint(10, 600))
                    if refuses
                    else None,
                )
            )
        people = Person.objects.bulk_create(people, batch_size=BATCH)
        ImportantDate.objects.bulk_create(
            [
                ImportantDate(
                    person=person,
                    kind="birthday",
                    month=(today + datetime.timedelta(days=rng.randint(0, 364))).month,
                    day=rng.randint(1, 28),
                    created_by_id=person.owner_id,
                )
                for person in people[::10]
            ],
            batch_size=BATCH,
        )
        PersonalFact.objects.bulk_create(
            [
                PersonalFact(
                    person=person,
                    category="interest",
                    text="Suka wayang",
                    learned_on=today - datetime.timedelta(days=rng.randint(0, 900)),
                    created_by_id=person.owner_id,
                )
                for person in (rng.choice(people) for _ in range(sizes["facts"]))
            ],
            batch_size=BATCH,
        )
        RelationshipChange.objects.bulk_create(
            [
                RelationshipChange(
                    person=person,
                    field="attitude",
                    old_value=rng.choice(attitudes),
                    new_value=person.attitude,
                    changed_on=today - datetime.timedelta(days=rng.randint(0, 700)),
                )
                for person in (rng.choice(people) for _ in range(sizes["changes"]))
            ],
            batch_size=BATCH,
        )
        interactions, participants_of = [], []
        for _ in range(sizes["interactions"]):
            person = rng.choice(people)
            interactions.append(
                Interaction(
                    kind=rng.choice(["meeting", "call", "meal", "site_visit", "message"]),
                    occurred_at=now - datetime.timedelta(hours=rng.randint(0, 20_000)),
                    organization_id=person.organization_id,
                    summary="Rapat",
                    created_by_id=person.owner_id,
                )
            )
            participants_of.append(person.pk)
        interactions = Interaction.objects.bulk_create(interactions, batch_size=BATCH)
        through = Interaction.participants.through
        through.objects.bulk_create(
            [
                through(interaction_id=i.pk, person_id=pid)
                for i, pid in zip(interactions, participants_of, strict=True)
            ],
            batch_size=BATCH,
        )
        promises, promised_to = [], []
        for _ in range(sizes["promises"]):
            person = rng.choice(people)
            made_on = today - datetime.timedelta(days=rng.randint(30, 700))
            due = made_on + datetime.timedelta(days=rng.randint(10, 120))
            status = rng.choice(["open", "kept", "kept", "broken", "at_risk"])
            moved = datetime.datetime.combine(min(due, today), datetime.time(10), tzinfo=JAKARTA)
            promises.append(
                Promise(
                    text="Pelatihan operator",
                    organization_id=person.organization_id,
                    made_by_id=person.owner_id,
                    made_on=made_on,
                    due_date=due,
                    status=status,
                    status_changed_at=moved,
                    kept_on=min(due, today) if status == "kept" else None,
                    broken_at=moved if status == "broken" else None,
                    at_risk_since=moved if status == "at_risk" else None,
                    communication_message="Kabari" if status == "at_risk" else "",
                    communication_due=due if status == "at_risk" else None,
                    communication_owner_id=person.owner_id if status == "at_risk" else None,
                )
            )
            promised_to.append(person.pk)
        promises = Promise.objects.bulk_create(promises, batch_size=BATCH)
        Promise.people.through.objects.bulk_create(
            [
                Promise.people.through(promise_id=p.pk, person_id=pid)
                for p, pid in zip(promises, promised_to, strict=True)
            ],
            batch_size=BATCH,
        )
        history = []
        for promise in promises:
            history.append(
                PromiseStatusChange(
                    promise=promise,
                    to_status="open",
                    changed_at=datetime.datetime.combine(
                        promise.made_on, datetime.time(9), tzinfo=JAKARTA
                    ),
                )
            )
            if promise.status != "open":
                history.append(
                    PromiseStatusChange(
                        promise=promise,
                        from_status="open",
                        to_status=promise.status,
                        changed_at=promise.status_changed_at,
                    )
                )
        PromiseStatusChange.objects.bulk_create(history, batch_size=BATCH)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"generated {sizes['people']:,} people, {sizes['interactions']:,} interactions, "
        f"{sizes['promises']:,} promises, {sizes['facts']:,} facts, "
        f"{sizes['changes']:,} attitude changes in {time.perf_counter() - started:.0f} s"
    )


def _timed(label: str, function, **kwargs):  # type: ignore[no-untyped-def]
    started, cpu = time.perf_counter(), time.process_time()
    result = function(**kwargs)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"  {label:<44} {elapsed:8.1f} s wall, {cpu:6.1f} s CPU here  ({result.people:,} people, "
        f"{result.changed:,} current rows written, {result.snapshots:,} history rows; "
        f"load {_load()})"
    )
    return result


def _changes(count: int, seed: int, today: datetime.date) -> float:
    """Make `count` changes through the ORM (the signal handlers mark people dirty)."""
    from django.db import transaction

    from karib.people.models import Interaction, Person, PersonalFact
    from karib.promises.models import Promise, PromiseStatusChange

    rng = random.Random(seed + 1)
    ids = list(Person.objects.values_list("pk", "organization_id", "owner_id"))
    open_promises = list(Promise.objects.filter(status="open").values_list("pk", flat=True)[:500])
    now = datetime.datetime.combine(today, datetime.time(9), tzinfo=JAKARTA)
    started = time.perf_counter()
    with transaction.atomic():
        for index in range(count):
            pk, organization_id, owner_id = rng.choice(ids)
            kind = index % 10
            if kind < 7:  # a new interaction with one participant
                interaction = Interaction.objects.create(
                    kind="site_visit",
                    occurred_at=now,
                    organization_id=organization_id,
                    summary="Kunjungan",
                    created_by_id=owner_id,
                )
                interaction.participants.add(pk)
            elif kind < 9:  # a new personal fact
                PersonalFact.objects.create(
                    person_id=pk,
                    category="interest",
                    text="Suka kopi",
                    learned_on=today,
                    created_by_id=owner_id,
                )
            elif open_promises:  # a promise kept (marks its organization's people)
                promise = Promise.objects.get(pk=open_promises.pop())
                promise.status, promise.kept_on, promise.status_changed_at = "kept", today, now
                promise.save(update_fields=["status", "kept_on", "status_changed_at"])
                PromiseStatusChange.objects.create(
                    promise=promise, from_status="open", to_status="kept", changed_at=now
                )
    return time.perf_counter() - started


def _percentiles(timings: list[float]) -> str:
    timings = sorted(timings)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return f"p50 {statistics.median(timings):6.1f} ms, p95 {p95:6.1f} ms"


def _count_queries(connection, client, url: str) -> int:  # type: ignore[no-untyped-def]
    """Queries of one request, counted at the driver (a request resets Django's query log)."""
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    return len(queries)


def _today(requests: int) -> None:
    """Today for the rep who owns the most people (`bench_sales_0`, 2,000 at full scale)."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    from karib.people.models import Person
    from karib.steer.services import next_actions_refresh

    rep = User.objects.get(username="bench_sales_0")
    seen = Person.objects.visible_to(rep).count()
    started, cpu = time.perf_counter(), time.process_time()
    report = next_actions_refresh(owner_ids=[rep.pk])
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum keeps them in production (it may be off on a test
        # server): planned with none, the next actions are joined before they are limited.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"  next actions of a rep who sees {seen:,} people  "
        f"{time.perf_counter() - started:8.1f} s wall, {time.process_time() - cpu:6.1f} s CPU "
        f"({report.created:,} created)"
    )
    client = Client(SERVER_NAME="localhost")
    client.force_login(rep)
    for url in ("/today/", "/api/today"):
        response = client.get(url)  # warm (templates, translations, content types)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries = _count_queries(connection, client, url)
        timings, cpu = [], time.process_time()
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        cpu_ms = (time.process_time() - cpu) * 1000 / requests
        print(
            f"  {url:<12} ({seen:,} people) {_percentiles(timings)} wall, "
            f"{cpu_ms:6.1f} ms CPU each, {queries} queries"
        )


def _load() -> str:
    try:
        return " ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "?"


def child(args: argparse.Namespace) -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  (figures as they come)
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from karib.health.models import HealthDirtyPerson
    from karib.health.services import (
        health_recompute,
        health_recompute_dirty,
        health_snapshot_daily,
    )

    database = settings.DATABASES["default"]
    if connection.vendor == "postgresql" and "bench" not in str(database["NAME"]):
        raise SystemExit("Refusing: the PostgreSQL database name must contain 'bench'.")
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    if not args.reuse:
        _generate(args.scale, args.seed, today)
    print(f"{connection.vendor} (scale {args.scale}), load average {_load()}")
    HealthDirtyPerson.objects.all().delete()
    tomorrow = today + datetime.timedelta(days=1)
    if not args.incremental_only:
        _timed("full recompute, first run", health_recompute)
        _timed("full recompute, again the same day", health_recompute)
        _timed("daily run the next day", health_snapshot_daily, on=tomorrow)
    HealthDirtyPerson.objects.all().delete()
    elapsed = _changes(args.changes, args.seed, tomorrow)
    dirty = HealthDirtyPerson.objects.count()
    print(
        f"  {args.changes:,} changes through the ORM (markers set)   {elapsed:8.1f} s   "
        f"({dirty:,} people marked)"
    )
    _timed(
        f"incremental recompute after {args.changes:,} changes", health_recompute_dirty, on=tomorrow
    )
    if not args.no_today:
        _today(args.requests)
    print(f"  load average at the end {_load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100k/500k/20k")
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="measure existing data only")
    parser.add_argument(
        "--incremental-only",
        action="store_true",
        help="with --reuse after a full run: measure only the incremental recompute",
    )
    parser.add_argument("--requests", type=int, default=30, help="timed requests of Today")
    parser.add_argument("--no-today", action="store_true", help="skip the Today timings")
    parser.add_argument("--both", action="store_true", help="SQLite, then DATABASE_URL")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    targets: list[dict[str, str]] = []
    database_url = os.environ.get("DATABASE_URL", "")
    if args.both or not database_url:
        var_dir = os.environ.get("KARIB_BENCH_VAR_DIR") or tempfile.mkdtemp(prefix="karib-bench-")
        targets.append({"DATABASE_URL": "", "KARIB_VAR_DIR": var_dir})
    if database_url:
        targets.append({"DATABASE_URL": database_url})
    for target in targets:
        env = {**os.environ, **target}
        if not env["DATABASE_URL"]:
            env.pop("DATABASE_URL")
        command = [sys.executable, __file__, "--child", *sys.argv[1:]]
        command = [item for item in command if item != "--both"]
        subprocess.run(command, env=env, check=True)  # noqa: S603 - our own script


if __name__ == "__main__":
    main()
