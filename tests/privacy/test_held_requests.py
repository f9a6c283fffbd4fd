"""A person erased but kept under a legal hold (a gift recipient, for KPK reporting) is named by
no data subject request: the list shows the reference, as for a person who is gone, and the
erasure answers their other open requests (secprobe11, F2)."""

from __future__ import annotations

import pytest
from django.test import Client

from karib.privacy import services
from karib.privacy.models import LegalHold, SubjectRequest
from tests.core.access_world import seed_matrix_world

pytestmark = pytest.mark.django_db


def test_requests_about_a_held_person_name_only_the_reference():
    # given the matrix world's person, with an open access request, a gift kept for the KPK
    # register and an erasure request
    world = seed_matrix_world()
    person, owner, admin = world.person, world.user("owner"), world.user("admin")
    other_request = world.subject_request
    erasure_request = services.subject_request_open(person=person, by=owner, kind="erasure")
    # when the person is erased under a legal hold
    services.person_erase(person=person, by=admin, request=erasure_request)
    assert LegalHold.objects.filter(person=person).exists()
    # then the other open request is answered too, its clock stopped
    other_request.refresh_from_db()
    assert other_request.status == SubjectRequest.Status.COMPLETED
    # and no list names the person: the owner and the manager no longer see the requests, as
    # when the person is gone, and the admin sees the reference, marked erased
    for role in ("owner", "manager", "admin"):
        client = Client()
        client.force_login(world.user(role))
        page = client.get("/privacy/").content.decode()
        api = client.get("/api/privacy/requests").content.decode()
        assert person.full_name not in page
        assert person.full_name not in api
        assert f"/privacy/persons/{person.pk}/" not in page
    client = Client()
    client.force_login(admin)
    page = client.get("/privacy/").content.decode()
    assert f"Kontak #{person.pk}" in page
