"""Fixtures of the service app's tests: a card-services team, its reviewer, a known set."""

from __future__ import annotations

import pytest

from karib.service.models import Analysis

from .factories import (
    POLITE_EN,
    POLITE_ID,
    PUSHY_ID,
    agent_user,
    conversation_from_text,
    days_ago,
    reviewer_user,
    service_team,
)


@pytest.fixture
def team(db):
    return service_team()


@pytest.fixture
def lina(team):
    return reviewer_user(team)


@pytest.fixture
def known_set(db):
    """Agus: three conversations in the period with engine scores 20, 80, 90, one old one."""
    team = service_team()
    agus, lina = agent_user(team), reviewer_user(team)
    pushy = conversation_from_text(PUSHY_ID, team=team, agent=agus, started_at=days_ago(20))
    polite = conversation_from_text(POLITE_ID, team=team, agent=agus, started_at=days_ago(10))
    english = conversation_from_text(POLITE_EN, team=team, agent=agus, started_at=days_ago(2))
    old = conversation_from_text(PUSHY_ID, team=team, agent=agus, started_at=days_ago(200))
    for conversation, score in ((pushy, 20), (polite, 80), (english, 90), (old, 0)):
        Analysis.objects.filter(conversation=conversation).update(score=score)
    return team, agus, lina, pushy
