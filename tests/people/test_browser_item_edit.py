"""Change a fact in place (errors next to the field), then delete it and an interaction after
confirming."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from karib.core.roles import Role
from karib.people import services
from karib.people.models import Interaction, Organization, PersonalFact
from tests.browser_support import login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_edit_and_delete_in_place(live_server, page):
    # given a person with a fact and an interaction
    Group.objects.get_or_create(name=Role.SALES.value)
    user = UserFactory(username="rudi", first_name="Rudi", role=Role.SALES)
    organization = services.organization_create(
        by=user, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    person = services.person_create(by=user, full_name="Suryo Wibowo", organization=organization)
    fact = services.fact_create(person=person, by=user, category="interest", text="Suka wayang")
    interaction = services.interaction_create(
        by=user,
        kind="meal",
        occurred_at=datetime.datetime(2024, 10, 16, 7, 0, tzinfo=datetime.UTC),
        summary="Sarapan di Denpasar",
        participants=[person],
    )
    login(page, live_server, "rudi", "secret-pass-123")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/people/{person.pk}/")
    # (the page's panels arrive on their own; the test acts once they have)
    expect(page.locator(".panel-loading")).to_have_count(0)

    # when the fact's row is turned into its form (settled: marked as an inline form) and
    # saved empty
    page.click(f"#fact-{fact.pk} .edit-fact")
    row = page.locator(f"#fact-{fact.pk} form[data-inline-form]")
    expect(row.locator("#id_text")).to_be_visible()
    row.locator("#id_text").fill("")
    expect(row.locator("#id_text")).to_have_value("")
    row.locator("button[type=submit]").click()
    # then the error is next to the field
    expect(page.locator(f"#fact-{fact.pk} #error-text")).to_be_visible()
    # and a corrected text is saved in place
    page.locator(f"#fact-{fact.pk} #id_text").fill("Suka wayang, tokoh favorit Bima")
    page.locator(f"#fact-{fact.pk} button[type=submit]").click()
    page.locator("#facts >> text=Suka wayang, tokoh favorit Bima").wait_for()
    assert PersonalFact.objects.get(pk=fact.pk).text == "Suka wayang, tokoh favorit Bima"

    # when the fact is deleted: dismissing the confirmation sends nothing and keeps it
    delete_path = reverse("people:person-fact-delete", args=[person.pk, fact.pk])
    deletes: list[str] = []
    page.on("request", lambda r: deletes.append(r.url) if delete_path in r.url else None)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click(f"#fact-{fact.pk} .delete-fact")
    expect(page.locator(f"#fact-{fact.pk}")).to_be_visible()
    assert PersonalFact.objects.filter(pk=fact.pk).exists()
    # and accepting it deletes it, with the only delete request sent (none for the dismissal)
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_response(lambda response: delete_path in response.url):
        page.click(f"#fact-{fact.pk} .delete-fact")
    expect(page.locator(f"#fact-{fact.pk}")).to_have_count(0)
    assert len(deletes) == 1
    assert not PersonalFact.objects.filter(pk=fact.pk).exists()

    # and the interaction is deleted after confirming
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(f"#interaction-{interaction.pk} .delete-interaction")
    page.locator(f"#interaction-{interaction.pk}").wait_for(state="detached")
    assert not Interaction.objects.filter(pk=interaction.pk).exists()
