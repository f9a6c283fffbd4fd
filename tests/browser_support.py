"""Playwright fixtures for browser tests: Debian's /usr/bin/chromium, never a downloaded browser.

Browser tests are marked `@pytest.mark.browser` and use the `page` fixture with `live_server`.
Without Chromium they skip with the reason, unless KARIB_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("KARIB_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is not installed (apt-get install chromium); browser tests need it"
    if os.environ.get("KARIB_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " and KARIB_REQUIRE_BROWSER=1 is set")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_chromium()
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (setting up data) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(new_page: Any) -> Any:
    return new_page()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    """Open pages, each in its own browser context (its own session), for a test with more than
    one person at once. At the end every page's requests settle before its context closes."""
    opened: list[tuple[Any, set[Any]]] = []

    def open_page(timeout_ms: int = 10_000) -> Any:
        context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(timeout_ms)
        page = context.new_page()
        opened.append((page, _track_requests(page)))
        return page

    yield open_page
    for page, in_flight in opened:
        _settle(page, in_flight)
    for page, _ in opened:
        page.context.close()


def _track_requests(page: Any) -> set[Any]:
    in_flight: set[Any] = set()
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    return in_flight


def _settle(page: Any, in_flight: set[Any], timeout_ms: int = 20_000) -> None:
    """Let the requests the page still has in flight (a panel loading, a swap) finish before
    the test's database is flushed: a live-server thread still answering one holds SQLite's
    table lock, and the flush then fails with "database table is locked". The browser has the
    response a moment before the server's thread is done with it (it still closes its
    connection), so a last short wait follows; on a loaded machine (CI beside other work) a
    request may take seconds."""
    waited = 0
    while in_flight and waited < timeout_ms and not page.is_closed():
        page.wait_for_timeout(50)
        waited += 50
    if not page.is_closed():
        page.wait_for_timeout(300)


def login(page: Any, live_server: Any, username: str, password: str) -> None:
    """Log in through the login form."""
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/")
