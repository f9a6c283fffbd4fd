"""The person page: past organizations the viewer cannot see stay unnamed; the audit history
names people and shows deleted facts and dates, to managers of the owner's team and admins; the
panels the page fetches on its own answer only those who see the person."""

from __future__ import annotations

import pytest
from django.urls import reverse

from karib.core.roles import Role
from karib.people import selectors, services
from tests.factories import UserFactory


def _panel(client, person, name: str):
    """A panel of the person page as the page fetches it (htmx)."""
    url = reverse("people:person-panel", args=[person.pk, name])
    return client.get(url, HTTP_HX_REQUEST="true")


def test_person_page_does_not_name_a_past_organization_the_viewer_cannot_see(world, client_for):
    # given: a person of another team's organization moves to the owner's organization
    secret_org = services.organization_create(by=world.other, name="Rahasia Corp")
    mover = services.person_create(by=world.other, full_name="Pindah", organization=secret_org)
    admin = UserFactory(username="admin5", role=Role.ADMIN)
    services.person_update(person=mover, by=admin, organization=world.organization)
    # when
    page = client_for(world.owner).get(reverse("people:person-detail", args=[mover.pk]))
    roles = _panel(client_for(world.owner), mover, "roles")
    admin_roles = _panel(client_for(admin), mover, "roles")
    # then
    assert page.status_code == 200
    assert b"Rahasia Corp" not in page.content + roles.content
    assert "organisasi lain" in roles.content.decode()
    assert b"Rahasia Corp" in admin_roles.content


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
    panel = _panel(client_for(world.manager), world.person, "audit")
    # then
    assert events is not None
    models = {(e.content_type.model, e.action) for e in events}
    assert ("personalfact", "delete") in models
    assert ("importantdate", "delete") in models
    assert 'id="panel-audit"' in page.content.decode()  # the page fetches it
    html = panel.content.decode()
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
    assert b'id="panel-audit"' not in page.content
    assert _panel(client_for(world.outsider_manager), second, "audit").status_code == 404
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


PANELS = ["health", "recovery", "privacy", "promises", "gestures", "envoy", "roles", "audit"]


@pytest.mark.parametrize("name", PANELS)
def test_a_panel_of_a_person_the_user_may_not_see_is_not_found(world, client_for, name):
    # given a sales user of another team, and a panel name that does not exist
    client = client_for(world.other)
    # when they ask for the panel, then it is the same 404 as for the page
    assert _panel(client, world.person, name).status_code == 404
    assert client.get(reverse("people:person-detail", args=[world.person.pk])).status_code == 404
    missing = reverse("people:person-panel", args=[world.person.pk, "nonsense"])
    assert client_for(world.owner).get(missing).status_code == 404


def test_the_page_offers_each_panel_it_may_show_and_each_panel_answers(world, client_for):
    # given the owner (who assigns the envoy, sees no audit log) and the team's manager
    for reader, offered in [
        (world.owner, {"health", "recovery", "privacy", "promises", "gestures", "envoy", "roles"}),
        (world.manager, set(PANELS)),
    ]:
        client = client_for(reader)
        # when the page is read
        page = client.get(reverse("people:person-detail", args=[world.person.pk])).text
        # then it holds a link to each panel it may show, fetched once the page is there
        for name in PANELS:
            url = reverse("people:person-panel", args=[world.person.pk, name])
            assert (f'hx-get="{url}"' in page) == (name in offered), (reader, name)
            if name in offered:
                assert _panel(client, world.person, name).status_code == 200
            else:
                assert _panel(client, world.person, name).status_code == 404


def test_the_panels_carry_what_the_page_used_to_show(world, client_for):
    # given a promise-free person with a fact that has a topic
    services.fact_create(
        person=world.person, by=world.owner, category="interest", text="Suka wayang", topic="x"
    )
    client = client_for(world.owner)
    # when the panels are fetched
    envoy = _panel(client, world.person, "envoy").text
    promises = _panel(client, world.person, "promises").text
    gestures = _panel(client, world.person, "gestures").text
    # then each holds its section
    assert 'name="envoy"' in envoy
    assert reverse("people:person-envoy-assign", args=[world.person.pk]) in envoy
    assert 'id="promise-block"' in promises
    assert f"?organization={world.organization.pk}" in promises
    assert 'id="gesture-ideas"' in gestures


def test_without_javascript_a_panel_is_a_page_with_the_way_back(world, client_for):
    # given the owner, without htmx
    client = client_for(world.owner)
    person_url = reverse("people:person-detail", args=[world.person.pk])
    # when they follow the link to the promises panel, and to the recovery plan (there is none)
    promises = client.get(reverse("people:person-panel", args=[world.person.pk, "promises"]))
    recovery = client.get(reverse("people:person-panel", args=[world.person.pk, "recovery"]))
    # then each is a whole page with the panel, or says there is nothing, and leads back
    assert promises.status_code == 200
    assert "<html" in promises.text
    assert 'id="promise-block"' in promises.text
    assert f'href="{person_url}"' in promises.text
    assert "Tidak ada yang ditampilkan di sini." in recovery.text
    assert f'href="{person_url}"' in recovery.text
