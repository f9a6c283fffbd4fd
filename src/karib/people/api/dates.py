"""Upcoming important dates in the API: birthdays, anniversaries and holidays of the people the
caller may see (as on their pages), or, with `mine`, only of the people whose relationship the
caller keeps now, as Today lists them (the owner; the envoy while the person refuses to meet the
owner). A date is seen with its person.
"""

import datetime
from typing import Annotated, Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Schema
from ninja.pagination import paginate

from karib.core.types import AnyUser

from ..dates import next_occurrence
from ..models import ImportantDate, Person
from .common import Pagination, errors, router, user_of

DEFAULT_WITHIN_DAYS = 14
MAX_WITHIN_DAYS = 366
WithinDays = Annotated[
    int,
    Field(
        ge=0,
        le=MAX_WITHIN_DAYS,
        description="How many days ahead to look (0 = today only).",
    ),
]


class ImportantDatesQuery(Schema):
    within_days: WithinDays = DEFAULT_WITHIN_DAYS
    mine: bool = Field(
        False,
        description="Only the people whose relationship you keep now, as on Today: their owner,"
        " or their envoy while they refuse to meet the owner.",
    )


class UpcomingDateOut(Schema):
    id: int
    person_id: int
    person_name: str
    kind: str
    holiday: str
    title: str
    falls_on: datetime.date
    days_until: int
    year: int | None


def upcoming_important_dates(
    *, user: AnyUser, today: datetime.date, within_days: int, mine: bool = False
) -> list[UpcomingDateOut]:
    """The dates falling from `today` to `today + within_days`, soonest first, of the people
    `user` may see (when `mine`, only those whose relationship they keep now)."""
    people: QuerySet[Person] = Person.objects.visible_to(user)
    if mine:  # who keeps the relationship now, as on Today: the envoy while they refuse the owner
        people = people.filter(
            Q(owner=user, refuses_to_meet_owner=False) | Q(envoy=user, refuses_to_meet_owner=True)
        )
    last = today + datetime.timedelta(days=within_days)
    months = {(today + datetime.timedelta(days=offset)).month for offset in range(within_days + 1)}
    dates = (
        ImportantDate.objects.filter(person__in=people.values("pk"))
        .filter(Q(kind=ImportantDate.Kind.HOLIDAY) | Q(month__in=sorted(months)))
        .select_related("person")
        .order_by("pk")
    )
    found = []
    for important_date in dates.iterator(chunk_size=500):
        falls = next_occurrence(important_date, today)
        if falls is None or falls > last:
            continue
        person = important_date.person
        found.append(
            UpcomingDateOut(
                id=important_date.pk,
                person_id=person.pk,
                person_name=person.addressed_name,
                kind=important_date.kind,
                holiday=important_date.holiday,
                title=str(important_date),
                falls_on=falls,
                days_until=(falls - today).days,
                year=important_date.year,
            )
        )
    return sorted(found, key=lambda item: (item.falls_on, item.person_name, item.id))


@router.get(
    "/important-dates",
    response={200: list[UpcomingDateOut], **errors()},
    operation_id="important_date_upcoming_list",
)
@paginate(Pagination)
def important_date_upcoming_list(request: HttpRequest, filters: Query[ImportantDatesQuery]) -> Any:
    """Important dates falling within `within_days` days from today (Asia/Jakarta), soonest
    first, of the people you may see; `mine=true` keeps those whose relationship you keep now,
    as on Today."""
    return upcoming_important_dates(
        user=user_of(request),
        today=timezone.localdate(),
        within_days=filters.within_days,
        mine=filters.mine,
    )
