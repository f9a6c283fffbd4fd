"""Imports that overlap: the same conversations racing, two runs of one batch, a database
error while storing, the report appended by overlapping runs."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from karib import tone
from karib.service import reasons, services
from karib.service.imports import pipeline
from karib.service.models import Conversation, ImportBatch, ImportFile

from .factories import DATA, agent_user, import_files

pytestmark = pytest.mark.django_db


def test_a_concurrent_import_of_the_same_conversation_is_skipped_not_fatal(team, lina, monkeypatch):
    # given another import stores L-1 while this one analyses its file (before it stores)
    agent_user(team)
    three = (DATA / "three.jsonl").read_bytes()
    original = pipeline._analyse_to_spool
    calls = {"n": 0}

    def racing(*args, **kwargs):
        analysed = original(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == 1:
            import_files(lina, team, [("first.jsonl", three.splitlines(keepends=True)[0])])
        return analysed

    monkeypatch.setattr(pipeline, "_analyse_to_spool", racing)

    # when the whole file is imported
    with translation.override("en"):
        batch = import_files(lina, team, [("three.jsonl", three)])

    # then the constraint turns L-1 away: the file is imported, L-1 counted as a duplicate,
    # L-2 and L-3 stored, no DB error
    import_file = batch.files.get()
    assert import_file.status == ImportFile.Status.IMPORTED
    assert (import_file.imported_count, import_file.duplicate_count) == (2, 1)
    assert sorted(Conversation.objects.values_list("external_id", flat=True)) == [
        "L-1",
        "L-2",
        "L-3",
    ]
    assert [(e["conversation_id"], e["code"], e["line"]) for e in batch.report] == [
        ("L-1", "duplicate", 1)
    ]
    assert Conversation.objects.get(external_id="L-1").batch_id != batch.pk


def test_a_database_error_while_storing_shows_a_generic_reason_and_stores_nothing(
    team, lina, monkeypatch, caplog
):
    # given the database refuses the rows with an error that names its internals
    agent_user(team)

    def failing(*_args):
        raise IntegrityError("UNIQUE constraint failed: service_conversation.secret_column")

    monkeypatch.setattr(pipeline, "_store", failing)

    # when a file is imported
    with translation.override("en"):
        batch = import_files(lina, team, [("three.jsonl", (DATA / "three.jsonl").read_bytes())])

    # then the file is rejected with a reason naming it, the details only in the log
    [entry] = batch.report
    assert (entry["file"], entry["code"]) == ("three.jsonl", "internal_error")
    with translation.override("en"):
        shown = reasons.import_reason(entry["code"], entry["params"])
    assert shown.startswith("three.jsonl could not be imported")
    assert "UNIQUE" not in shown
    assert "secret_column" not in str(batch.report)
    assert "secret_column" in caplog.text
    assert batch.status == ImportBatch.Status.FAILED
    assert not Conversation.objects.exists()


def test_two_runs_of_the_same_batch_import_each_file_once(team, lina, monkeypatch):
    # given a batch waiting to be imported
    agent_user(team)
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="credit_card",
        files=[services.UploadedFile("three.jsonl", (DATA / "three.jsonl").read_bytes())],
        by=lina,
    )
    original = tone.analyze
    second_run: dict[str, ImportBatch] = {}

    def analyze(item, **kwargs):
        if not second_run:  # a second runner starts while the first is analysing
            second_run["batch"] = services.import_batch_run(batch_id=batch.pk)
        return original(item, **kwargs)

    monkeypatch.setattr(tone, "analyze", analyze)

    # when the first run imports the file
    services.import_batch_run(batch_id=batch.pk)

    # then the second run found the file taken and left the batch to the first run
    assert second_run["batch"].status == ImportBatch.Status.RUNNING
    batch.refresh_from_db()
    import_file = batch.files.get()
    assert import_file.status == ImportFile.Status.IMPORTED
    assert Conversation.objects.count() == 3
    assert (batch.status, batch.imported_count, batch.failed_count) == ("done", 3, 0)
    assert batch.report == []


def test_the_role_mapping_waits_until_the_import_has_ended(team, lina, client_for):
    # given a batch still running (the task is busy with big.jsonl) with a file needing roles
    agent_user(team)
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="loan",
        files=[
            services.UploadedFile("a.txt", (DATA / "ambiguous.txt").read_bytes()),
            services.UploadedFile("big.jsonl", (DATA / "three.jsonl").read_bytes()),
        ],
        by=lina,
    )
    waiting = batch.files.get(name="a.txt")
    ImportFile.objects.filter(pk=waiting.pk).update(
        status=ImportFile.Status.NEEDS_ROLES, speakers=["Budi", "Sinta"]
    )
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)
    client = client_for(lina)

    # when the reviewer opens the import and posts a mapping anyway
    page = client.get(reverse("service:import-detail", args=[batch.pk])).content.decode()
    posted = client.post(
        reverse("service:import-map-roles", args=[batch.pk, waiting.pk]),
        {f"file{waiting.pk}-agent_speaker": "Budi"},
    )

    # then no mapping form is shown and the request imports nothing
    assert 'id="roles"' not in page
    assert posted.status_code == 302
    assert batch.files.get(name="big.jsonl").status == ImportFile.Status.PENDING
    assert batch.files.get(name="a.txt").status == ImportFile.Status.NEEDS_ROLES
    assert not Conversation.objects.exists()


def test_the_report_is_appended_not_overwritten_by_a_stale_copy(team, lina):
    # given two copies of the same batch (two runs)
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="loan",
        files=[services.UploadedFile("a.txt", b"x")],
        by=lina,
    )
    first, second = ImportBatch.objects.get(pk=batch.pk), ImportBatch.objects.get(pk=batch.pk)

    # when each appends an entry
    pipeline.report_append(first, [pipeline.report_entry(file="a", code="duplicate")])
    pipeline.report_append(second, [pipeline.report_entry(file="b", code="duplicate")])

    # then both entries are kept
    batch.refresh_from_db()
    assert [e["file"] for e in batch.report] == ["a", "b"]
