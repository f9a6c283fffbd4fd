"""When an important date falls: birthdays by calendar, religious holidays by the `holidays`
package (Indonesia's official calendar, including the lunar and Hijri ones), never guessed."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from typing import Any

import holidays
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from karib.core.notifications import register, register_subject, stored_day

from .models import ImportantDate, Person

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


# --- reminders (notifications) --------------------------------------------------------------

IMPORTANT_DATE = "people.important_date"


def _names(choices: Any) -> dict[str, str]:
    """Every name of every choice, in every site language → its code."""
    names: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.update({str(label): value for value, label in choices})
    return names


def date_name(*, kind: str, holiday: str = "", label: str = "") -> str:
    """How an important date is called, in the active language (a person's own label as is)."""
    if kind == ImportantDate.Kind.HOLIDAY and holiday in ImportantDate.Holiday.values:
        return str(ImportantDate.Holiday(holiday).label)
    if label:
        return label
    return str(ImportantDate.Kind(kind).label) if kind in ImportantDate.Kind.values else kind


def _shown_values(params: Mapping[str, Any]) -> Mapping[str, Any]:
    """The date's name in the reader's language: from its kind, or (a reminder stored as text
    before codes) from the name it was sent with, when that is a kind or holiday name."""
    values = dict(params)
    if "kind" in params:
        values["date"] = date_name(
            kind=params["kind"], holiday=params.get("holiday", ""), label=params.get("label", "")
        )
        return values
    sent = str(params.get("date", ""))
    holidays_by_name = _names(ImportantDate.Holiday.choices)
    kinds_by_name = _names(ImportantDate.Kind.choices)
    if sent in holidays_by_name:
        values["date"] = date_name(kind=ImportantDate.Kind.HOLIDAY, holiday=holidays_by_name[sent])
    elif sent in kinds_by_name:
        values["date"] = date_name(kind=kinds_by_name[sent])
    return values


def register_codes() -> None:
    """The code of an important-date reminder (called at start-up)."""
    register(IMPORTANT_DATE, title=_("%(date)s of %(person)s on %(day)s"), values=_shown_values)
    register_subject("people:person-detail", Person.objects.visible_to)


def important_date_notify(*, important_date: ImportantDate, day: datetime.date) -> int:
    """Remind the person's owner and envoy of `important_date` falling on `day`, once each; as a
    code with its values, so each reads it in their own language. Returns how many were new."""
    from karib.core.services import notification_send

    person = important_date.person
    values = {
        "kind": important_date.kind,
        "holiday": important_date.holiday,
        "label": important_date.label,
        "date": str(important_date),
        "person": person.addressed_name,
        "day": stored_day(day),  # shown in the reader's language (core.notifications)
    }
    url = reverse("people:person-detail", args=[person.pk])
    sent = 0
    for user in {person.owner, person.envoy} - {None}:
        if user is None or not user.is_active:
            continue
        notification = notification_send(
            user=user,
            kind=IMPORTANT_DATE,
            code=IMPORTANT_DATE,
            params=values,
            url=url,
            due_on=day,
            dedupe_key=f"people:date:{important_date.pk}:{day.isoformat()}",
        )
        sent += notification is not None
    return sent
