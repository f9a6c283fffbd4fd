"""In a real browser: the pages run under the Content-Security-Policy without a violation, and
a user changes their password from the Security page."""

from __future__ import annotations

import pytest

from karib.core.roles import Role
from tests.browser_support import login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_run_under_the_policy_and_a_user_changes_their_password(live_server, page):
    # given a service agent (not staff), and a watch on policy violations
    user = UserFactory(username="agus", first_name="Agus", role=Role.SERVICE_AGENT)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    # when he logs in and opens the Today page and the Security page
    login(page, live_server, "agus", "secret-pass-123")
    page.goto(f"{live_server.url}/today/")
    assert page.evaluate("typeof window.htmx") == "object"  # htmx loads from our static files
    page.click("text=Keamanan")
    page.click("text=Ganti kata sandi Anda")
    # and changes his password
    page.fill("#id_old_password", "secret-pass-123")
    page.fill("#id_new_password1", "wayang-bima-pagi-hari")
    page.fill("#id_new_password2", "wayang-bima-pagi-hari")
    page.click("button[type=submit].primary")
    page.wait_for_load_state()
    # then the new password is in use, and no page broke the policy
    assert page.get_by_role("heading", level=1).inner_text() == "Kata sandi diganti"
    user.refresh_from_db()
    assert user.check_password("wayang-bima-pagi-hari")
    assert violations == []
