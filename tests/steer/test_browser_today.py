"""Journeys on the demo: the rep's, the QA reviewer's and the agent's Today show real work, and
the rep finishes an action from Today in one click."""

from __future__ import annotations

import importlib
import io

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings

from karib.core.roles import Role
from karib.demo.loader import load_demo
from karib.steer.models import ActionKind, NextAction
from tests.browser_support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "secret-pass-123"


#: Data migrations whose rows an earlier transactional test may have flushed (forward function)
DATA_MIGRATIONS = (
    ("karib.core.migrations.0002_roles", "create_roles"),
    ("karib.gifts.migrations.0002_policy_defaults", "load"),
    ("karib.gifts.migrations.0003_legal_rules_and_cash_equivalent", "forward"),
    ("karib.health.migrations.0002_policy_version_1", "create"),
)


@pytest.fixture
def demo(tmp_path):
    from django.apps import apps

    for module, function in DATA_MIGRATIONS:
        try:
            forward = getattr(importlib.import_module(module), function)
        except ModuleNotFoundError:  # an app this branch does not have
            continue
        forward(apps, None)
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    with override_settings(VAR_DIR=tmp_path):
        load_demo(stdout=io.StringIO())
    for user in User.objects.all():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])


def _open_today(page, live_server, username: str):
    page.context.clear_cookies()
    login(page, live_server, username, PASSWORD)
    page.goto(f"{live_server.url}/today/")
    return page.locator("#today-list > li")


def test_rep_qa_reviewer_and_agent_see_real_work_and_the_rep_acts_in_one_click(
    demo, live_server, page
):
    rows = _open_today(page, live_server, "rudi")
    assert rows.count() > 0
    action = NextAction.objects.get(owner__username="rudi", kind=ActionKind.OWN_UP)
    row = page.locator(f"#action-{action.pk}")
    assert row.get_attribute("data-status") == "open"
    # the most urgent work comes first: owning up to the silent break
    assert rows.first.get_attribute("id") == f"action-{action.pk}"
    row.locator("button[data-act=done]").click()
    page.wait_for_selector(f"#action-{action.pk}[data-status=done]")
    action.refresh_from_db()
    assert action.status == NextAction.Status.DONE
    assert page.url == f"{live_server.url}/today/"  # in place, no page load

    # the QA reviewer and the agent see their work too (one demo load for all three)
    rows = _open_today(page, live_server, "lina")
    assert page.locator("#today-list > li[data-category=review]").count() > 0
    assert rows.count() > 0
    rows = _open_today(page, live_server, "agus")
    assert page.locator("#today-list > li[data-kind=review_respond]").count() == 1
    # the agent lands in conversations
    page.goto(f"{live_server.url}/")
    assert page.locator("nav.mainnav a[aria-current=page]").inner_text() in {
        "Conversations",
        "Percakapan",
    }
