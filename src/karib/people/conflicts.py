"""A page form's answer to a refused save: the message next to its field, and for a stale
version, who saved in between, when, and both values of each field that differs.

Nothing the editor typed is lost: the form keeps their values and now carries the version
saved in between, so saving again (after a look at the other change) keeps theirs on purpose.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.forms import BaseForm

from karib.core.errors import DomainError

from .services import StaleVersion


@dataclass(frozen=True)
class ChangedField:
    label: str
    yours: str
    theirs: str


@dataclass(frozen=True)
class Conflict:
    changed_by: str
    changed_at: datetime.datetime | None
    fields: list[ChangedField]


def show_error(form: BaseForm, error: DomainError) -> Conflict | None:
    """Put `error` on `form` (next to its field); for a stale version, also return what
    differs between the editor's values and the saved ones."""
    if not isinstance(error, StaleVersion):
        error.add_to_form(form)
        return None
    form.add_error(None, error.message)
    current = error.current
    fields = [
        ChangedField(str(form[name].label), _shown(form, name, mine), _shown_saved(current, name))
        for name, mine in form.cleaned_data.items()
        if name in form.fields
        and name != "version"
        and _saved(current, name) is not _FORM_ONLY
        and _comparable(mine) != _comparable(_saved(current, name))
    ]
    data = form.data.copy()  # type: ignore[attr-defined]
    data[form.add_prefix("version")] = str(current.version)  # type: ignore[attr-defined]
    form.data = data
    return Conflict(changed_by=error.changed_by, changed_at=error.changed_at, fields=fields)


def _saved(instance: models.Model, name: str) -> Any:
    try:
        field = instance._meta.get_field(name)
    except Exception:  # a form-only field (phones_text, reason): nothing saved to compare
        return _FORM_ONLY
    if isinstance(field, models.ForeignKey):
        return getattr(instance, field.attname)
    return getattr(instance, name)


_FORM_ONLY = object()


def _comparable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if value in (None, ""):
        return ""
    return value


def _shown(form: BaseForm, name: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    field = form.fields[name]
    choices = dict(getattr(field, "choices", []) or [])
    if not isinstance(value, models.Model) and value in choices:
        return str(choices[value])
    return str(value)


def _shown_saved(instance: models.Model, name: str) -> str:
    value = getattr(instance, name, None)
    display = getattr(instance, f"get_{name}_display", None)
    if display is not None and value:
        return str(display())
    return "—" if value in (None, "") else str(value)
