"""API helpers every router shares: bounded ids and pages, the version a client read
(`If-Match` or a `version` field), service field names as the API spells them, and the
status-change endpoints (one declaration per move).

    @router.get("", response={200: list[PromiseOut], **ERRORS})
    @paginate(BoundedPageNumberPagination)
    def promise_list(request, organization: int | None = None): ...
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from ninja.pagination import PageNumberPagination

from .errors import DomainError, ErrorCode, ErrorsOut
from .filtering import MAX_ID as MAX_ID
from .filtering import MAX_PAGE as MAX_PAGE
from .filtering import is_id
from .filtering import page_size as _page_size

#: The 4xx answers every operation of these routers documents (one shape).
ERRORS: dict[int, type[ErrorsOut]] = {
    401: ErrorsOut,
    403: ErrorsOut,
    404: ErrorsOut,
    409: ErrorsOut,
    422: ErrorsOut,
}


def bounded_id(value: int | None, field: str) -> int | None:
    """An id from a query string: None, or 1..2^63-1, else a 422 naming the field."""
    if value is not None and not 1 <= value <= MAX_ID:
        raise DomainError(ErrorCode.INVALID, _("Not a valid id."), field=field)
    return value


def valid_id(value: int, field: str) -> int:
    """An id the client must send: 1..2^63-1, else a 422 naming the field."""
    if not 1 <= value <= MAX_ID:
        raise DomainError(ErrorCode.INVALID, _("Not a valid id."), field=field)
    return value


class BoundedPageNumberPagination(PageNumberPagination):
    """Pages of `settings.KARIB_PAGE_SIZE` rows; page numbers beyond `MAX_PAGE` are a 422 on
    `page` (not an overflow in the database)."""

    def __init__(self, page_size: int | None = None, **kwargs: Any) -> None:
        super().__init__(page_size=page_size or _page_size(), **kwargs)

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        if pagination.page > MAX_PAGE:
            raise DomainError(ErrorCode.INVALID, _("No such page."), field="page")
        return super().paginate_queryset(queryset, pagination, request, **params)


def require_json_object(request: HttpRequest) -> None:
    """A body that is JSON but not an object (`12345`, `[]`, `null`) is a 422, not an empty
    update: ninja fills a schema whose fields are all optional from nothing otherwise."""
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return  # not JSON at all: ninja answers that itself
    if not isinstance(body, dict):
        raise DomainError(ErrorCode.INVALID, _("The body must be a JSON object."), field="body")


def expected_version(if_match: str | None, body_version: int | None = None) -> int | None:
    """The version the client read: the `If-Match` header (`"3"`, `W/"3"` or `3`) or a
    `version` field; None when neither is sent (last write wins, as before)."""
    if if_match is not None and if_match.strip() not in {"", "*"}:
        raw = if_match.strip().removeprefix("W/").strip('"')
        if not is_id(raw):
            raise DomainError(
                ErrorCode.INVALID, _("If-Match must be a version number."), field="If-Match"
            )
        return int(raw)
    if body_version is not None and not 1 <= body_version <= MAX_ID:
        raise DomainError(ErrorCode.INVALID, _("Not a valid version."), field="version")
    return body_version


@contextmanager
def api_field_names(names: Mapping[str, str]) -> Iterator[None]:
    """Re-raise a service's DomainError with its fields named as the API names its inputs
    (`interaction` → `interaction_id`)."""
    try:
        yield
    except DomainError as error:
        items = [
            dataclasses.replace(item, field=names.get(item.field or "", item.field))
            for item in error.items
        ]
        raise DomainError.of(items, status=error.status) from error


@dataclass(frozen=True)
class StatusChange:
    """One status-change endpoint: its path, name (operation id / url name), body, the
    service it calls, and how the body becomes the service's arguments."""

    path: str
    name: str
    body: type[Schema]
    service: Callable[..., Any]
    arguments: Callable[[HttpRequest, Any, Any], dict[str, Any]]
    summary: str


def apply_status_change(
    change: StatusChange,
    request: HttpRequest,
    *,
    target: str,
    obj: Any,
    payload: Any,
    if_match: str | None,
    names: Mapping[str, str],
) -> None:
    """Call the change's service on `obj` (passed as `target=`) for the request's user, with
    the version the client read; errors name the API's fields."""
    require_json_object(request)
    arguments = change.arguments(request, obj, payload)
    version = expected_version(if_match, getattr(payload, "version", None))
    with api_field_names(names):
        change.service(**{target: obj}, by=request.user, expected_version=version, **arguments)
