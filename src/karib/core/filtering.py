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
from django.conf import settings
from django.db.models import Model, QuerySet

from .errors import DomainError, ErrorCode, ErrorItem

M = TypeVar("M", bound=Model)


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


def page_size() -> int:
    """The one page size of every list, page and API alike."""
    return int(settings.KARIB_PAGE_SIZE)
