"""Interactions in the API."""

import datetime
from typing import Annotated, Any

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator

from karib.core import access

from .. import selectors, services
from ..models import Interaction, Person
from .common import (
    Id,
    Line,
    NonEmptyText,
    Pagination,
    Version,
    errors,
    expected_version,
    invalid,
    organization_ref,
    person_ref,
    refuse_nulls,
    require_json_object,
    router,
    set_etag,
    user_of,
)

MAX_PEOPLE = 200


def _aware(value: datetime.datetime) -> datetime.datetime:
    """A time with an offset within ±14 hours (what clocks use); a naive one is local time."""
    offset = value.utcoffset()
    if offset is not None and abs(offset) > datetime.timedelta(hours=14):
        raise ValueError("The time zone offset must be within ±14 hours.")
    return value


Moment = Annotated[datetime.datetime, AfterValidator(_aware)]
Ids = Annotated[list[Id], Field(min_length=1, max_length=MAX_PEOPLE)]


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
    version: int

    @staticmethod
    def resolve_participant_ids(obj: Interaction) -> list[int]:
        return [person.pk for person in obj.participants.all()]

    @staticmethod
    def resolve_user_ids(obj: Interaction) -> list[int]:
        return sorted(user.pk for user in obj.users.all())


class InteractionIn(Schema):
    kind: Interaction.Kind
    occurred_at: Moment
    location: Line = ""
    organization_id: Id | None = None
    participant_ids: Ids
    user_ids: Annotated[list[Id], Field(max_length=MAX_PEOPLE)] = []
    summary: NonEmptyText
    mood: Interaction.Mood = Interaction.Mood.NEUTRAL


class InteractionPatch(Schema):
    kind: Interaction.Kind | None = None
    occurred_at: Moment | None = None
    location: Line | None = None
    participant_ids: Ids | None = None
    summary: NonEmptyText | None = None
    mood: Interaction.Mood | None = None
    version: Version | None = None


class InteractionQuery(Schema):
    person: Id | None = None
    kind: Interaction.Kind | None = None


def _attendee_ref(request: HttpRequest, pk: int) -> User:
    """A user who attended with the caller: the caller or one of their colleagues."""
    me = user_of(request)
    if pk == me.pk:
        return me
    user = access.colleagues_of(me).filter(pk=pk).first()
    if user is None:
        raise invalid("user_ids", _("No colleague %(id)s that you may name."), id=pk)
    return user


def _participants(request: HttpRequest, ids: list[int]) -> list[Person]:
    return [person_ref(request, pk, "participant_ids") for pk in ids]


@router.get(
    "/interactions",
    response={200: list[InteractionOut], **errors()},
    operation_id="interaction_list",
)
@paginate(Pagination)
def interaction_list(request: HttpRequest, filters: Query[InteractionQuery]) -> Any:
    interactions = selectors.interaction_list(user=user_of(request))
    if filters.person:
        interactions = interactions.filter(participants=filters.person)
    if filters.kind:
        interactions = interactions.filter(kind=filters.kind)
    return interactions


@router.get(
    "/interactions/{pk}",
    response={200: InteractionOut, **errors(404)},
    operation_id="interaction_get",
)
def interaction_get(request: HttpRequest, pk: Id, response: HttpResponse) -> Interaction:
    interaction = selectors.interaction_get_for_user(user=user_of(request), pk=pk)
    set_etag(response, interaction)
    return interaction


@router.post(
    "/interactions",
    response={201: InteractionOut, **errors(403)},
    operation_id="interaction_create",
)
def interaction_create(request: HttpRequest, payload: InteractionIn) -> Status[Any]:
    data = payload.dict()
    participants = _participants(request, data.pop("participant_ids"))
    data["users"] = [_attendee_ref(request, pk) for pk in data.pop("user_ids")]
    data["organization"] = organization_ref(request, data.pop("organization_id"), "organization_id")
    interaction = services.interaction_create(
        by=user_of(request), participants=participants, **data
    )
    return Status(201, selectors.interaction_get_for_user(user=user_of(request), pk=interaction.pk))


@router.patch(
    "/interactions/{pk}",
    response={200: InteractionOut, **errors(403, 404, 409)},
    operation_id="interaction_update",
)
def interaction_update(
    request: HttpRequest, pk: Id, payload: InteractionPatch, response: HttpResponse
) -> Any:
    """Change an interaction (its creator, the owners of its organization or participants,
    their managers, admins). Send the version you read (`version` or `If-Match`)."""
    interaction = selectors.interaction_get_for_user(user=user_of(request), pk=pk)
    require_json_object(request)
    data = payload.dict(exclude_unset=True)
    version = expected_version(request, data)
    refuse_nulls(data, nullable=())
    participants = None
    if "participant_ids" in data:
        participants = _participants(request, data.pop("participant_ids"))
    services.interaction_update(
        interaction=interaction,
        by=user_of(request),
        participants=participants,
        version=version,
        **data,
    )
    updated = selectors.interaction_get_for_user(user=user_of(request), pk=pk)
    set_etag(response, updated)
    return updated


@router.delete(
    "/interactions/{pk}",
    response={204: None, **errors(403, 404)},
    operation_id="interaction_delete",
)
def interaction_delete(request: HttpRequest, pk: Id) -> Status[Any]:
    interaction = selectors.interaction_get_for_user(user=user_of(request), pk=pk)
    services.interaction_delete(interaction=interaction, by=user_of(request))
    return Status(204, None)
