"""The dry run of a contacts upload as a state machine: inline for a small file, a background
task for a large one (its page polls until it is ready), one dry run at a time, a failure kept
as a message naming the file and the line, nothing written."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from karib.core.errors import DomainError, ErrorCode
from karib.people.imports import pipeline, services
from karib.people.models import ContactImport, Organization, Person

Status = ContactImport.Status

CARDS = "".join(
    f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kontak {n}\r\nORG:PT Besar\r\n"
    f"EMAIL:kontak{n}@besar.co.id\r\nEND:VCARD\r\n"
    for n in range(3)
)
CSV = "Nama;Kantor;Surel\nDewi Anggraini;PT Maju Jaya;dewi@maju.co.id\n"


@pytest.fixture
def in_background(monkeypatch):
    """Every upload is "large": its dry run is left to the background task."""
    monkeypatch.setattr(services, "INLINE_PLAN_BYTES", 0)


def _upload(client, name="kontak.vcf", text=CARDS):
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/vcard")
    return client.post(reverse("people:import-contacts"), {"file": upload})


def _page(contact_import):
    return reverse("people:import-contacts-detail", args=[contact_import.pk])


def _queued(world, text=CARDS, name="kontak.vcf"):
    """An upload whose dry run is queued (the task not run yet)."""
    upload = ContactImport.objects.create(
        created_by=world.owner, file_name=name, upload=ContentFile(text.encode(), name=name)
    )
    services.contact_import_plan(contact_import=upload, by=world.owner)
    upload.refresh_from_db()
    return upload


def test_a_small_vcard_is_checked_at_once(world, client_for):
    # when a small vCard file is uploaded
    response = _upload(client_for(world.owner))
    # then its dry run is ready when the page opens, and nothing was written
    contact_import = ContactImport.objects.get()
    assert response.url == _page(contact_import)
    assert contact_import.status == Status.PLANNED
    assert (contact_import.preview["created"], contact_import.total) == (3, 3)
    assert not Person.objects.filter(full_name__startswith="Kontak").exists()
    assert not Organization.objects.filter(name="PT Besar").exists()
    page = client_for(world.owner).get(response.url)
    assert 'id="commit"' in page.text
    assert "hx-trigger" not in page.text.split('id="dry-run"')[1].split(">")[0]


def test_a_large_upload_is_checked_in_the_background_while_its_page_polls(
    world, client_for, in_background, django_capture_on_commit_callbacks
):
    client = client_for(world.owner)
    # given a large upload: the upload queues its dry run
    with django_capture_on_commit_callbacks() as callbacks:
        response = _upload(client)
    contact_import = ContactImport.objects.get()
    assert contact_import.status == Status.PLAN_QUEUED
    assert len(callbacks) == 1  # the task is enqueued once the upload is saved
    # when the rep opens the page before the task ran
    page = client.get(response.url)
    # then it polls, with a refresh link and a refresh without JavaScript
    assert page.status_code == 200
    assert 'id="planning"' in page.text
    assert f'hx-get="{_page(contact_import)}"' in page.text
    assert 'http-equiv="refresh"' in page.text
    assert 'id="refresh"' in page.text
    assert 'id="commit"' not in page.text
    # when the worker runs the task
    callbacks[0]()
    # then the dry run is kept, and the next poll swaps in the dry run (and stops polling)
    contact_import.refresh_from_db()
    assert contact_import.status == Status.PLANNED
    assert (contact_import.done, contact_import.total) == (3, 3)
    poll = client.get(response.url, HTTP_HX_REQUEST="true")
    assert poll.text.lstrip().startswith('<div id="dry-run">')
    assert poll.text.count("import-row") == 3
    assert 'id="commit"' in poll.text
    assert "<html" not in poll.text
    # and the import can start
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    contact_import.refresh_from_db()
    assert contact_import.status == Status.DONE
    assert Person.objects.filter(full_name__startswith="Kontak").count() == 3
    assert contact_import.preview == {}


def test_the_polling_page_is_the_owners_only(world, client_for, in_background):
    contact_import = _queued(world)
    other = client_for(world.other)
    # when someone else asks for the page or its poll
    assert other.get(_page(contact_import)).status_code == 404
    assert other.get(_page(contact_import), HTTP_HX_REQUEST="true").status_code == 404
    assert other.post(_page(contact_import)).status_code == 404
    # then nothing changed
    contact_import.refresh_from_db()
    assert contact_import.status == Status.PLAN_QUEUED
    assert client_for(world.owner).get(_page(contact_import)).status_code == 200


def test_two_workers_never_check_the_same_upload(world, in_background, monkeypatch):
    # given a queued dry run, and a second worker that picks it up while the first checks it
    contact_import = _queued(world)
    real = services.contacts_import
    calls, second = [], []

    def checking(**kwargs):
        calls.append(kwargs)
        second.append(services.contact_import_plan_run(contact_import_id=contact_import.pk))
        return real(**kwargs)

    monkeypatch.setattr(services, "contacts_import", checking)
    # when the first worker runs
    first = services.contact_import_plan_run(contact_import_id=contact_import.pk)
    # then the second found it under way and did nothing; it was checked once
    assert (first, second) == ("planned", ["planning"])
    assert len(calls) == 1
    # and a late duplicate of the task does nothing either
    assert services.contact_import_plan_run(contact_import_id=contact_import.pk) == "planned"
    assert len(calls) == 1
    # and asking again for the dry run of a checked upload does not queue it again
    services.contact_import_plan(contact_import=contact_import, by=world.owner)
    contact_import.refresh_from_db()
    assert contact_import.status == Status.PLANNED


def test_a_failing_dry_run_names_the_file_and_line_and_writes_nothing(
    world, client_for, in_background, monkeypatch
):
    # given a contact the planner cannot check (line 7: the third card)
    contact_import = _queued(world)
    real = pipeline._plan

    def failing(planner, row):
        if row.line == 7:
            raise RuntimeError("internal detail of Kontak 2")
        real(planner, row)

    monkeypatch.setattr(pipeline, "_plan", failing)
    # when the task runs (for a rep using English)
    services.contact_import_plan_run(contact_import_id=contact_import.pk, language="en")
    # then the dry run is over with one message naming the file and the line
    contact_import.refresh_from_db()
    assert contact_import.status == Status.PLANNED
    assert contact_import.preview["has_errors"] is True
    assert contact_import.preview["file_errors"] == [
        {
            "file": "kontak.vcf",
            "message": "The dry run stopped at line 7 of kontak.vcf: this contact cannot be "
            "checked. Fix it or leave it out and upload the file again.",
        }
    ]
    # and the page shows it, with no exception text and no way to import
    page = client_for(world.owner).get(_page(contact_import))
    assert "line 7 of kontak.vcf" in page.text
    assert "internal detail" not in page.text
    assert 'id="commit"' not in page.text
    with pytest.raises(DomainError):
        services.contact_import_commit(contact_import=contact_import, by=world.owner)
    assert not Person.objects.filter(full_name__startswith="Kontak").exists()
    assert not Organization.objects.filter(name="PT Besar").exists()


def test_a_file_that_fails_while_read_names_the_last_line_read(world, in_background, monkeypatch):
    # given a reader that fails after the first card (line 1)
    contact_import = _queued(world)
    real = pipeline.iter_vcards

    def failing(text, **kwargs):
        cards = real(text, **kwargs)
        yield next(cards)
        raise UnicodeError("bytes of the file")

    monkeypatch.setattr(pipeline, "iter_vcards", failing)
    # when the task runs
    services.contact_import_plan_run(contact_import_id=contact_import.pk, language="en")
    # then the message says where the reading stopped
    contact_import.refresh_from_db()
    (error,) = contact_import.preview["file_errors"]
    assert error["message"].startswith("The dry run stopped after line 1 of kontak.vcf:")
    assert "bytes of the file" not in error["message"]


def test_the_dry_run_speaks_the_language_of_the_rep_who_started_it(world, in_background):
    # given an upload whose second card never ends
    broken = CARDS + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tanpa Akhir\r\n"
    english, indonesian = _queued(world, broken), _queued(world, broken)
    # when the task runs for a rep using English, and one using Indonesian
    services.contact_import_plan_run(contact_import_id=english.pk, language="en")
    services.contact_import_plan_run(contact_import_id=indonesian.pk, language="id")
    # then each row error is in that language
    english.refresh_from_db()
    indonesian.refresh_from_db()
    assert english.preview["rows"][-1]["errors"][0]["message"] == (
        "this card never ends (END:VCARD)"
    )
    assert indonesian.preview["rows"][-1]["errors"][0]["message"] != (
        "this card never ends (END:VCARD)"
    )


def test_the_columns_change_the_dry_run_only_before_the_import(world, client_for):
    client = client_for(world.owner)
    # given a spreadsheet mapped and checked
    response = _upload(client, "kontak.csv", CSV)
    contact_import = ContactImport.objects.get()
    assert contact_import.status == Status.UPLOADED  # waiting for its columns
    columns = {"column_0": "full_name", "column_1": "organization", "column_2": "email"}
    client.post(response.url, columns)
    contact_import.refresh_from_db()
    assert contact_import.status == Status.PLANNED
    assert contact_import.preview["rows"][0]["organization"] == "PT Maju Jaya"
    # when the rep goes back and leaves the organization out
    client.post(response.url, {**columns, "column_1": ""})
    # then the dry run is done again with those columns
    contact_import.refresh_from_db()
    assert contact_import.status == Status.PLANNED
    assert contact_import.preview["rows"][0]["organization"] != "PT Maju Jaya"
    # and while the dry run is under way, or once the import started, the columns stay
    for status in (Status.PLANNING, Status.QUEUED, Status.DONE):
        ContactImport.objects.filter(pk=contact_import.pk).update(status=status)
        with pytest.raises(DomainError) as refused:
            services.contact_import_set_mapping(
                contact_import=contact_import, by=world.owner, mapping={"Nama": "full_name"}
            )
        assert refused.value.code == ErrorCode.TRANSITION_NOT_ALLOWED
        page = client.post(response.url, columns)
        assert page.status_code == 422


@pytest.mark.parametrize("status", [Status.UPLOADED, Status.PLAN_QUEUED, Status.PLANNING])
def test_the_import_waits_for_its_dry_run(world, status):
    contact_import = ContactImport.objects.create(
        created_by=world.owner,
        file_name="kontak.vcf",
        upload=ContentFile(CARDS.encode(), name="kontak.vcf"),
        status=status,
    )
    with pytest.raises(DomainError) as refused:
        services.contact_import_commit(contact_import=contact_import, by=world.owner)
    assert refused.value.code == ErrorCode.TRANSITION_NOT_ALLOWED
    contact_import.refresh_from_db()
    assert contact_import.status == status


def test_an_upload_from_before_the_background_dry_run_is_checked_when_opened(world, client_for):
    # given an upload kept before this change (status uploaded, no dry run kept)
    contact_import = ContactImport.objects.create(
        created_by=world.owner,
        file_name="kontak.vcf",
        upload=ContentFile(CARDS.encode(), name="kontak.vcf"),
    )
    # when its page opens, the dry run is done (a small file: at once)
    page = client_for(world.owner).get(_page(contact_import))
    assert page.status_code == 200
    assert page.text.count("import-row") == 3
    contact_import.refresh_from_db()
    assert contact_import.status == Status.PLANNED
