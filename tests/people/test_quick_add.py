"""Quick add of a person by name alone, from anywhere (issue #15): through the people
services, so the access rule, the audit record and the version apply."""

from __future__ import annotations

import pytest
from django.urls import reverse

from karib.core.models import AuditEvent
from karib.core.roles import Role
from karib.people.models import Person
from tests.factories import UserFactory

URL = "/people/quick-add/"


def test_a_sales_user_adds_a_person_by_name_and_goes_to_their_page(world, client_for):
    # given
    client = client_for(world.owner)
    # when
    response = client.post(
        URL, {"full_name": "  Niken Sari ", "organization": world.organization.pk}
    )
    # then the person exists, owned by the user, audited, and the browser is on their page
    person = Person.objects.get(full_name="Niken Sari")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person-detail", args=[person.pk])
    assert person.owner == world.owner
    assert person.organization == world.organization
    assert person.version == 1
    assert person.is_public_official  # a government institution: suggested by the service
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_id=str(person.pk), actor=world.owner
    ).exists()
    assert person.memberships.filter(organization=world.organization).exists()


def test_a_name_alone_is_enough_the_organization_comes_later(world, client_for):
    # given the owner, who knows only the name of someone met at an event
    client = client_for(world.owner)
    # when they quick add by name alone
    response = client.post(URL, {"full_name": "Laras Wening", "organization": ""})
    # then the person exists without an organization and without a membership
    person = Person.objects.get(full_name="Laras Wening")
    assert response.status_code == 302
    assert person.organization is None
    assert not person.is_public_official  # nothing to suggest it yet
    assert not person.memberships.exists()
    # and their page, the people list and the search open for the owner
    assert client.get(response["Location"]).status_code == 200
    listed = client.get("/people/", {"q": "Laras"}).content.decode()
    assert "Laras Wening" in listed
    # when the organization is known later, the full form sets it and opens a membership
    from karib.people import services

    services.person_update(person=person, by=world.owner, organization=world.organization)
    person.refresh_from_db()
    assert person.organization == world.organization
    assert person.memberships.filter(organization=world.organization, end_date=None).exists()


def test_from_htmx_the_answer_sends_the_browser_to_the_new_person(world, client_for):
    response = client_for(world.owner).post(
        URL,
        {"full_name": "Niken Sari", "organization": world.organization.pk},
        headers={"HX-Request": "true"},
    )
    person = Person.objects.get(full_name="Niken Sari")
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("people:person-detail", args=[person.pk])


def test_the_form_opens_as_a_fragment_for_htmx_and_as_a_page_without(world, client_for):
    client = client_for(world.owner)
    fragment = client.get(URL, headers={"HX-Request": "true"}).content.decode()
    page = client.get(URL).content.decode()
    assert fragment.lstrip().startswith("<form")
    assert 'name="full_name"' in fragment
    assert "Direktorat Layanan Data" in fragment
    assert "<html" in page
    assert 'name="full_name"' in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"full_name": "", "organization": "ORG"}, "full_name"),
        ({"full_name": "   ", "organization": "ORG"}, "full_name"),
        ({"full_name": "N" * 201, "organization": "ORG"}, "full_name"),
    ],
)
def test_errors_show_next_to_their_field_and_nothing_is_stored(world, client_for, data, field):
    # given
    data = {
        key: (world.organization.pk if value == "ORG" else value) for key, value in data.items()
    }
    before = Person.objects.count()
    # when
    response = client_for(world.owner).post(URL, data, headers={"HX-Request": "true"})
    # then a 422 with the form, the error next to its field
    body = response.content.decode()
    assert response.status_code == 422
    assert f'id="error-{field}"' in body
    assert Person.objects.count() == before


def test_an_organization_the_user_may_not_see_is_refused_without_naming_it(world, client_for):
    # given a sales user of another team, who does not see the organization
    before = Person.objects.count()
    # when they post its id
    response = client_for(world.other).post(
        URL, {"full_name": "Niken", "organization": world.organization.pk}
    )
    # then
    assert response.status_code == 422
    assert 'id="error-organization"' in response.content.decode()
    assert "Direktorat Layanan Data" not in response.content.decode()
    assert Person.objects.count() == before


@pytest.mark.parametrize("role", [Role.SERVICE_AGENT, Role.QA_REVIEWER, Role.COMPLIANCE_OFFICER])
def test_roles_that_may_not_create_people_get_403_and_no_control(world, client_for, role):
    # given an agent (service role) who may not create people
    agent = UserFactory(username=f"user-{role.value}".replace(" ", "-"), role=role)
    client = client_for(agent)
    before = Person.objects.count()
    # when they force the page and the post
    opened = client.get(URL)
    posted = client.post(URL, {"full_name": "Niken", "organization": world.organization.pk})
    home = client.get("/people/")
    # then refused, nothing stored, and no "+ Person" control anywhere
    assert opened.status_code == posted.status_code == 403
    assert Person.objects.count() == before
    assert URL not in home.content.decode()


def test_the_control_is_in_the_navigation_for_those_who_may_create(world, client_for):
    body = client_for(world.owner).get("/people/").content.decode()
    assert f'href="{URL}"' in body
    assert 'id="quick-add"' in body


def test_anonymous_is_sent_to_log_in(db, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_organization_is_preselected_from_the_query(world, client_for):
    body = (
        client_for(world.owner)
        .get(f"{URL}?organization={world.organization.pk}", headers={"HX-Request": "true"})
        .content.decode()
    )
    assert f'<option value="{world.organization.pk}" selected>' in body


def test_on_an_organization_page_the_control_preselects_it(world, client_for):
    # given the organization's page
    body = client_for(world.owner).get(f"/people/organizations/{world.organization.pk}/")
    # then "+ Person" opens the form with the organization chosen
    assert f'hx-get="{URL}?organization={world.organization.pk}"' in body.content.decode()
