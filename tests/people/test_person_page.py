"""The person page: past organizations the viewer cannot see stay unnamed; the audit history
names people and shows deleted facts and dates, to managers of the owner's team and admins."""

from __future__ import annotations

from django.urls import reverse

from karib.core.roles import Role
from karib.people import selectors, services
from tests.factories import UserFactory


def test_person_page_does_not_name_a_past_organization_the_viewer_cannot_see(world, client_for):
    # given: a person of another team's organization moves to the owner's organization
    secret_org = services.organization_create(by=world.other, name="Rahasia Corp")
    mover = services.person_create(by=world.other, full_name="Pindah", organization=secret_org)
    admin = UserFactory(username="admin5", role=Role.ADMIN)
    services.person_update(person=mover, by=admin, organization=world.organization)
    # when
    page = client_for(world.owner).get(reverse("people:person-detail", args=[mover.pk]))
    admin_page = client_for(admin).get(reverse("people:person-detail", args=[mover.pk]))
    # then
    assert page.status_code == 200
    assert b"Rahasia Corp" not in page.content
    assert "organisasi lain" in page.content.decode()
    assert b"Rahasia Corp" in admin_page.content


def test_audit_shows_deleted_facts_and_dates_with_names_not_ids(world, client_for):
    # given
    fact = services.fact_create(
        person=world.person, by=world.owner, category="interest", text="UNIQUEFACTTEXT"
    )
    services.fact_delete(fact=fact, by=world.owner)
    important_date = services.important_date_create(
        person=world.person, by=world.owner, kind="birthday", day=3, month=4
    )
    services.important_date_delete(important_date=important_date, by=world.owner)
    services.person_assign_envoy(person=world.person, envoy=world.manager, by=world.owner)
    # when
    events = selectors.person_audit_events(user=world.manager, person=world.person)
    page = client_for(world.manager).get(reverse("people:person-detail", args=[world.person.pk]))
    # then
    assert events is not None
    models = {(e.content_type.model, e.action) for e in events}
    assert ("personalfact", "delete") in models
    assert ("importantdate", "delete") in models
    html = page.content.decode()
    audit = html[html.index('id="audit"') :]
    assert "UNIQUEFACTTEXT" in audit
    assert "created_at" not in audit
    envoy_change = next(e for e in events if "envoy" in e.display_changes)
    assert envoy_change.display_changes["envoy"]["after"].startswith("Budi")


def test_a_manager_of_another_team_who_is_envoy_does_not_see_the_audit_log(world, client_for):
    # given: the outsider manager is envoy for one person, so sees the organization's people
    second = services.person_create(
        by=world.owner, full_name="Dewi Lain", organization=world.organization
    )
    services.fact_create(
        person=second, by=world.owner, category="family", text="ANAKSAKIT", is_sensitive=True
    )
    admin = UserFactory(role=Role.ADMIN)
    services.person_assign_envoy(person=world.person, envoy=world.outsider_manager, by=admin)
    # when
    page = client_for(world.outsider_manager).get(reverse("people:person-detail", args=[second.pk]))
    # then
    assert page.status_code == 200
    assert b"ANAKSAKIT" not in page.content
    assert b'id="audit"' not in page.content
    assert selectors.person_audit_events(user=world.manager, person=second) is not None


def test_the_person_page_shows_who_learned_each_fact(world, client_for):
    # given a fact the manager learned
    services.fact_create(
        person=world.person, by=world.manager, category="interest", text="Suka wayang"
    )
    # when the owner opens the page
    page = client_for(world.owner).get(reverse("people:person-detail", args=[world.person.pk]))
    # then the fact names who learned it
    assert page.status_code == 200
    assert world.manager.get_full_name() in page.text.split("Suka wayang", 1)[1].split("</li>")[0]
