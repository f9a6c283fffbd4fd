"""A rep's day on a phone (issue #15): at 390 px the person list shows attitude, influence and
owner and the stakeholder map works, with nothing scrolling sideways and usable controls; at
1280 px both stay tables. Screenshots of each go to pytest's tmp_path for a look."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from karib.core.roles import Role
from karib.people import services
from karib.people.models import Organization, Person
from tests.browser_support import login
from tests.factories import TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TOUCH = 44  # px: the smallest comfortable touch target


@pytest.fixture
def world(live_server, page) -> dict[str, Any]:
    for role in (Role.SALES, Role.MANAGER):
        Group.objects.get_or_create(name=role.value)
    team = TeamFactory(name="Government")
    user = UserFactory(
        username="rudi", first_name="Rudi", last_name="Hartono", role=Role.SALES, team=team
    )
    envoy = UserFactory(
        username="budi", first_name="Budi", last_name="Santoso", role=Role.SALES, team=team
    )
    organization = services.organization_create(
        by=user,
        name="Direktorat Jenderal Pelayanan Data dan Informasi Kependudukan",
        kind=Organization.Kind.GOVERNMENT,
    )
    people = [
        ("Suryo Wibowo", 5, Person.Attitude.BLOCKER, "Direktur Jenderal Pelayanan Data"),
        ("Ketut Arsana", 5, Person.Attitude.CHAMPION, "Sekretaris Direktorat"),
        ("Made Wirawan", 4, Person.Attitude.SKEPTIC, "Kepala Subdirektorat Integrasi"),
        ("Ni Luh Putu Ayu Kusumawardhani", 3, Person.Attitude.SUPPORTER, "Analis"),
        ("Bimo Prakoso", 2, Person.Attitude.NEUTRAL, "Staf"),
    ]
    for name, influence, attitude, title in people:
        extra = {}
        if attitude == Person.Attitude.BLOCKER:
            extra = {"refuses_to_meet_owner": True, "refusal_reason": "Janji data tidak ditepati"}
        services.person_create(
            by=user,
            full_name=name,
            organization=organization,
            influence=influence,
            attitude=attitude,
            job_title=title,
            **extra,
        )
    login(page, live_server, "rudi", "secret-pass-123")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    return {"user": user, "envoy": envoy, "organization": organization}


def _scroll_width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def _box(locator: Any) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None
    return box


def test_person_list_on_a_phone_shows_attitude_influence_owner_without_sideways_scroll(
    live_server, page, world, tmp_path
):
    # given a phone
    page.set_viewport_size(PHONE)
    # when the rep opens the person list
    page.goto(f"{live_server.url}/people/")
    page.screenshot(path=str(tmp_path / "people-390.png"), full_page=True)
    # then nothing scrolls sideways
    assert _scroll_width(page) <= PHONE["width"]
    # and each card shows attitude, influence and owner, labelled, inside the screen
    row = page.locator("table.people tbody tr", has_text="Made Wirawan")
    for label, value in (("Attitude", "skeptic"), ("Influence", "4"), ("Owner", "Rudi Hartono")):
        cell = row.locator(f"td[data-label='{label}']")
        expect(cell).to_be_visible()
        expect(cell).to_contain_text(value, ignore_case=True)
        box = _box(cell)
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
    # the name is a link of a touchable size
    link = row.locator("td a").first
    assert _box(link)["height"] >= TOUCH
    # the search box and the "+ Person" control are touchable too
    assert _box(page.locator("#site-search"))["height"] >= TOUCH
    assert _box(page.locator("a.quick-add"))["height"] >= TOUCH


def test_person_list_on_a_desktop_stays_a_table(live_server, page, world, tmp_path):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/people/")
    page.screenshot(path=str(tmp_path / "people-1280.png"), full_page=True)
    assert _scroll_width(page) <= DESKTOP["width"]
    expect(page.locator("table.people thead")).to_be_visible()
    # one row per person, its cells side by side
    row = page.locator("table.people tbody tr", has_text="Made Wirawan")
    name, owner = _box(row.locator("td").first), _box(row.locator("td[data-label='Owner']"))
    assert owner["x"] > name["x"] + name["width"] - 1
    assert abs(owner["y"] - name["y"]) < 2


def test_stakeholder_map_on_a_phone(live_server, page, world, tmp_path):
    # given a phone
    page.set_viewport_size(PHONE)
    # when the rep opens the organization
    page.goto(f"{live_server.url}/people/organizations/{world['organization'].pk}/")
    page.screenshot(path=str(tmp_path / "map-390.png"), full_page=True)
    # then nothing scrolls sideways
    assert _scroll_width(page) <= PHONE["width"]
    # every stakeholder card is inside the screen, with its envoy form usable
    cards = page.locator(".stakeholder-map .stakeholder")
    expect(cards).to_have_count(5)
    for index in range(5):
        box = _box(cards.nth(index))
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
    suryo = page.locator(".stakeholder", has_text="Suryo Wibowo")
    select = suryo.locator("select[name=envoy]")
    select_box = _box(select)
    assert select_box["width"] >= 200  # was 21 px
    assert select_box["height"] >= TOUCH
    assert _box(suryo.locator("input[name=reason]"))["width"] >= 200
    assert _box(suryo.locator("button[type=submit]"))["height"] >= TOUCH
    # and the envoy can be chosen from there
    select.select_option(value=str(world["envoy"].pk))
    suryo.locator("input[name=reason]").fill("Budi kenal beliau")
    with page.expect_navigation():
        suryo.locator("button[type=submit]").click()
    expect(page.locator(".stakeholder", has_text="Suryo Wibowo")).to_contain_text(
        "envoy: Budi Santoso"
    )


def test_stakeholder_map_on_a_desktop_keeps_its_grid(live_server, page, world, tmp_path):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/people/organizations/{world['organization'].pk}/")
    page.screenshot(path=str(tmp_path / "map-1280.png"), full_page=True)
    assert _scroll_width(page) <= DESKTOP["width"]
    headers = page.locator(".stakeholder-map thead th")
    expect(headers.first).to_be_visible()
    # the column headers do not overlap
    boxes = [_box(headers.nth(index)) for index in range(headers.count())]
    for left, right in itertools.pairwise(boxes):
        assert left["x"] + left["width"] <= right["x"] + 0.5
    select = page.locator(".stakeholder", has_text="Suryo Wibowo").locator("select[name=envoy]")
    assert _box(select)["width"] >= 100
