"""Benchmark of the people app at scale: person page, filtered list and search latency.

    python bench/people_bench.py                  # SQLite (temporary file), full scale
    python bench/people_bench.py --scale 0.1      # 10k people, 30k facts, 50k interactions
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/karib_people_bench \
        python bench/people_bench.py --scale 0.1  # PostgreSQL (the database name must
                                                  # contain "bench"; its people data is replaced)
    python bench/people_bench.py --both           # SQLite, then PostgreSQL from DATABASE_URL

Full scale is 100k people, 300k personal facts and 500k interactions, spread over 50 sales
users in 5 teams; requests are made as one sales user through Django's test client, so the
timings include scoping, template rendering and middleware. Prints p50/p95 in milliseconds, for
the person page, each panel it then fetches on its own (in turn), the filtered list and search.
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULL = {"people": 100_000, "facts": 300_000, "interactions": 500_000}
BATCH = 5_000
FIRST = ["Suryo", "Ratna", "Andi", "Yusuf", "Dewi", "Budi", "Sari", "Agus", "Wati", "Hendra"]
LAST = ["Wibowo", "Sari", "Prasetyo", "Hakim", "Lestari", "Santoso", "Putri", "Salim", "Kusuma"]
FACT_TEXTS = [
    "Pencinta wayang, tokoh favorit Bima",
    "Ingin operator daerah dilatih langsung oleh vendor",
    "Suka memancing di akhir pekan",
    "Anaknya kuliah di Bandung",
    "Tidak suka rapat pagi",
    "Penggemar kopi tubruk",
    "Bermain golf setiap Sabtu",
    "Baru pindah rumah ke Depok",
    "Mengoleksi batik tulis",
    "Sedang belajar bahasa Jepang",
]
SUMMARIES = [
    "Kunjungan lapangan ke pusat data regional Denpasar",
    "Rapat evaluasi proyek dan rencana pelatihan operator",
    "Makan siang membahas anggaran tahun depan",
    "Telepon singkat tentang jadwal pengiriman perangkat",
    "Acara peluncuran layanan baru di Jakarta",
]
SEARCHES = ["pelatihan", "memancing", "wayang", "kunjungan Denpasar", "kopi", "Wibowo"]


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karib.settings.base")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    import django

    django.setup()


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94]


def _generate(scale: float, seed: int) -> None:
    from django.contrib.auth.models import Group, User
    from django.db import connection, transaction

    from karib.core.models import Profile, Team
    from karib.core.roles import Role
    from karib.people.models import (
        Interaction,
        Organization,
        Person,
        PersonalFact,
        PersonSearchDocument,
    )
    from karib.people.search import build_document

    rng = random.Random(seed)
    sizes = {name: max(1, int(count * scale)) for name, count in FULL.items()}
    started = time.perf_counter()
    with transaction.atomic():
        PersonSearchDocument.objects.all().delete()
        Interaction.objects.all().delete()
        PersonalFact.objects.all().delete()
        Person.objects.all().delete()
        Organization.objects.all().delete()
        User.objects.filter(username__startswith="bench_").delete()
        sales = Group.objects.get_or_create(name=Role.SALES.value)[0]
        manager_group = Group.objects.get_or_create(name=Role.MANAGER.value)[0]
        teams = [Team.objects.get_or_create(name=f"Bench team {i}")[0] for i in range(5)]
        users = []
        for i in range(50):
            user = User.objects.create(username=f"bench_sales_{i}", first_name=f"Sales {i}")
            user.groups.add(sales)
            Profile.objects.create(user=user, team=teams[i % 5])
            users.append(user)
        manager = User.objects.create(username="bench_manager", first_name="Manager")
        manager.groups.add(manager_group)
        Profile.objects.create(user=manager, team=teams[0])

        organizations = Organization.objects.bulk_create(
            [
                Organization(
                    name=f"Instansi {i}",
                    kind=rng.choice(["government", "state_owned", "private"]),
                    owner=users[i % 50],
                    team=teams[i % 5],
                    city="Jakarta",
                )
                for i in range(max(1, sizes["people"] // 20))
            ],
            batch_size=BATCH,
        )
        stages = [c[0] for c in Person.Stage.choices]
        attitudes = [c[0] for c in Person.Attitude.choices]
        people = []
        for i in range(sizes["people"]):
            organization = rng.choice(organizations)
            people.append(
                Person(
                    full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                    honorific="Bapak",
                    job_title="Kepala Bagian",
                    organization=organization,
                    owner_id=organization.owner_id,
                    influence=rng.randint(1, 5),
                    attitude=rng.choice(attitudes),
                    stage=rng.choice(stages),
                    is_public_official=organization.kind != "private",
                )
            )
        people = Person.objects.bulk_create(people, batch_size=BATCH)
        texts: dict[int, list[str]] = {
            p.pk: [p.full_name, p.job_title, p.organization.name] for p in people
        }
        by_pk = {p.pk: p for p in people}
        today = datetime.date(2026, 1, 1)
        facts = []
        for _ in range(sizes["facts"]):
            person = rng.choice(people)
            text = rng.choice(FACT_TEXTS)
            texts[person.pk].append(text)
            facts.append(
                PersonalFact(
                    person=person,
                    category=rng.choice(["interest", "preference", "family", "dislike"]),
                    text=text,
                    learned_on=today - datetime.timedelta(days=rng.randint(0, 900)),
                    created_by_id=person.owner_id,
                )
            )
        PersonalFact.objects.bulk_create(facts, batch_size=BATCH)
        interactions = []
        participants_of = []
        now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        for _ in range(sizes["interactions"]):
            person = rng.choice(people)
            summary = rng.choice(SUMMARIES)
            texts[person.pk].append(summary)
            interactions.append(
                Interaction(
                    kind=rng.choice(["meeting", "call", "meal", "site_visit"]),
                    occurred_at=now - datetime.timedelta(hours=rng.randint(0, 20_000)),
                    organization_id=person.organization_id,
                    summary=summary,
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
        PersonSearchDocument.objects.bulk_create(
            [
                PersonSearchDocument(
                    person_id=pk,
                    document=build_document(parts),
                    owner_id_copy=by_pk[pk].owner_id,
                    organization_id_copy=by_pk[pk].organization_id,
                )
                for pk, parts in texts.items()
            ],
            batch_size=BATCH,
        )
    with connection.cursor() as cursor:
        # PostgreSQL: autovacuum may be off where this runs; in production it keeps the
        # visibility map current, which the covering indexes' index-only scans rely on (ADR 0015).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    elapsed = time.perf_counter() - started
    print(
        f"generated {sizes['people']:,} people, {sizes['facts']:,} facts, "
        f"{sizes['interactions']:,} interactions in {elapsed:.0f} s"
    )


def _load() -> str:
    """The machine's load averages (1, 5, 15 minutes), to print beside every figure."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def _measure(
    label: str, requests: int, make_url: Callable[[int], str], client: object, **extra: str
) -> None:
    """p50/p95 wall time, this process's CPU time per request (the database server's is not
    included for PostgreSQL) and the queries per request (min-max); `extra`: headers."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples, cpu, queries = [], [], []
    for i in range(requests):
        url = make_url(i)
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url, **extra)  # type: ignore[attr-defined]
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        queries.append(len(captured.captured_queries))
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    p50, p95 = _percentiles(samples[2:])  # the first requests warm caches
    cpu50, _cpu95 = _percentiles(cpu[2:])
    print(
        f"  {label:<16} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   CPU p50 {cpu50:6.1f} ms   "
        f"queries {min(queries[2:])}-{max(queries[2:])}   ({requests} requests, {_load()})",
        flush=True,
    )


def child(args: argparse.Namespace) -> None:
    _setup_django()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from karib.people.models import Person
    from karib.people.panel_views import PERSON_PANELS

    database = settings.DATABASES["default"]
    if connection.vendor == "postgresql" and "bench" not in str(database["NAME"]):
        raise SystemExit("Refusing: the PostgreSQL database name must contain 'bench'.")
    call_command("migrate", verbosity=0)
    if not args.reuse:
        _generate(args.scale, args.seed)
    user = User.objects.get(username="bench_sales_0")
    client = Client()
    client.force_login(user)
    visible = list(Person.objects.visible_to(user).values_list("pk", flat=True)[:2000])
    rng = random.Random(args.seed)
    stages = [c[0] for c in Person.Stage.choices]
    print(
        f"{connection.vendor} (scale {args.scale}); as a sales user who sees {len(visible):,}; "
        f"{_load()}",
        flush=True,
    )
    _measure("person page", args.requests, lambda i: f"/people/{rng.choice(visible)}/", client)
    # The panels the page then fetches on its own (htmx), one after the other in turn.
    panels = [name for name in PERSON_PANELS if name != "audit"]  # the audit log: managers'
    _measure(
        "person panel",
        args.requests,
        lambda i: f"/people/{rng.choice(visible)}/panels/{panels[i % len(panels)]}/",
        client,
        HTTP_HX_REQUEST="true",
    )
    _measure(
        "filtered list",
        args.requests,
        lambda i: f"/people/?stage={stages[i % 5]}&influence={i % 5 + 1}&page={i % 3 + 1}",
        client,
    )
    _measure("search", args.requests, lambda i: f"/people/?q={SEARCHES[i % len(SEARCHES)]}", client)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100k/300k/500k")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="measure existing data only")
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
