"""The search index follows every write: concurrent fact writes and organization renames."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from karib.people import selectors, services


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_search_document_rebuild_locks_the_person(world):
    # when
    with CaptureQueriesContext(connection) as queries:
        services.fact_create(person=world.person, by=world.owner, category="interest", text="x")
    # then
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)


def test_renaming_an_organization_finds_its_people_by_the_new_name(
    world, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.organization_update(
            organization=world.organization, by=world.owner, name="Kemenkeu"
        )
    # then (the immediate task backend runs the rebuild after commit)
    found = selectors.person_list(user=world.owner, filters={"q": "Kemenkeu"})
    assert world.person in found
