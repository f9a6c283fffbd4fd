"""Who is a public official decides the gift rules (approval, the KPK report): switching the flag
off, or taking an organization out of the public sector, is for Compliance or an admin, and a
contact moved out of a directorate stays an official for the gift rules for a year (secprobe8,
F1).

Regression: the owner switched a director's flag off and his directorate's kind to private,
proposed a gift with no KPK duty, gave it, and switched both back.
"""

from __future__ import annotations

import pytest

from karib.core.roles import Role
from karib.people import services
from karib.people.models import Organization, Person
from karib.people.services import PeopleError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_owner_cannot_switch_the_official_flag_off(world):
    # given a commissioner of a private company, flagged a public official (he holds office)
    company = services.organization_create(
        by=world.owner, name="PT Swasta", kind=Organization.Kind.PRIVATE
    )
    official = services.person_create(
        by=world.owner, full_name="Andi", organization=company, is_public_official=True
    )
    # when the owner switches the flag off
    with pytest.raises(PeopleError) as refused:
        services.person_update(person=official, by=world.owner, is_public_official=False)
    # then it is refused on the field, and the flag stays
    assert refused.value.field == "is_public_official"
    official.refresh_from_db()
    assert official.is_public_official


def test_the_owner_cannot_take_a_directorate_out_of_the_public_sector(world, client_for):
    # when the owner changes the directorate's kind to private, through the API
    response = client_for(world.owner).patch(
        f"/api/people/organizations/{world.organization.pk}",
        {"kind": Organization.Kind.PRIVATE},
        content_type="application/json",
    )
    # then it is refused and the kind stays
    assert response.status_code == 403
    world.organization.refresh_from_db()
    assert world.organization.kind == Organization.Kind.GOVERNMENT


def test_a_contact_moved_out_of_a_directorate_stays_an_official_for_the_gift_rules(world):
    from karib.gifts.adapters import is_public_official

    # given the director's own flag off (an admin's correction: he is an official by his
    # directorate alone)
    admin = UserFactory(username="root", role=Role.ADMIN)
    company = services.organization_create(
        by=world.owner, name="PT Swasta", kind=Organization.Kind.PRIVATE
    )
    services.person_update(person=world.person, by=admin, is_public_official=False)
    # when he is moved to a private company (people leave their posts: allowed)
    services.person_update(person=world.person, by=world.owner, organization=company)
    # then the gift rules still treat him as an official for a year after he left
    moved = Person.objects.get(pk=world.person.pk)
    assert moved.organization == company
    assert is_public_official(moved)
    # and an ordinary employee of the company is not one
    staff = services.person_create(by=world.owner, full_name="Rina", organization=company)
    assert not is_public_official(staff)


def test_compliance_and_admins_may_correct_the_status(world):
    # given an admin, and an organization recorded as government by mistake
    admin = UserFactory(username="root", role=Role.ADMIN)
    # when the admin corrects the kind and the flag
    services.organization_update(
        organization=world.organization, by=admin, kind=Organization.Kind.PRIVATE
    )
    services.person_update(person=world.person, by=admin, is_public_official=False)
    # then both are changed
    world.organization.refresh_from_db()
    assert world.organization.kind == Organization.Kind.PRIVATE
    assert not Person.objects.get(pk=world.person.pk).is_public_official


def test_raising_the_status_stays_open_to_the_owner(world):
    company = services.organization_create(
        by=world.owner, name="PT Mitra", kind=Organization.Kind.PRIVATE
    )
    services.organization_update(
        organization=company, by=world.owner, kind=Organization.Kind.STATE_OWNED
    )
    services.person_update(person=world.person, by=world.owner, is_public_official=True)
    assert Organization.objects.get(pk=company.pk).is_public_sector
