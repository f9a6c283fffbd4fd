"""The promise ledger over JSON: the same selectors (scoping), rules and services as the pages.

Missing and forbidden promises are both 404; an action the caller may not take is 403. Every
error answers one shape, `{"errors": [{"code", "field", "message"}]}` (`ErrorsOut`): a refused
move is 409 `transition_not_allowed`, a stale version 409 `conflict`, a bad field 422 naming it.
Writes take the version the client read, as `If-Match: "<version>"` or a `version` field.
"""

import datetime
from typing import Any, cast

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.params.functions import Header

from karib.core.api_support import (
    ERRORS,
    MAX_ID,
    BoundedPageNumberPagination,
    StatusChange,
    api_field_names,
    apply_status_change,
    expected_version,
    require_json_object,
    valid_id,
)
from karib.core.errors import DomainError, ErrorCode

from . import selectors, services
from .filters import owner_options
from .models import Promise, PromiseStatus
from .views import ledger_csv_response

router = Router(tags=["promises"])

#: The version the client read, as an HTTP precondition (`If-Match: "3"`).
IF_MATCH: Any = Header(None, alias="If-Match", description='the version you read, e.g. "3"')


class PromiseOut(Schema):
    id: int
    version: int
    text: str
    status: str
    organization_id: int
    organization: str = Field(..., alias="organization.name")
    people: list[int] = Field(..., description="the people you see it was made to")
    people_not_shown: int = Field(..., description="how many others it was made to")
    made_by: str = Field(..., alias="made_by.username")
    made_on: datetime.date
    interaction_id: int | None
    project_id: int | None
    due_date: datetime.date | None
    original_text: str
    original_due_date: datetime.date | None
    is_overdue: bool
    is_silent_break: bool
    communication_message: str
    communication_due: datetime.date | None
    kept_on: datetime.date | None
    customer_agreement: str

    @staticmethod
    def resolve_people(obj: Promise) -> list[int]:
        # only those the caller sees: a person moved to another organization is neither
        # named nor numbered (secprobe12, F2, F3)
        return [person.pk for person in selectors.people_in_sight(obj).shown]

    @staticmethod
    def resolve_people_not_shown(obj: Promise) -> int:
        return selectors.people_in_sight(obj).not_shown


class HistoryOut(Schema):
    from_status: str
    to_status: str
    reason: str
    changed_at: datetime.datetime
    changed_by: str | None
    old_due_date: datetime.date | None
    new_due_date: datetime.date | None
    old_text: str
    new_text: str
    details: dict[str, Any]

    @staticmethod
    def resolve_changed_by(obj: Any) -> str | None:
        return obj.changed_by.username if obj.changed_by else None


class PromiseDetailOut(PromiseOut):
    history: list[HistoryOut]

    @staticmethod
    def resolve_history(obj: Promise) -> list[Any]:
        return list(selectors.promise_history(promise=obj))


class PromiseFilterIn(Schema):
    organization: int | None = None
    owner: int | None = None
    project: int | None = None
    person: int | None = None
    status: PromiseStatus | None = None
    overdue: bool = False
    silent_break: bool = False


def _filters(query: PromiseFilterIn) -> dict[str, Any]:
    """The documented query parameters as `PromiseFilter` data (it validates them)."""
    return query.model_dump(exclude_none=True, mode="json")


#: The services name model fields; the API names its own inputs.
API_FIELDS = {
    "interaction": "interaction_id",
    "people": "people_ids",
    "project": "project_id",
    "agreed_by": "agreed_by_id",
    "organization": "organization_id",
}


def _user(request: HttpRequest) -> User:
    """The authenticated user (the router's auth guarantees one)."""
    return cast(User, request.user)


def _fresh(request: HttpRequest, promise: Promise) -> Promise:
    return selectors.promise_get_for_user(user=request.user, pk=promise.pk)


def _unknown(field: str, message: Any) -> DomainError:
    """Missing and hidden look the same: the API does not reveal what exists."""
    return DomainError(ErrorCode.INVALID, message, field=field)


