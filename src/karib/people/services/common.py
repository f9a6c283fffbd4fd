"""What every write of the people app shares: its error type, field checks, audit links and
the version check that keeps two editors from losing each other's changes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from karib.core.audit import audit_events_for, audit_record
from karib.core.errors import DomainError, ErrorCode, ErrorItem, domain_error_from_django
from karib.core.models import AuditEvent

from ..models import Person, PersonAuditEvent


class PeopleError(DomainError, ValidationError):  # type: ignore[misc]  # see the docstring
    """A refused write of the people app: a `DomainError` (code, field, values).

    It is also a Django `ValidationError` for one reason only: the importer
    (people/transfer.py) still catches that type to report a row's errors; once it catches
    `DomainError`, drop the second base."""

    def __init__(
        self,
        code: ErrorCode = ErrorCode.INVALID,
        message: Any = None,
        *,
        field: str | None = None,
        params: Any = None,
        status: int | None = None,
    ) -> None:
        # DomainError's own __init__ would reach ValidationError's through super().
        self.items = (
            ErrorItem(code=ErrorCode(code), field=field, message=message, params=params or {}),
        )
        self._status = status
        Exception.__init__(self, self.items[0].text())

    __hash__ = Exception.__hash__
    __eq__ = Exception.__eq__

    @property
    def error_dict(self) -> dict[str, list[ValidationError]]:  # type: ignore[override]
        grouped: dict[str, list[ValidationError]] = {}
        for item in self.items:
            grouped.setdefault(item.field or "__all__", []).append(ValidationError(item.text()))
        return grouped

    def __iter__(self) -> Iterator[Any]:
        for name, errors in self.error_dict.items():
            yield name, [error.message for error in errors]

    def __str__(self) -> str:
        return DomainError.__str__(self)


class StaleVersion(PeopleError):
    """Someone saved the record after the editor loaded it: nothing was written. `current` is
    the record as saved now (for the page to show both values), `changed_by`/`changed_at` who
    saved it last and when."""

    current: models.Model
    changed_by: str
    changed_at: datetime.datetime | None


def require(*, user: Any, action: str, obj: Any) -> None:
    """`access.require`, refused as a PeopleError (so the importer reports it on its row)."""
    from karib.core import access

    try:
        access.require(user=user, action=action, obj=obj)
    except DomainError as error:
        raise PeopleError.of(error.items) from None


def invalid(field: str | None, message: Any, **params: Any) -> PeopleError:
    return PeopleError(ErrorCode.INVALID, message, field=field, params=params)


def from_django(error: ValidationError) -> PeopleError:
    """A model's `full_clean()` error as a PeopleError naming the same fields."""
    converted = domain_error_from_django(error)
    return PeopleError.of(converted.items)  # type: ignore[return-value]


def full_clean(instance: models.Model) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise from_django(error) from None


def check_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise PeopleError.of(
            ErrorItem(ErrorCode.INVALID, field=name, message=_("This field cannot be set."))
            for name in unknown
        )


def check_version(instance: Any, expected: int | None) -> None:
    """Refuse a write made from a stale copy (`expected` is the version the editor loaded;
    None: the caller does not track versions)."""
    if expected is None or int(expected) == instance.version:
        return
    last = audit_events_for(instance).order_by("-at", "-pk").first()
    actor = getattr(last, "actor", None)
    changed_by = (actor.get_full_name() or actor.get_username()) if actor else "?"
    changed_at = last.at if last else None
    error = StaleVersion(
        ErrorCode.CONFLICT,
        _("%(thing)s was changed by %(by)s at %(at)s after you opened it; nothing was saved."),
        field="version",
        params={
            "thing": str(instance._meta.verbose_name).capitalize(),
            "by": changed_by,
            "at": _local(changed_at),
        },
    )
    error.current, error.changed_by, error.changed_at = instance, changed_by, changed_at
    raise error


def _local(moment: datetime.datetime | None) -> str:
    from django.utils import timezone
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "j M Y H:i") if moment else "?"


def bump_version(instance: Any) -> None:
    instance.version = (instance.version or 0) + 1


def audit(*, people: Iterable[Person], sensitive: bool = False, **record: Any) -> AuditEvent | None:
    """Record a change (audit_record) and link it to the people it is about."""
    event = audit_record(**record)
    if event is not None:
        PersonAuditEvent.objects.bulk_create(
            [
                PersonAuditEvent(person_id=pk, event=event, is_sensitive=sensitive)
                for pk in {person.pk for person in people}
            ],
            ignore_conflicts=True,
        )
    return event


def protected(what: Any, blockers: dict[str, int]) -> PeopleError:
    """A delete refused because other records depend on the object (409), naming them."""
    listed = ", ".join(f"{count} {name}" for name, count in blockers.items() if count)
    return PeopleError(
        ErrorCode.PROTECTED,
        _("%(thing)s cannot be deleted: %(blockers)s depend on it."),
        params={"thing": what, "blockers": listed},
    )


def protecting_records(instance: models.Model) -> dict[str, int]:
    """Records that a delete of `instance` would be blocked by (PROTECT foreign keys), counted
    by their kind's plural name."""
    from django.db.models.deletion import Collector, ProtectedError, RestrictedError

    collector = Collector(using="default")
    try:
        collector.collect([instance])
    except (ProtectedError, RestrictedError) as error:
        found: dict[str, int] = {}
        blocking = (
            getattr(error, "protected_objects", None)
            or getattr(error, "restricted_objects", None)
            or ()
        )
        for obj in blocking:
            name = str(obj._meta.verbose_name_plural)
            found[name] = found.get(name, 0) + 1
        return found
    return {}


__all__ = [
    "PeopleError",
    "StaleVersion",
    "audit",
    "bump_version",
    "check_fields",
    "check_version",
    "from_django",
    "full_clean",
    "invalid",
    "protected",
    "protecting_records",
    "require",
]
