"""JSON API of the people app: organizations, people, facts, interactions.

The same selectors as the pages scope every read (404 for missing and forbidden alike); the
same services do every write. Bad input gets a 422 that names the field.
"""

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination, paginate

from karib.core.selectors import colleagues_of

from . import selectors, services
from .models import Interaction, Organization, Person, PersonalFact

router = Router(tags=["people"])
MAX_QUERY_LENGTH = 200


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _invalid(field: str, message: str) -> NinjaValidationError:
    return NinjaValidationError([{"loc": ["body", field], "msg": message, "type": "value_error"}])


def _from_validation_error(error: ValidationError) -> NinjaValidationError:
    if hasattr(error, "error_dict"):
        items = [
            {
                "loc": ["body", field],
                "msg": " ".join(ValidationError(e).messages),
                "type": "value_error",
            }
            for field, e in error.error_dict.items()
        ]
    else:
        items = [{"loc": ["body"], "msg": " ".join(error.messages), "type": "value_error"}]
    return NinjaValidationError(items)


def _call(function: Any, **kwargs: Any) -> Any:
    try:
        return function(**kwargs)
    except ValidationError as error:
        raise _from_validation_error(error) from None


def _organization_ref(request: HttpRequest, pk: int | None, field: str) -> Organization | None:
    if pk is None:
        return None
    try:
        return selectors.organization_get_for_user(user=_user(request), pk=pk)
    except Http404:
        raise _invalid(field, f"No organization {pk} that you can see.") from None


def _person_ref(request: HttpRequest, pk: int, field: str) -> Person:
    try:
        return selectors.person_get_for_user(user=_user(request), pk=pk)
    except Http404:
        raise _invalid(field, f"No person {pk} that you can see.") from None


def _colleague_ref(request: HttpRequest, pk: int | None, field: str) -> User | None:
    """A user the caller may assign (envoy, told by): Sales and Manager users of their
    team(s), as in the web forms; anyone of those for admins."""
    if pk is None:
        return None
    user = colleagues_of(_user(request)).filter(pk=pk).first()
    if user is None:
        raise _invalid(field, f"No colleague {pk} that you may assign.")
    return user


# --- organizations ----------------------------------------------------------------------------


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


class OrganizationIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    kind: str = Organization.Kind.PRIVATE.value
    sector: str = ""
    parent_id: int | None = None
    city: str = ""
    province: str = ""
    address: str = ""
    notes: str = ""


class OrganizationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    kind: str | None = None
    sector: str | None = None
    parent_id: int | None = None
    city: str | None = None
    province: str | None = None
    address: str | None = None
    notes: str | None = None


class OrganizationQuery(Schema):
    kind: str = ""
    owner: int | None = None
    q: str = Field("", max_length=MAX_QUERY_LENGTH)


def _organization_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "parent_id" in data:
        data["parent"] = _organization_ref(request, data.pop("parent_id"), "parent_id")
    return data


@router.get("/organizations", response=list[OrganizationOut], operation_id="organization_list")
@paginate(PageNumberPagination, page_size=25)
def organization_list(request: HttpRequest, filters: Query[OrganizationQuery]) -> Any:
    """Organizations you may see, filtered by kind, owner and name."""
    return selectors.organization_list(
        user=_user(request),
        filters=selectors.OrganizationFilters(
            kind=filters.kind, owner=filters.owner, query=filters.q
        ),
    )


@router.get("/organizations/{pk}", response=OrganizationOut, operation_id="organization_get")
def organization_get(request: HttpRequest, pk: int) -> Organization:
    return selectors.organization_get_for_user(user=_user(request), pk=pk)


@router.post("/organizations", response={201: OrganizationOut}, operation_id="organization_create")
def organization_create(request: HttpRequest, payload: OrganizationIn) -> Status[Any]:
    data = _organization_fields(request, payload.dict())
    return Status(201, _call(services.organization_create, by=_user(request), **data))


@router.patch("/organizations/{pk}", response=OrganizationOut, operation_id="organization_update")
def organization_update(request: HttpRequest, pk: int, payload: OrganizationPatch) -> Any:
    organization = selectors.organization_get_for_user(user=_user(request), pk=pk)
    data = _organization_fields(request, payload.dict(exclude_unset=True))
    return _call(services.organization_update, organization=organization, by=_user(request), **data)


