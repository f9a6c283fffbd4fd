"""Factories and sample transcripts for the service app's tests."""

from __future__ import annotations

import datetime
import itertools
import json
import zoneinfo
from pathlib import Path

from django.contrib.auth.models import User
from django.utils import timezone

from karib import tone
from karib.core.models import Team
from karib.core.roles import Role
from karib.service import services
from karib.service.models import Channel, Conversation, ImportBatch, Product
from tests.factories import TeamFactory, UserFactory

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
_numbers = itertools.count(1)
DATA = Path(__file__).parent / "data"

PUSHY_ID = (DATA / "pushy_id.txt").read_text(encoding="utf-8")

POLITE_ID = (DATA / "polite_id.txt").read_text(encoding="utf-8")

POLITE_EN = (DATA / "polite_en.txt").read_text(encoding="utf-8")

AMBIGUOUS = (DATA / "ambiguous.txt").read_text(encoding="utf-8")


def service_team(name: str = "Cards") -> Team:
    return TeamFactory(name=name)


def agent_user(team: Team, username: str = "agus", first_name: str = "Agus") -> User:
    return UserFactory(
        username=username,
        first_name=first_name,
        last_name="Salim",
        role=Role.SERVICE_AGENT,
        team=team,
    )


def reviewer_user(team: Team, username: str = "lina") -> User:
    return UserFactory(username=username, role=Role.QA_REVIEWER, team=team)


def manager_user(team: Team, username: str = "hendra") -> User:
    return UserFactory(username=username, role=Role.MANAGER, team=team)


def conversation_from_text(
    text: str,
    *,
    team: Team,
    agent: User | None,
    started_at: datetime.datetime | None = None,
    channel: str = Channel.PHONE,
    product: str = Product.CREDIT_CARD,
) -> Conversation:
    """A stored, analysed conversation (bypassing the upload)."""
    number = next(_numbers)
    parsed = tone.parse(text, name=f"conv-{number}.txt")[0]
    transcript = services.transcript_from_engine(parsed)
    conversation = Conversation.objects.create(
        external_id=f"conv-{number}",
        content_hash=f"{services.content_hash(transcript)[:56]}{number:08d}",
        team=team,
        agent=agent,
        agent_name=agent.first_name if agent else "",
        channel=channel,
        product=product,
        started_at=started_at or datetime.datetime(2026, 11, 20, 9, 0, tzinfo=JAKARTA),
        turns=transcript,
        transcript_text=services.transcript_plain_text(transcript),
    )
    services.conversation_analyse(conversation=conversation)
    return conversation


def import_files(by: User, team: Team, files: list[tuple[str, bytes]]) -> ImportBatch:
    """Upload (name, content) pairs and run the import as the page does."""
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="credit_card",
        files=[services.UploadedFile(name, content) for name, content in files],
        by=by,
    )
    return services.import_batch_start(batch=batch)


def jsonl_line(conversation_id: str, agent: str, text: str, customer: str = "Mr Tan") -> str:
    """One JSONL conversation: the agent says `text`, the customer answers "ok"."""
    turns = [
        {"speaker": agent, "role": "agent", "text": text},
        {"speaker": customer, "role": "customer", "text": "ok"},
    ]
    return json.dumps({"conversation_id": conversation_id, "turns": turns}) + "\n"


def days_ago(days: int) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=JAKARTA)
