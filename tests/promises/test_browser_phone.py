"""A rep's day on a phone (390 px): the promise board and the reliability page fit the screen,
and a transition saved over a colleague's change shows the conflict and keeps the input."""

from __future__ import annotations

import datetime
import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from karib.core.roles import Role
from karib.promises import services
from karib.promises.models import Promise, PromiseStatus
from tests.browser_support import login
from tests.factories import OrganizationFactory, PersonFactory, UserFactory

from .factories import make_promise, plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
FUTURE = datetime.date(2099, 8, 15)


def _screenshot(page, name: str) -> None:
    """Keep a screenshot for a person to look at when KARIB_SCREENSHOTS names a folder."""
    folder = os.environ.get("KARIB_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _page_width(page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.fixture
def ledger(transactional_db):
    """Rudi's promises in every status, to one official."""
    Group.objects.get_or_create(name=Role.SALES.value)
    rudi = UserFactory(username="rudi", first_name="Rudi", last_name="Hartono", role=Role.SALES)
    organization = OrganizationFactory(name="Direktorat Layanan Data Nasional", owner=rudi)
    official = PersonFactory(full_name="Suryo Wibowo", organization=organization)

    def promise(text: str) -> Promise:
        return make_promise(
            organization=organization, people=[official], text=text, due_date=FUTURE
        )

    promise("Install the regional data centre in Denpasar, with the cabling and the racks")
    services.promise_mark_kept(promise=promise("Migrate the public-service data"), by=rudi)
    services.promise_mark_at_risk(promise=promise("Train the operators"), by=rudi, **plan(rudi))
    at_risk = services.promise_mark_at_risk(promise=promise("Documentation"), by=rudi, **plan(rudi))
    services.promise_renegotiate(
        promise=at_risk,
        by=rudi,
        new_text="Documentation, chapter 1 first",
        new_due_date=FUTURE,
        reason="Agreed by phone",
    )
    broken = services.promise_mark_at_risk(
        promise=promise("Quarterly report"), by=rudi, **plan(rudi)
    )
    services.promise_mark_broken(promise=broken, by=rudi, reason="Budget moved")
    services.promise_withdraw(
        promise=promise("A second site visit"), by=rudi, customer_agreement="Not needed any more"
    )
    # and two that fell due in the last months (the reliability chart has figures)
    today = timezone.localdate()
    for text, kept in (("Network audit", True), ("Security review", False)):
        past = make_promise(
            organization=organization,
            text=text,
            made_on=today - datetime.timedelta(days=200),
            due_date=today - datetime.timedelta(days=100),
        )
        if kept:
            services.promise_mark_kept(
                promise=past, by=rudi, kept_on=today - datetime.timedelta(days=110)
            )
    return rudi, organization


def test_the_board_and_reliability_fit_a_phone(live_server, page, ledger):
    # given Rudi on a 390 px phone
    page.set_viewport_size(PHONE)
    login(page, live_server, "rudi", "secret-pass-123")

    # when he opens the board with promises in six of the seven columns
    page.goto(f"{live_server.url}/promises/")
    _screenshot(page, "promise-board-390")

    # then the page does not scroll sideways, and each card says its status in words
    assert _page_width(page) <= PHONE["width"]
    cells = page.locator(".board td:not(.empty-cell)")
    labels = {cells.nth(i).get_attribute("data-label") for i in range(cells.count())}
    with translation.override(settings.LANGUAGE_CODE):  # the site's language (Indonesian)
        expected = {str(PromiseStatus(status).label) for status in ("kept", "broken", "withdrawn")}
    assert expected <= labels

    # when he opens the reliability page: the chart and its table fit as well
    page.goto(f"{live_server.url}/promises/reliability/")
    _screenshot(page, "reliability-390")
    assert _page_width(page) <= PHONE["width"]
    assert page.locator("#reliability-chart svg title").count() >= 1
    assert page.locator("#reliability-chart table.chart-data tr").count() >= 1


def test_a_stale_transition_shows_who_changed_it_and_keeps_the_input(
    live_server, new_page, page, ledger
):
    # given an open promise, open in two sessions: Rudi's and his manager Budi's
    rudi, organization = ledger
    budi = UserFactory(username="budi", first_name="Budi", role=Role.MANAGER)
    Group.objects.get_or_create(name=Role.MANAGER.value)
    rudi.profile.team = budi.profile.team = organization.team = None
    promise = Promise.objects.get(status=PromiseStatus.OPEN, due_date=FUTURE)
    login(page, live_server, "rudi", "secret-pass-123")
    page.goto(f"{live_server.url}/promises/{promise.pk}/")
    other = new_page()
    login(other, live_server, "rudi", "secret-pass-123")
    other.goto(f"{live_server.url}/promises/{promise.pk}/")

    # when the second session marks it at risk first
    other.fill("#id_at-risk-reason", "The trainers are ill")
    other.fill("#id_at-risk-communication_message", "Call Pak Suryo today")
    other.fill("#id_at-risk-communication_due", "2099-08-01")
    other.click("#form-at-risk button[type=submit]")
    other.wait_for_selector("#communication-plan")

    # and the first, still showing the open promise, marks it kept with a note
    page.fill("#id_kept-reason", "Handed over at the site visit")
    with page.expect_response(lambda response: "/kept/" in response.url):
        page.click("#form-kept button[type=submit]")

    # then the first sees who changed it, the note is still in the form, nothing was overwritten
    page.wait_for_selector("#transition-error")
    assert "Rudi" in page.inner_text("#transition-error")
    assert page.input_value("#id_kept-reason") == "Handed over at the site visit"
    assert Promise.objects.get(pk=promise.pk).status == PromiseStatus.AT_RISK