@router.get("/", response={200: list[PromiseOut], **ERRORS}, operation_id="promises_list")
@paginate(BoundedPageNumberPagination)
def list_promises(request: HttpRequest, filters: Query[PromiseFilterIn]) -> Any:
    """Promises you can see, due date first, with the overdue and silent-break flags."""
    return selectors.promise_list(user=request.user, filters=_filters(filters))


@router.get(
    "/export.csv",
    response={200: None, **ERRORS},
    operation_id="promises_export_csv",
)
def export_promises(request: HttpRequest, filters: Query[PromiseFilterIn]) -> HttpResponse:
    """The ledger as CSV (same filters and scoping as the list)."""
    return ledger_csv_response(selectors.promise_list(user=request.user, filters=_filters(filters)))


class ReliabilityPeriodOut(Schema):
    label: str
    start: datetime.date
    end: datetime.date
    kept_on_time: int
    due: int
    percent: int | None = Field(..., description="kept on time ÷ due, in %; null: nothing due")
    earlier_silent_breaks: int


class ReliabilityOut(Schema):
    """Kept on time ÷ due over the page's window (the 365 days before today), every silent
    break counted whenever it was due, and the same figure per quarter."""

    window_start: datetime.date
    window_end: datetime.date
    organization_id: int | None
    user_id: int | None
    overall: ReliabilityPeriodOut
    quarters: list[ReliabilityPeriodOut]
    trend: int | None = Field(..., description="points between the last two quarters")


@router.get(
    "/reliability",
    response={200: ReliabilityOut, **ERRORS},
    operation_id="promises_reliability",
)
def promise_reliability(
    request: HttpRequest, organization: int | None = None, user: int | None = None
) -> dict[str, Any]:
    """The reliability figure of the reliability page, for the promises you can see: of one
    organization and/or of the promises one user made (both optional)."""
    found_organization = found_owner = None
    if organization is not None:
        found_organization = (
            selectors.organization_options(user=request.user)
            .filter(pk=valid_id(organization, "organization"))
            .first()
        )
        if found_organization is None:
            raise _unknown("organization", _("Unknown organization."))
    if user is not None:
        found_owner = owner_options(user=request.user).filter(pk=valid_id(user, "user")).first()
        if found_owner is None:
            raise _unknown("user", _("Nobody of that id made a promise you can see."))
    today = timezone.localdate()
    start, end = selectors.reliability_window(today)
    figure = selectors.reliability(
        user=request.user, organization=found_organization, owner=found_owner, today=today
    )
    return {
        "window_start": start,
        "window_end": end,
        "organization_id": organization,
        "user_id": user,
        "overall": figure.overall,
        "quarters": figure.quarters,
        "trend": figure.trend,
    }


@router.get(
    "/{promise_id}", response={200: PromiseDetailOut, **ERRORS}, operation_id="promises_get"
)
def get_promise(request: HttpRequest, promise_id: int) -> Promise:
    """One promise with its dated history."""
    return selectors.promise_get_for_user(user=request.user, pk=_promise_id(promise_id))


def _promise_id(promise_id: int) -> int:
    """An id beyond any database integer names no promise: 404, like any unknown id."""
    if not 1 <= promise_id <= MAX_ID:
        raise DomainError(ErrorCode.NOT_FOUND)
    return promise_id


def _promise_for(request: HttpRequest, promise_id: int) -> Promise:
    return selectors.promise_get_for_user(user=request.user, pk=_promise_id(promise_id))


class PromiseCreateIn(Schema):
    text: str
    organization_id: int | None = None
    interaction_id: int | None = None
    people_ids: list[int] | None = None
    project_id: int | None = None
    made_on: datetime.date | None = None
    due_date: datetime.date | None = None


def _people(request: HttpRequest, ids: list[int]) -> list[Any]:
    if any(not 1 <= pk <= MAX_ID for pk in ids):
        raise _unknown("people_ids", _("Unknown person."))
    people = list(selectors.person_options(user=request.user).filter(pk__in=ids))
    if len(people) != len(set(ids)):
        raise _unknown("people_ids", _("Unknown person."))
    return people


