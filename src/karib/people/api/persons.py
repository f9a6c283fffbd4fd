"""People in the API."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from .. import selectors, services
from ..models import Person
from .common import (
    Id,
    Line,
    Name,
    Pagination,
    SearchText,
    Text,
    Version,
    colleague_ref,
    errors,
    expected_version,
    organization_ref,
    refuse_nulls,
    require_json_object,
    router,
    set_etag,
    user_of,
)

Influence = Annotated[int, Field(ge=1, le=5)]


class PersonOut(Schema):
    id: int
    full_name: str
    honorific: str
    custom_address: str
    form_of_address: str
    job_title: str
    organization_id: int | None
    phones: list[str]
    emails: list[str]
    is_public_official: bool
    influence: int
    attitude: str
    stage: str
    owner_id: int
    envoy_id: int | None
    refuses_to_meet_owner: bool
    refusal_reason: str
    refusal_since: datetime.date | None
    version: int


class PersonIn(Schema):
    full_name: Name
    organization_id: Id | None = None
    honorific: Person.Honorific = Person.Honorific.NONE
    custom_address: Line = ""
    job_title: Line = ""
    phones: list[Line] = []
    emails: list[Line] = []
    is_public_official: bool | None = None
    influence: Influence = 3
    attitude: Person.Attitude = Person.Attitude.NEUTRAL
    stage: Person.Stage = Person.Stage.STRANGER
    envoy_id: Id | None = None
    refuses_to_meet_owner: bool = False
    refusal_reason: Text = ""
    reason: Text = ""


class PersonPatch(Schema):
    full_name: Name | None = None
    organization_id: Id | None = None
    honorific: Person.Honorific | None = None
    custom_address: Line | None = None
    job_title: Line | None = None
    phones: list[Line] | None = None
    emails: list[Line] | None = None
    is_public_official: bool | None = None
    influence: Influence | None = None
    attitude: Person.Attitude | None = None
    stage: Person.Stage | None = None
    envoy_id: Id | None = None
    refuses_to_meet_owner: bool | None = None
    refusal_reason: Text | None = None
    reason: Text = ""
    version: Version | None = None


class PersonQuery(Schema):
    """The query parameters of the people list (documentation; PersonFilter decides)."""

    organization: Id | None = None
    owner: Id | None = None
    stage: Person.Stage | None = None
    attitude: Person.Attitude | None = None
    influence: Influence | None = None
    is_public_official: bool | None = None
    q: SearchText = ""

    def filter_data(self) -> dict[str, Any]:
        data = self.dict(exclude_none=True, exclude={"is_public_official"})
        if self.is_public_official is not None:
            data["public_official"] = "yes" if self.is_public_official else "no"
        return data


def _person_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "organization_id" in data:
        data["organization"] = organization_ref(
            request, data.pop("organization_id"), "organization_id"
        )
    if "envoy_id" in data:
        data["envoy"] = colleague_ref(request, data.pop("envoy_id"), "envoy_id")
    return data


@router.get("/persons", response={200: list[PersonOut], **errors()}, operation_id="person_list")
@paginate(Pagination)
def person_list(request: HttpRequest, filters: Query[PersonQuery]) -> Any:
    """People you may see; `q` searches names, organizations, facts and interaction notes.
    A filter naming something you may not pick (an organization you do not see, an owner
    outside your teams) is a 422 naming it."""
    return selectors.person_list(user=user_of(request), filters=filters.filter_data())


@router.get("/persons/{pk}", response={200: PersonOut, **errors(404)}, operation_id="person_get")
def person_get(request: HttpRequest, pk: Id, response: HttpResponse) -> Person:
    """One person; its `ETag` is the version to send back with a change (`If-Match`)."""
    person = selectors.person_get_for_user(user=user_of(request), pk=pk)
    set_etag(response, person)
    return person


@router.post("/persons", response={201: PersonOut, **errors(403)}, operation_id="person_create")
def person_create(request: HttpRequest, payload: PersonIn) -> Status[Any]:
    data = payload.dict()
    reason = data.pop("reason")
    if data.get("is_public_official") is None:
        data.pop("is_public_official")
    data = _person_fields(request, data)
    return Status(201, services.person_create(by=user_of(request), reason=reason, **data))


@router.patch(
    "/persons/{pk}",
    response={200: PersonOut, **errors(403, 404, 409)},
    operation_id="person_update",
)
def person_update(
    request: HttpRequest, pk: Id, payload: PersonPatch, response: HttpResponse
) -> Any:
    """Change a person. Send the version you read (`version` or `If-Match`): if someone saved
    in between, the answer is 409 and nothing changes. `null` clears the envoy."""
    person = selectors.person_get_for_user(user=user_of(request), pk=pk)
    require_json_object(request)
    data = payload.dict(exclude_unset=True)
    reason = data.pop("reason", "") or ""
    version = expected_version(request, data)
    refuse_nulls(data, nullable={"envoy_id", "organization_id"})
    data = _person_fields(request, data)
    person = services.person_update(
        person=person, by=user_of(request), reason=reason, version=version, **data
    )
    set_etag(response, person)
    return person


@router.delete(
    "/persons/{pk}", response={204: None, **errors(403, 404, 409)}, operation_id="person_delete"
)
def person_delete(request: HttpRequest, pk: Id) -> Status[Any]:
    """Delete a person; 409 naming what still depends on them (a gift, a promise)."""
    person = selectors.person_get_for_user(user=user_of(request), pk=pk)
    services.person_delete(person=person, by=user_of(request))
    return Status(204, None)


class SuggestionOut(Schema):
    id: int
    name: str
    organization: str = ""


class TypeaheadOut(Schema):
    people: list[SuggestionOut]
    organizations: list[SuggestionOut]


@router.get("/typeahead", response={200: TypeaheadOut, **errors()}, operation_id="people_typeahead")
def people_typeahead(request: HttpRequest, q: SearchText = "") -> TypeaheadOut:
    """People and organizations you may see in which every word of `q` starts a word (of a
    name, an organization, a fact or an interaction note): for suggestions while typing."""
    found = selectors.typeahead(user=user_of(request), query=q)
    return TypeaheadOut(
        people=[
            SuggestionOut(
                id=p.pk,
                name=p.addressed_name,
                organization=p.organization.name if p.organization else "",
            )
            for p in found.people
        ],
        organizations=[SuggestionOut(id=o.pk, name=o.name) for o in found.organizations],
    )
