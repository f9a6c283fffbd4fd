"""Scorecards on a known set: figures, reviews changing them, the team view."""

from __future__ import annotations

import pytest
from django.urls import reverse

from karib.service import selectors, services

from .factories import (
    POLITE_ID,
    agent_user,
    conversation_from_text,
    days_ago,
    manager_user,
    reviewer_user,
    service_team,
)

pytestmark = pytest.mark.django_db


def test_scorecard_figures_on_a_known_set(known_set):
    _team, agus, lina, pushy = known_set
    period = selectors.Period.last(90)

    # when the manager opens Agus's scorecard for the last 90 days
    card = selectors.agent_scorecard(user=lina, agent=agus, period=period)

    # then the old conversation is outside the period and the figures are exact
    assert card.conversations == 3
    assert card.average_score == pytest.approx(63.3)
    assert card.reviewed == 0
    assert card.flagged == 1
    rates = {rate.code: rate for rate in card.finding_rates}
    assert rates["push_after_refusal"].count == 1
    assert rates["push_after_refusal"].rate == pytest.approx(1 / 3)
    assert rates["playbook_breach"].count == 1
    # "Ya sudah, terserah. Kan sudah saya bilang rugi sendiri." in the pushy call: curt language
    assert rates["curt_language"].count == 1
    assert rates["curt_language"].rate == pytest.approx(1 / 3)
    by_score = {c.pk: c.analysis.score for c in card.worst}
    assert [by_score[c.pk] for c in card.worst] == [20, 80, 90]
    assert card.worst[0].pk == pushy.pk
    assert [c.analysis.score for c in card.best] == [90, 80, 20]
    assert card.best[-1].pk == pushy.pk
    assert sum(p.conversations for p in card.trend) == 3
    assert len(card.trend) == 13  # weekly buckets over 90 days


def test_review_changes_the_scorecard(known_set):
    _team, agus, lina, pushy = known_set
    period = selectors.Period.last(90)

    # when the reviewer agrees with the push, disagrees with the tone shift and scores 50
    services.review_save(
        conversation=pushy,
        verdicts={"push_after_refusal": "agree", "tone_shift": "disagree"},
        comment="",
        qa_score=50,
        by=lina,
    )
    card = selectors.agent_scorecard(user=lina, agent=agus, period=period)

    # then the final QA score replaces the engine score, the disagreed finding no longer counts
    assert card.average_score == pytest.approx(73.3)
    assert card.reviewed == 1
    rates = {rate.code: rate for rate in card.finding_rates}
    assert (rates["push_after_refusal"].count, rates["push_after_refusal"].confirmed) == (1, 1)
    assert rates["tone_shift"].count == 0


def test_team_view_compares_agents(known_set, client_for):
    team, agus, _lina, _pushy = known_set
    rina = agent_user(team, username="rina", first_name="Rina")
    conversation_from_text(POLITE_ID, team=team, agent=rina, started_at=days_ago(5))
    hendra = manager_user(team)

    response = client_for(hendra).get(reverse("service:team"))

    cards = {card.agent.username: card for card in response.context["cards"]}
    assert cards["agus"].conversations == 3
    assert cards["rina"].conversations == 1
    # the team chart: one bar per agent with its figure, and the same figures as text
    html = response.content.decode()
    assert 'id="team-chart"' in html
    assert '<desc id="team-chart-desc">Agus Salim: 63.3; Rina Salim: ' in html
    assert html.count("<rect ") == 2
    agent_page = client_for(hendra).get(reverse("service:scorecard", args=[agus.pk]))
    assert "<polyline" in agent_page.content.decode()


def test_the_api_serves_the_scorecards_the_pages_show(known_set, client_for):
    # given the known set, a second agent and a manager
    team, agus, _lina, _pushy = known_set
    rina = agent_user(team, username="rina", first_name="Rina")
    conversation_from_text(POLITE_ID, team=team, agent=rina, started_at=days_ago(5))
    hendra = manager_user(team)
    client = client_for(hendra)

    # when the manager reads Agus's scorecard and the team view, page and API
    page = client.get(reverse("service:scorecard", args=[agus.pk]), {"days": 90})
    api = client.get(f"/api/conversations/scorecards/agents/{agus.pk}", {"days": 90}).json()
    team_page = client.get(reverse("service:team-detail", args=[team.pk]))
    team_api = client.get(f"/api/conversations/scorecards/teams/{team.pk}").json()

    # then the figures are the same
    card = page.context["card"]
    assert (api["conversations"], api["reviewed"], api["flagged"]) == (
        card.conversations,
        card.reviewed,
        card.flagged,
    )
    assert api["average_score"] == card.average_score
    assert {r["code"]: r["count"] for r in api["finding_rates"]} == {
        r.code: r.count for r in card.finding_rates
    }
    assert api["worst"] == [c.pk for c in card.worst]
    assert len(api["trend"]) == len(card.trend)
    assert [(a["agent"], a["conversations"]) for a in team_api["agents"]] == [
        (c.agent.username, c.conversations) for c in team_page.context["cards"]
    ]


def test_the_scorecard_api_is_scoped_like_the_pages(known_set, client_for):
    team, agus, _lina, _pushy = known_set
    rina = agent_user(team, username="rina", first_name="Rina")
    omar = reviewer_user(service_team("Loans"), username="omar")

    own = client_for(agus).get("/api/conversations/scorecards/me")
    other_agent = client_for(agus).get(f"/api/conversations/scorecards/agents/{rina.pk}")
    agent_team = client_for(agus).get(f"/api/conversations/scorecards/teams/{team.pk}")
    other_team = client_for(omar).get(f"/api/conversations/scorecards/agents/{agus.pk}")

    assert own.status_code == 200
    assert own.json()["conversations"] == 3
    assert other_agent.status_code == agent_team.status_code == other_team.status_code == 404
    assert other_team.json()["errors"][0]["code"] == "not_found"
