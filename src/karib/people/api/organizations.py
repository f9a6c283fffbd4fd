"""Organizations in the API."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Schema, Status
from ninja.pagination import paginate

from .. import selectors, services
from ..models import Organization
from .common import (
    Id,
    Line,
    Name,
    Pagination,
    SearchText,
    Text,
    Version,
    errors,
    expected_version,
    organization_ref,
    refuse_nulls,
    require_json_object,
    router,
    set_etag,
    user_of,
)


class OrganizationOut(Schema):
    id: int
    name: str
    kind: str
    sector: str
    parent_id: int | None
    city: str
    province: str
    address: str
    notes: str
    owner_id: int
    team_id: int | None
    version: int


class OrganizationIn(Schema):
    name: Name
    kind: Organization.Kind = Organization.Kind.PRIVATE
    sector: Line = ""
    parent_id: Id | None = None
    city: Line = ""
    province: Line = ""
    address: Text = ""
    notes: Text = ""


class OrganizationPatch(Schema):
    name: Name | None = None
    kind: Organization.Kind | None = None
    sector: Line | None = None
    parent_id: Id | None = None
    city: Line | None = None
    province: Line | None = None
    address: Text | None = None
    notes: Text | None = None
    version: Version | None = None


class OrganizationQuery(Schema):
    """The query parameters of the organizations list (documentation; OrganizationFilter
    decides)."""

    kind: Organization.Kind | None = None
    owner: Id | None = None
    q: SearchText = ""


def _organization_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "parent_id" in data:
        data["parent"] = organization_ref(request, data.pop("parent_id"), "parent_id")
    return data


@router.get(
    "/organizations",
    response={200: list[OrganizationOut], **errors()},
    operation_id="organization_list",
)
@paginate(Pagination)
def organization_list(request: HttpRequest, filters: Query[OrganizationQuery]) -> Any:
    """Organizations you may see, filtered by kind, owner and name."""
    return selectors.organization_list(
        user=user_of(request), filters=filters.dict(exclude_none=True)
    )


@router.get(
    "/organizations/{pk}",
    response={200: OrganizationOut, **errors(404)},
    operation_id="organization_get",
)
def organization_get(request: HttpRequest, pk: Id, response: HttpResponse) -> Organization:
    """One organization; its `ETag` is the version to send back with a change (`If-Match`)."""
    organization = selectors.organization_get_for_user(user=user_of(request), pk=pk)
    set_etag(response, organization)
    return organization


@router.post(
    "/organizations",
    response={201: OrganizationOut, **errors(403)},
    operation_id="organization_create",
)
def organization_create(request: HttpRequest, payload: OrganizationIn) -> Status[Any]:
    data = _organization_fields(request, payload.dict())
    return Status(201, services.organization_create(by=user_of(request), **data))


@router.patch(
    "/organizations/{pk}",
    response={200: OrganizationOut, **errors(403, 404, 409)},
    operation_id="organization_update",
)
def organization_update(
    request: HttpRequest, pk: Id, payload: OrganizationPatch, response: HttpResponse
) -> Any:
    """Change an organization. Send the version you read (`version` or `If-Match`): if
    someone saved in between, the answer is 409 and nothing changes. `null` clears the parent."""
    organization = selectors.organization_get_for_user(user=user_of(request), pk=pk)
    require_json_object(request)
    data = payload.dict(exclude_unset=True)
    version = expected_version(request, data)
    refuse_nulls(data, nullable={"parent_id"})
    data = _organization_fields(request, data)
    organization = services.organization_update(
        organization=organization, by=user_of(request), version=version, **data
    )
    set_etag(response, organization)
    return organization


@router.delete(
    "/organizations/{pk}",
    response={204: None, **errors(403, 404, 409)},
    operation_id="organization_delete",
)
def organization_delete(request: HttpRequest, pk: Id) -> Status[Any]:
    """Delete an organization; 409 naming what still depends on it (people, promises)."""
    organization = selectors.organization_get_for_user(user=user_of(request), pk=pk)
    services.organization_delete(organization=organization, by=user_of(request))
    return Status(204, None)
