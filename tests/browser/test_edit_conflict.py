"""Two people edit the same person at once: the second save is not lost and does not silently
overwrite the first; it shows who changed what, when, with both values, and saving again
keeps both changes."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from karib.core.roles import Role
from karib.people import services
from karib.people.models import Organization, Person
from tests.browser_support import login
from tests.factories import TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _session(new_page, live_server, username):
    page = new_page(timeout_ms=15_000)
    login(page, live_server, username, "secret-pass-123")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    return page


def test_a_stale_save_shows_the_conflict_and_keeps_both_changes(live_server, new_page):
    # given a person owned by Rudi, whose manager Hendra may edit them too
    for role in (Role.SALES, Role.MANAGER):
        Group.objects.get_or_create(name=role.value)
    team = TeamFactory(name="Government")
    rudi = UserFactory(
        username="rudi", first_name="Rudi", last_name="Hartono", role=Role.SALES, team=team
    )
    UserFactory(username="hendra", first_name="Hendra", role=Role.MANAGER, team=team)
    organization = services.organization_create(
        by=rudi, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    person = services.person_create(
        by=rudi, full_name="Suryo Wibowo", organization=organization, job_title="Direktur"
    )
    edit_url = f"{live_server.url}/people/{person.pk}/edit/"
    rudi_page = _session(new_page, live_server, "rudi")
    hendra_page = _session(new_page, live_server, "hendra")
    # and both open the edit form of the same version
    rudi_page.goto(edit_url)
    hendra_page.goto(edit_url)
    expect(hendra_page.locator("#id_job_title")).to_have_value("Direktur")

    # when Rudi changes the job title and saves first
    rudi_page.fill("#id_job_title", "Direktur Jenderal")
    with rudi_page.expect_response(lambda r: r.request.method == "POST"):
        rudi_page.click("form button[type=submit].primary")
    expect(rudi_page.locator("h1")).to_contain_text("Suryo Wibowo")
    # and Hendra, still on the old version, changes the form of address and saves
    hendra_page.fill("#id_custom_address", "Pak Suryo")
    with hendra_page.expect_response(lambda r: r.request.method == "POST" and r.status == 422):
        hendra_page.click("form button[type=submit].primary")

    # then Hendra sees who changed it and when, with both values of the job title
    conflict = hendra_page.locator(".conflict")
    expect(conflict).to_contain_text(
        re.compile(r"Changed by Rudi Hartono at \d{1,2} \w+ \d{4} \d{2}:\d{2}")
    )
    job_title = conflict.locator("tr", has_text="Job title")
    expect(job_title.locator(".yours")).to_have_text("Direktur")
    expect(job_title.locator(".theirs")).to_have_text("Direktur Jenderal")
    # and his own change is still in the form, nothing saved over Rudi's
    expect(hendra_page.locator("#id_custom_address")).to_have_value("Pak Suryo")
    saved = Person.objects.get(pk=person.pk)
    assert (saved.job_title, saved.custom_address) == ("Direktur Jenderal", "")

    # when he takes Rudi's job title from the conflict and saves again
    hendra_page.fill("#id_job_title", job_title.locator(".theirs").inner_text())
    with hendra_page.expect_response(lambda r: r.request.method == "POST"):
        hendra_page.click("form button[type=submit].primary")
    expect(hendra_page.locator(".conflict")).to_have_count(0)
    expect(hendra_page.locator("h1")).to_contain_text("Suryo Wibowo")

    # then both changes are kept
    saved = Person.objects.get(pk=person.pk)
    assert (saved.job_title, saved.custom_address) == ("Direktur Jenderal", "Pak Suryo")
    assert saved.version == person.version + 2
