"""The demo tells the first story on the official's page: who he is, what we promised."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from karib.demo.loader import load_demo
from karib.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(tmp_path):
    with override_settings(VAR_DIR=tmp_path):
        load_demo(stdout=io.StringIO())


def test_the_officials_page_tells_the_whole_story(demo, client):
    # given the envoy, logged in
    client.force_login(User.objects.get(username="dewi"))
    official = Person.objects.get(full_name="Suryo Wibowo")
    # when she opens the official's page (in English)
    client.post("/language/", {"language": "en"})
    page = client.get(f"/people/{official.pk}/").content.decode()
    # with the panels it fetches on its own
    for panel in ("promises", "gestures"):
        page += client.get(f"/people/{official.pk}/panels/{panel}/", HTTP_HX_REQUEST="true").text
    # then it shows what he loves and where we learned it
    assert "wayang" in page
    assert "Bima" in page
    assert "Denpasar" in page
    # the refusal to meet the first owner, and the envoy
    assert "refuses to meet owner" in page
    assert "Dewi Lestari" in page
    # the stage history up to close friend
    assert "close friend" in page
    # the promises, with the silent break that caused the grievance
    assert 'id="promise-block"' in page
    assert "silent break" in page
    # and gesture ideas from his interests, with what the law requires
    assert 'id="gesture-ideas"' in page
    assert "KPK" in page


def test_the_organization_page_shows_the_stakeholder_map_and_promises(demo, client):
    client.force_login(User.objects.get(username="rudi"))
    official = Person.objects.get(full_name="Suryo Wibowo")
    url = f"/people/organizations/{official.organization_id}/"
    page = client.get(url).content.decode()
    assert "Suryo Wibowo" in page
    # the promises are a panel the page fetches on its own
    assert f'hx-get="{url}?panel=promises"' in page
    panel = client.get(f"{url}?panel=promises", HTTP_HX_REQUEST="true").content.decode()
    assert 'id="promise-block"' in panel
