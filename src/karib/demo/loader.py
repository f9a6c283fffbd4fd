"""Load the demo: users for every role, two teams, then each app's part of the story.

Each app contributes `karib.<app>.demo.load(context)`, called in APP_STEPS order. Loading is
idempotent: running it again creates what is missing and changes nothing that exists, so
whatever a user added or edited survives. Demo passwords are random per installation, kept
in var/demo-credentials.json (never in the repository) and printed by `make demo`.
"""

from __future__ import annotations

import importlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction

from karib.core.models import Profile, Team
from karib.core.roles import Role

from .context import DemoContext

APP_STEPS = ("people", "promises", "gifts", "service", "health", "steer")


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    team: str | None
    aliases: str = ""


TEAMS = {
    "government": (
        "Tim Penjualan Instansi Pemerintah",
        "PT Nusantara Integra — public sector sales",
    ),
    "cards": ("Layanan Kartu Kredit — Bank Arunika", "Bank Arunika card-services team"),
}

DEMO_USERS = (
    DemoUser("rudi", "Rudi", "Hartono", Role.SALES, "government"),
    DemoUser("dewi", "Dewi", "Lestari", Role.SALES, "government"),
    DemoUser("budi", "Budi", "Santoso", Role.MANAGER, "government"),
    DemoUser("maya", "Maya", "Putri", Role.COMPLIANCE_OFFICER, "government"),
    DemoUser("hendra", "Hendra", "Wijaya", Role.MANAGER, "cards"),
    DemoUser("lina", "Lina", "Marlina", Role.QA_REVIEWER, "cards"),
    DemoUser("agus", "Agus", "Salim", Role.SERVICE_AGENT, "cards", "Agus, Agent Agus"),
    DemoUser("rina", "Rina", "Kusuma", Role.SERVICE_AGENT, "cards", "Rina"),
    DemoUser("yoga", "Yoga", "Pratama", Role.SERVICE_AGENT, "cards", "Yoga"),
    DemoUser("fitri", "Fitri", "Handayani", Role.SERVICE_AGENT, "cards", "Fitri"),
    DemoUser("admin", "Admin", "Karib", Role.ADMIN, None),
)


def credentials_path() -> Path:
    return Path(settings.VAR_DIR) / "demo-credentials.json"


def _read_credentials(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_credentials(path: Path, credentials: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(credentials, indent=2, sort_keys=True), encoding="utf-8")
    path.chmod(0o600)


def _ensure_users(context: DemoContext, credentials: dict[str, str]) -> dict[str, str]:
    """Create the demo users that are missing; returns the passwords of users created now."""
    created: dict[str, str] = {}
    for key, (name, description) in TEAMS.items():
        team, _ = Team.objects.get_or_create(name=name, defaults={"description": description})
        context.teams[key] = team
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            password = credentials.get(spec.username) or secrets.token_urlsafe(9)
            user = User.objects.create_user(
                username=spec.username,
                password=password,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@demo.karib.invalid",
                is_staff=spec.role == Role.ADMIN,
                is_superuser=spec.role == Role.ADMIN,
            )
            user.groups.add(Group.objects.get(name=spec.role.value))
            created[spec.username] = password
        profile, _ = Profile.objects.get_or_create(user=user)
        if profile.team_id is None and spec.team:
            profile.team = context.teams[spec.team]
            profile.aliases = profile.aliases or spec.aliases
            profile.save(update_fields=["team", "aliases"])
        context.users[spec.username] = user
    return created


def load_demo(*, stdout: Any) -> dict[str, str]:
    """Load (or complete) the demo; returns username → password for the users we know."""
    path = credentials_path()
    credentials = _read_credentials(path)
    context = DemoContext(stdout=stdout)
    with transaction.atomic():
        created = _ensure_users(context, credentials)
        for app in APP_STEPS:
            try:
                module = importlib.import_module(f"karib.{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"karib.{app}.demo":
                    raise
                continue
            module.load(context)
    if created:
        credentials.update(created)
        _write_credentials(path, credentials)
    return {spec.username: credentials.get(spec.username, "") for spec in DEMO_USERS}
