"""The demo part of the service app: thirty conversations, the story flagged, idempotent."""

from __future__ import annotations

import io

import pytest

from karib.core.roles import Role
from karib.demo.context import DemoContext
from karib.service import demo
from karib.service.models import Conversation, Dispute, Review
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _context() -> DemoContext:
    context = DemoContext(stdout=io.StringIO())
    team = TeamFactory(name="Layanan Kartu Kredit — Bank Arunika")
    context.teams["cards"] = team
    for username, first_name, role in (
        ("agus", "Agus", Role.SERVICE_AGENT),
        ("rina", "Rina", Role.SERVICE_AGENT),
        ("yoga", "Yoga", Role.SERVICE_AGENT),
        ("fitri", "Fitri", Role.SERVICE_AGENT),
        ("lina", "Lina", Role.QA_REVIEWER),
        ("hendra", "Hendra", Role.MANAGER),
    ):
        context.users[username] = UserFactory(
            username=username, first_name=first_name, role=role, team=team
        )
    return context


def test_demo_loads_the_story_once():
    context = _context()

    demo.load(context)
    demo.load(context)

    assert Conversation.objects.count() == len(demo.CONVERSATIONS) == 30
    story = Conversation.objects.get(external_id="ARN-0001")
    assert story.agent == context.users["agus"]
    summary = story.analysis.summary
    assert summary["pushes_after_refusal"] >= 2
    assert summary["tone_shift"]
    assert summary["customer_cut_off"]
    assert story.analysis.breaks_playbook
    assert Review.objects.count() == 1
    assert Dispute.objects.count() == 1
    languages = set(Conversation.objects.values_list("analysis__language", flat=True))
    assert {"id", "en"} <= languages