def _project(request: HttpRequest, project_id: int) -> Any:
    project = (
        selectors.project_list(user=request.user).filter(pk=valid_id(project_id, "project_id"))
    ).first()
    if project is None:
        raise _unknown("project_id", _("Unknown project."))
    return project


@router.post("/", response={201: PromiseDetailOut, **ERRORS}, operation_id="promises_create")
def create_promise(request: HttpRequest, payload: PromiseCreateIn) -> Any:
    """Record a promise; with `interaction_id` alone it is captured from that interaction.
    Sales and Managers only (403 for other roles)."""
    user = request.user
    people = _people(request, payload.people_ids) if payload.people_ids is not None else None
    project = _project(request, payload.project_id) if payload.project_id is not None else None
    interaction = None
    if payload.interaction_id is not None:
        # Missing, hidden, or in an organization the caller cannot see: the same answer.
        interaction = (
            selectors.interaction_options(user=user)
            .filter(pk=valid_id(payload.interaction_id, "interaction_id"))
            .first()
        )
        if interaction is None:
            raise _unknown("interaction_id", _("Unknown interaction."))
    with api_field_names(API_FIELDS):
        if interaction is not None and payload.organization_id is None:
            promise = services.promise_create_from_interaction(
                interaction=interaction,
                text=payload.text,
                by=_user(request),
                due_date=payload.due_date,
                people=people,
                project=project,
            )
        else:
            if payload.organization_id is None:
                raise DomainError(
                    ErrorCode.REQUIRED,
                    _("Give organization_id or interaction_id."),
                    field="organization_id",
                )
            organization = (
                selectors.organization_options(user=user)
                .filter(pk=valid_id(payload.organization_id, "organization_id"))
                .first()
            )
            if organization is None:
                raise _unknown("organization_id", _("Unknown organization."))
            promise = services.promise_create(
                organization=organization,
                text=payload.text,
                by=_user(request),
                people=people or (),
                made_on=payload.made_on,
                interaction=interaction,
                project=project,
                due_date=payload.due_date,
            )
    return Status(201, _fresh(request, promise))


class PromisePatchIn(Schema):
    """Only the fields sent are changed; `project_id: null` clears the project."""

    project_id: int | None = None
    people_ids: list[int] | None = None
    due_date: datetime.date | None = None
    version: int | None = Field(None, description="the version you read (or send If-Match)")


@router.patch(
    "/{promise_id}", response={200: PromiseDetailOut, **ERRORS}, operation_id="promises_update"
)
def update_promise(
    request: HttpRequest,
    promise_id: int,
    payload: PromisePatchIn,
    if_match: str | None = IF_MATCH,
) -> Any:
    """Change a pending promise's project, people, or a due date it did not have yet (the
    agreed terms change only through renegotiation). 409 `conflict` when the version you read
    is not the current one."""
    require_json_object(request)
    promise = _promise_for(request, promise_id)
    sent = payload.model_fields_set
    changes: dict[str, Any] = {}
    if "project_id" in sent:
        project_id = payload.project_id
        changes["project"] = None if project_id is None else _project(request, project_id)
    if "people_ids" in sent:
        ids = payload.people_ids
        changes["people"] = None if ids is None else _people(request, ids)
    if "due_date" in sent:
        changes["due_date"] = payload.due_date
    version = expected_version(if_match, getattr(payload, "version", None))
    with api_field_names(API_FIELDS):
        services.promise_update(
            promise=promise, by=_user(request), expected_version=version, **changes
        )
    return _fresh(request, promise)


# --- status changes: one table, one endpoint each ---------------------------------------------


class VersionIn(Schema):
    version: int | None = Field(None, description="the version you read (or send If-Match)")


class KeptIn(VersionIn):
    kept_on: datetime.date | None = None
    reason: str = ""


