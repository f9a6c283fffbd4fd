"""Journey: move a promise to at risk with its communication plan, then renegotiate it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group

from karib.core.roles import Role
from karib.promises.models import Promise, PromiseStatus
from tests.browser_support import login
from tests.factories import OrganizationFactory, PersonFactory, UserFactory

from .factories import make_promise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_at_risk_with_a_plan_then_renegotiated(live_server, page):
    # given an open promise of Rudi's to Pak Suryo (an earlier transactional test may have
    # flushed the role groups that the data migration created)
    Group.objects.get_or_create(name=Role.SALES.value)
    rudi = UserFactory(username="rudi", first_name="Rudi", last_name="Hartono", role=Role.SALES)
    organization = OrganizationFactory(name="Direktorat Layanan Data", owner=rudi)
    official = PersonFactory(full_name="Suryo Wibowo", organization=organization)
    promise = make_promise(
        organization=organization,
        people=[official],
        text="Train the regional operators",
        due_date=datetime.date(2099, 8, 15),
    )
    login(page, live_server, "rudi", "secret-pass-123")

    # when he opens it and starts to mark it at risk
    page.goto(f"{live_server.url}/promises/{promise.pk}/")
    page.fill("#id_at-risk-reason", "The trainers are not available")

    # when he fills the communication plan: what, by when, who
    page.fill("#id_at-risk-communication_message", "Tell Pak Suryo and offer online sessions")
    page.fill("#id_at-risk-communication_due", "2099-08-01")
    page.select_option("#id_at-risk-communication_owner", str(rudi.pk))
    page.click("#form-at-risk button[type=submit]")

    # then the page shows the plan in place, and the renegotiation form
    page.wait_for_selector("#communication-plan")
    assert "offer online sessions" in page.inner_text("#communication-plan")
    assert Promise.objects.get(pk=promise.pk).status == PromiseStatus.AT_RISK

    # when he renegotiates new terms and a new due date
    page.fill("#id_renegotiate-new_text", "Online sessions for 6 provinces first")
    page.fill("#id_renegotiate-new_due_date", "2099-10-31")
    page.fill("#id_renegotiate-reason", "Agreed with Pak Suryo by phone")
    page.click("#form-renegotiate button[type=submit]")

    # then the promise is renegotiated, the old terms kept, the history complete
    page.wait_for_selector("#form-renegotiate", state="detached")
    assert "Online sessions for 6 provinces first" in page.inner_text("h1")
    history = page.inner_text("#history")
    assert "Agreed with Pak Suryo by phone" in history
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.RENEGOTIATED
    assert (promise.original_text, promise.original_due_date) == (
        "Train the regional operators",
        datetime.date(2099, 8, 15),
    )
    assert promise.due_date == datetime.date(2099, 10, 31)
    assert list(promise.history.values_list("to_status", flat=True)) == [
        "open",
        "at_risk",
        "renegotiated",
    ]
