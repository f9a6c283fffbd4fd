"""JSON API of relationship health, on the people paths:
`GET /api/people/persons/{pk}/health` and `GET /api/people/organizations/{pk}/health`.

Scoped exactly like the people API: the same selectors, the same 404 for missing and
invisible. `on` computes the health as of another day; `since` starts the history.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema

from karib.core.errors import DomainError, ErrorCode, ErrorsOut
from karib.core.types import AnyUser
from karib.people.models import Organization, Person
from karib.people.selectors import organization_get_for_user, person_get_for_user

from . import selectors
from .labels import band_label, driver_text

router = Router(tags=["health"])


class DriverOut(Schema):
    code: str
    points: int
    on: datetime.date | None
    params: dict[str, Any]
    text: str


class HistoryPointOut(Schema):
    on: datetime.date
    score: int
    band: str


class HealthOut(Schema):
    score: int
    band: str
    band_label: str
    on: datetime.date
    policy_version: int
    drivers: list[DriverOut]
    history: list[HistoryPointOut]


class HealthQuery(Schema):
    on: datetime.date | None = None
    since: datetime.date | None = None


def _user(request: HttpRequest) -> AnyUser:
    return request.user


def _out(health: selectors.Health) -> dict[str, Any]:
    return {
        "score": health.score,
        "band": health.band,
        "band_label": band_label(health.band),
        "on": health.on,
        "policy_version": health.policy_version,
        "drivers": [
            {
                "code": d.code,
                "points": d.points,
                "on": d.on,
                "params": dict(d.params),
                "text": driver_text(d),
            }
            for d in health.drivers
        ],
        "history": [{"on": p.on, "score": p.score, "band": p.band} for p in health.history],
    }


# The longest history one request computes (weekly points for an organization): a far-off
# day must not make a request walk thousands of weeks (security review).
MAX_HISTORY_YEARS = 10


def _check(query: HealthQuery) -> None:
    today = timezone.localdate()
    on = query.on or today
    if on > today:
        raise DomainError(
            ErrorCode.INVALID, _("Health is computed for today or an earlier day."), field="on"
        )
    if query.since and query.since > on:
        raise DomainError(
            ErrorCode.INVALID, _("The history cannot start after the day asked."), field="since"
        )
    if query.since and (on - query.since).days > MAX_HISTORY_YEARS * 366:
        raise DomainError(
            ErrorCode.INVALID,
            _("The history covers at most %(years)d years.") % {"years": MAX_HISTORY_YEARS},
            field="since",
        )


@router.get(
    "/persons/{pk}/health",
    response={200: HealthOut, 404: ErrorsOut, 422: ErrorsOut},
    operation_id="person_health",
)
def person_health(request: HttpRequest, pk: int, query: Query[HealthQuery]) -> dict[str, Any]:
    """Health of a person: score 0-100, band, drivers (stable codes) and history."""
    _check(query)
    try:
        person: Person = person_get_for_user(user=_user(request), pk=pk)
    except Http404:
        raise DomainError(ErrorCode.NOT_FOUND, field="pk") from None
    health = selectors.person_health(person=person, on=query.on, since=query.since)
    return _out(health)


@router.get(
    "/organizations/{pk}/health",
    response={200: HealthOut, 404: ErrorsOut, 422: ErrorsOut},
    operation_id="organization_health",
)
def organization_health(request: HttpRequest, pk: int, query: Query[HealthQuery]) -> dict[str, Any]:
    """Health of an organization from the people the caller may see, with drivers and history."""
    _check(query)
    try:
        organization: Organization = organization_get_for_user(user=_user(request), pk=pk)
    except Http404:
        raise DomainError(ErrorCode.NOT_FOUND, field="pk") from None
    health = selectors.organization_health_for_user(
        user=_user(request), organization=organization, on=query.on, since=query.since
    )
    return _out(health)
