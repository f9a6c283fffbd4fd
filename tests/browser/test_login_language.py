"""The first journey: log in, switch language, see home in both languages, log out."""

from __future__ import annotations

import pytest

from karib.core.models import Profile
from karib.core.roles import Role
from tests.browser_support import login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_switch_language_and_logout(live_server, page):
    # given a sales user
    UserFactory(username="sari", first_name="Sari", last_name="Dewi", role=Role.SALES)

    # when she logs in, the home page is in Bahasa Indonesia (the default)
    login(page, live_server, "sari", "secret-pass-123")
    assert page.locator("html").get_attribute("lang") == "id"
    # the stylesheet and htmx are served (the top bar is laid out as a flex row)
    assert page.locator(".topbar").evaluate("el => getComputedStyle(el).display") == "flex"
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.get_by_role("heading", level=1).inner_text() == "Selamat datang, Sari Dewi"
    assert "Kontak" in page.locator(".mainnav").inner_text()

    # when she switches to English
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    # then the page is in English and the choice is remembered on her profile
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Sari Dewi"
    assert "People" in page.locator(".mainnav").inner_text()
    assert Profile.objects.get(user__username="sari").language == "en"

    # when she logs out
    page.click("text=Log out")
    page.wait_for_url(f"{live_server.url}/login/**")
    # then she sees the login page, still in her language
    assert page.get_by_role("heading", level=1).inner_text() == "Log in to Karib"

    # and switching back to Indonesian on the home page works too
    login(page, live_server, "sari", "secret-pass-123")
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Sari Dewi"
    page.click("button[name=language][value=id]")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Selamat datang, Sari Dewi"
    assert page.get_by_role("button", name="Keluar").is_visible()