@router.delete("/organizations/{pk}", response={204: None}, operation_id="organization_delete")
def organization_delete(request: HttpRequest, pk: int) -> Status[Any]:
    organization = selectors.organization_get_for_user(user=_user(request), pk=pk)
    _call(services.organization_delete, organization=organization, by=_user(request))
    return Status(204, None)


# --- people -----------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    full_name: str
    honorific: str
    custom_address: str
    form_of_address: str
    job_title: str
    organization_id: int
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


class PersonIn(Schema):
    full_name: str = Field(..., min_length=1, max_length=200)
    organization_id: int
    honorific: str = ""
    custom_address: str = ""
    job_title: str = ""
    phones: list[str] = []
    emails: list[str] = []
    is_public_official: bool | None = None
    influence: int = Field(3, ge=1, le=5)
    attitude: str = Person.Attitude.NEUTRAL.value
    stage: str = Person.Stage.STRANGER.value
    envoy_id: int | None = None
    refuses_to_meet_owner: bool = False
    refusal_reason: str = ""
    reason: str = ""


class PersonPatch(Schema):
    full_name: str | None = Field(None, min_length=1, max_length=200)
    organization_id: int | None = None
    honorific: str | None = None
    custom_address: str | None = None
    job_title: str | None = None
    phones: list[str] | None = None
    emails: list[str] | None = None
    is_public_official: bool | None = None
    influence: int | None = Field(None, ge=1, le=5)
    attitude: str | None = None
    stage: str | None = None
    envoy_id: int | None = None
    refuses_to_meet_owner: bool | None = None
    refusal_reason: str | None = None
    reason: str = ""


class PersonQuery(Schema):
    organization: int | None = None
    owner: int | None = None
    stage: str = ""
    attitude: str = ""
    influence: int | None = None
    is_public_official: bool | None = None
    q: str = Field("", max_length=MAX_QUERY_LENGTH)


def _person_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "organization_id" in data:
        organization = _organization_ref(request, data.pop("organization_id"), "organization_id")
        if organization is None:
            raise _invalid("organization_id", "Required.")
        data["organization"] = organization
    if "envoy_id" in data:
        data["envoy"] = _colleague_ref(request, data.pop("envoy_id"), "envoy_id")
    return data


@router.get("/persons", response=list[PersonOut], operation_id="person_list")
@paginate(PageNumberPagination, page_size=25)
def person_list(request: HttpRequest, filters: Query[PersonQuery]) -> Any:
    """People you may see; `q` searches names, organizations, facts and interaction notes."""
    # An unknown filter value is an error that names it, not a silently empty page.
    for name, choices in (("stage", Person.Stage), ("attitude", Person.Attitude)):
        value = getattr(filters, name)
        if value and value not in choices.values:
            raise NinjaValidationError(
                [
                    {
                        "loc": ["query", name],
                        "msg": f"Use one of {', '.join(choices.values)}.",
                        "type": "value_error",
                    }
                ]
            )
    if filters.influence is not None and not 1 <= filters.influence <= 5:
        raise NinjaValidationError(
            [{"loc": ["query", "influence"], "msg": "Use 1 to 5.", "type": "value_error"}]
        )
    return selectors.person_list(
        user=_user(request),
        filters=selectors.PersonFilters(**filters.dict(exclude={"q"}), query=filters.q),
    )


@router.get("/persons/{pk}", response=PersonOut, operation_id="person_get")
def person_get(request: HttpRequest, pk: int) -> Person:
    return selectors.person_get_for_user(user=_user(request), pk=pk)


@router.post("/persons", response={201: PersonOut}, operation_id="person_create")
def person_create(request: HttpRequest, payload: PersonIn) -> Status[Any]:
    data = payload.dict()
    reason = data.pop("reason")
    if data.get("is_public_official") is None:
        data.pop("is_public_official")
    data = _person_fields(request, data)
    return Status(201, _call(services.person_create, by=_user(request), reason=reason, **data))


