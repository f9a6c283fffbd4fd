"""Import and analyse 10,000 generated conversations through the service app; print the time
and the peak memory.

    .venv/bin/python bench/service_bench.py              # 10,000 conversations in 10 JSONL files
    .venv/bin/python bench/service_bench.py --scale 0.05 # a quick run (500)
    DATABASE_URL=postgres://... .venv/bin/python bench/service_bench.py

Without DATABASE_URL it uses a throwaway SQLite database in a temporary directory. The import
runs exactly what the background task runs (`import_batch_run`), file by file, each file in
one transaction.
"""

from __future__ import annotations

import argparse
import json
import os
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 10,000 to run")
    parser.add_argument("--files", type=int, default=10, help="number of JSONL files")
    parser.add_argument("--seed", type=int, default=7)
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
    from karib.service.models import Conversation

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

    rng = random.Random(args.seed)
    started = time.perf_counter()
    per_file = -(-total // args.files)
    uploads = []
    for index in range(args.files):
        numbers = range(index * per_file, min(total, (index + 1) * per_file))
        if not numbers:
            break
        lines = [json.dumps(conversation(n, rng, agents), ensure_ascii=False) for n in numbers]
        uploads.append(
            services.UploadedFile(f"bench-{index:02d}.jsonl", ("\n".join(lines) + "\n").encode())
        )
    generate_seconds = time.perf_counter() - started
    size_mb = sum(len(u.content) for u in uploads) / 1_048_576

    started = time.perf_counter()
    batch = services.import_batch_create(
        team=team, channel="phone", product="credit_card", files=uploads, by=reviewer
    )
    del uploads
    batch = services.import_batch_run(batch_id=batch.pk)
    import_seconds = time.perf_counter() - started

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
        f"service bench: {total:,} conversations in {args.files} JSONL files "
        f"({size_mb:.1f} MB), database {engine}"
    )
    print(f"  setup (migrate)          {setup_seconds:8.2f} s")
    print(f"  generate                 {generate_seconds:8.2f} s")
    rate = total / import_seconds
    print(f"  import + analyse + store {import_seconds:8.2f} s  ({rate:,.0f} conversations/s)")
    print(
        f"  imported {batch.imported_count:,}, duplicates {batch.duplicate_count}, "
        f"files rejected {batch.failed_count}"
    )
    print(f"  re-import of one: duplicates {again.duplicate_count} (dedupe)")
    print(f"  breaking the playbook    {flagged:,} ({flagged / max(1, batch.imported_count):.0%})")
    print(f"  peak memory (max RSS)    {peak_kb / 1024:8.1f} MB")
    ok = batch.imported_count == total and again.duplicate_count == 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
