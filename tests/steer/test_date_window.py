"""The database's pre-filter of important dates (`_days_within`) never drops a date that
falls within the window: checked for every calendar date on every day of a leap year and of
the years around it (29 February included)."""

from __future__ import annotations

import datetime

import pytest

from karib.people.dates import next_occurrence
from karib.people.models import ImportantDate
from karib.steer.generators.people import DATE_WINDOW_DAYS, _days_within
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_pre_filter_keeps_every_date_within_the_window_and_few_others():
    # given a birthday on every calendar day, 29 February included
    person = PersonFactory()
    ImportantDate.objects.bulk_create(
        ImportantDate(
            person=person,
            kind=ImportantDate.Kind.BIRTHDAY,
            month=day.month,
            day=day.day,
            created_by=person.owner,
        )
        for day in (datetime.date(2028, 1, 1) + datetime.timedelta(n) for n in range(366))
    )
    dates = list(ImportantDate.objects.all())
    start = datetime.date(2027, 12, 1)
    for offset in range(500):  # December 2027 to mid-April 2029 (the leap year 2028 between)
        today = start + datetime.timedelta(offset)
        # when the database filters by the window
        kept = set(
            ImportantDate.objects.filter(_days_within(today, DATE_WINDOW_DAYS)).values_list(
                "pk", flat=True
            )
        )
        # then every date that falls within the window is kept
        due = {
            date.pk
            for date in dates
            if (next_occurrence(date, today) - today).days <= DATE_WINDOW_DAYS  # type: ignore[operator]
        }
        assert due <= kept, today
        # and little else: the window's days, and 29 February beside 28 February
        assert len(kept) <= DATE_WINDOW_DAYS + 2, today
