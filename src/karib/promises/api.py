"""The promise ledger over JSON: the same selectors (scoping) and services as the pages.

Missing and forbidden promises are both 404. A refused move is 409 with the reason; a bad
field is 422 with the field named.
"""

import datetime
from typing import Any, cast

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from . import selectors, services
from .exceptions import PromiseError, PromiseTransitionError
from .models import Promise, PromiseStatus
from .views import ledger_csv_response

router = Router(tags=["promises"])


class PromiseOut(Schema):
    id: int
    text: str
    status: str
    organization_id: int
    organization: str = Field(..., alias="organization.name")
    people: list[int]
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
        return [person.pk for person in obj.people.all()]


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


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class PromiseFilterIn(Schema):
    organization: int | None = None
    owner: int | None = None
    project: int | None = None
    person: int | None = None
    status: PromiseStatus | None = None
    overdue: bool = False
    silent_break: bool = False


def _filters(query: PromiseFilterIn) -> selectors.PromiseFilters:
    return selectors.PromiseFilters(
        organization=query.organization,
        owner=query.owner,
        project=query.project,
        person=query.person,
        status=query.status.value if query.status else None,
        overdue=query.overdue,
        silent_break=query.silent_break,
    )


#: The services name model fields; the API names its own inputs.
API_FIELDS = {
    "interaction": "interaction_id",
    "people": "people_ids",
    "project": "project_id",
    "agreed_by": "agreed_by_id",
}


def _error(error: PromiseError) -> Status[ErrorOut]:
    code = 409 if isinstance(error, PromiseTransitionError) else 422
    field = API_FIELDS.get(error.field or "", error.field)
    return Status(code, ErrorOut(detail=str(error), field=field))


def _user(request: HttpRequest) -> User:
    """The authenticated user (the router's auth guarantees one)."""
    return cast(User, request.user)


def _fresh(request: HttpRequest, promise: Promise) -> Promise:
    return selectors.promise_get_for_user(user=request.user, pk=promise.pk)


