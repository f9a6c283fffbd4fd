"""Data-migration tests: migrate the test database to a state, read that state's models, and
leave the database fully migrated afterwards (``at_latest_afterwards``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str]]) -> Any:
    """Migrate (forwards or backwards) to ``targets`` and give that state's apps registry."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()  # the graph as the database now records it
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def at_latest_afterwards() -> Iterator[None]:
    """Leave the database fully migrated for the tests that follow."""
    yield
    migrate_to_latest()
