"""Benchmark of the importers: a 200k-message WhatsApp export and a 100k-contact CSV.

    python bench/import_bench.py            # full scale: 200k messages, 100k contacts
    python bench/import_bench.py --quick    # 20k messages, 10k contacts
    python bench/import_bench.py --postgres postgres://postgres@127.0.0.1:5432/karib_contacts_bench

Every stage runs at two file sizes (a quarter and the whole), each in its own process on
generated files, so its peak memory (max RSS) is its own: the same peak at both sizes is
constant memory in the file size. The RSS of the process once Django is set up is printed as
its baseline, the CPU time beside the wall time, and ``uptime``'s load with the figures.

- whatsapp-stream: date order (one pass) and messages (a second pass) read from the file
  line by line, as the chat import does;
- whatsapp-parse: ``karib.tone.parse`` of the whole file (what the conversation import does);
- csv-read: detection and reading of every contact of a Google Contacts CSV (read from its
  path as a stream, as every stage below);
- csv-dry-run: the dry run of the contacts import (every row matched and planned, nothing
  written), on an empty database, its report keeping the rows the web page shows
  (``services.REPORT_ROWS``) and counting the others, as the web import does;
- csv-plan-task: the same dry run as the web import's background task runs it
  (``contact_import_plan_run``: the upload read as a stream from the file storage, where
  another process stored it, the dry run kept as JSON for its page, the count of contacts
  checked updated after each chunk);
- csv-command-json: ``karib manage people_import FILE --dry-run --format json``, its report
  of one row per contact streamed to a sink that only counts the rows;
- csv-import: the import as the background task runs it (its own dry run, then writes in
  chunks of 500 with audit, memberships, dates, facts and search documents), on SQLite and,
  with ``--postgres``, on PostgreSQL (the database is created and dropped by the bench).

The figures depend on the machine's load: run it on a quiet machine to compare.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Suryo", "Ratna", "Andi", "Yusuf", "Dewi", "Budi", "Sari", "Agus", "Wati", "Hendra"]
LAST = ["Wibowo", "Sari", "Prasetyo", "Hakim", "Lestari", "Santoso", "Putri", "Salim", "Kusuma"]
LINES = [
    "Selamat pagi Pak, mohon info jadwal kunjungan",
    "Baik, terima kasih banyak",
    "<Media tidak disertakan>",
    "Pesan ini telah dihapus",
    "Nanti saya kabari lagi ya\nsetelah rapat selesai",
    "Saya suka wayang, apalagi lakon Bima",
]
GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,Birthday,"
    "E-mail 1 - Value,Phone 1 - Value,Address 1 - Formatted,Notes\n"
)


def _whatsapp(path: Path, messages: int, seed: int) -> None:
    rng = random.Random(seed)
    moment = datetime.datetime(2020, 1, 1, 8, 0)  # noqa: DTZ001 (an export's local time)
    with path.open("w", encoding="utf-8") as out:
        out.write("01/01/20 08.00 - Pesan dan panggilan terenkripsi secara end-to-end.\n")
        for index in range(messages):
            moment += datetime.timedelta(minutes=rng.randint(1, 9))
            speaker = "CS Karib" if index % 2 else "Dewi Lestari"
            stamp = moment.strftime("%d/%m/%y %H.%M")
            out.write(f"{stamp} - {speaker}: {rng.choice(LINES)}\n")


def _contacts(path: Path, contacts: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write(GOOGLE_HEADER)
        for index in range(contacts):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            out.write(
                f"{first},,{last} {index},Instansi {index % 500},Kepala Bagian,"
                f"19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)},"
                f"{first.lower()}.{index}@contoh.go.id,0812{index:08d},"
                f'"Jl. Merdeka {index}\nJakarta",catatan {index}\n'
            )


def _setup_django(database: str, media: Path) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["MEDIA_ROOT"] = str(media)  # uploads stored by one stage, read by the next
    if "://" in database:
        os.environ["DATABASE_URL"] = database
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karib.settings.base")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    import django

    django.setup()


def _postgres(url: str, suffix: str, *, drop_only: bool = False) -> str:
    """A fresh database named after ``url``'s with ``suffix``; returns its URL."""
    import psycopg

    base, _slash, name = url.rpartition("/")
    database = f"{name}_{suffix}".replace("-", "_")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}"')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{database}"')
    return f"{base}/{database}"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stage(name: str, path: str, database: str) -> dict[str, float]:
    if name == "csv-plan-task":
        # The upload is stored by another process (as the web server does), so that this
        # process's peak memory is the worker's alone.
        _run_stage("csv-plan-upload", Path(path), database)
    _setup_django(database, Path(path).parent / "media")
    baseline = _rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    if name == "csv-plan-upload":
        return _plan_upload(path, baseline)
    if name == "csv-plan-task":
        return _plan_task(baseline)
    if name == "whatsapp-stream":
        from karib.tone import whatsapp

        with open(path, encoding="utf-8") as handle:
            order = whatsapp.date_order(handle)
        with open(path, encoding="utf-8") as handle:
            count = sum(1 for _ in whatsapp.iter_messages(handle, order=order.order))
    elif name == "whatsapp-parse":
        from karib import tone

        (conversation,) = tone.parse(path, agent="CS Karib")
        count = len(conversation.turns)
    elif name == "csv-read":
        from karib.people.imports import Source
        from karib.people.imports.contacts_csv import open_csv, read_contacts

        opened = open_csv(Source.from_path(Path(path)))
        count = sum(1 for _ in read_contacts(opened, opened.mapping))
    else:
        from django.contrib.auth.models import User
        from django.core.management import call_command

        from karib.people.imports import Source, contacts_import
        from karib.people.imports.services import REPORT_ROWS

        call_command("migrate", verbosity=0)
        user = User.objects.create_superuser("bench_import", "bench@example.com", "x")
        source = Source.from_path(Path(path), name="contacts.csv")
        started, cpu = time.perf_counter(), time.process_time()  # migrations left out
        if name == "csv-command-json":
            return _command_json(path, baseline)
        if name == "csv-dry-run":
            report = contacts_import(
                sources=[source], user=user, commit=False, keep_rows=REPORT_ROWS
            )
            if report.has_errors:
                raise SystemExit(f"dry run failed: {report.file_errors[:3]}")
        else:
            report = contacts_import(
                sources=[source], user=user, commit=True, chunk_size=500, keep_rows=REPORT_ROWS
            )
            if not report.committed:
                raise SystemExit(f"import failed: {report.file_errors[:3]}")
        count = report.created_count
    elapsed, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return {
        "count": count,
        "seconds": elapsed,
        "cpu_seconds": cpu_seconds,
        "peak_mb": _rss_mb(),
        "baseline_mb": baseline,
    }


