"""Row locks in primary-key order (`karib.core.locking`)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from karib.core.locking import lock_in_pk_order, lock_one
from karib.core.models import Team

pytestmark = pytest.mark.django_db


def test_rows_are_locked_and_returned_in_primary_key_order():
    # given teams whose names sort the other way round
    teams = [Team.objects.create(name=name) for name in ("c", "b", "a")]

    # when they are locked (the model orders teams by name)
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        locked = lock_in_pk_order(Team.objects.all())

    # then they come in primary-key order, read in one query, locked where the database can
    assert [team.pk for team in locked] == sorted(team.pk for team in teams)
    assert len(captured) == 1
    sql = captured[0]["sql"]
    if connection.features.has_select_for_update_of:
        assert "FOR UPDATE OF" in sql


def test_one_row_is_locked_or_reported_missing():
    team = Team.objects.create(name="Cards")
    with transaction.atomic():
        assert lock_one(Team.objects.all(), pk=team.pk) == team
        with pytest.raises(Team.DoesNotExist):
            lock_one(Team.objects.all(), pk=team.pk + 1)