@router.patch("/persons/{pk}", response=PersonOut, operation_id="person_update")
def person_update(request: HttpRequest, pk: int, payload: PersonPatch) -> Any:
    person = selectors.person_get_for_user(user=_user(request), pk=pk)
    data = payload.dict(exclude_unset=True)
    reason = data.pop("reason", "")
    data = _person_fields(request, data)
    return _call(services.person_update, person=person, by=_user(request), reason=reason, **data)


@router.delete("/persons/{pk}", response={204: None}, operation_id="person_delete")
def person_delete(request: HttpRequest, pk: int) -> Status[Any]:
    person = selectors.person_get_for_user(user=_user(request), pk=pk)
    services.person_delete(person=person, by=_user(request))
    return Status(204, None)


# --- facts ------------------------------------------------------------------------------------


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


class FactIn(Schema):
    person_id: int
    category: str
    text: str = Field(..., min_length=1)
    topic: str = ""
    specifics: str = ""
    relation: str = ""
    member_name: str = ""
    birth_year: int | None = None
    source_interaction_id: int | None = None
    told_by_person_id: int | None = None
    source_note: str = ""
    learned_on: datetime.date | None = None
    confidence: str = PersonalFact.Confidence.SURE.value
    is_sensitive: bool = False


class FactPatch(Schema):
    category: str | None = None
    text: str | None = Field(None, min_length=1)
    topic: str | None = None
    specifics: str | None = None
    relation: str | None = None
    member_name: str | None = None
    birth_year: int | None = None
    source_interaction_id: int | None = None
    told_by_person_id: int | None = None
    source_note: str | None = None
    learned_on: datetime.date | None = None
    confidence: str | None = None
    is_sensitive: bool | None = None


class FactQuery(Schema):
    person: int | None = None
    category: str = ""


def _fact_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    if "source_interaction_id" in data:
        pk = data.pop("source_interaction_id")
        interaction = None
        if pk is not None:
            try:
                interaction = selectors.interaction_get_for_user(user=_user(request), pk=pk)
            except Http404:
                raise _invalid("source_interaction_id", f"No interaction {pk}.") from None
        data["source_interaction"] = interaction
    if "told_by_person_id" in data:
        pk = data.pop("told_by_person_id")
        data["told_by_person"] = (
            _person_ref(request, pk, "told_by_person_id") if pk is not None else None
        )
    if data.get("learned_on") is None:
        data.pop("learned_on", None)
    return data


@router.get("/facts", response=list[FactOut], operation_id="fact_list")
@paginate(PageNumberPagination, page_size=25)
def fact_list(request: HttpRequest, filters: Query[FactQuery]) -> Any:
    facts = selectors.fact_list(user=_user(request))
    if filters.person:
        facts = facts.filter(person_id=filters.person)
    if filters.category:
        facts = facts.filter(category=filters.category)
    return facts


@router.get("/facts/{pk}", response=FactOut, operation_id="fact_get")
def fact_get(request: HttpRequest, pk: int) -> PersonalFact:
    return selectors.fact_get_for_user(user=_user(request), pk=pk)


@router.post("/facts", response={201: FactOut}, operation_id="fact_create")
def fact_create(request: HttpRequest, payload: FactIn) -> Status[Any]:
    data = payload.dict()
    person = _person_ref(request, data.pop("person_id"), "person_id")
    data = _fact_fields(request, data)
    return Status(201, _call(services.fact_create, person=person, by=_user(request), **data))


@router.patch("/facts/{pk}", response=FactOut, operation_id="fact_update")
def fact_update(request: HttpRequest, pk: int, payload: FactPatch) -> Any:
    fact = selectors.fact_get_for_edit(user=_user(request), pk=pk)
    data = _fact_fields(request, payload.dict(exclude_unset=True))
    return _call(services.fact_update, fact=fact, by=_user(request), **data)


@router.delete("/facts/{pk}", response={204: None}, operation_id="fact_delete")
def fact_delete(request: HttpRequest, pk: int) -> Status[Any]:
    fact = selectors.fact_get_for_edit(user=_user(request), pk=pk)
    services.fact_delete(fact=fact, by=_user(request))
    return Status(204, None)