class AtRiskIn(VersionIn):
    reason: str
    communication_message: str
    communication_due: datetime.date
    communication_owner: str = Field(..., description="username of who tells the customer")


class RenegotiateIn(VersionIn):
    new_text: str
    new_due_date: datetime.date
    reason: str


class BrokenIn(VersionIn):
    reason: str


class WithdrawIn(VersionIn):
    customer_agreement: str
    agreed_by_id: int | None = None
    agreed_on: datetime.date | None = None
    reason: str = ""


def _kept(request: HttpRequest, promise: Promise, payload: Any) -> dict[str, Any]:
    return {"kept_on": payload.kept_on, "reason": payload.reason}


def _at_risk(request: HttpRequest, promise: Promise, payload: Any) -> dict[str, Any]:
    # Unknown and not allowed (cannot see the organization) get the same answer: the API does
    # not reveal which usernames exist.
    owner = (
        selectors.communication_owner_options(promise=promise)
        .filter(username=payload.communication_owner)
        .first()
    )
    if owner is None:
        raise _unknown("communication_owner", _("Unknown user."))
    return {
        "reason": payload.reason,
        "communication_message": payload.communication_message,
        "communication_due": payload.communication_due,
        "communication_owner": owner,
    }


def _renegotiate(request: HttpRequest, promise: Promise, payload: Any) -> dict[str, Any]:
    return {
        "new_text": payload.new_text,
        "new_due_date": payload.new_due_date,
        "reason": payload.reason,
    }


def _broken(request: HttpRequest, promise: Promise, payload: Any) -> dict[str, Any]:
    return {"reason": payload.reason}


def _withdraw(request: HttpRequest, promise: Promise, payload: Any) -> dict[str, Any]:
    agreed_by = None
    if payload.agreed_by_id is not None:
        agreed_by = (
            selectors.agreed_by_options(user=request.user, promise=promise)
            .filter(pk=valid_id(payload.agreed_by_id, "agreed_by_id"))
            .first()
        )
        if agreed_by is None:
            raise _unknown("agreed_by_id", _("Unknown person."))
    return {
        "customer_agreement": payload.customer_agreement,
        "agreed_by": agreed_by,
        "agreed_on": payload.agreed_on,
        "reason": payload.reason,
    }


STATUS_CHANGES = (
    StatusChange(
        "kept", "promises_mark_kept", KeptIn, services.promise_mark_kept, _kept, "Mark kept"
    ),
    StatusChange(
        "at-risk",
        "promises_mark_at_risk",
        AtRiskIn,
        services.promise_mark_at_risk,
        _at_risk,
        "Mark at risk, with the plan to tell the customer",
    ),
    StatusChange(
        "renegotiate",
        "promises_renegotiate",
        RenegotiateIn,
        services.promise_renegotiate,
        _renegotiate,
        "Renegotiate: new terms and due date",
    ),
    StatusChange(
        "broken",
        "promises_mark_broken",
        BrokenIn,
        services.promise_mark_broken,
        _broken,
        "Mark broken",
    ),
    StatusChange(
        "withdraw",
        "promises_withdraw",
        WithdrawIn,
        services.promise_withdraw,
        _withdraw,
        "Withdraw, with the customer's agreement",
    ),
)


def _status_change_endpoint(change: StatusChange) -> None:
    body = change.body

    def endpoint(
        request: HttpRequest,
        promise_id: int,
        payload: body,  # type: ignore[valid-type]
        if_match: str | None = IF_MATCH,
    ) -> Any:
        promise = _promise_for(request, promise_id)
        apply_status_change(
            change,
            request,
            target="promise",
            obj=promise,
            payload=payload,
            if_match=if_match,
            names=API_FIELDS,
        )
        return _fresh(request, promise)

    endpoint.__name__ = change.name
    router.post(
        f"/{{promise_id}}/{change.path}",
        response={200: PromiseDetailOut, **ERRORS},
        operation_id=change.name,
        summary=change.summary,
    )(endpoint)


for _change in STATUS_CHANGES:
    _status_change_endpoint(_change)
