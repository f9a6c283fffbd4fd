"""Changing a promise's details (not its terms) and creating projects (re-exported by
`services`)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from karib.core import access
from karib.core.access import Action
from karib.core.audit import audit_record, snapshot
from karib.core.errors import ErrorCode
from karib.core.models import AuditEvent
from karib.people.models import Organization, Person

from .exceptions import PromiseError, PromiseTransitionError
from .models import Project, Promise, PromiseStatus
from .services import _locked, _refuse, _required, _save

#: Fields `promise_update` may change; the terms (text, due date once set) only change
#: through renegotiation, so they stay on record.
UNSET: Any = object()


@transaction.atomic
def promise_update(
    *,
    promise: Promise,
    by: User,
    project: Project | None = UNSET,
    people: Iterable[Person] | None = UNSET,
    due_date: datetime.date | None = UNSET,
    expected_version: int | None = None,
) -> Promise:
    """Change the details of a pending promise: its project (None clears it), the people it
    was made to, and a due date it did not have yet. Changing agreed terms is renegotiation.
    `people` are those `by` sees; the promise keeps the people they cannot see."""
    promise = _locked(promise, by=by, action=Action.CHANGE, expected_version=expected_version)
    if not promise.is_pending:
        raise PromiseTransitionError(
            _("A promise that is “%(current)s” can no longer be changed."),
            params={"current": PromiseStatus(promise.status).label},
        )
    before = snapshot(promise)
    fields: list[str] = []
    if project is not UNSET:
        if project is not None and project.organization_id != promise.organization_id:
            raise _refuse("project", _("The project belongs to another organization."))
        promise.project = project
        fields.append("project")
    if due_date is not UNSET:
        if promise.due_date is not None and due_date != promise.due_date:
            raise _refuse("due_date", _("The due date was agreed: renegotiate to change it."))
        if due_date is None:
            raise PromiseError(ErrorCode.REQUIRED, _("Give a due date."), field="due_date")
        if due_date < promise.made_on:
            raise _refuse("due_date", _("The due date is before the day it was promised."))
        promise.due_date = due_date
        fields.append("due_date")
    if people is not UNSET:
        if people is None:
            raise PromiseError(
                ErrorCode.REQUIRED, _("Give a list of people (it may be empty)."), field="people"
            )
        people = list(people)
        for person in people:
            if person.organization_id != promise.organization_id:
                raise PromiseError(
                    ErrorCode.INVALID,
                    _("%(person)s does not belong to %(organization)s."),
                    field="people",
                    params={"person": str(person), "organization": promise.organization.name},
                )
        # Those the editor cannot see stay: they sent the people they see (a person moved
        # to another organization is neither shown nor numbered to them), and may not take
        # off someone they cannot read, like an interaction's participants (secprobe12, F3).
        given = {person.pk for person in people}
        people += [
            person
            for person in promise.people.exclude(
                pk__in=Person.objects.visible_to(by).values("pk")
            ).order_by("pk")
            if person.pk not in given
        ]
        promise.people.set(people)
        # the rule again, on the promise as it would stand: an envoy sent to one person may
        # not move the owner's promise onto a contact they were not sent to (secprobe9 F3);
        # the refusal rolls the change back
        access.require(user=by, action=Action.CHANGE, obj=promise)
    _save(promise, by, fields)
    after = snapshot(promise)
    if people is not UNSET:
        after["people"] = sorted(person.pk for person in people)
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=promise,
        before=before,
        after=after,
        summary="promise details changed",
    )
    return promise


# --- projects --------------------------------------------------------------------------------


@transaction.atomic
def project_create(
    *,
    organization: Organization,
    name: str,
    by: User,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    status: str = Project.Status.ACTIVE,
) -> Project:
    access.require(user=by, action=Action.CREATE, obj=Project)
    name = _required(name, "name")
    if start_date and end_date and end_date < start_date:
        raise _refuse("end_date", _("The end date is before the start date."))
    project = Project.objects.create(
        organization=organization,
        name=name,
        start_date=start_date,
        end_date=end_date,
        status=status,
    )
    audit_record(
        actor=by, action=AuditEvent.Action.CREATE, instance=project, after=snapshot(project)
    )
    return project
