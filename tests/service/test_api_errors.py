"""One error shape for the conversation API: documented for every operation, answered by
every refusal (`{"errors": [{"code", "field", "message"}]}`)."""

from __future__ import annotations

import pytest

from karib.service.models import Dispute, Review

from .factories import PUSHY_ID, agent_user, conversation_from_text, reviewer_user, service_team

pytestmark = pytest.mark.django_db

PREFIX = "/api/conversations"


def _errors(response) -> list[tuple[str, str | None]]:
    body = response.json()
    assert set(body) == {"errors"}
    for error in body["errors"]:
        assert set(error) == {"code", "field", "message"}
        assert error["message"]
    return [(e["code"], e["field"]) for e in body["errors"]]


def test_every_operation_documents_its_errors_with_the_one_shape(client_for, lina):
    schema = client_for(lina).get("/api/openapi.json").json()
    operations = {
        (method, path): operation
        for path, item in schema["paths"].items()
        if path.startswith(PREFIX)
        for method, operation in item.items()
    }
    assert len(operations) >= 12
    undocumented = []
    for (method, path), operation in operations.items():
        errors = {code: r for code, r in operation["responses"].items() if code.startswith("4")}
        refs = {r["content"]["application/json"]["schema"].get("$ref", "") for r in errors.values()}
        if not errors or refs != {"#/components/schemas/ErrorsOut"}:
            undocumented.append(f"{method.upper()} {path}")
    assert undocumented == []


def test_refusals_answer_the_one_shape(team, lina, client_for):
    # given a conversation of Agus's, an open dispute, and a reviewer of another team
    agus = agent_user(team)
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agus)
    omar = reviewer_user(service_team("Loans"), username="omar")
    reviewer, agent, stranger = client_for(lina), client_for(agus), client_for(omar)
    url = f"{PREFIX}/{conversation.pk}"

    # not found, or not visible: 404
    missing = stranger.get(url)
    # the agent may not review his own conversation: 403
    forbidden = agent.post(f"{url}/review", {"qa_score": 90}, content_type="application/json")
    # a score out of range: 422 on its field
    invalid = reviewer.post(f"{url}/review", {"qa_score": 130}, content_type="application/json")
    # a second open dispute: 409
    agent.post(
        f"{url}/dispute", {"kind": "dispute", "reason": "a"}, content_type="application/json"
    )
    conflict = agent.post(
        f"{url}/dispute", {"kind": "dispute", "reason": "b"}, content_type="application/json"
    )
    # a period the scorecards do not offer: 422
    period = reviewer.get(f"{PREFIX}/scorecards/agents/{agus.pk}", {"days": 7})

    assert (missing.status_code, _errors(missing)) == (404, [("not_found", None)])
    assert (forbidden.status_code, _errors(forbidden)) == (403, [("forbidden", None)])
    assert (invalid.status_code, _errors(invalid)) == (422, [("invalid", "qa_score")])
    assert (conflict.status_code, _errors(conflict)) == (409, [("conflict", "kind")])
    assert (period.status_code, _errors(period)) == (422, [("invalid", "days")])
    assert not Review.objects.exists()
    assert Dispute.objects.count() == 1


def test_error_messages_follow_the_readers_language(team, lina, client_for):
    from karib.core.models import Profile

    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agent_user(team))
    Profile.objects.filter(user=lina).update(language="en")
    english = client_for(lina).post(
        f"{PREFIX}/{conversation.pk}/review", {"qa_score": 130}, content_type="application/json"
    )
    Profile.objects.filter(user=lina).update(language="id")
    indonesian = client_for(lina).post(
        f"{PREFIX}/{conversation.pk}/review", {"qa_score": 130}, content_type="application/json"
    )
    assert english.json()["errors"][0]["message"] == "The score is between 0 and 100."
    assert indonesian.json()["errors"][0]["message"] == "Skor berada di antara 0 dan 100."
