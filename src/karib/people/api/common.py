"""What the people API operations share: the router, bounded and cleaned input types,
references to records the caller may see, versions (ETag / If-Match) and the error responses.

Every error answers `{"errors": [{"code", "field", "message"}]}` (karib.core.errors): a
service's DomainError, a reference the caller may not see (422 naming the field), a record
they may not see (404), a stale version (409), a protected delete (409).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator

from karib.core import access
from karib.core.api_errors import clean_text
from karib.core.errors import DomainError, ErrorCode, ErrorItem, ErrorsOut
from karib.core.filtering import page_size

from .. import selectors
from ..filters import MAX_QUERY_LENGTH
from ..models import Organization, Person

router = Router(tags=["people"])

# Database integers are signed 64-bit; a bigger id or page is refused, not a crash.
MAX_ID = 2**63 - 1
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=1, le=MAX_ID, description="The version you read (ETag).")]
Text = Annotated[str, AfterValidator(clean_text)]
Name = Annotated[str, AfterValidator(clean_text), Field(min_length=1, max_length=200)]
Line = Annotated[str, AfterValidator(clean_text), Field(max_length=255)]
SearchText = Annotated[str, AfterValidator(clean_text), Field(max_length=MAX_QUERY_LENGTH)]
NonEmptyText = Annotated[str, AfterValidator(clean_text), Field(min_length=1)]


class Pagination(PageNumberPagination):
    """Page numbers and sizes within bounds (a 422 beyond them, never a database error)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("page_size", page_size())
        kwargs.setdefault("max_page_size", MAX_PAGE_SIZE)
        super().__init__(**kwargs)


def errors(*statuses: int) -> dict[int, Any]:
    """The documented error responses of an operation: always 401 and 422, plus `statuses`."""
    return dict.fromkeys(sorted({401, 422, *statuses}), ErrorsOut)


def user_of(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def invalid(field: str, message: Any, **params: Any) -> DomainError:
    return DomainError(ErrorCode.INVALID, message, field=field, params=params)


def organization_ref(request: HttpRequest, pk: int | None, field: str) -> Organization | None:
    if pk is None:
        return None
    try:
        return selectors.organization_get_for_user(user=user_of(request), pk=pk)
    except Http404:
        raise invalid(field, _("No organization %(id)s that you can see."), id=pk) from None


def person_ref(request: HttpRequest, pk: int, field: str) -> Person:
    try:
        return selectors.person_get_for_user(user=user_of(request), pk=pk)
    except Http404:
        raise invalid(field, _("No person %(id)s that you can see."), id=pk) from None


def colleague_ref(request: HttpRequest, pk: int | None, field: str) -> User | None:
    """A user the caller may assign (envoy, told by): Sales and Manager users of their
    team(s), as in the web forms; anyone of those for admins."""
    if pk is None:
        return None
    user = access.colleagues_of(user_of(request)).filter(pk=pk).first()
    if user is None:
        raise invalid(field, _("No colleague %(id)s that you may assign."), id=pk)
    return user


def refuse_nulls(data: dict[str, Any], nullable: Iterable[str]) -> None:
    """An explicit `null` clears a nullable field; for any other field it is a 422 naming it
    (not a silent no-op, not a database error)."""
    allowed = set(nullable)
    items = [
        ErrorItem(ErrorCode.REQUIRED, field=name, message=_("This field cannot be empty."))
        for name, value in data.items()
        if value is None and name not in allowed
    ]
    if items:
        raise DomainError.of(items, status=422)


# --- versions ---------------------------------------------------------------------------------


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: HttpResponse, instance: Any) -> None:
    response["ETag"] = etag(instance.version)


def expected_version(request: HttpRequest, data: dict[str, Any]) -> int | None:
    """The version the client last read: the body's `version`, else the `If-Match` header
    (an ETag from a GET); None when the client sends neither (last write wins)."""
    version = data.pop("version", None)
    if version is not None:
        return int(version)
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    value = header.removeprefix("W/").strip('"')
    if not value.isdigit() or len(value) > 18:
        raise invalid("If-Match", _("Send the ETag of the record you read, e.g. “3”."))
    return int(value)


def require_json_object(request: HttpRequest) -> None:
    """Refuse a body that is not a JSON object (`12345`, `[…]`, `null`): ninja would read it as
    an update of nothing."""
    import json

    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise DomainError(
            ErrorCode.INVALID, _("Send a JSON object with the fields to change."), status=422
        )