# --- interactions -----------------------------------------------------------------------------


class InteractionOut(Schema):
    id: int
    kind: str
    occurred_at: datetime.datetime
    location: str
    organization_id: int | None
    participant_ids: list[int]
    user_ids: list[int]
    summary: str
    mood: str
    created_by_id: int

    @staticmethod
    def resolve_participant_ids(obj: Interaction) -> list[int]:
        return [person.pk for person in obj.participants.all()]

    @staticmethod
    def resolve_user_ids(obj: Interaction) -> list[int]:
        return sorted(user.pk for user in obj.users.all())


class InteractionIn(Schema):
    kind: str
    occurred_at: datetime.datetime
    location: str = ""
    organization_id: int | None = None
    participant_ids: list[int] = Field(..., min_length=1)
    user_ids: list[int] = []
    summary: str = Field(..., min_length=1)
    mood: str = Interaction.Mood.NEUTRAL.value


class InteractionPatch(Schema):
    kind: str | None = None
    occurred_at: datetime.datetime | None = None
    location: str | None = None
    participant_ids: list[int] | None = Field(None, min_length=1)
    summary: str | None = Field(None, min_length=1)
    mood: str | None = None


class InteractionQuery(Schema):
    person: int | None = None
    kind: str = ""


def _attendee_ref(request: HttpRequest, pk: int) -> User:
    """A user who attended with the caller: the caller or one of their colleagues."""
    me = _user(request)
    if pk == me.pk:
        return me
    user = colleagues_of(me).filter(pk=pk).first()
    if user is None:
        raise _invalid("user_ids", f"No colleague {pk} that you may name.")
    return user


def _participants(request: HttpRequest, ids: list[int]) -> list[Person]:
    return [_person_ref(request, pk, "participant_ids") for pk in ids]


@router.get("/interactions", response=list[InteractionOut], operation_id="interaction_list")
@paginate(PageNumberPagination, page_size=25)
def interaction_list(request: HttpRequest, filters: Query[InteractionQuery]) -> Any:
    interactions = selectors.interaction_list(user=_user(request))
    if filters.person:
        interactions = interactions.filter(participants=filters.person)
    if filters.kind:
        interactions = interactions.filter(kind=filters.kind)
    return interactions


@router.get("/interactions/{pk}", response=InteractionOut, operation_id="interaction_get")
def interaction_get(request: HttpRequest, pk: int) -> Interaction:
    return selectors.interaction_get_for_user(user=_user(request), pk=pk)


@router.post("/interactions", response={201: InteractionOut}, operation_id="interaction_create")
def interaction_create(request: HttpRequest, payload: InteractionIn) -> Status[Any]:
    data = payload.dict()
    participants = _participants(request, data.pop("participant_ids"))
    data["users"] = [_attendee_ref(request, pk) for pk in data.pop("user_ids")]
    data["organization"] = _organization_ref(
        request, data.pop("organization_id"), "organization_id"
    )
    interaction = _call(
        services.interaction_create, by=_user(request), participants=participants, **data
    )
    return Status(201, selectors.interaction_get_for_user(user=_user(request), pk=interaction.pk))


@router.patch("/interactions/{pk}", response=InteractionOut, operation_id="interaction_update")
def interaction_update(request: HttpRequest, pk: int, payload: InteractionPatch) -> Any:
    interaction = selectors.interaction_get_for_edit(user=_user(request), pk=pk)
    data = payload.dict(exclude_unset=True)
    participants = None
    if data.get("participant_ids") is not None:
        participants = _participants(request, data.pop("participant_ids"))
    data.pop("participant_ids", None)
    _call(
        services.interaction_update,
        interaction=interaction,
        by=_user(request),
        participants=participants,
        **data,
    )
    return selectors.interaction_get_for_user(user=_user(request), pk=pk)


@router.delete("/interactions/{pk}", response={204: None}, operation_id="interaction_delete")
def interaction_delete(request: HttpRequest, pk: int) -> Status[Any]:
    interaction = selectors.interaction_get_for_edit(user=_user(request), pk=pk)
    services.interaction_delete(interaction=interaction, by=_user(request))
    return Status(204, None)