def _figures(count: int, started: float, cpu: float, baseline: float) -> dict[str, float]:
    return {
        "count": count,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "peak_mb": _rss_mb(),
        "baseline_mb": baseline,
    }


def _plan_upload(path: str, baseline: float) -> dict[str, float]:
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from karib.people.imports.storage import upload_save
    from karib.people.models import ContactImport

    call_command("migrate", verbosity=0)
    user = User.objects.create_superuser("bench_import", "bench@example.com", "x")
    with Path(path).open("rb") as handle:
        stored = upload_save("contacts.csv", handle)
    upload = ContactImport.objects.create(
        created_by=user,
        file_name="contacts.csv",
        upload=stored,
        status=ContactImport.Status.PLAN_QUEUED,
    )
    return _figures(upload.pk, time.perf_counter(), time.process_time(), baseline)


def _plan_task(baseline: float) -> dict[str, float]:
    """The worker's part: the dry run of the upload ``csv-plan-upload`` stored."""
    from karib.people.imports.services import contact_import_plan_run
    from karib.people.models import ContactImport

    pk = ContactImport.objects.get().pk
    started, cpu = time.perf_counter(), time.process_time()
    status = contact_import_plan_run(contact_import_id=pk)
    figures = _figures(0, started, cpu, baseline)
    preview = ContactImport.objects.values_list("preview", flat=True).get(pk=pk)
    if status != ContactImport.Status.PLANNED or preview["has_errors"]:
        raise SystemExit(f"dry run failed: {preview.get('file_errors')}")
    figures["count"] = preview["created"]
    return figures


