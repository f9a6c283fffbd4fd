"""A rep's day by keyboard (issue #15): the skip link, "/" to search, focus that moves into an
inline form when it opens and back to its opener when it closes, quick add of a person."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from karib.core.roles import Role
from karib.people import services
from karib.people.models import Organization, Person, PersonalFact
from tests.browser_support import login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rep(live_server, page):
    """Rudi (Sales) logged in, in English, with Suryo at a directorate who has one fact."""
    Group.objects.get_or_create(name=Role.SALES.value)
    user = UserFactory(username="rudi", first_name="Rudi", role=Role.SALES)
    organization = services.organization_create(
        by=user, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    person = services.person_create(by=user, full_name="Suryo Wibowo", organization=organization)
    fact = services.fact_create(person=person, by=user, category="interest", text="Suka wayang")
    login(page, live_server, "rudi", "secret-pass-123")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    return {"user": user, "organization": organization, "person": person, "fact": fact}


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(live_server, page, rep):
    # given the person page
    page.goto(f"{live_server.url}/people/{rep['person'].pk}/")
    skip = page.locator("a.skip-link")
    # when Tab is pressed once
    page.keyboard.press("Tab")
    # then the skip link has focus, is visible, and says what it does
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_have_text("Skip to content")
    # and following it puts focus on the main content
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # the next Tab goes into the content, not back to the navigation
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_slash_focuses_search_from_anywhere_and_escape_leaves_it(live_server, page, rep):
    # given the person page, nothing focused
    page.goto(f"{live_server.url}/people/{rep['person'].pk}/")
    search = page.locator("#site-search")
    expect(search).to_have_attribute("aria-keyshortcuts", "/")
    # when "/" is pressed
    page.keyboard.press("/")
    # then the search box of the top bar has focus and no "/" was typed
    expect(search).to_be_focused()
    expect(search).to_have_value("")
    # typing there searches the people list
    page.keyboard.type("Suryo")
    page.keyboard.press("Escape")
    expect(search).not_to_be_focused()
    expect(search).to_have_value("Suryo")
    # "/" again comes back to it, and Enter searches the people list
    page.keyboard.press("/")
    expect(search).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/people/\?q=Suryo"))
    expect(page.locator("#results")).to_contain_text("Suryo Wibowo")
    # on the people list "/" goes to the list's own search box
    page.locator("main h1").click()
    page.keyboard.press("/")
    expect(page.locator("#id_q")).to_be_focused()
    # and "/" typed inside a field is just a character
    page.locator("#id_q").press("End")
    page.keyboard.type("/")
    expect(page.locator("#id_q")).to_have_value("Suryo/")


def test_focus_enters_an_inline_form_and_returns_to_its_opener(live_server, page, rep):
    person, fact = rep["person"], rep["fact"]
    page.goto(f"{live_server.url}/people/{person.pk}/")
    add_fact = page.locator("#fact-form a.button")

    # when "Add a fact" is opened from the keyboard
    add_fact.focus()
    with page.expect_response(lambda r: r.url.endswith(f"/people/{person.pk}/facts/")):
        page.keyboard.press("Enter")
    # then focus is on the form's first field
    form = page.locator("form#fact-form")
    expect(form).to_be_visible()
    first = form.locator("input:visible, select:visible, textarea:visible").first
    expect(first).to_be_focused()
    # and Escape closes it in place, focus back on "Add a fact"
    page.keyboard.press("Escape")
    expect(page.locator("form#fact-form")).to_have_count(0)
    expect(page.locator("#fact-form a.button")).to_be_focused()

    # when the fact's Edit link opens its form
    edit = page.locator(f"#fact-{fact.pk} .edit-fact")
    edit.focus()
    page.keyboard.press("Enter")
    text = page.locator(f"#fact-{fact.pk} form [name=text]")
    expect(page.locator(f"#fact-{fact.pk} form [name=category]")).to_be_focused()
    # saving it empty keeps the form open with focus on the field in error
    text.fill("")
    page.locator(f"#fact-{fact.pk} button[type=submit]").click()
    expect(page.locator(f"#fact-{fact.pk} #error-text")).to_be_visible()
    expect(page.locator(f"#fact-{fact.pk} form [name=text]")).to_be_focused()
    # saving it corrected closes it, and focus returns to its Edit link
    page.locator(f"#fact-{fact.pk} form [name=text]").fill("Suka wayang kulit")
    with page.expect_response(lambda r: f"/facts/{fact.pk}/edit/" in r.url):
        page.locator(f"#fact-{fact.pk} button[type=submit]").click()
    expect(page.locator(f"#fact-{fact.pk} .edit-fact")).to_be_focused()
    assert PersonalFact.objects.get(pk=fact.pk).text == "Suka wayang kulit"

    # Cancel on an edit form closes it in place too, without leaving the page
    page.locator(f"#fact-{fact.pk} .edit-fact").click()
    expect(page.locator(f"#fact-{fact.pk} [name=text]")).to_be_visible()
    page.locator(f"#fact-{fact.pk} form a", has_text="Cancel").click()
    expect(page.locator(f"#fact-{fact.pk} [name=text]")).to_have_count(0)
    expect(page).to_have_url(f"{live_server.url}/people/{person.pk}/")
    expect(page.locator(f"#fact-{fact.pk} .edit-fact")).to_be_focused()


def test_quick_add_from_the_navigation(live_server, page, rep):
    # given Today (or any page)
    page.goto(f"{live_server.url}/people/organizations/")
    # when "+ Person" opens the small form
    page.locator("a.quick-add").click()
    name = page.locator("#quick-add [name=full_name]")
    expect(name).to_be_focused()
    # an empty name is refused next to the field, focus on it
    page.locator("#quick-add button[type=submit]").click()
    expect(page.locator("#quick-add #error-full_name")).to_be_visible()
    expect(page.locator("#quick-add [name=full_name]")).to_be_focused()
    # a name and an organization create the person and open their page
    page.locator("#quick-add [name=full_name]").fill("Niken Sari")
    page.locator("#quick-add [name=organization]").select_option(label="Direktorat Layanan Data")
    with page.expect_navigation():
        page.locator("#quick-add button[type=submit]").click()
    person = Person.objects.get(full_name="Niken Sari")
    expect(page).to_have_url(f"{live_server.url}/people/{person.pk}/")
    expect(page.locator("h1")).to_contain_text("Niken Sari")
    assert person.owner == rep["user"]


def test_quick_add_cancel_returns_focus_to_the_control(live_server, page, rep):
    page.goto(f"{live_server.url}/people/")
    page.locator("a.quick-add").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#quick-add [name=full_name]")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#quick-add form")).to_have_count(0)
    expect(page.locator("a.quick-add")).to_be_focused()
