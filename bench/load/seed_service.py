"""Seed the conversation side of the load data set (run by drive.sh, idempotent): a service
team with four agents and five QA reviewers (bench_qa_1..5), and 1,000 generated
conversations (scale 1.0) imported through the service import, as a team has after a few
weeks. The conversations come from bench/service_bench.py's generator.

    DJANGO_SETTINGS_MODULE=karib.settings.base python bench/load/seed_service.py --scale 0.1
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402

from karib.core.models import Profile, Team  # noqa: E402
from karib.core.roles import Role  # noqa: E402
from karib.service import services  # noqa: E402
from karib.service.models import Conversation  # noqa: E402
from service_bench import conversation  # noqa: E402

AGENTS = ["Agus", "Rina", "Yoga", "Fitri"]
TEAM = "Load cards"


def seed(total: int) -> int:
    team, _ = Team.objects.get_or_create(name=TEAM)
    agents = Group.objects.get(name=Role.SERVICE_AGENT.value)
    for name in AGENTS:
        user, _ = User.objects.get_or_create(username=f"load-{name.lower()}", first_name=name)
        user.groups.add(agents)
        Profile.objects.update_or_create(user=user, defaults={"team": team})
    reviewers = Group.objects.get(name=Role.QA_REVIEWER.value)
    for number in range(1, 6):
        user, created = User.objects.get_or_create(username=f"bench_qa_{number}")
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(reviewers)
        Profile.objects.update_or_create(user=user, defaults={"team": team})
    if Conversation.objects.filter(team=team).exists():
        return 0
    rng = random.Random(11)
    lines = [json.dumps(conversation(n, rng, AGENTS), ensure_ascii=False) for n in range(total)]
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="credit_card",
        files=[services.UploadedFile("load-seed.jsonl", ("\n".join(lines) + "\n").encode())],
        by=User.objects.get(username="bench_qa_1"),
    )
    batch = services.import_batch_run(batch_id=batch.pk)
    return int(batch.imported_count)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 1,000")
    args = parser.parse_args()
    imported = seed(max(10, round(1_000 * args.scale)))
    print(f"service seed: {imported} conversations imported into {TEAM!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
