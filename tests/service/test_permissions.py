"""Who sees and changes what: pages, export and API, for every role."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from karib.core.roles import Role
from karib.service.models import Dispute, Review
from tests.factories import UserFactory

from .factories import (
    POLITE_ID,
    PUSHY_ID,
    agent_user,
    conversation_from_text,
    manager_user,
    reviewer_user,
    service_team,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cards, loans = service_team("Cards"), service_team("Loans")
    users = {
        "agus": agent_user(cards),
        "rina": agent_user(cards, username="rina", first_name="Rina"),
        "lina": reviewer_user(cards),
        "hendra": manager_user(cards),
        "omar": reviewer_user(loans, username="omar"),
        "admin": UserFactory(username="root", role=Role.ADMIN),
    }
    conversation = conversation_from_text(PUSHY_ID, team=cards, agent=users["agus"])
    conversation_from_text(POLITE_ID, team=cards, agent=users["rina"])
    return users, conversation


EXPECTED = {"agus": 200, "rina": 404, "lina": 200, "hendra": 200, "omar": 404, "admin": 200}


@pytest.mark.parametrize(("who", "status"), EXPECTED.items())
def test_conversation_page_matrix(world, client_for, who, status):
    users, conversation = world
    response = client_for(users[who]).get(
        reverse("service:conversation-detail", args=[conversation.pk])
    )
    assert response.status_code == status


@pytest.mark.parametrize(("who", "status"), EXPECTED.items())
def test_api_detail_matrix(world, client_for, who, status):
    users, conversation = world
    response = client_for(users[who]).get(f"/api/conversations/{conversation.pk}")
    assert response.status_code == status


def test_anonymous_is_sent_to_login_and_api_says_401(world):
    _users, conversation = world
    page = Client().get(reverse("service:conversation-detail", args=[conversation.pk]))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("login"))
    assert Client().get("/api/conversations/").status_code == 401
    assert Client().get(reverse("service:export")).status_code == 302


@pytest.mark.parametrize(
    ("who", "expected"),
    [("agus", 1), ("rina", 1), ("lina", 2), ("hendra", 2), ("omar", 0), ("admin", 2)],
)
def test_list_export_and_api_are_scoped_alike(world, client_for, who, expected):
    users, _conversation = world
    client = client_for(users[who])
    page = client.get(reverse("service:index"))
    export = b"".join(client.get(reverse("service:export")).streaming_content).decode()
    api = client.get("/api/conversations/").json()
    assert page.context["page"].paginator.count == expected
    assert len(export.strip().splitlines()) == expected + 1
    assert api["count"] == expected


def test_search_is_scoped(world, client_for):
    users, conversation = world
    # given both transcripts contain "Agus" (Rina's is a copy of a call Agus once had)
    # when Rina and the reviewer search for it
    own = client_for(users["rina"]).get(reverse("service:index"), {"q": "Agus"})
    team = client_for(users["lina"]).get(reverse("service:index"), {"q": "Agus"})

    # then Rina finds only her own conversation, the reviewer both
    found = list(own.context["page"])
    assert len(found) == 1
    assert found[0].agent == users["rina"]
    assert conversation.pk not in [c.pk for c in found]
    assert team.context["page"].paginator.count == 2


def test_agent_cannot_review_and_nothing_changes(world, client_for):
    users, conversation = world
    response = client_for(users["agus"]).post(
        reverse("service:review", args=[conversation.pk]), {"qa_score": "100"}
    )
    api = client_for(users["agus"]).post(
        f"/api/conversations/{conversation.pk}/review",
        {"qa_score": 100},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert api.status_code == 403
    assert not Review.objects.exists()


def test_reviewer_of_another_team_gets_404_on_review_and_nothing_changes(world, client_for):
    users, conversation = world
    response = client_for(users["omar"]).post(
        reverse("service:review", args=[conversation.pk]), {"qa_score": "100"}
    )
    assert response.status_code == 404
    assert not Review.objects.exists()


def test_only_the_agent_disputes(world, client_for):
    users, conversation = world
    for who in ("rina", "lina"):
        response = client_for(users[who]).post(
            reverse("service:dispute", args=[conversation.pk]),
            {"kind": "dispute", "reason": "not me"},
        )
        assert response.status_code in (403, 404)
    assert not Dispute.objects.exists()


def test_agent_cannot_open_the_import_or_team_pages(world, client_for):
    users, _conversation = world
    client = client_for(users["agus"])
    assert client.get(reverse("service:import")).status_code == 403
    assert client.get(reverse("service:team")).status_code == 404
    assert client.get(reverse("service:scorecard", args=[users["rina"].pk])).status_code == 404
    assert client.get(reverse("service:my-scorecard")).status_code == 200


def test_manager_sees_team_and_each_agent_scorecard(world, client_for):
    users, _conversation = world
    client = client_for(users["hendra"])
    assert client.get(reverse("service:team")).status_code == 200
    assert client.get(reverse("service:scorecard", args=[users["rina"].pk])).status_code == 200
    assert (
        client_for(users["omar"])
        .get(reverse("service:scorecard", args=[users["rina"].pk]))
        .status_code
        == 404
    )


def test_delete_by_agent_is_refused_and_by_reviewer_audited(world, client_for):
    from karib.core.models import AuditEvent
    from karib.service.models import Conversation

    users, conversation = world
    denied = client_for(users["agus"]).post(
        reverse("service:conversation-delete", args=[conversation.pk])
    )
    assert denied.status_code == 403
    assert Conversation.objects.filter(pk=conversation.pk).exists()

    done = client_for(users["lina"]).post(
        reverse("service:conversation-delete", args=[conversation.pk])
    )
    assert done.status_code == 302
    assert not Conversation.objects.filter(pk=conversation.pk).exists()
    event = AuditEvent.objects.get(action="delete", object_id=str(conversation.pk))
    assert event.actor == users["lina"]


def test_list_views_do_not_grow_queries_with_rows(world, client_for, django_assert_max_num_queries):
    users, _conversation = world
    team = users["lina"].profile.team
    for _ in range(15):
        conversation_from_text(POLITE_ID, team=team, agent=users["agus"])
    client = client_for(users["lina"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("service:index")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/api/conversations/").status_code == 200


def test_search_finds_words_in_transcripts_within_scope(world, client_for):
    users, conversation = world
    # "platinum" is only said in Agus's pushy call
    found = client_for(users["lina"]).get(reverse("service:index"), {"q": "platinum"})
    hidden = client_for(users["rina"]).get(reverse("service:index"), {"q": "platinum"})
    assert [c.pk for c in found.context["page"]] == [conversation.pk]
    assert hidden.context["page"].paginator.count == 0
