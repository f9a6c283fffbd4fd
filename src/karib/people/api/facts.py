"""Personal facts in the API (sensitive ones only for those who may see them)."""

import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from .. import selectors, services
from ..models import PersonalFact
from .common import (
    Id,
    Line,
    NonEmptyText,
    Pagination,
    Version,
    errors,
    expected_version,
    invalid,
    person_ref,
    refuse_nulls,
    require_json_object,
    router,
    set_etag,
    user_of,
)

BirthYear = Annotated[int, Field(ge=1850, le=2200)]


class FactOut(Schema):
    id: int
    person_id: int
    category: str
    text: str
    topic: str
    specifics: str
    relation: str
    member_name: str
    birth_year: int | None
    source_interaction_id: int | None
    told_by_user_id: int | None
    told_by_person_id: int | None
    source_note: str
    learned_on: datetime.date
    confidence: str
    is_sensitive: bool
    version: int


class FactIn(Schema):
    person_id: Id
    category: PersonalFact.Category
    text: NonEmptyText
    topic: Line = ""
    specifics: Line = ""
    relation: Line = ""
    member_name: Line = ""
    birth_year: BirthYear | None = None
    source_interaction_id: Id | None = None
    told_by_person_id: Id | None = None
    source_note: Line = ""
    learned_on: datetime.date | None = None
    confidence: PersonalFact.Confidence = PersonalFact.Confidence.SURE
    is_sensitive: bool = False


class FactPatch(Schema):
    category: PersonalFact.Category | None = None
    text: NonEmptyText | None = None
    topic: Line | None = None
    specifics: Line | None = None
    relation: Line | None = None
    member_name: Line | None = None
    birth_year: BirthYear | None = None
    source_interaction_id: Id | None = None
    told_by_person_id: Id | None = None
    source_note: Line | None = None
    learned_on: datetime.date | None = None
    confidence: PersonalFact.Confidence | None = None
    is_sensitive: bool | None = None
    version: Version | None = None


class FactQuery(Schema):
    person: Id | None = None
    category: PersonalFact.Category | None = None


NULLABLE = {"birth_year", "source_interaction_id", "told_by_person_id"}


def _fact_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "source_interaction_id" in data:
        pk = data.pop("source_interaction_id")
        interaction = None
        if pk is not None:
            try:
                interaction = selectors.interaction_get_for_user(user=user_of(request), pk=pk)
            except Http404:
                raise invalid(
                    "source_interaction_id", _("No interaction %(id)s that you can see."), id=pk
                ) from None
        data["source_interaction"] = interaction
    if "told_by_person_id" in data:
        pk = data.pop("told_by_person_id")
        data["told_by_person"] = (
            person_ref(request, pk, "told_by_person_id") if pk is not None else None
        )
    if data.get("learned_on") is None:
        data.pop("learned_on", None)
    return data


@router.get("/facts", response={200: list[FactOut], **errors()}, operation_id="fact_list")
@paginate(Pagination)
def fact_list(request: HttpRequest, filters: Query[FactQuery]) -> Any:
    facts = selectors.fact_list(user=user_of(request))
    if filters.person:
        facts = facts.filter(person_id=filters.person)
    if filters.category:
        facts = facts.filter(category=filters.category)
    return facts


@router.get("/facts/{pk}", response={200: FactOut, **errors(404)}, operation_id="fact_get")
def fact_get(request: HttpRequest, pk: Id, response: HttpResponse) -> PersonalFact:
    fact = selectors.fact_get_for_user(user=user_of(request), pk=pk)
    set_etag(response, fact)
    return fact


@router.post("/facts", response={201: FactOut, **errors(403)}, operation_id="fact_create")
def fact_create(request: HttpRequest, payload: FactIn) -> Status[Any]:
    data = payload.dict()
    person = person_ref(request, data.pop("person_id"), "person_id")
    data = _fact_fields(request, data)
    return Status(201, services.fact_create(person=person, by=user_of(request), **data))


@router.patch(
    "/facts/{pk}", response={200: FactOut, **errors(403, 404, 409)}, operation_id="fact_update"
)
def fact_update(request: HttpRequest, pk: Id, payload: FactPatch, response: HttpResponse) -> Any:
    """Change a fact (its person's owner, envoy, managers, admins). Send the version you read
    (`version` or `If-Match`); `null` clears the birth year and the sources."""
    fact = selectors.fact_get_for_user(user=user_of(request), pk=pk)
    require_json_object(request)
    data = payload.dict(exclude_unset=True)
    version = expected_version(request, data)
    refuse_nulls(data, nullable=NULLABLE)
    data = _fact_fields(request, data)
    fact = services.fact_update(fact=fact, by=user_of(request), version=version, **data)
    set_etag(response, fact)
    return fact


@router.delete("/facts/{pk}", response={204: None, **errors(403, 404)}, operation_id="fact_delete")
def fact_delete(request: HttpRequest, pk: Id) -> Status[Any]:
    fact = selectors.fact_get_for_user(user=user_of(request), pk=pk)
    services.fact_delete(fact=fact, by=user_of(request))
    return Status(204, None)
