"""The privacy page's forms: a request needs a chosen kind; help and errors are tied to their
field (aria-describedby points at elements that exist) and read apart from the reference."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from karib.privacy.models import SubjectRequest

from .test_rights import _client, setting  # noqa: F401  (the shared fixture)

pytestmark = pytest.mark.django_db


def _ids_described(html: str) -> list[str]:
    return [i for value in re.findall(r'aria-describedby="([^"]*)"', html) for i in value.split()]


def test_a_request_is_recorded_only_when_its_kind_was_chosen(setting):  # noqa: F811
    # given the privacy page as the manager sees it
    person = setting["person"]
    client = _client(setting["manager"])
    page = client.get(reverse("privacy:person", args=[person.pk])).content.decode()
    # then the kind starts empty, so submitting untouched chooses nothing
    select = re.search(r'<select name="kind"[^>]*>\s*<option value="([^"]*)"', page)
    assert select is not None
    assert select.group(1) == ""
    # when the form is submitted with nothing chosen
    response = client.post(reverse("privacy:request-create", args=[person.pk]), {"kind": ""})
    # then nothing is recorded, and the field says why, tied to its error
    assert response.status_code == 422
    assert not SubjectRequest.objects.exists()
    html = response.content.decode()
    assert re.search(r'<select name="kind"[^>]*aria-invalid="true"', html)
    assert "id_kind_error" in _ids_described(html)
    assert 'id="id_kind_error"' in html


def test_the_erasure_help_reads_apart_and_is_tied_to_its_field(setting):  # noqa: F811
    # when an admin opens the privacy page
    person = setting["person"]
    html = _client(setting["admin"]).get(reverse("privacy:person", args=[person.pk])).content
    html = html.decode()
    # then the reference, the input and the help are separated by spaces
    text = re.sub(r"<[^>]+>", "", html)
    assert f"Person #{person.pk}Erasure" not in text
    assert f"Person #{person.pk}Penghapusan" not in text
    # and every aria-describedby names an element of the page
    for described in _ids_described(html):
        assert f'id="{described}"' in html
    assert "id_confirm_helptext" in _ids_described(html)
