"""Bulk writes of people (the contacts import): many people, organizations, dates and facts in
a few statements, with the same rules, audit, versions and search documents as the one-by-one
services.

The caller plans the writes in memory (``PersonWrite``: the person as it will be, the snapshot
as it was loaded) and asks ``access_check`` before planning a row, so a refusal is reported on
its row; ``people_bulk_write`` checks the rules again, once per kind of write and per group of
people the rules cannot tell apart, refuses a person changed since it was loaded (its version),
and writes everything inside one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib.core.access import Action
from karib.core.audit import diff, snapshot
from karib.core.errors import ErrorCode
from karib.core.models import AuditEvent

from ..access import PersonAction
from ..models import ImportantDate, Membership, Organization, Person, PersonalFact, PersonAuditEvent
from .common import PeopleError, require
from .search_documents import search_documents_create_bulk, search_documents_rebuild_bulk


class AccessCache:
    """``require`` once per (action, what the rule looks at): a rule about a new person looks at
    the class only, a rule about a person at its owner and envoy."""

    def __init__(self, user: User) -> None:
        self.user = user
        self._outcomes: dict[Hashable, tuple[Any, ...]] = {}

    def _once(self, key: Hashable, check: Callable[[], None]) -> None:
        """Run ``check`` the first time ``key`` is asked; repeat its refusal (or none) after."""
        if key not in self._outcomes:
            try:
                check()
            except PeopleError as error:
                self._outcomes[key] = tuple(error.items)
            else:
                self._outcomes[key] = ()
        refused = self._outcomes[key]
        if refused:
            raise PeopleError.of(refused)

    def require(self, action: str, obj: Any) -> None:
        self._once(
            (action, *_rule_key(obj)), lambda: require(user=self.user, action=action, obj=obj)
        )

    def require_sight(self, person: Person, before: dict[str, Any] | None) -> None:
        """``persons.require_no_new_sight`` once per (organization, owner, envoy and what they
        were), with ``person``'s new values; a move is also its own rule (MOVE_ORGANIZATION),
        as in ``person_update`` (secprobe5: the bulk import skipped both)."""
        from .persons import as_loaded, require_no_new_sight

        organization = person.organization
        organization_key = organization.pk if organization is not None else None
        if organization is not None and organization.pk is None:
            organization_key = ("new", id(organization))
        was = tuple(before.get(n) for n in ("organization", "owner", "envoy")) if before else ()

        def check() -> None:
            if before is not None and before["organization"] != person.organization_id:
                moved_from = as_loaded(person, before)
                require(user=self.user, action=PersonAction.MOVE_ORGANIZATION, obj=moved_from)
            require_no_new_sight(person, before, self.user)

        self._once(("sight", organization_key, person.owner_id, person.envoy_id, *was), check)

    def require_for(self, action: str, model: type[models.Model], person: Person) -> None:
        """``require(action, model(person=person))``, the probe built only once per owner."""
        key = (action, model.__name__, person.owner_id, person.envoy_id)
        if key not in self._outcomes:
            self.require(action, model(person=person))
        refused = self._outcomes[key]
        if refused:
            raise PeopleError.of(refused)


def _rule_key(obj: Any) -> tuple[Hashable, ...]:
    if isinstance(obj, type):
        return (obj.__name__,)
    person = obj if isinstance(obj, Person) else getattr(obj, "person", None)
    if person is None:  # an organization: its own record decides
        return (type(obj).__name__, obj.pk, obj.owner_id, obj.team_id)
    return (type(obj).__name__, person.owner_id, person.envoy_id)


# What an import changes on a person.
_CHANGED_FIELDS = ("full_name", "job_title", "emails", "phones", "organization", "honorific")


@dataclass
class PersonWrite:
    """A person an import creates (``before`` None) or changes, with its new dates and facts."""

    person: Person
    before: dict[str, Any] | None = None
    loaded_version: int = 1
    changed: bool = False
    moved: bool = False
    dates: list[ImportantDate] = field(default_factory=list)
    facts: list[PersonalFact] = field(default_factory=list)


def _event(by: User, action: str, instance: models.Model, **values: Any) -> AuditEvent:
    return AuditEvent(
        actor_id=by.pk if by.is_authenticated else None,
        action=action,
        content_type_id=_content_type_id(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        changes=diff(values.get("before") or {}, values.get("after") or {}),
    )


def _content_type_id(model: type[models.Model]) -> int:
    content_type: ContentType = ContentType.objects.get_for_model(model, for_concrete_model=True)
    return int(content_type.pk)


def _check_versions(writes: list[PersonWrite]) -> None:
    """Lock the people the import changes; refuse if one was saved since it was loaded."""
    loaded = {w.person.pk: w.loaded_version for w in writes if w.before is not None}
    if not loaded:
        return
    current = dict(
        Person.objects.select_for_update().filter(pk__in=loaded).values_list("pk", "version")
    )
    stale = [pk for pk, version in loaded.items() if current.get(pk) != version]
    if stale:
        raise PeopleError(
            ErrorCode.CONFLICT,
            _("Someone changed or deleted a person while the import was running."),
            field="version",
        )


@transaction.atomic
def people_bulk_write(
    *, by: User, organizations: Iterable[Organization], writes: Iterable[PersonWrite]
) -> None:
    """Create the new organizations, create and change the people, add their dates and facts;
    every record audited, every person's search document rebuilt."""
    organizations, writes = list(organizations), list(writes)
    access = AccessCache(by)
    if organizations:
        access.require(Action.CREATE, Organization)
    for write in writes:
        if write.before is None:
            access.require(Action.CREATE, Person)
            access.require_sight(write.person, None)
        elif write.changed:
            access.require(Action.CHANGE, write.person)
            if write.moved:
                access.require_sight(write.person, write.before)
        if write.dates:
            access.require(Action.CREATE, ImportantDate(person=write.person))
        if write.facts:
            access.require(Action.CREATE, PersonalFact(person=write.person))
    _check_versions(writes)
    events: list[tuple[AuditEvent, list[int]]] = []
    Organization.objects.bulk_create(organizations)
    events += [
        (_event(by, AuditEvent.Action.CREATE, o, after=snapshot(o)), []) for o in organizations
    ]
    today, now = timezone.localdate(), timezone.now()
    new = [w for w in writes if w.before is None]
    Person.objects.bulk_create([w.person for w in new])
    changed = [w for w in writes if w.before is not None and w.changed]
    for write in changed:
        write.person.version = write.loaded_version + 1
        write.person.updated_at = now
    Person.objects.bulk_update(
        [w.person for w in changed],
        [*_CHANGED_FIELDS, "refusal_reason", "refusal_since", "version", "updated_at"],
        batch_size=500,
    )
    moved = [w.person.pk for w in changed if w.moved]
    if moved:
        Membership.objects.filter(person_id__in=moved, end_date__isnull=True).update(end_date=today)
    Membership.objects.bulk_create(
        Membership(
            person=w.person,
            organization_id=w.person.organization_id,
            role=w.person.job_title,
            start_date=today,
        )
        for w in writes
        if (w.before is None or w.moved) and w.person.organization_id is not None
    )
    for write in new:
        events.append(
            (
                _event(by, AuditEvent.Action.CREATE, write.person, after=snapshot(write.person)),
                [write.person.pk],
            )
        )
    for write in changed:
        after = snapshot(write.person)
        events.append(
            (
                _event(
                    by, AuditEvent.Action.UPDATE, write.person, before=write.before, after=after
                ),
                [write.person.pk],
            )
        )
    dates = [d for w in writes for d in w.dates]
    facts = [f for w in writes for f in w.facts]
    ImportantDate.objects.bulk_create(dates, batch_size=500)
    PersonalFact.objects.bulk_create(facts, batch_size=500)
    records: list[ImportantDate | PersonalFact] = [*dates, *facts]
    for record in records:
        after = snapshot(record)
        events.append(
            (_event(by, AuditEvent.Action.CREATE, record, after=after), [record.person.pk])
        )
    AuditEvent.objects.bulk_create([event for event, _people in events], batch_size=500)
    PersonAuditEvent.objects.bulk_create(
        [
            PersonAuditEvent(person_id=pk, event=event, is_sensitive=False)
            for event, people in events
            for pk in people
        ],
        batch_size=500,
    )
    search_documents_create_bulk(people=[(w.person, w.facts) for w in new])
    touched = [w.person.pk for w in writes if w.before is not None and (w.changed or w.facts)]
    search_documents_rebuild_bulk(person_ids=touched)
