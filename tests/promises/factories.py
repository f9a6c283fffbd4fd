"""Factories and builders for the promise ledger's tests."""

from __future__ import annotations

import datetime
from typing import Any

import factory

from karib.people.models import Organization
from karib.promises import services
from karib.promises.models import Project, Promise
from tests.factories import OrganizationFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Project {n}")
    organization = factory.SubFactory(OrganizationFactory)
    start_date = datetime.date(2025, 1, 1)


def make_promise(
    *,
    organization: Any,
    by: Any = None,
    text: str = "Deliver the training",
    due_date: datetime.date | None = None,
    made_on: datetime.date | None = None,
    people: Any = (),
    at: datetime.datetime | None = None,
) -> Promise:
    """An open promise created through the service (history and audit included).

    When `by` cannot see the organization (any more), the promise is recorded as it was before
    the organization moved away from them: by its owner, then attributed to `by`."""
    maker = by or organization.owner
    sees = Organization.objects.visible_to(maker).filter(pk=organization.pk).exists()
    promise = services.promise_create(
        organization=organization,
        text=text,
        by=maker if sees else organization.owner,
        due_date=due_date,
        made_on=made_on,
        people=people,
        at=at,
    )
    if not sees:
        Promise.objects.filter(pk=promise.pk).update(made_by=maker, updated_by=maker)
        promise.history.update(changed_by=maker)
        promise.refresh_from_db()
    return promise


def plan(by: Any, **overrides: Any) -> dict[str, Any]:
    """Keyword arguments of a valid communication plan."""
    values: dict[str, Any] = {
        "reason": "The trainer is ill",
        "communication_message": "Call Pak Suryo and offer a new date",
        "communication_due": datetime.date(2099, 1, 1),
        "communication_owner": by,
    }
    values.update(overrides)
    return values
