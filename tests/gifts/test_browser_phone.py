"""The gift pages on a 390 px phone: the register (with its chart) and a gift's page fit the
screen, the "Given on" date opens filled, and the KPK report is recorded from the phone."""

from __future__ import annotations

import importlib
import os

import pytest
from django.utils import timezone

from karib.core.roles import Role
from karib.gifts import services
from karib.gifts.models import Gift
from karib.people.models import Organization
from tests.browser_support import login
from tests.factories import OrganizationFactory, PersonFactory, UserFactory

from .support import propose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def migrated_data(transactional_db):
    """Roles and default policy rules, again (a transactional test may have flushed them)."""
    from django.apps import apps

    importlib.import_module("karib.core.migrations.0002_roles").create_roles(apps, None)
    importlib.import_module("karib.gifts.migrations.0002_policy_defaults").load(apps, None)


def _screenshot(page, name: str) -> None:
    folder = os.environ.get("KARIB_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _page_width(page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_gift_pages_fit_a_phone_and_the_report_is_recorded(live_server, page):
    # given Dewi's approved gift to an official with a long name, and a given one
    dewi = UserFactory(username="dewi", first_name="Dewi", last_name="Lestari", role=Role.SALES)
    maya = UserFactory(username="maya", first_name="Maya", role=Role.COMPLIANCE_OFFICER)
    directorate = OrganizationFactory(
        name="Direktorat Jenderal Aplikasi Informatika dan Layanan Data Nasional",
        kind=Organization.Kind.GOVERNMENT,
        owner=dewi,
    )
    official = PersonFactory(
        full_name="Prof. Dr. Ir. Suryo Wibowo Kusumaningrat, M.Sc.",
        organization=directorate,
        is_public_official=True,
    )
    today = timezone.localdate()
    gift = services.gift_approve(gift=propose(dewi, official, proposed_on=today), by=maya)
    page.set_viewport_size(PHONE)
    login(page, live_server, "dewi", "secret-pass-123")

    # when she opens the register on her phone
    page.goto(f"{live_server.url}/gifts/")
    _screenshot(page, "gift-register-390")
    # then nothing scrolls sideways and the chart has its table of figures
    assert _page_width(page) <= PHONE["width"]
    assert page.locator("#recipient-chart svg rect").count() >= 1

    # when she opens the gift: the "Given on" date is filled in (ISO, as a date input needs)
    page.goto(f"{live_server.url}/gifts/{gift.pk}/")
    _screenshot(page, "gift-detail-390")
    assert _page_width(page) <= PHONE["width"]
    assert page.input_value("#id_given_on") == today.isoformat()

    # when she marks it given, the KPK deadline appears with its words, and she records the report
    with page.expect_navigation():
        page.click("#give button[type=submit]")
    assert page.locator('[data-kpk-state="due"]').first.is_visible()
    page.fill("#id_reference", "GOL-KPK-2026-0042")
    with page.expect_navigation():
        page.click("#kpk-report-form button[type=submit]")
    _screenshot(page, "gift-reported-390")

    # then the gift is reported, with its evidence, and the page says so in words
    gift.refresh_from_db()
    assert (gift.status, gift.kpk_reported_on, gift.kpk_report_reference) == (
        Gift.Status.GIVEN,
        today,
        "GOL-KPK-2026-0042",
    )
    assert page.locator('[data-kpk-state="reported"]').first.is_visible()
    assert _page_width(page) <= PHONE["width"]
