"""The main journey: create a person, log an interaction, add a fact from it, find the person
by another form of a word in that fact, and see where the fact was learned."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from karib.core.roles import Role
from karib.people import services
from karib.people.models import Organization
from tests.browser_support import login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_person_interaction_fact_search_and_source(live_server, page):
    # given a sales user with an organization (an earlier transactional test may have flushed
    # the role groups that the data migration created)
    Group.objects.get_or_create(name=Role.SALES.value)
    user = UserFactory(username="rudi", first_name="Rudi", last_name="Hartono", role=Role.SALES)
    services.organization_create(
        by=user, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    login(page, live_server, "rudi", "secret-pass-123")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()

    # when she creates a person
    page.goto(f"{live_server.url}/people/new/")
    page.fill("#id_full_name", "Suryo Wibowo")
    page.select_option("#id_honorific", "Bapak")
    page.select_option("#id_organization", label="Direktorat Layanan Data")
    page.fill("#id_job_title", "Direktur")
    page.click("form.card button[type=submit].primary")
    page.wait_for_url("**/people/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bapak Suryo Wibowo"
    assert "public official" in page.locator(".person-header").inner_text()

    # and logs an interaction in place (a missing summary is reported next to the field first)
    # (each swap is settled, focus moved into the form, before typing: focus moving under a
    # typing hand would send the text to another field)
    # (the person's panels load after the page: a click while they swap in may land on a
    # moved element, as a CI run on a loaded machine saw, so they settle first)
    page.wait_for_load_state("networkidle")
    with page.expect_response(lambda r: r.url.endswith("/interactions/")):
        page.click("#interaction-form a.button")
    expect(page.locator("#interaction-form #id_kind")).to_be_focused()
    form = page.locator("#interaction-form")
    form.locator("#id_kind").select_option("meal")
    form.locator("#id_occurred_at").fill("2024-10-16T07:00")
    form.locator("button[type=submit]").click()
    page.locator("#interaction-form #error-summary").wait_for()
    form = page.locator("#interaction-form")
    expect(form.locator("#id_summary")).to_be_focused()
    form.locator("#id_occurred_at").fill("2024-10-16T07:00")
    form.locator("#id_location").fill("Hotel di Denpasar")
    form.locator("#id_summary").fill("Sarapan bersama selama kunjungan lapangan Denpasar")
    form.locator("button[type=submit]").click()
    page.locator("#timeline .timeline-interaction").wait_for()

    # and adds a fact from that interaction
    page.click("#timeline .add-fact-from")
    # (waited for without evaluating script text: the CSP forbids eval)
    expect(page.locator("#fact-form #id_source_interaction")).not_to_have_value("")
    expect(page.locator("#fact-form #id_category")).to_be_focused()
    fact_form = page.locator("#fact-form")
    fact_form.locator("#id_category").select_option("preference")
    fact_form.locator("#id_text").fill("Ingin operator daerah dilatih langsung oleh vendor")
    fact_form.locator("button[type=submit]").click()
    page.locator("#facts .fact").wait_for()

    # then searching another form of a word of that fact finds the person
    page.goto(f"{live_server.url}/people/")
    page.fill("#id_q", "pelatihan")
    page.click("form[role=search] button[type=submit]")
    page.locator("#results table.people").wait_for()
    page.click("#results >> text=Bapak Suryo Wibowo")
    page.wait_for_url("**/people/*/")

    # and the fact shows where it was learned
    source = page.locator("#facts .fact .fact-source").first.inner_text()
    assert "learned in meal (Hotel di Denpasar) on 16 Oct 2024" in source
