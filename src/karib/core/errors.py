"""The one error model: every refused change is a `DomainError` with a code, a field and values.

Services raise it; the API answers it in one JSON shape, and views show the same translated
message next to the field it names::

    raise DomainError(ErrorCode.REQUIRED, field="plan", message=_("A plan is required."))

    {"errors": [{"code": "required", "field": "plan", "message": "A plan is required."}]}

The message is a lazy translatable string with `%(name)s` placeholders filled from `params`, so
it is translated when shown (in the reader's language), never when raised.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.functional import Promise as LazyString
from django.utils.translation import gettext_lazy as _
from ninja import Schema


class ErrorCode(enum.StrEnum):
    """What went wrong, for a client to act on; the message says it to a person."""

    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    UNAUTHENTICATED = "unauthenticated"
    CONFLICT = "conflict"  # a stale version: someone else saved first
    PROTECTED = "protected"  # a delete blocked by records that depend on it
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    POLICY_REFUSED = "policy_refused"
    DUPLICATE = "duplicate"
    LIMIT_EXCEEDED = "limit_exceeded"
    THROTTLED = "throttled"


DEFAULT_MESSAGES: Mapping[ErrorCode, LazyString] = {
    ErrorCode.INVALID: _("This value is not valid."),
    ErrorCode.REQUIRED: _("This field is required."),
    ErrorCode.NOT_FOUND: _("Not found."),
    ErrorCode.FORBIDDEN: _("You may not do this."),
    ErrorCode.UNAUTHENTICATED: _("Sign in or send a valid API token."),
    ErrorCode.CONFLICT: _("Someone else changed this in the meantime."),
    ErrorCode.PROTECTED: _("Other records depend on this, so it cannot be deleted."),
    ErrorCode.TRANSITION_NOT_ALLOWED: _("This change of status is not allowed."),
    ErrorCode.POLICY_REFUSED: _("The policy does not allow this."),
    ErrorCode.DUPLICATE: _("This already exists."),
    ErrorCode.LIMIT_EXCEEDED: _("This is over the limit."),
    ErrorCode.THROTTLED: _("Too many attempts. Wait a moment and try again."),
}

HTTP_STATUS: Mapping[ErrorCode, int] = {
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.CONFLICT: 409,
    ErrorCode.PROTECTED: 409,
    ErrorCode.DUPLICATE: 409,
    ErrorCode.LIMIT_EXCEEDED: 413,
    ErrorCode.THROTTLED: 429,
}


@dataclass(frozen=True)
class ErrorItem:
    """One problem: its code, the input it belongs to (None for the whole request) and a
    translatable message with its values."""

    code: ErrorCode
    field: str | None = None
    message: str | LazyString | None = None
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def text(self) -> str:
        """The message in the active language, its placeholders filled."""
        message = self.message if self.message is not None else DEFAULT_MESSAGES[self.code]
        text = str(message)
        if self.params:
            # a translation that drops a placeholder still reads as a sentence
            with contextlib.suppress(KeyError, TypeError, ValueError):
                text = text % {key: _display(value) for key, value in self.params.items()}
        return text

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code.value, "field": self.field, "message": self.text()}


def _display(value: Any) -> Any:
    return str(value) if isinstance(value, LazyString) else value


class DomainError(Exception):
    """A refused change or read: nothing was written. One or more `ErrorItem`s.

    `DomainError(code, field=..., message=..., params=...)` for one problem, or
    `DomainError.of(items)` for several (a form with two bad fields)."""

    def __init__(
        self,
        code: ErrorCode = ErrorCode.INVALID,
        message: str | LazyString | None = None,
        *,
        field: str | None = None,
        params: Mapping[str, Any] | None = None,
        status: int | None = None,
    ) -> None:
        self.items: tuple[ErrorItem, ...] = (
            ErrorItem(code=ErrorCode(code), field=field, message=message, params=params or {}),
        )
        self._status = status
        super().__init__(self.items[0].text())

    @classmethod
    def of(cls, items: Iterable[ErrorItem], *, status: int | None = None) -> DomainError:
        items = tuple(items)
        if not items:
            raise ValueError("a DomainError needs at least one item")
        error = cls(items[0].code, items[0].message, field=items[0].field, params=items[0].params)
        error.items = items
        error._status = status
        return error

    # The first item, for code that handles one problem at a time.
    @property
    def code(self) -> ErrorCode:
        return self.items[0].code

    @property
    def field(self) -> str | None:
        return self.items[0].field

    @property
    def message(self) -> str:
        return self.items[0].text()

    @property
    def status(self) -> int:
        if self._status is not None:
            return self._status
        return HTTP_STATUS.get(self.code, 422)

    def __str__(self) -> str:
        return self.message

    def as_payload(self) -> dict[str, list[dict[str, str | None]]]:
        return {"errors": [item.as_dict() for item in self.items]}

    def add_to_form(self, form: forms.BaseForm) -> None:
        """Show each problem next to its field, or above the form when the form has no such
        field (so a message is never lost)."""
        for item in self.items:
            name = item.field if item.field in form.fields else None
            form.add_error(name, item.text())


def domain_error_from_django(error: DjangoValidationError) -> DomainError:
    """A Django `ValidationError` (from `full_clean()` or a model's `clean()`) as a DomainError."""
    items: list[ErrorItem] = []
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            field_name = None if name == "__all__" else name
            for each in errors:
                items.append(_item_from_django(each, field_name))
    else:
        items.extend(_item_from_django(each, None) for each in error.error_list)
    return DomainError.of(items or [ErrorItem(ErrorCode.INVALID)])


def _item_from_django(error: DjangoValidationError, field_name: str | None) -> ErrorItem:
    code = ErrorCode.REQUIRED if error.code in {"required", "blank", "null"} else ErrorCode.INVALID
    message = error.message % error.params if error.params else error.message
    return ErrorItem(code=code, field=field_name, message=message)


class ErrorItemOut(Schema):
    code: str
    field: str | None
    message: str


class ErrorsOut(Schema):
    """The one shape of every API error: `{"errors": [{"code", "field", "message"}]}`."""

    errors: list[ErrorItemOut]
