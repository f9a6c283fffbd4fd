"""Import pages and the API end to end: upload, progress, role mapping, review, dispute."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from karib.service.models import Conversation, Dispute, ImportBatch, Review

from .factories import DATA, agent_user, reviewer_user, service_team

pytestmark = pytest.mark.django_db


def _upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DATA / name).read_bytes())


def test_upload_page_imports_and_maps_speakers(
    team, client_for, django_capture_on_commit_callbacks
):
    # given a reviewer
    lina = reviewer_user(team)
    agent_user(team)
    client = client_for(lina)

    # when she uploads a good file and an ambiguous one
    response = client.post(
        reverse("service:import"),
        {
            "uploads": [_upload("pushy_id.txt"), _upload("ambiguous.txt")],
            "team": team.pk,
            "channel": "phone",
            "product": "credit_card",
        },
    )

    # then she lands on the import page, which asks who the agent is in the ambiguous file
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("service:import-detail", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'id="roles"' in page
    assert "Budi" in page
    assert Conversation.objects.count() == 1

    # when she maps Sinta as the agent (the background task imports it after the commit)
    pending = batch.files.get(name="ambiguous.txt")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mapped = client.post(
            reverse("service:import-map-roles", args=[batch.pk, pending.pk]),
            {f"file{pending.pk}-agent_speaker": "Sinta"},
        )

    # then the file is imported by the task
    assert mapped.status_code == 302
    assert len(callbacks) == 1
    assert Conversation.objects.count() == 2
    assert Conversation.objects.get(agent_name="Sinta")


def test_upload_without_files_shows_the_error_next_to_the_field(team, client_for):
    lina = reviewer_user(team)
    response = client_for(lina).post(
        reverse("service:import"), {"team": team.pk, "channel": "phone", "product": "loan"}
    )
    assert response.status_code == 422
    assert "field-error" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_progress_fragment_polls_until_done_then_refreshes(team, client_for):
    lina = reviewer_user(team)
    batch = ImportBatch.objects.create(
        team=team, channel="phone", product="loan", created_by=lina, files_total=4, files_done=1
    )
    client = client_for(lina)
    url = reverse("service:import-detail", args=[batch.pk])

    running = client.get(url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in running.content.decode()
    assert 'aria-valuenow="25"' in running.content.decode()
    assert "HX-Refresh" not in running

    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.DONE, files_done=4)
    done = client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
    assert "every 1s" not in done.content.decode()


def test_other_team_cannot_see_an_import(team, client_for):
    lina = reviewer_user(team)
    omar = reviewer_user(service_team("Loans"), username="omar")
    batch = ImportBatch.objects.create(team=team, channel="phone", product="loan", created_by=lina)
    assert (
        client_for(omar).get(reverse("service:import-detail", args=[batch.pk])).status_code == 404
    )
    assert client_for(omar).get(f"/api/conversations/imports/{batch.pk}").status_code == 404


def test_api_import_roles_review_and_dispute_loop(
    team, client_for, django_capture_on_commit_callbacks
):
    agus, lina = agent_user(team), reviewer_user(team)
    reviewer, agent = client_for(lina), client_for(agus)

    # import through the API: one good file, one with ambiguous speakers
    imported = reviewer.post(
        "/api/conversations/import",
        {
            "team": team.pk,
            "channel": "chat",
            "product": "credit_card",
            "files": [_upload("pushy_id.txt"), _upload("ambiguous.txt")],
        },
    )
    assert imported.status_code == 201
    body = imported.json()
    assert body["status"] == "needs_roles"
    pending = next(f for f in body["files"] if f["status"] == "needs_roles")
    assert pending["speakers"] == ["Budi", "Sinta"]

    bad_mapping = reviewer.post(
        f"/api/conversations/imports/{body['id']}/files/{pending['id']}/roles",
        {"agent_speaker": "Eve"},
        content_type="application/json",
    )
    assert bad_mapping.status_code == 422
    assert [(e["code"], e["field"]) for e in bad_mapping.json()["errors"]] == [
        ("invalid", "agent_speaker")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        mapped = reviewer.post(
            f"/api/conversations/imports/{body['id']}/files/{pending['id']}/roles",
            {"agent_speaker": "Budi"},
            content_type="application/json",
        )
    assert mapped.json()["status"] == "pending"  # queued for the background task
    assert reviewer.get(f"/api/conversations/imports/{body['id']}").json()["status"] == "done"

    conversation = Conversation.objects.get(agent=agus)
    review = reviewer.post(
        f"/api/conversations/{conversation.pk}/review",
        {"verdicts": {"push_after_refusal": "agree"}, "qa_score": 30},
        content_type="application/json",
    )
    assert review.status_code == 200
    assert Review.objects.get().qa_score == 30

    out_of_range = reviewer.post(
        f"/api/conversations/{conversation.pk}/review",
        {"qa_score": 130},
        content_type="application/json",
    )
    assert out_of_range.status_code == 422
    assert [e["field"] for e in out_of_range.json()["errors"]] == ["qa_score"]
    assert Review.objects.get().qa_score == 30

    dispute = agent.post(
        f"/api/conversations/{conversation.pk}/dispute",
        {"kind": "dispute", "reason": "The customer asked about offers."},
        content_type="application/json",
    )
    assert dispute.status_code == 201
    answer = reviewer.post(
        f"/api/conversations/disputes/{dispute.json()['id']}/answer",
        {"outcome": "upheld", "note": "Checked: the finding stands."},
        content_type="application/json",
    )
    assert answer.json()["status"] == "answered"
    assert Dispute.objects.get().answered_by == lina

    detail = agent.get(f"/api/conversations/{conversation.pk}").json()
    assert detail["disputes"][0]["answer"] == "Checked: the finding stands."
    assert detail["summary"]["pushes_after_refusal"] == 2


def test_api_import_refused_for_an_agent(team, client_for):
    agus = agent_user(team)
    response = client_for(agus).post(
        "/api/conversations/import",
        {"team": team.pk, "channel": "chat", "product": "loan", "files": [_upload("pushy_id.txt")]},
    )
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()
