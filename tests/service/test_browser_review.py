"""Journey: import a file, open the flagged conversation, agree with a finding, see the
agent's scorecard change."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from karib.core.roles import Role
from karib.service.models import Conversation, Review
from tests.browser_support import login

from .factories import DATA, agent_user, reviewer_user, service_team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _confirmed(page, code: str) -> str:
    return page.locator(
        f'#finding-rates tr[data-code="{code}"] td[data-figure="confirmed"]'
    ).inner_text()


def test_import_review_and_scorecard(live_server, page):
    # given the roles (an earlier transactional test may have flushed the data migration)
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    # and a card-services team with agent Agus and reviewer Lina
    team = service_team()
    agus = agent_user(team)
    reviewer_user(team)
    login(page, live_server, "lina", "secret-pass-123")

    # when Lina imports a call transcript
    page.goto(f"{live_server.url}/conversations/import/")
    page.set_input_files("input[name=uploads]", str(DATA / "pushy_id.txt"))
    page.click("form button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/conversations/import/*/")
    # then the import reports one conversation
    assert page.locator("#imported-count").inner_text() == "1"
    conversation = Conversation.objects.get()
    assert conversation.agent == agus

    # and Agus's scorecard shows the push finding, not yet confirmed
    scorecard = f"{live_server.url}/conversations/scorecard/{agus.pk}/"
    page.goto(scorecard)
    assert page.locator('[data-figure="reviewed"]').inner_text() == "0"
    assert _confirmed(page, "push_after_refusal") == "0"

    # when she opens the flagged conversation from the review queue
    page.goto(f"{live_server.url}/conversations/")
    page.click(f"a[href='/conversations/{conversation.pk}/']")
    page.wait_for_url(f"{live_server.url}/conversations/{conversation.pk}/")
    assert page.locator('#findings article[data-code="push_after_refusal"]').is_visible()
    assert page.locator("mark.m-curt").count() > 0
    # and agrees with the push-after-refusal finding
    page.check("input[name=verdict_push_after_refusal][value=agree]")
    page.fill("input[name=qa_score]", "25")
    with page.expect_response(lambda response: response.url.endswith("/review/")):
        page.click("#review button[type=submit]")
    page.locator("#review .empty").wait_for(state="detached")
    assert Review.objects.get().verdicts == {"push_after_refusal": "agree"}

    # then Agus's scorecard changes: one review, the finding confirmed, the final score counts
    page.goto(scorecard)
    assert page.locator('[data-figure="reviewed"]').inner_text() == "1"
    assert _confirmed(page, "push_after_refusal") == "1"
    assert page.locator('[data-figure="average"]').inner_text() == "25"