ERRORS = {404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/", response=list[PromiseOut], operation_id="promises_list")
@paginate(PageNumberPagination, page_size=25)
def list_promises(request: HttpRequest, filters: Query[PromiseFilterIn]) -> Any:
    """Promises you can see, due date first, with the overdue and silent-break flags."""
    return selectors.promise_list(user=request.user, filters=_filters(filters))


@router.get("/export.csv", operation_id="promises_export_csv")
def export_promises(request: HttpRequest, filters: Query[PromiseFilterIn]) -> HttpResponse:
    """The ledger as CSV (same filters and scoping as the list)."""
    return ledger_csv_response(selectors.promise_list(user=request.user, filters=_filters(filters)))


@router.get("/{promise_id}", response=PromiseDetailOut, operation_id="promises_get")
def get_promise(request: HttpRequest, promise_id: int) -> Promise:
    """One promise with its dated history."""
    return selectors.promise_get_for_user(user=request.user, pk=promise_id)


class PromiseCreateIn(Schema):
    text: str
    organization_id: int | None = None
    interaction_id: int | None = None
    people_ids: list[int] | None = None
    project_id: int | None = None
    made_on: datetime.date | None = None
    due_date: datetime.date | None = None


@router.post("/", response={201: PromiseDetailOut, **ERRORS}, operation_id="promises_create")
def create_promise(request: HttpRequest, payload: PromiseCreateIn) -> Any:
    """Record a promise; with `interaction_id` alone it is captured from that interaction."""
    user = request.user
    people = None
    if payload.people_ids is not None:
        people = list(selectors.person_options(user=user).filter(pk__in=payload.people_ids))
        if len(people) != len(set(payload.people_ids)):
            return Status(422, ErrorOut(detail="Unknown person.", field="people_ids"))
    project = None
    if payload.project_id is not None:
        project = selectors.project_list(user=user).filter(pk=payload.project_id).first()
        if project is None:
            return Status(422, ErrorOut(detail="Unknown project.", field="project_id"))
    interaction = None
    if payload.interaction_id is not None:
        # Missing, hidden, or in an organization the caller cannot see: the same answer.
        interaction = (
            selectors.interaction_options(user=user).filter(pk=payload.interaction_id).first()
        )
        if interaction is None:
            return Status(422, ErrorOut(detail="Unknown interaction.", field="interaction_id"))
    try:
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
                return Status(
                    422,
                    ErrorOut(
                        detail="Give organization_id or interaction_id.", field="organization_id"
                    ),
                )
            organization = (
                selectors.organization_options(user=user).filter(pk=payload.organization_id).first()
            )
            if organization is None:
                return Status(
                    422, ErrorOut(detail="Unknown organization.", field="organization_id")
                )
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
    except PromiseError as error:
        return _error(error)
    return Status(201, _fresh(request, promise))


class KeptIn(Schema):
    kept_on: datetime.date | None = None
    reason: str = ""


class AtRiskIn(Schema):
    reason: str
    communication_message: str
    communication_due: datetime.date
    communication_owner: str = Field(..., description="username of who tells the customer")


class RenegotiateIn(Schema):
    new_text: str
    new_due_date: datetime.date
    reason: str


class BrokenIn(Schema):
    reason: str


class WithdrawIn(Schema):
    customer_agreement: str
    agreed_by_id: int | None = None
    agreed_on: datetime.date | None = None
    reason: str = ""


@router.post(
    "/{promise_id}/kept",
    response={200: PromiseDetailOut, **ERRORS},
    operation_id="promises_mark_kept",
)
def mark_kept(request: HttpRequest, promise_id: int, payload: KeptIn) -> Any:
    promise = selectors.promise_get_for_user(user=request.user, pk=promise_id)
    try:
        services.promise_mark_kept(
            promise=promise,
            by=_user(request),
            kept_on=payload.kept_on,
            reason=payload.reason,
        )
    except PromiseError as error:
        return _error(error)
    return _fresh(request, promise)


@router.post(
    "/{promise_id}/at-risk",
    response={200: PromiseDetailOut, **ERRORS},
    operation_id="promises_mark_at_risk",
)
def mark_at_risk(request: HttpRequest, promise_id: int, payload: AtRiskIn) -> Any:
    promise = selectors.promise_get_for_user(user=request.user, pk=promise_id)
    # Unknown and not allowed (cannot see the organization) get the same answer: the API does
    # not reveal which usernames exist.
    owner = (
        selectors.communication_owner_options(promise=promise)
        .filter(username=payload.communication_owner)
        .first()
    )
    if owner is None:
        return Status(422, ErrorOut(detail="Unknown user.", field="communication_owner"))
    try:
        services.promise_mark_at_risk(
            promise=promise,
            by=_user(request),
            reason=payload.reason,
            communication_message=payload.communication_message,
            communication_due=payload.communication_due,
            communication_owner=owner,
        )
    except PromiseError as error:
        return _error(error)
    return _fresh(request, promise)


@router.post(
    "/{promise_id}/renegotiate",
    response={200: PromiseDetailOut, **ERRORS},
    operation_id="promises_renegotiate",
)
def renegotiate(request: HttpRequest, promise_id: int, payload: RenegotiateIn) -> Any:
    promise = selectors.promise_get_for_user(user=request.user, pk=promise_id)
    try:
        services.promise_renegotiate(
            promise=promise,
            by=_user(request),
            new_text=payload.new_text,
            new_due_date=payload.new_due_date,
            reason=payload.reason,
        )
    except PromiseError as error:
        return _error(error)
    return _fresh(request, promise)


@router.post(
    "/{promise_id}/broken",
    response={200: PromiseDetailOut, **ERRORS},
    operation_id="promises_mark_broken",
)
def mark_broken(request: HttpRequest, promise_id: int, payload: BrokenIn) -> Any:
    promise = selectors.promise_get_for_user(user=request.user, pk=promise_id)
    try:
        services.promise_mark_broken(promise=promise, by=_user(request), reason=payload.reason)
    except PromiseError as error:
        return _error(error)
    return _fresh(request, promise)


@router.post(
    "/{promise_id}/withdraw",
    response={200: PromiseDetailOut, **ERRORS},
    operation_id="promises_withdraw",
)
def withdraw(request: HttpRequest, promise_id: int, payload: WithdrawIn) -> Any:
    promise = selectors.promise_get_for_user(user=request.user, pk=promise_id)
    agreed_by = None
    if payload.agreed_by_id is not None:
        agreed_by = (
            selectors.agreed_by_options(user=request.user, promise=promise)
            .filter(pk=payload.agreed_by_id)
            .first()
        )
        if agreed_by is None:
            return Status(422, ErrorOut(detail="Unknown person.", field="agreed_by_id"))
    try:
        services.promise_withdraw(
            promise=promise,
            by=_user(request),
            customer_agreement=payload.customer_agreement,
            agreed_by=agreed_by,
            agreed_on=payload.agreed_on,
            reason=payload.reason,
        )
    except PromiseError as error:
        return _error(error)
    return _fresh(request, promise)
