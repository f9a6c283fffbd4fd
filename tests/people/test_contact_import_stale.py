"""A contact import whose worker died (its dry run or its import queued or under way, silent
for the conversation import's timeout) is shown as stopped, with a way to start it again; a
retry of an interrupted import creates no contact twice."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from karib.core.errors import DomainError, ErrorCode
from karib.people.imports import services, stale
from karib.people.models import ContactImport, Person
from karib.service.imports.pipeline import IMPORT_STALE_AFTER

Status = ContactImport.Status

SHEET = "Nama,Kantor,Surel\n" + "".join(
    f"Kontak {n},PT Henti,kontak{n}@henti.id\n" for n in range(5)
)


def _page(contact_import):
    return reverse("people:import-contacts-detail", args=[contact_import.pk])


def _upload(world, status, *, minutes_ago):
    moment = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    contact_import = ContactImport.objects.create(
        created_by=world.owner,
        file_name="henti.csv",
        upload=ContentFile(SHEET.encode(), name="henti.csv"),
        mapping={"Nama": "full_name", "Kantor": "organization", "Surel": "email"},
        status=status,
    )
    ContactImport.objects.filter(pk=contact_import.pk).update(
        heartbeat_at=moment, created_at=moment
    )
    contact_import.refresh_from_db()
    return contact_import


def test_the_timeout_is_the_conversation_imports():
    assert stale.STALE_AFTER == IMPORT_STALE_AFTER


@pytest.mark.parametrize("status", [Status.PLAN_QUEUED, Status.PLANNING])
def test_a_dry_run_whose_worker_died_is_shown_stopped_and_can_be_started_again(
    world, client_for, status
):
    # given a dry run queued or under way, silent for 11 minutes (its worker died)
    contact_import = _upload(world, status, minutes_ago=11)
    client = client_for(world.owner)
    # when its page, or its poll, is opened
    page = client.get(_page(contact_import))
    poll = client.get(_page(contact_import), HTTP_HX_REQUEST="true")
    # then it says the dry run stopped, offers to start it again, and stops polling
    for response in (page, poll):
        assert response.status_code == 200
        assert 'id="stopped"' in response.text
        assert 'name="retry"' in response.text
        assert "hx-trigger" not in response.text
    assert 'http-equiv="refresh"' not in page.text
    # and opening the page changed nothing
    contact_import.refresh_from_db()
    assert contact_import.status == status
    # when the rep starts it again (a small file: checked at once)
    client.post(_page(contact_import), {"retry": "1"})
    # then the dry run is ready and nothing was written
    contact_import.refresh_from_db()
    assert contact_import.status == Status.PLANNED
    assert contact_import.preview["created"] == 5
    assert not Person.objects.filter(full_name__startswith="Kontak").exists()


@pytest.mark.parametrize("status", [Status.PLAN_QUEUED, Status.PLANNING, Status.RUNNING])
def test_an_import_still_making_progress_keeps_polling_and_cannot_be_retried(
    world, client_for, status
):
    # given a dry run or an import whose last progress was 9 minutes ago
    contact_import = _upload(world, status, minutes_ago=9)
    # then its page polls, and a retry is refused and changes nothing
    page = client_for(world.owner).get(_page(contact_import))
    assert 'id="stopped"' not in page.text
    assert "hx-trigger" in page.text
    with pytest.raises(DomainError) as refused:
        services.contact_import_retry(contact_import=contact_import, by=world.owner)
    assert refused.value.code == ErrorCode.CONFLICT
    client_for(world.owner).post(_page(contact_import), {"retry": "1"})
    contact_import.refresh_from_db()
    assert contact_import.status == status


def test_a_stopped_import_is_the_owners_to_retry(world, client_for):
    contact_import = _upload(world, Status.RUNNING, minutes_ago=30)
    other = client_for(world.other)
    assert other.get(_page(contact_import)).status_code == 404
    assert other.post(_page(contact_import), {"retry": "1"}).status_code == 404
    contact_import.refresh_from_db()
    assert contact_import.status == Status.RUNNING


class _WorkerDied(BaseException):
    """The worker process ends in the middle of the import (not an error Karib handles)."""


def _planned_in_chunks_of_two(world, monkeypatch):
    """A checked upload of five contacts, to be imported in chunks of two."""
    monkeypatch.setattr(services, "CHUNK_SIZE", 2)
    contact_import = _upload(world, Status.UPLOADED, minutes_ago=0)
    services.contact_import_plan(contact_import=contact_import, by=world.owner)
    return contact_import


def _fail_after_the_first_chunk(monkeypatch, error: BaseException) -> None:
    """The import writes its first chunk, then ``error`` is raised in its worker."""
    real = services.contacts_import

    def fails_after_the_first_chunk(**kwargs):
        progress = kwargs["progress"]

        def then_fails(done, total):
            progress(done, total)
            raise error

        return real(**{**kwargs, "progress": then_fails})

    monkeypatch.setattr(services, "contacts_import", fails_after_the_first_chunk)


def test_an_import_whose_worker_died_is_retried_without_creating_anyone_twice(
    world, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    # given a checked upload of five contacts, imported in chunks of two
    contact_import = _planned_in_chunks_of_two(world, monkeypatch)
    client = client_for(world.owner)
    real = services.contacts_import
    # when the import runs and its worker dies once the first chunk is written
    _fail_after_the_first_chunk(monkeypatch, _WorkerDied())
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(_page(contact_import))
    callbacks[0]()  # the task backend records the task as failed; the import stays running
    monkeypatch.setattr(services, "contacts_import", real)
    contact_import.refresh_from_db()
    assert (contact_import.status, contact_import.done) == (Status.RUNNING, 2)
    assert Person.objects.filter(full_name__startswith="Kontak").count() == 2
    # then, within the timeout, its page still polls
    assert 'id="stopped"' not in client.get(_page(contact_import)).text
    # and after it, the page says it stopped and offers to start it again
    ContactImport.objects.filter(pk=contact_import.pk).update(
        heartbeat_at=timezone.now() - IMPORT_STALE_AFTER
    )
    page = client.get(_page(contact_import))
    assert 'id="stopped"' in page.text
    assert "hx-trigger" not in page.text
    # when the rep starts it again
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_page(contact_import), {"retry": "1"})
    # then the import is done, every contact exists once, the first two are recognised
    contact_import.refresh_from_db()
    assert contact_import.status == Status.DONE
    people = Person.objects.filter(full_name__startswith="Kontak")
    assert sorted(people.values_list("full_name", flat=True)) == [f"Kontak {n}" for n in range(5)]
    assert contact_import.report["created"] == 3
    assert contact_import.report["updated"] + contact_import.report["skipped"] == 2
    # and its file is gone (personal data)
    assert contact_import.upload.name == ""


def test_an_import_that_raises_fails_at_once_naming_the_file_and_line(
    world, client_for, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    # given a checked upload of five contacts, imported in chunks of two
    contact_import = _planned_in_chunks_of_two(world, monkeypatch)
    client = client_for(world.owner)
    # when the import raises, with a message quoting the file, once the first chunk is written
    _fail_after_the_first_chunk(monkeypatch, RuntimeError("Kontak 2 kontak2@henti.id"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_page(contact_import))
    # then it is failed at once (not left running to be retried into the same error)
    contact_import.refresh_from_db()
    assert contact_import.status == Status.FAILED
    assert contact_import.upload.name == ""
    # and its page names the file, the line and the 2 contacts that stay (in the rep's
    # language), without the exception's text
    (error,) = contact_import.report["file_errors"]
    assert error["file"] == "henti.csv"
    assert re.search(r"henti\.csv\D+\d+\D+\b2\b", error["message"])
    page = client.get(_page(contact_import)).text
    assert escape(error["message"]) in page
    for secret in ("kontak2@henti.id", "RuntimeError"):
        assert secret not in page
    assert "kontak2@henti.id" not in caplog.text
    assert Person.objects.filter(full_name__startswith="Kontak").count() == 2


def test_a_late_duplicate_of_the_import_task_writes_nothing(
    world, django_capture_on_commit_callbacks
):
    # given an import that a worker already claimed
    contact_import = _upload(world, Status.UPLOADED, minutes_ago=0)
    services.contact_import_plan(contact_import=contact_import, by=world.owner)
    with django_capture_on_commit_callbacks():
        services.contact_import_commit(contact_import=contact_import, by=world.owner)
    ContactImport.objects.filter(pk=contact_import.pk).update(status=Status.RUNNING)
    # when another delivery of the task runs
    result = services.contact_import_run(contact_import_id=contact_import.pk)
    # then it leaves the import to the worker that has it
    assert result == Status.RUNNING
    assert not Person.objects.filter(full_name__startswith="Kontak").exists()


def test_the_daily_purge_forgets_stopped_imports_after_a_week(world):
    # given an import stopped eight days ago, and one stopped an hour ago
    old = _upload(world, Status.RUNNING, minutes_ago=8 * 24 * 60)
    recent = _upload(world, Status.QUEUED, minutes_ago=60)
    old_file = old.upload.name
    assert default_storage.exists(old_file)
    # when the daily purge runs
    deleted = services.contact_imports_purge()
    # then the old one and its file are gone, the recent one stays with its file
    assert deleted == 1
    assert list(ContactImport.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not default_storage.exists(old_file)
    assert default_storage.exists(recent.upload.name)


def test_a_slow_import_retried_while_it_still_runs_stops_without_writing_more(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    # given a checked upload of five contacts, imported in chunks of two
    contact_import = _planned_in_chunks_of_two(world, monkeypatch)
    with django_capture_on_commit_callbacks():
        services.contact_import_commit(contact_import=contact_import, by=world.owner)
    real = services.contacts_import
    second_run: list[str] = []
    runs = 0

    def slow_after_the_first_chunk(**kwargs):
        nonlocal runs
        runs += 1
        if runs > 1:  # the second run: as it is
            return real(**kwargs)
        progress = kwargs["progress"]

        def then_is_retried(done, total):
            progress(done, total)
            if second_run:
                return
            # the first run, slow (not dead), shows no progress for the timeout ...
            ContactImport.objects.filter(pk=contact_import.pk).update(
                heartbeat_at=timezone.now() - IMPORT_STALE_AFTER
            )
            # ... so the rep starts it again, and the second run imports everything
            with django_capture_on_commit_callbacks():
                services.contact_import_retry(contact_import=contact_import, by=world.owner)
            second_run.append(services.contact_import_run(contact_import_id=contact_import.pk))
            # and then a colleague deletes one of the contacts the import created
            Person.objects.get(full_name="Kontak 3").delete()

        return real(**{**kwargs, "progress": then_is_retried})

    monkeypatch.setattr(services, "contacts_import", slow_after_the_first_chunk)
    # when the first run, alive after all, goes on after the second one finished
    first_run = services.contact_import_run(contact_import_id=contact_import.pk)
    # then it stopped at its next chunk, rolled back: the deleted contact is not back
    assert (first_run, second_run) == ("replaced", [Status.DONE])
    people = Person.objects.filter(full_name__startswith="Kontak")
    assert sorted(people.values_list("full_name", flat=True)) == [
        "Kontak 0",
        "Kontak 1",
        "Kontak 2",
        "Kontak 4",
    ]
    # and the import keeps the second run's report and end (its file deleted once)
    contact_import.refresh_from_db()
    assert contact_import.status == Status.DONE
    assert (contact_import.done, contact_import.total) == (5, 5)
    assert contact_import.report["created"] == 3
    assert contact_import.upload.name == ""


def test_each_claim_and_retry_of_an_import_sets_a_fresh_run_token(world):
    # given an import claimed by a worker that then looked stopped
    contact_import = _upload(world, Status.QUEUED, minutes_ago=0)
    claimed: list[str] = []
    real = services.contacts_import

    def records_the_token(**kwargs):
        claimed.append(ContactImport.objects.get(pk=contact_import.pk).run_token)
        raise _WorkerDied

    services.contacts_import = records_the_token
    try:
        with pytest.raises(_WorkerDied):
            services.contact_import_run(contact_import_id=contact_import.pk)
    finally:
        services.contacts_import = real
    ContactImport.objects.filter(pk=contact_import.pk).update(
        heartbeat_at=timezone.now() - IMPORT_STALE_AFTER
    )
    # when the rep starts it again
    retried = services.contact_import_retry(contact_import=contact_import, by=world.owner)
    # then the claim had a token, and the retry replaced it
    assert len(claimed[0]) == 32
    assert retried.run_token not in ("", claimed[0])
