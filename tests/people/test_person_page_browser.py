"""The person page in a browser: the panels it fetches on its own arrive in their places, and the
envoy can be assigned from its panel."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from karib.core.roles import Role
from karib.people import services
from karib.people.models import Organization, Person
from tests.browser_support import login
from tests.factories import TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_panels_arrive_and_the_envoy_is_assigned_from_its_panel(live_server, page):
    # given a sales user's person with an interest, and a colleague of the same team (an
    # earlier transactional test may have flushed the role groups the data migration created)
    Group.objects.get_or_create(name=Role.SALES.value)
    team = TeamFactory(name="Government")
    user = UserFactory(username="rudi", first_name="Rudi", role=Role.SALES, team=team)
    colleague = UserFactory(username="dewi", first_name="Dewi", role=Role.SALES, team=team)
    organization = services.organization_create(
        by=user, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    person = services.person_create(by=user, full_name="Suryo Wibowo", organization=organization)
    services.fact_create(
        person=person, by=user, category="interest", text="Pencinta wayang", topic="wayang"
    )
    login(page, live_server, "rudi", "secret-pass-123")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    # when the owner opens the person's page
    page.goto(f"{live_server.url}/people/{person.pk}/")
    # then each panel replaces the link that stood in for it
    expect(page.locator("#health-panel")).to_be_visible()
    expect(page.locator("#promise-block")).to_be_visible()
    expect(page.locator("#gesture-ideas")).to_be_visible()
    expect(page.locator("#roles")).to_contain_text("Direktorat Layanan Data")
    expect(page.locator(".panel-loading")).to_have_count(0)
    # and the envoy is assigned from its panel
    envoy = page.locator("#envoy")
    envoy.locator("select[name=envoy]").select_option(value=str(colleague.pk))
    envoy.locator("button[type=submit]").click()
    expect(page.locator(".envoy")).to_contain_text("Dewi")
    assert Person.objects.get(pk=person.pk).envoy == colleague
