"""One filter model per list: a django-filter `FilterSet` serves the selector, the HTML form and
the API, so a filter is declared once and refused the same way everywhere.

    class PersonFilter(django_filters.FilterSet):
        stage = django_filters.ChoiceFilter(choices=Person.Stage.choices)
        ...

    # selector (the queryset is already scoped to what the user may see)
    people = apply_filters(PersonFilter, data, Person.objects.visible_to(user))

    # page: show the errors next to the filters, list nothing rather than everything
    filterset = PersonFilter(request.GET, queryset=scoped)
    rows = filterset.qs if filterset.is_valid() else scoped.none()
    # {{ filterset.form }} renders the same fields

    # API: the Query schema documents the parameters; the values go through the same FilterSet
    people = apply_filters(PersonFilter, filters.dict(exclude_none=True), scoped)

An invalid filter is a `DomainError` (422 in the API, `{"errors": [{"code": "invalid",
"field": "stage", ...}]}`); it is never silently dropped. The page size of every list is the one
setting `KARIB_PAGE_SIZE`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from .errors import DomainError, ErrorCode, ErrorItem

M = TypeVar("M", bound=Model)

#: The largest id a filter accepts: a database integer (2^63 - 1).
MAX_ID = 2**63 - 1


def is_id(value: object) -> bool:
    """A database id as a form, a header or a session gives it: ASCII digits for 1..MAX_ID
    (``str.isdigit`` also takes "²", which ``int`` refuses, and 5,000 digits overflow: 500s)."""
    text = str(value) if isinstance(value, (str, int)) else ""
    return (
        text.isascii()
        and text.isdigit()
        and len(text) <= len(str(MAX_ID))
        and 1 <= int(text) <= MAX_ID
    )


#: Far beyond any real list; larger page numbers are refused rather than overflowing offsets.
MAX_PAGE = 1_000_000

_TRUE = frozenset({"1", "true", "on", "yes"})
_FALSE = frozenset({"", "0", "false", "off", "no"})


class FlagInput(forms.CheckboxInput):
    """A checkbox that hands the raw value to its field (`0` and `false` are off, not on)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)


class FlagField(forms.Field):
    """On or off: a page's checkbox (`on`) and an API's `true`/`false`/`1`/`0` alike; any other
    value is an error naming the field."""

    widget = FlagInput

    def to_python(self, value: Any) -> bool:
        if value is None or isinstance(value, bool):
            return bool(value)
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValidationError(_("Give true or false."), code="invalid")


class FlagFilter(django_filters.BooleanFilter):  # type: ignore[misc]  # django-filter is untyped
    """A "… only" checkbox: off leaves the list as it is, on applies the filter (a `method`
    is called with False too: it returns the queryset unchanged for it)."""

    field_class = FlagField

    def filter(self, qs: Any, value: Any) -> Any:
        return super().filter(qs, value) if value else qs


class IdFilter(django_filters.NumberFilter):  # type: ignore[misc]  # django-filter is untyped
    """An id in the query string: 1..2^63-1, else an error naming the field."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):  # type: ignore[misc]  # django-filter is untyped
    """A calendar year, 1900..9999."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


def filter_errors(filterset: django_filters.FilterSet) -> Iterator[ErrorItem]:
    """The form errors of an invalid FilterSet as error items, one per message and field."""
    for name, messages in filterset.errors.items():
        field = None if name == "__all__" else name
        for message in messages:
            yield ErrorItem(ErrorCode.INVALID, field=field, message=str(message))


def apply_filters(
    filterset_class: type[django_filters.FilterSet],
    data: Mapping[str, Any] | None,
    queryset: QuerySet[M],
    **kwargs: Any,
) -> QuerySet[M]:
    """`queryset` narrowed by `data`; raises DomainError naming each invalid filter."""
    filterset = filterset_class(data or {}, queryset=queryset, **kwargs)
    if not filterset.is_valid():
        raise DomainError.of(filter_errors(filterset))
    return filterset.qs  # type: ignore[no-any-return]


def filterset_for_page(
    filterset_class: type[django_filters.FilterSet],
    data: Mapping[str, Any],
    queryset: QuerySet[M],
    **kwargs: Any,
) -> tuple[django_filters.FilterSet, QuerySet[M]]:
    """The filter set bound to a page's query string and the rows it lists: an invalid filter
    lists nothing (never everything); the page shows `filterset.form.errors` next to the
    fields. The same `FilterSet` the selector and the API use."""
    filterset = filterset_class(data, queryset=queryset, **kwargs)
    if not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


def page_size() -> int:
    """The one page size of every list, page and API alike."""
    return int(settings.KARIB_PAGE_SIZE)


def page_number(value: Any) -> int:
    """A page number from a query string: 1..`MAX_PAGE`, else a 422 on `page` (never a 500 from
    an offset beyond any database integer)."""
    try:
        number = int(str(value if value not in (None, "") else 1))
    except ValueError:
        raise DomainError(ErrorCode.INVALID, _("No such page."), field="page") from None
    if not 1 <= number <= MAX_PAGE:
        raise DomainError(ErrorCode.INVALID, _("No such page."), field="page")
    return number
