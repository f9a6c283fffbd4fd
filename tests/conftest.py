"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest
from django.test import Client

from karib.core.roles import Role

from .factories import UserFactory


@pytest.fixture
def sales_user(db):
    return UserFactory(username="sari", role=Role.SALES)


@pytest.fixture
def client_for():
    """`client_for(user)`: a test client logged in as `user`."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


from .browser_support import browser, new_page, page  # noqa: E402, F401  (shared Playwright fixtures)
from .migration_support import at_latest_afterwards  # noqa: E402, F401  (data-migration tests)
