"""The access report carries only the promises its reader may open (secprobe12, F1).

A person handed to another team keeps the promises the owner made them at the owner's
organization. The new team's manager may take the person's report out, but gets 404 on those
promises and on the organization: the report counts them without their rows. An admin's
report, and the new owner's, stay complete."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from karib.people import services as people_services
from tests.core.access_world import seed_matrix_world

pytestmark = pytest.mark.django_db

TEXTS = ("Mengirim proposal integrasi data", "Demo dasbor")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def handed_over():
    world = seed_matrix_world()
    people_services.person_update(
        person=world.person, by=world.user("owner"), owner=world.user("other_team")
    )
    return world


def _reports(client: Client, pk: int) -> list[dict]:
    page = client.get(reverse("privacy:report-json", args=[pk]))
    zipped = client.get(reverse("privacy:report-zip", args=[pk]))
    api = client.get(f"/api/privacy/persons/{pk}/report")
    assert (page.status_code, zipped.status_code, api.status_code) == (200, 200, 200)
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        from_zip = json.loads(archive.read("report.json"))
    return [json.loads(page.content), from_zip, api.json()]


def test_the_new_teams_manager_reads_no_promise_of_the_organization_they_cannot_see(
    handed_over,
):
    world = handed_over
    manager = _client(world.user("other_manager"))
    pk = world.person.pk
    # given the promises and the organization are out of the manager's sight
    assert manager.get(f"/api/promises/{world.promise.pk}").status_code == 404
    organization = reverse("people:organization-detail", args=[world.organization.pk])
    assert manager.get(organization).status_code == 404
    # when they take the report out, in each form
    for report in _reports(manager, pk):
        # then the promises are counted, not shown: no text, maker or date of theirs
        assert (report["promises"], report["promises_not_shown"]) == ([], 2)
        dumped = json.dumps(report, ensure_ascii=False)
        assert not any(text in dumped for text in TEXTS)
    # and the privacy page still counts both
    page = manager.get(reverse("privacy:person", args=[pk])).content.decode()
    with translation.override(settings.LANGUAGE_CODE):
        label = gettext("Promises")
    assert f"<dt>{label}</dt><dd>2</dd>" in page
    assert not any(text in page for text in TEXTS)


def test_an_admin_and_the_new_owner_read_every_promise(handed_over):
    world = handed_over
    # an admin sees everything; the new owner sees the organization through the person they
    # own: their reports stay complete
    for relation in ("admin", "other_team"):
        for report in _reports(_client(world.user(relation)), world.person.pk):
            assert sorted(p["text"] for p in report["promises"]) == sorted(TEXTS)
            assert report["promises_not_shown"] == 0
