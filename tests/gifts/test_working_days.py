"""Reporting deadlines on Indonesian working days: weekends, national holidays from the
`holidays` package and configured collective leave days (cuti bersama)."""

from __future__ import annotations

import datetime

import pytest

from karib.gifts import adapters
from karib.gifts.models import CollectiveLeaveDay

pytestmark = pytest.mark.django_db

D = datetime.date


def test_national_holidays_come_from_the_holidays_package():
    days = adapters.national_holidays(2026)
    assert D(2026, 3, 21) in days  # Idul Fitri 1447 H
    assert D(2026, 8, 17) in days  # Hari Kemerdekaan
    assert D(2026, 3, 20) not in days  # cuti bersama: configured separately


def test_default_collective_leave_days_are_seeded():
    assert CollectiveLeaveDay.objects.filter(date=D(2026, 3, 20)).exists()
    assert CollectiveLeaveDay.objects.filter(date__year=2026).count() == 8


def test_deadline_across_idul_fitri_2026_counts_holidays_and_collective_leave():
    # given a gift received on Monday 16 March 2026, before Nyepi and Idul Fitri
    received = D(2026, 3, 16)
    # when the 30-working-day deadline is computed
    deadline = adapters.report_deadline(received, 30)
    # then 18 (cuti bersama Nyepi), 19 (Nyepi), 20, 23, 24 (cuti bersama Idul Fitri), 21-22
    # (Idul Fitri on a weekend), 3 April (Good Friday) and 1 May (Labour Day) are skipped
    assert deadline == D(2026, 5, 6)
    non_working = adapters.non_working_days(2026, 2026)
    assert {D(2026, 3, 18), D(2026, 3, 19), D(2026, 3, 20), D(2026, 3, 24)} <= non_working


def test_without_collective_leave_the_deadline_is_earlier():
    CollectiveLeaveDay.objects.filter(date__year=2026).delete()
    assert adapters.report_deadline(D(2026, 3, 16), 30) == D(2026, 4, 29)


def test_deadline_across_idul_fitri_2027_uses_the_package_dates():
    # Idul Fitri 2027 falls on 10-11 March (Wednesday, Thursday; an estimate in the package)
    days = adapters.national_holidays(2027)
    assert {D(2027, 3, 10), D(2027, 3, 11)} <= days
    # given a configured collective leave day on Friday 12 March 2027
    CollectiveLeaveDay.objects.create(date=D(2027, 3, 12), name="Cuti bersama Idul Fitri")
    # when a gift is received on Monday 8 March 2027 (Nyepi) the deadline skips 10, 11, 12
    # March, 26 March (Good Friday) and the weekends
    assert adapters.report_deadline(D(2027, 3, 8), 5) == D(2027, 3, 18)
    assert adapters.report_deadline(D(2027, 3, 8), 30) == D(2027, 4, 23)


def test_deadline_across_the_new_year_uses_both_years():
    # 24 December 2026 is cuti bersama, 25 December and 1 January are national holidays
    assert adapters.report_deadline(D(2026, 12, 23), 3) == D(2026, 12, 30)
    assert adapters.report_deadline(D(2026, 12, 30), 2) == D(2027, 1, 4)
