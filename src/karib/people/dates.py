"""When an important date falls: birthdays by calendar, religious holidays by the `holidays`
package (Indonesia's official calendar, including the lunar and Hijri ones), never guessed."""

from __future__ import annotations

import datetime
import functools

import holidays

from .models import ImportantDate

# The English names the `holidays` package gives Indonesia's holidays.
HOLIDAY_NAMES = {
    ImportantDate.Holiday.IDUL_FITRI: "Eid al-Fitr",
    ImportantDate.Holiday.IDUL_ADHA: "Eid al-Adha",
    ImportantDate.Holiday.NATAL: "Christmas Day",
    ImportantDate.Holiday.PASKAH: "Easter Sunday",
    ImportantDate.Holiday.NYEPI: "Day of Silence",
    ImportantDate.Holiday.WAISAK: "Vesak Day",
    ImportantDate.Holiday.IMLEK: "Lunar New Year",
    ImportantDate.Holiday.TAHUN_BARU_ISLAM: "Islamic New Year",
    ImportantDate.Holiday.MAULID: "Prophet's Birthday",
}


@functools.lru_cache(maxsize=64)
def holiday_days(year: int) -> dict[str, tuple[datetime.date, ...]]:
    """{holiday key: the first day of each time it falls in `year`} for Indonesia, in order.
    A Hijri holiday may fall twice in one Gregorian year (Idul Fitri in 2033)."""
    calendar = holidays.country_holidays("ID", years=year, language="en_US")
    found: dict[str, list[datetime.date]] = {}
    for day, names in sorted(calendar.items()):
        for name in str(names).split("; "):
            clean = name.replace(" (estimated)", "").strip()
            for key, wanted in HOLIDAY_NAMES.items():
                if clean == wanted:
                    found.setdefault(key.value, []).append(day)
    return {key: tuple(days) for key, days in found.items()}


def holiday_dates(year: int) -> dict[str, datetime.date]:
    """{holiday key: its first day in `year`} for Indonesia."""
    return {key: days[0] for key, days in holiday_days(year).items()}


def occurrence_in(important_date: ImportantDate, year: int) -> datetime.date | None:
    if important_date.kind == ImportantDate.Kind.HOLIDAY:
        return holiday_dates(year).get(important_date.holiday)
    if not important_date.month or not important_date.day:
        return None
    try:
        return datetime.date(year, important_date.month, important_date.day)
    except ValueError:  # 29 February outside a leap year: celebrate on 28 February
        return datetime.date(year, important_date.month, important_date.day - 1)


def next_occurrence(important_date: ImportantDate, today: datetime.date) -> datetime.date | None:
    """The next day (today included) on which the date falls."""
    for year in (today.year, today.year + 1):
        if important_date.kind == ImportantDate.Kind.HOLIDAY:
            days = holiday_days(year).get(important_date.holiday, ())
        else:
            day = occurrence_in(important_date, year)
            days = (day,) if day is not None else ()
        for day in days:
            if day >= today:
                return day
    return None
