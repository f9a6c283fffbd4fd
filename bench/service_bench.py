"""Import and analyse 10,000 generated conversations through the service app; print the
throughput (conversations/s), wall and CPU time, the peak memory and the machine's load.

    .venv/bin/python bench/service_bench.py              # 10,000 conversations in 10 JSONL files
    .venv/bin/python bench/service_bench.py --scale 0.05 # a quick run (500)
    .venv/bin/python bench/service_bench.py --files 1 --scale 4   # one 40,000-conversation file
    .venv/bin/python bench/service_bench.py --processes 1         # analysis in the process
    DATABASE_URL=postgres://... .venv/bin/python bench/service_bench.py

Without DATABASE_URL it uses a throwaway SQLite database in a temporary directory. The files
are generated to disk and uploaded as open files (copied to the file storage in chunks), so
the peak RSS is the import's own. The import runs exactly what the background task runs
(`import_batch_run`), file by file, each file in one transaction; large files are analysed by
a pool of worker processes (one per CPU unless `--processes`), whose CPU time and peak RSS
are printed too, and on PostgreSQL the CPU time of the server process that served the import
(when it runs on this machine). The projected rate is what that CPU time allows on this
machine's CPUs when idle: the importing process is serial, the rest shares the CPUs with it.
Compare the peak RSS at two file sizes (`--files 1 --scale 1` and `--scale 4`)
for the constant-memory claim.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

OFFERS_ID = [
    "Kalau Bapak berkenan, kami bisa bebaskan iuran tahunan untuk tahun ini.",
    "Kami juga bisa kasih cashback 10% untuk transaksi bulan depan.",
    "Upgrade ke kartu platinum gratis, pikirkan lagi.",
]
OFFERS_EN = [
    "We could waive your annual fee this year. Would that help?",
    "We can give you a 30% cashback for three months.",
    "Think again, this is your last chance for the upgrade.",
]


def conversation(number: int, rng: random.Random, agents: list[str]) -> dict[str, object]:
    """One synthetic conversation: Indonesian or English, polite or pushy, with or without
    a courteous closure, sometimes cut off."""
    agent = agents[number % len(agents)]
    english = rng.random() < 0.35
    pushes = rng.choice([0, 0, 0, 1, 2])
    closes = rng.random() < 0.75
    turns = []

    def say(role: str, text: str) -> None:
        speaker = agent if role == "agent" else "Nasabah"
        turns.append({"speaker": speaker, "role": role, "text": text})

    if english:
        say("agent", f"Good morning, thank you for calling, this is {agent}. How can I help?")
        say("customer", f"Hi, I'd like to close my credit card number {number}, please.")
        say("agent", OFFERS_EN[0])
        say("customer", "No thanks, please close it.")
        for push in range(pushes):
            say("agent", OFFERS_EN[1 + push % 2])
            say("customer", "I said no. Please just cancel it.")
        if closes:
            say("agent", "Of course. It is closed. Thank you for being with us, have a good day.")
        else:
            say("agent", "Fine. Done.")
            if rng.random() < 0.5:
                say("customer", "Can I get a confirmation email?")
    else:
        say("agent", f"Selamat pagi, dengan {agent}. Ada yang bisa saya bantu, Bapak?")
        say("customer", f"Saya mau tutup kartu kredit nomor {number}, sudah tidak dipakai.")
        say("agent", OFFERS_ID[0])
        say("customer", "Tidak, terima kasih. Saya tetap mau tutup.")
        for push in range(pushes):
            say("agent", OFFERS_ID[1 + push % 2])
            say("customer", "Tidak. Tutup saja.")
        if closes:
            say("agent", "Baik Bapak, kartu sudah kami tutup. Terima kasih, selamat beraktivitas.")
        else:
            say("agent", "Ya sudah, terserah. Kartu ditutup.")
            if rng.random() < 0.5:
                say("customer", "Oke, terima kasih ya Mas—")
    return {
        "conversation_id": f"BENCH-{number:06d}",
        "channel": rng.choice(["phone", "chat", "whatsapp"]),
        "product": "credit_card",
        "started_at": f"2026-{1 + number % 11:02d}-{1 + number % 28:02d}T10:00:00+07:00",
        "turns": turns,
    }


def write_files(
    directory: Path, total: int, files: int, seed: int, agents: list[str]
) -> list[Path]:
    """The JSONL files, written line by line (never held in memory)."""
    rng = random.Random(seed)
    per_file = -(-total // files)
    paths = []
    for index in range(files):
        numbers = range(index * per_file, min(total, (index + 1) * per_file))
        if not numbers:
            break
        path = directory / f"bench-{index:02d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for number in numbers:
                handle.write(json.dumps(conversation(number, rng, agents), ensure_ascii=False))
                handle.write("\n")
        paths.append(path)
    return paths


def _proc_figures(pid: int) -> tuple[float, int]:
    """CPU seconds and peak RSS (KB) of a live process, from /proc (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK")
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    peak = 0
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    return cpu, peak


def watch_workers(figures: dict[str, float]) -> None:
    """Record the analysis workers' CPU time and largest peak RSS just before the pool
    closes (they are the forkserver's children, not this process's)."""
    from karib.service.imports import engine_work

    close = engine_work.AnalysisPool.close

    def closing(pool: engine_work.AnalysisPool) -> None:
        for process in list(pool._executor._processes.values()):
            try:
                cpu, peak = _proc_figures(process.pid)
            except OSError:
                continue
            figures["cpu"] += cpu
            figures["peak_kb"] = max(figures["peak_kb"], peak)
            figures["workers"] += 1
        close(pool)

    engine_work.AnalysisPool.close = closing  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 10,000 to run")
    parser.add_argument("--files", type=int, default=10, help="number of JSONL files")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--processes", type=int, default=0, help="analysis workers (0: one per CPU, 1: none)"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the import, print top")
    args = parser.parse_args(argv)
    total = max(1, round(10_000 * args.scale))

    workdir = Path(tempfile.mkdtemp(prefix="karib-service-bench-"))
    os.environ.setdefault("KARIB_VAR_DIR", str(workdir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "karib.settings.base")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from karib.core.models import Profile, Team
    from karib.core.roles import Role
    from karib.service import services
    from karib.service.imports import engine_work
    from karib.service.models import Conversation

    settings.KARIB_IMPORT_PROCESSES = args.processes or engine_work.default_processes()
    workers = {"cpu": 0.0, "peak_kb": 0, "workers": 0}
    watch_workers(workers)

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    team, _ = Team.objects.get_or_create(name="Bench cards")
    agents = ["Agus", "Rina", "Yoga", "Fitri"]
    group = Group.objects.get(name=Role.SERVICE_AGENT.value)
    for name in agents:
        user, _ = User.objects.get_or_create(username=f"bench-{name.lower()}", first_name=name)
        user.groups.add(group)
        Profile.objects.update_or_create(user=user, defaults={"team": team})
    reviewer, _ = User.objects.get_or_create(username="bench-reviewer")
    reviewer.groups.add(Group.objects.get(name=Role.QA_REVIEWER.value))
    Profile.objects.update_or_create(user=reviewer, defaults={"team": team})
    setup_seconds = time.perf_counter() - started

    started = time.perf_counter()
    paths = write_files(workdir, total, args.files, args.seed, agents)
    generate_seconds = time.perf_counter() - started
    size_mb = sum(p.stat().st_size for p in paths) / 1_048_576
    largest_mb = max(p.stat().st_size for p in paths) / 1_048_576

    backend = _database_backend_pid()
    backend_before = _cpu_of(backend)
    load_before = os.getloadavg()
    cpu_before = time.process_time()
    started = time.perf_counter()
    handles = [p.open("rb") for p in paths]
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="credit_card",
        files=[services.UploadedFile(p.name, h) for p, h in zip(paths, handles, strict=True)],
        by=reviewer,
    )
    for handle in handles:
        handle.close()
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    if profiler is not None:
        profiler.enable()
    batch = services.import_batch_run(batch_id=batch.pk)
    if profiler is not None:
        profiler.disable()
    import_seconds = time.perf_counter() - started
    import_cpu = time.process_time() - cpu_before
    load_after = os.getloadavg()
    backend_cpu = _cpu_of(backend) - backend_before

    first = conversation(0, random.Random(args.seed), agents)
    again = services.import_batch_create(
        team=team,
        channel="phone",
        product="credit_card",
        files=[services.UploadedFile("again.jsonl", json.dumps(first).encode())],
        by=reviewer,
    )
    again = services.import_batch_run(batch_id=again.pk)
    flagged = Conversation.objects.filter(analysis__breaks_playbook=True).count()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]

    print(
        f"service bench: {total:,} conversations in {len(paths)} JSONL file(s) "
        f"({size_mb:.1f} MB, largest {largest_mb:.1f} MB), database {engine}, "
        f"{os.cpu_count()} CPUs, analysis workers {workers['workers'] or 'none (in process)'}"
    )
    print(f"  load (uptime 1/5/15 min)  before {_load(load_before)}, after {_load(load_after)}")
    print(f"  setup (migrate)          {setup_seconds:8.2f} s")
    print(f"  generate (to disk)       {generate_seconds:8.2f} s")
    rate = total / import_seconds
    print(f"  import + analyse + store {import_seconds:8.2f} s wall  ({rate:,.0f} conversations/s)")
    print(
        f"  CPU time                 {import_cpu:8.2f} s importing process"
        f" + {workers['cpu']:.2f} s analysis workers"
        + (f" + {backend_cpu:.2f} s database server" if backend is not None else "")
    )
    cpus = engine_work.default_processes()
    total_cpu = import_cpu + workers["cpu"] + backend_cpu
    # The import's parts run at once: the importing process (serial) and the workers (and a
    # PostgreSQL backend) share the CPUs, so the fastest wall time their CPU time allows is
    # the larger of the serial part and the whole divided over the CPUs.
    bound = max(import_cpu, total_cpu / cpus)
    print(
        f"  CPU per conversation     {total_cpu / total * 1000:8.2f} ms"
        f" ({import_cpu / total * 1000:.2f} ms importing process)"
    )
    print(
        f"  projected from CPU time  {total / bound:8,.0f} conversations/s on {cpus} idle CPU(s)"
        f" (bound by the {'importing process' if bound == import_cpu else 'CPUs'})"
    )
    print(
        f"  imported {batch.imported_count:,}, duplicates {batch.duplicate_count}, "
        f"files rejected {batch.failed_count}"
    )
    print(f"  re-import of one: duplicates {again.duplicate_count} (dedupe)")
    print(f"  breaking the playbook    {flagged:,} ({flagged / max(1, batch.imported_count):.0%})")
    print(f"  peak RSS importing proc. {peak_kb / 1024:8.1f} MB")
    if workers["workers"]:
        print(f"  peak RSS of a worker     {workers['peak_kb'] / 1024:8.1f} MB")
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    ok = batch.imported_count == total and again.duplicate_count == 1
    return 0 if ok else 1


def _database_backend_pid() -> int | None:
    """The PostgreSQL server process serving this connection, when it runs on this machine
    (its CPU time is part of the import's cost); None for SQLite (in the process)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = int(cursor.fetchone()[0])
    return pid if os.path.exists(f"/proc/{pid}/stat") else None


def _cpu_of(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        return _proc_figures(pid)[0]
    except OSError:
        return 0.0


def _load(values: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
