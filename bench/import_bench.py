"""Benchmark of the importers: a 200k-message WhatsApp export and a 100k-contact CSV.

    python bench/import_bench.py            # full scale (the contacts import takes minutes)
    python bench/import_bench.py --quick    # 20k messages, 10k contacts

Each stage runs in its own process on generated files, so its peak memory (max RSS) is its
own; the RSS of a bare process that imported Django is printed as the baseline. Stages:

- whatsapp-stream: date order (one pass) and messages (a second pass) read from the file
  line by line, as the chat import does — constant memory in the file size;
- whatsapp-parse: ``karib.tone.parse`` of the whole file (what the conversation import does);
- csv-read: detection and reading of every contact of a Google Contacts CSV;
- csv-import: the whole pipeline into SQLite (dry run, then writes in chunks of 500) for the
  first ``--import-contacts`` contacts of the file (default 2,000: every contact goes through
  the services — validation, audit, search document, dates and facts — twice, so 100k take
  hours; ``--import-contacts 100000`` runs them all).

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


def _setup_django(database: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karib.settings.base")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    import django

    django.setup()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stage(name: str, path: str, database: str) -> dict[str, float]:
    _setup_django(database)
    baseline = _rss_mb()
    started = time.perf_counter()
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
        from karib.people.imports.contacts_csv import open_csv, read_contacts

        opened = open_csv(Path(path).read_bytes())
        count = sum(1 for _ in read_contacts(opened, opened.mapping))
    else:
        from django.contrib.auth.models import User
        from django.core.management import call_command

        from karib.people.imports import Source, contacts_import

        call_command("migrate", verbosity=0)
        user = User.objects.create_superuser("bench_import", "bench@example.com", "x")
        started = time.perf_counter()  # the migrations are not part of the import
        report = contacts_import(
            sources=[Source(name="contacts.csv", raw=Path(path).read_bytes())],
            user=user,
            commit=True,
            chunk_size=500,
        )
        if not report.committed:
            raise SystemExit(f"import failed: {report.file_errors[:3]}")
        count = report.created_count
    elapsed = time.perf_counter() - started
    return {"count": count, "seconds": elapsed, "peak_mb": _rss_mb(), "baseline_mb": baseline}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20k messages, 10k contacts")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--import-contacts", type=int, default=2_000)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(_stage(args.stage, args.file, args.database)))
        return
    messages, contacts = (20_000, 10_000) if args.quick else (200_000, 100_000)
    workdir = Path(tempfile.mkdtemp(prefix="karib-import-bench-"))
    chat, sheet = workdir / "chat.txt", workdir / "contacts.csv"
    _whatsapp(chat, messages, args.seed)
    _contacts(sheet, contacts, args.seed)
    head = workdir / "contacts-head.csv"  # the same generator: the file's first contacts
    _contacts(head, min(args.import_contacts, contacts), args.seed)
    print(
        f"files: {chat.stat().st_size / 1e6:.1f} MB chat ({messages:,} messages), "
        f"{sheet.stat().st_size / 1e6:.1f} MB CSV ({contacts:,} contacts)"
    )
    stages = [
        ("whatsapp-stream", chat, "messages"),
        ("whatsapp-parse", chat, "turns"),
        ("csv-read", sheet, "contacts"),
        ("csv-import", head, "contacts"),
    ]
    for name, path, unit in stages:
        database = workdir / f"{name}.sqlite3"
        output = subprocess.run(  # noqa: S603 (this script, with paths it made)
            [
                sys.executable,
                __file__,
                "--stage",
                name,
                "--file",
                str(path),
                "--database",
                str(database),
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        rate = figures["count"] / figures["seconds"] if figures["seconds"] else 0
        print(
            f"{name:16s} {int(figures['count']):>8,} {unit:9s} {figures['seconds']:7.1f} s "
            f"{rate:>9,.0f} {unit}/s  peak RSS {figures['peak_mb']:6.0f} MB "
            f"(process baseline {figures['baseline_mb']:.0f} MB)"
        )


if __name__ == "__main__":
    main()
