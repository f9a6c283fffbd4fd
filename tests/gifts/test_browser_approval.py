"""The approval journey in the browser: Dewi proposes a gift for an official, Maya (Compliance)
approves it in the queue, Dewi marks it given and sees the KPK reporting deadline."""

from __future__ import annotations

import importlib
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from karib.core.roles import Role
from karib.gifts import adapters
from karib.gifts.models import Gift
from karib.people.models import Organization
from tests.browser_support import login
from tests.factories import OrganizationFactory, PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def migrated_data(transactional_db):
    """A transactional test that ran before this one may have flushed the data that migrations
    create (roles, default policy rules): create it again, idempotently."""
    from django.apps import apps

    core_roles = importlib.import_module("karib.core.migrations.0002_roles")
    gifts_defaults = importlib.import_module("karib.gifts.migrations.0002_policy_defaults")
    core_roles.create_roles(apps, None)
    gifts_defaults.load(apps, None)


def test_propose_approve_give_and_see_the_reporting_deadline(live_server, page):
    # given Dewi (sales), Maya (Compliance) and an official Dewi looks after
    dewi = UserFactory(username="dewi", first_name="Dewi", last_name="Lestari", role=Role.SALES)
    UserFactory(username="maya", first_name="Maya", last_name="Putri", role=Role.COMPLIANCE_OFFICER)
    directorate = OrganizationFactory(
        name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT, owner=dewi
    )
    official = PersonFactory(
        full_name="Suryo Wibowo", organization=directorate, is_public_official=True
    )

    # when Dewi proposes a hand-made Bima puppet
    login(page, live_server, "dewi", "secret-pass-123")
    page.goto(f"{live_server.url}/gifts/new/")
    page.select_option("#id_recipient", str(official.pk))
    page.select_option("#id_kind", "goods")
    page.fill("#id_description", "Wayang kulit tokoh Bima")
    page.fill("#id_estimated_value", "1200000")
    page.fill("#id_business_purpose", "Memulihkan hubungan")
    page.click("#propose-form button[type=submit]")
    page.wait_for_url(re.compile(r"/gifts/\d+/$"))
    # then she sees that Compliance must approve and that it cannot be given yet
    assert page.locator('[data-rule="official_approval"]').is_visible()
    assert page.locator("#waiting").is_visible()
    assert page.locator("#give").count() == 0
    gift = Gift.objects.get()
    assert gift.status == Gift.Status.PROPOSED

    # when Maya approves it from her approval queue
    page.context.clear_cookies()
    login(page, live_server, "maya", "secret-pass-123")
    page.goto(f"{live_server.url}/gifts/queue/")
    card = page.locator(f"#gift-{gift.pk}")
    card.locator("input[name=note]").fill("Nilai wajar, bukan uang")
    card.locator("button.primary").click()
    page.wait_for_url(f"{live_server.url}/gifts/queue/")
    assert page.locator(f"#gift-{gift.pk}").count() == 0
    gift.refresh_from_db()
    assert gift.status == Gift.Status.APPROVED

    # when Dewi marks it given today
    page.context.clear_cookies()
    login(page, live_server, "dewi", "secret-pass-123")
    page.goto(f"{live_server.url}/gifts/{gift.pk}/")
    assert page.locator('[data-rule=""]').filter(has_text="Maya Putri").is_visible()
    page.click("#give button[type=submit]")
    page.wait_for_selector("#reporting-deadline")
    # then she sees the 30-working-day KPK reporting deadline
    today = timezone.localdate()
    deadline = adapters.report_deadline(today, 30)
    with translation.override("id"):
        expected = date_format(deadline, "j F Y")
    assert expected in page.locator("#reporting-deadline h2").inner_text()
    gift.refresh_from_db()
    assert gift.status == Gift.Status.GIVEN
    assert gift.report_deadline == deadline
    # and her own list shows the decisions and the deadline
    page.goto(f"{live_server.url}/gifts/mine/")
    assert expected in page.locator(f"#gift-{gift.pk} .deadline").inner_text()
