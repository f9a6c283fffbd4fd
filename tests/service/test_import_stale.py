"""An import whose worker stopped: shown as stopped without any write by the page, recorded
by the retry or the daily job, retried in the background."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from karib.service import services
from karib.service.models import Conversation, ImportBatch, ImportFile
from karib.service.tasks import import_batches_mark_stale_task

from .factories import DATA, agent_user, reviewer_user, service_team

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _stuck_batch(team, lina, minutes: int) -> ImportBatch:
    agent_user(team)
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="loan",
        files=[services.UploadedFile("three.jsonl", (DATA / "three.jsonl").read_bytes())],
        by=lina,
    )
    ImportFile.objects.filter(batch=batch).update(status=ImportFile.Status.RUNNING)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=minutes),
    )
    return batch


def test_a_stopped_import_stops_polling_without_a_write_and_can_be_retried(
    team, lina, client_for, django_capture_on_commit_callbacks
):
    # given an import whose worker died 11 minutes ago
    batch = _stuck_batch(team, lina, minutes=11)
    client = client_for(lina)

    # when the progress is polled (page and API)
    with CaptureQueriesContext(connection) as queries:
        poll = client.get(reverse("service:import-detail", args=[batch.pk]), HTTP_HX_REQUEST="true")
        api = client.get(f"/api/conversations/imports/{batch.pk}").json()

    # then nothing is written, the poll ends, the page and the API say it stopped
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(WRITES) and "service_" in q["sql"]
    ]
    assert writes == []
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING
    assert "hx-trigger" not in poll.content.decode()
    assert poll["HX-Refresh"] == "true"
    assert api["is_stale"] is True
    page = client.get(reverse("service:import-detail", args=[batch.pk])).content.decode()
    assert 'id="retry"' in page

    # when the reviewer retries
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(reverse("service:import-retry", args=[batch.pk]))

    # then the file is imported in the background
    assert retried.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert Conversation.objects.count() == 3


def test_a_recent_import_keeps_polling(team, lina, client_for):
    batch = _stuck_batch(team, lina, minutes=2)
    poll = client_for(lina).get(
        reverse("service:import-detail", args=[batch.pk]), HTTP_HX_REQUEST="true"
    )
    assert 'hx-trigger="every 1s"' in poll.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING


def test_only_overseers_of_the_team_retry(team, lina, client_for):
    batch = _stuck_batch(team, lina, minutes=11)
    omar = reviewer_user(service_team("Loans"), username="omar")
    agus = User.objects.get(username="agus")  # the team's agent: not an overseer
    assert (
        client_for(omar).post(reverse("service:import-retry", args=[batch.pk])).status_code == 404
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING
    # the agent does not see the import at all
    assert (
        client_for(agus).post(reverse("service:import-retry", args=[batch.pk])).status_code == 404
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING


def test_the_daily_job_records_stopped_imports_and_leaves_running_ones(team, lina):
    # given one import stopped 11 minutes ago and one that made progress 2 minutes ago
    stopped = _stuck_batch(team, lina, minutes=11)
    running = services.import_batch_create(
        team=team,
        channel="phone",
        product="loan",
        files=[services.UploadedFile("a.txt", b"Agus: halo\n")],
        by=lina,
    )
    ImportBatch.objects.filter(pk=running.pk).update(
        status=ImportBatch.Status.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=2),
    )

    # when the daily job runs (twice: it is idempotent)
    first = import_batches_mark_stale_task.call()
    second = import_batches_mark_stale_task.call()

    # then only the stopped one is failed, its file waiting again, the reason stored as a code
    assert (first, second) == (1, 0)
    stopped.refresh_from_db()
    running.refresh_from_db()
    assert stopped.status == ImportBatch.Status.FAILED
    assert stopped.files.get().status == ImportFile.Status.PENDING
    assert [(e["code"], e["params"]) for e in stopped.report] == [("stale", {"minutes": 10})]
    assert running.status == ImportBatch.Status.RUNNING