class _RowCounter:
    """A stdout that counts the report's rows and keeps nothing."""

    def __init__(self) -> None:
        self.rows = 0

    def write(self, text: str) -> None:
        self.rows += text.count('"action": ')

    def flush(self) -> None:
        pass


def _command_json(path: str, baseline: float) -> dict[str, float]:
    from django.core.management import call_command

    sink = _RowCounter()
    started, cpu = time.perf_counter(), time.process_time()
    call_command(
        "people_import",
        path,
        "--dry-run",
        "--owner",
        "bench_import",
        "--format",
        "json",
        stdout=sink,
    )
    return _figures(sink.rows, started, cpu, baseline)


def _load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()  # noqa: S607


def _run_stage(name: str, path: Path, database: str) -> dict[str, float]:
    output = subprocess.run(  # noqa: S603 (this script, with paths it made)
        [sys.executable, __file__, "--stage", name, "--file", str(path), "--database", database],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20k messages, 10k contacts")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", help="also import into PostgreSQL (a server URL + name)")
    parser.add_argument("--only", help="run only the stages whose name starts with this")
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(_stage(args.stage, args.file, args.database)))
        return
    messages, contacts = (20_000, 10_000) if args.quick else (200_000, 100_000)
    workdir = Path(tempfile.mkdtemp(prefix="karib-import-bench-"))
    files: dict[tuple[str, int], Path] = {}
    for size in (messages // 4, messages):
        files["chat", size] = workdir / f"chat-{size}.txt"
        _whatsapp(files["chat", size], size, args.seed)
    for size in (contacts // 4, contacts):
        files["csv", size] = workdir / f"contacts-{size}.csv"
        _contacts(files["csv", size], size, args.seed)
    print(f"load before: {_load()}")
    stages = [
        ("whatsapp-stream", "chat", "messages", "sqlite"),
        ("whatsapp-parse", "chat", "turns", "sqlite"),
        ("csv-read", "csv", "contacts", "sqlite"),
        ("csv-dry-run", "csv", "contacts", "sqlite"),
        ("csv-plan-task", "csv", "contacts", "sqlite"),
        ("csv-command-json", "csv", "contacts", "sqlite"),
        ("csv-import", "csv", "contacts", "sqlite"),
    ]
    if args.postgres:
        stages.append(("csv-import", "csv", "contacts", "postgres"))
    for name, kind, unit, engine in stages:
        if args.only and not name.startswith(args.only):
            continue
        sizes = sorted(size for file_kind, size in files if file_kind == kind)
        for size in sizes:
            path = files[kind, size]
            suffix = f"{name}-{size}"
            if engine == "postgres":
                database = _postgres(args.postgres, suffix)
            else:
                database = str(workdir / f"{suffix}.sqlite3")
            try:
                figures = _run_stage(name, path, database)
            finally:
                if engine == "postgres":
                    _postgres(args.postgres, suffix, drop_only=True)
            rate = figures["count"] / figures["seconds"] if figures["seconds"] else 0
            print(
                f"{name:15s} {engine:8s} {path.stat().st_size / 1e6:6.1f} MB "
                f"{int(figures['count']):>8,} {unit:9s} {figures['seconds']:7.1f} s "
                f"(CPU {figures['cpu_seconds']:6.1f} s) {rate:>8,.0f} {unit}/s  "
                f"peak RSS {figures['peak_mb']:5.0f} MB (baseline {figures['baseline_mb']:.0f} MB)"
            )
            print(f"    load: {_load()}")


if __name__ == "__main__":
    main()
