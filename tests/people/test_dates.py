"""Important dates: holidays computed per year."""

from __future__ import annotations

import datetime

from karib.people.dates import next_occurrence
from karib.people.models import ImportantDate


def test_idul_fitri_falling_twice_in_2033_gives_the_next_one(world):
    # given
    fitri = ImportantDate(person=world.person, kind="holiday", holiday="idul_fitri")
    # when
    early = next_occurrence(fitri, datetime.date(2033, 1, 1))
    late = next_occurrence(fitri, datetime.date(2033, 6, 1))
    # then
    assert early is not None
    assert late is not None
    assert early.month == 1
    assert late.year == 2033
    assert late.month == 12
