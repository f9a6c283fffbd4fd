"""The health panel in a browser: the official's page shows score, band in words, drivers and a
trend chart whose figures are also a table (and it fits a 390 px phone)."""

from __future__ import annotations

import io
import os

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings

from karib.core.roles import Role
from karib.demo.loader import load_demo
from karib.people.models import Person
from tests.browser_support import login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_the_officials_health_panel(live_server, page, tmp_path):
    # transactional tests flush the groups the data migration made
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    with override_settings(VAR_DIR=tmp_path):
        load_demo(stdout=io.StringIO())
    official = Person.objects.get(full_name="Suryo Wibowo")
    dewi = User.objects.get(username="dewi")
    dewi.set_password("secret-pass-123")
    dewi.save()
    login(page, live_server, "dewi", "secret-pass-123")
    page.goto(f"{live_server.url}/people/{official.pk}/")
    panel = page.locator("#health-panel")
    assert panel.get_attribute("data-band") == "healthy"
    assert "sehat" in panel.inner_text()
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
