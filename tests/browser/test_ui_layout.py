"""Layout at a phone's 390 px and a desktop's 1280 px: a compact top bar, Today's team rows
that give their text the width, gift detail cards that fill the row."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group

from karib.core.roles import Role
from karib.gifts import services as gifts
from tests.browser_support import login
from tests.factories import OrganizationFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TOUCH = 44  # px: the smallest comfortable touch target


@pytest.fixture
def world(live_server, page) -> dict[str, Any]:
    for role in (Role.SALES, Role.MANAGER):
        Group.objects.get_or_create(name=role.value)
    team = TeamFactory(name="Government")
    manager = UserFactory(
        username="budi", first_name="Budi", last_name="Santoso", role=Role.MANAGER, team=team
    )
    rep = UserFactory(username="rudi", first_name="Rudi", last_name="Hartono", team=team)
    organization = OrganizationFactory(name="Direktorat Layanan Data Nasional", owner=rep)
    person = PersonFactory(
        full_name="Suryo Wibowo",
        organization=organization,
        owner=rep,
        influence=5,
        refuses_to_meet_owner=True,
    )
    gift = gifts.gift_propose(
        by=manager,
        recipient=person,
        kind="goods",
        description="Batik tulis",
        estimated_value=450_000,
        business_purpose="Relationship",
        proposed_on=datetime.date(2026, 6, 1),
    )
    login(page, live_server, "budi", "secret-pass-123")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    return {"gift": gift}


def _box(locator: Any) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None
    return box


def test_the_top_bar_is_compact_on_a_phone(live_server, page, world, tmp_path):
    # when the manager opens Today on a phone
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/today/")
    page.screenshot(path=str(tmp_path / "today-phone.png"), full_page=True)
    # then the top bar takes three lines at most, the areas on one, still 44 px to touch
    header = _box(page.locator("header.topbar"))
    assert header["height"] <= 3 * TOUCH + 40
    links = page.locator(".mainnav a")
    tops = {round(_box(links.nth(i))["y"]) for i in range(links.count())}
    assert len(tops) == 1
    assert all(_box(links.nth(i))["height"] >= TOUCH for i in range(links.count()))
    # and the page does not scroll sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_todays_team_rows_give_their_text_the_width_on_a_phone(live_server, page, world):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/today/")
    row = page.locator("#team-risks > li").first
    text = row.locator(".row-text")
    # the row's text spans (nearly) the whole row, not a narrow column between its badges
    assert _box(text)["width"] >= 0.8 * (_box(row)["width"] - 40)


def test_the_gift_detail_cards_fill_the_row_on_a_desktop(live_server, page, world, tmp_path):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/gifts/{world['gift'].pk}/")
    page.screenshot(path=str(tmp_path / "gift-desktop.png"), full_page=True)
    grid = page.locator("div.grid").first
    cards = grid.locator(":scope > section")
    right = max(_box(cards.nth(i))["x"] + _box(cards.nth(i))["width"] for i in range(cards.count()))
    box = _box(grid)
    # the last card ends at the grid's right edge: no empty column is left
    assert right >= box["x"] + box["width"] - 2
