"""The health panel in a browser: score, band in words, drivers and a trend chart whose figures
are also a table (and it fits a 390 px phone)."""

from __future__ import annotations

import datetime
import os

import pytest
from django.utils import timezone

from karib.health.services import health_backfill
from tests.browser_support import login

from .conftest import visit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_the_health_panel_shows_band_drivers_and_chart(world, live_server, page):
    # given a key person visited in August 2024 and again ten days ago, with history
    today = timezone.localdate()
    visit(world, world.person, datetime.date(2024, 8, 20))
    visit(world, world.person, today - datetime.timedelta(days=10))
    health_backfill(person_ids=[world.person.pk], start=datetime.date(2024, 8, 1))
    world.owner.set_password("secret-pass-123")
    world.owner.save()
    # when the owner opens the person's page
    login(page, live_server, "rudi", "secret-pass-123")
    page.goto(f"{live_server.url}/people/{world.person.pk}/")
    panel = page.locator("#health-panel")
    # then the band is in words, the drivers are listed, and the chart has dates on its axis
    band = panel.get_attribute("data-band")
    assert band in {"healthy", "attention", "at_risk"}
    assert {"healthy": "sehat", "attention": "perlu perhatian", "at_risk": "berisiko"}[band] in (
        panel.inner_text()
    )
    assert panel.locator("li.driver[data-code=depth]").count() == 1
    assert panel.locator("svg path.line").count() == 1
    # coordinates are plain numbers in every language (no decimal comma in Indonesian)
    assert "," not in panel.locator("svg rect.band").first.get_attribute("y")
    assert panel.locator("svg rect.band").first.bounding_box()["height"] > 0
    assert panel.locator("svg text.axis").filter(has_text="Agu 2024").count() == 1
    panel.locator("summary").click()
    assert panel.locator("table.health-table tbody tr").count() >= 3
    if os.environ.get("KARIB_SCREENSHOTS"):
        panel.screenshot(path=os.path.join(os.environ["KARIB_SCREENSHOTS"], "health-panel.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.querySelector('#health-panel').getBoundingClientRect().width")
    assert width <= 390
