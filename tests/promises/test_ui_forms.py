"""The promise pages' forms: a person without an organization, the filters' one request."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from karib.people import services as people_services

pytestmark = pytest.mark.django_db


def test_a_person_without_an_organization_is_named_alone(owner, person, client_for):
    # given a contact quick-added by name alone, and one at an organization
    people_services.person_create(by=owner, full_name="Laras Wening", job_title="Kurator")
    # when the owner opens the new-promise form
    html = client_for(owner).get(reverse("promises:create")).content.decode()
    # then the loner is named without a trailing "— None", the other with her organization
    options = re.findall(r"<option[^>]*>([^<]*)</option>", html)
    assert any("Laras Wening" in option for option in options)
    assert not any("None" in option for option in options)
    assert any(
        "Suryo Wibowo" in option and option.endswith("— Direktorat Layanan Data")
        for option in options
    )


def test_the_filter_form_submits_through_htmx_only(owner, client_for):
    # when the owner opens the board
    html = client_for(owner).get(reverse("promises:index")).content.decode()
    # then the filter form's submit is an htmx trigger too (htmx then cancels the full GET)
    form = re.search(r'<form method="get" class="card filters"[^>]*>', html)
    assert form is not None
    trigger = re.search(r'hx-trigger="([^"]*)"', form.group(0))
    assert trigger is not None
    assert "submit" in [part.strip() for part in trigger.group(1).split(",")]


def test_field_errors_and_help_are_tied_to_their_fields(owner, organization, client_for):
    # when a promise without its text is sent
    response = client_for(owner).post(
        reverse("promises:create"), {"organization": organization.pk, "text": ""}
    )
    # then the text is marked invalid and every aria-describedby names an element of the form
    html = response.content.decode()
    assert re.search(r'<textarea[^>]*aria-invalid="true"', html)
    described = [i for v in re.findall(r'aria-describedby="([^"]*)"', html) for i in v.split()]
    assert "id_text_error" in described
    assert "id_due_date_helptext" in described
    for target in described:
        assert f'id="{target}"' in html
