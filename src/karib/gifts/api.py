"""The gifts API: the register (scoped like the pages), proposals, decisions and the export.

Every error answers one shape, `{"errors": [{"code", "field", "message"}]}` (`ErrorsOut`): 403
for an action the caller may not take (only Compliance decides, only the giver gives), 404 for
a gift they may not see, 409 for a refused change of status, a stale version (`conflict`) or a
gift the policy holds back when it is given, 422 naming the field. Writes take the version the
client read, as `If-Match: "<version>"` or a `version` field.
"""

import datetime
from typing import Any

from django.db import models
from django.db.models import QuerySet
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
    valid_id,
)
from karib.core.errors import DomainError, ErrorCode
from karib.core.types import AnyUser
from karib.people.models import PersonalFact

from . import exports, selectors, services
from .models import Gift, GiftKind, GiftOccasion

router = Router(tags=["gifts"])

#: The version the client read, as an HTTP precondition (`If-Match: "3"`).
IF_MATCH: Any = Header(None, alias="If-Match", description='the version you read, e.g. "3"')


class GiftOut(Schema):
    id: int
    recipient_id: int
    recipient_name: str = Field(..., alias="recipient.full_name")
    recipient_organization_id: int
    recipient_organization_name: str = Field(..., alias="recipient_organization.name")
    recipient_position: str
    recipient_is_public_official: bool
    giver_id: int
    giver_username: str = Field(..., alias="giver.username")
    kind: str
    is_cash_equivalent: bool
    description: str
    honours_fact_id: int | None
    occasion: str
    occasion_note: str
    place: str
    estimated_value: int
    business_purpose: str
    proposed_on: datetime.date
    given_on: datetime.date | None
    status: str
    requires_approval: bool
    requires_kpk_report: bool
    report_deadline: datetime.date | None
    kpk_reported_on: datetime.date | None
    kpk_report_reference: str
    kpk_report_note: str
    kpk_report_recorded_on: datetime.date | None
    kpk_report_recorded_late: bool
    is_kpk_report_overdue: bool
    version: int

    @staticmethod
    def resolve_is_kpk_report_overdue(obj: Gift) -> bool:
        return obj.kpk_report_is_overdue(timezone.localdate())


class DecisionOut(Schema):
    id: int
    rule_code: str
    outcome: str
    reason: str
    params: dict[str, object]
    legal_source: str
    decided_by_id: int | None
    decided_at: datetime.datetime


def _length(field: str) -> int:
    """The stored column's length: a longer value is a 422 naming the field, not a database
    error (PostgreSQL refuses it, SQLite stored it whole; secprobe9 F5)."""
    column = Gift._meta.get_field(field)
    if not isinstance(column, models.CharField) or column.max_length is None:
        raise TypeError(f"Gift.{field} is not a column of bounded text")
    return column.max_length


class GiftFilterIn(Schema):
    person: int | None = None
    organization: int | None = None
    giver: int | None = None
    year: int | None = None
    status: Gift.Status | None = None


class GiftProposeIn(Schema):
    recipient_id: int
    kind: GiftKind
    description: str
    estimated_value: int
    business_purpose: str
    occasion: GiftOccasion = GiftOccasion.BUSINESS
    occasion_note: str = Field("", max_length=_length("occasion_note"))
    place: str = Field("", max_length=_length("place"))
    honours_fact_id: int | None = None


class VersionIn(Schema):
    version: int | None = Field(None, description="the version you read (or send If-Match)")


class NoteIn(VersionIn):
    note: str = ""


class GivenIn(VersionIn):
    given_on: datetime.date | None = None
    place: str = Field("", max_length=_length("place"))


class KpkReportIn(VersionIn):
    reported_on: datetime.date
    reference: str = Field(
        ...,
        max_length=_length("kpk_report_reference"),
        description="the KPK's receipt or reference number",
    )
    note: str = ""


def _user(request: HttpRequest) -> AnyUser:
    return request.user


def _filters(filters: GiftFilterIn) -> dict[str, Any]:
    """The documented query parameters as `GiftFilter` data (it validates them)."""
    return filters.model_dump(exclude_none=True, mode="json")


def _gift_for(request: HttpRequest, gift_id: int) -> Gift:
    if not 1 <= gift_id <= MAX_ID:
        raise DomainError(ErrorCode.NOT_FOUND)
    return selectors.gift_get_for_user(user=_user(request), pk=gift_id)


@router.get("/", response={200: list[GiftOut], **ERRORS}, url_name="gifts-list")
@paginate(BoundedPageNumberPagination)
def list_gifts(request: HttpRequest, filters: Query[GiftFilterIn]) -> QuerySet[Gift]:
    """Gifts the user may see: their own, to people they may see; all for Compliance."""
    return selectors.gift_list(user=_user(request), filters=_filters(filters))


@router.get("/export.csv", response={200: None, **ERRORS}, url_name="gifts-export")
def export_gifts(request: HttpRequest, filters: Query[GiftFilterIn]) -> HttpResponse:
    """The register as CSV with the KPK report form fields."""
    gifts = selectors.gift_list(user=_user(request), filters=_filters(filters))
    return exports.register_csv_response(gifts)


@router.get("/export.xlsx", response={200: None, **ERRORS}, url_name="gifts-export-xlsx")
def export_gifts_xlsx(request: HttpRequest, filters: Query[GiftFilterIn]) -> HttpResponse:
    """The register as an Excel workbook with the KPK report form fields."""
    gifts = selectors.gift_list(user=_user(request), filters=_filters(filters))
    return exports.register_xlsx_response(gifts)


@router.get("/{gift_id}", response={200: GiftOut, **ERRORS}, url_name="gifts-detail")
def get_gift(request: HttpRequest, gift_id: int) -> Gift:
    return _gift_for(request, gift_id)


@router.get(
    "/{gift_id}/decisions", response={200: list[DecisionOut], **ERRORS}, url_name="gifts-decisions"
)
def list_decisions(request: HttpRequest, gift_id: int) -> list[DecisionOut]:
    gift = _gift_for(request, gift_id)
    return [
        DecisionOut(
            id=decision.pk,
            rule_code=decision.rule_code,
            outcome=decision.outcome,
            reason=decision.reason,
            params=dict(decision.params),
            legal_source=decision.legal_source,
            decided_by_id=decision.decided_by_id,
            decided_at=decision.decided_at,
        )
        for decision in gift.decisions.all()
    ]


API_FIELDS = {"honours_fact": "honours_fact_id", "recipient": "recipient_id"}


@router.post("/", response={201: GiftOut, **ERRORS}, url_name="gifts-propose")
def propose_gift(request: HttpRequest, payload: GiftProposeIn) -> Status[Gift]:
    """Propose a gift (Sales and Managers): the policy decides at once (a refused gift comes
    back `rejected`)."""
    user = _user(request)
    if not 1 <= payload.recipient_id <= MAX_ID:
        raise DomainError(ErrorCode.INVALID, _("Unknown person."), field="recipient_id")
    recipient = selectors.person_get_for_gift(user=user, pk=payload.recipient_id)
    fact = None
    if payload.honours_fact_id is not None:
        fact = (
            PersonalFact.objects.visible_to(user)
            .filter(pk=valid_id(payload.honours_fact_id, "honours_fact_id"), person=recipient)
            .first()
        )
        if fact is None:
            raise DomainError(
                ErrorCode.INVALID,
                _("No such personal fact for this recipient."),
                field="honours_fact_id",
            )
    with api_field_names(API_FIELDS):
        gift = services.gift_propose(
            by=user,  # type: ignore[arg-type]
            recipient=recipient,
            kind=payload.kind.value,
            description=payload.description,
            estimated_value=payload.estimated_value,
            business_purpose=payload.business_purpose,
            occasion=payload.occasion.value,
            occasion_note=payload.occasion_note,
            place=payload.place,
            honours_fact=fact,
        )
    return Status(201, selectors.gift_get_for_user(user=user, pk=gift.pk))


# --- status changes: one table, one endpoint each ---------------------------------------------


def _note(request: HttpRequest, gift: Gift, payload: Any) -> dict[str, Any]:
    return {"note": payload.note}


def _given(request: HttpRequest, gift: Gift, payload: Any) -> dict[str, Any]:
    return {"given_on": payload.given_on, "place": payload.place}


def _kpk_report(request: HttpRequest, gift: Gift, payload: Any) -> dict[str, Any]:
    return {
        "reported_on": payload.reported_on,
        "reference": payload.reference,
        "note": payload.note,
    }


STATUS_CHANGES = (
    StatusChange(
        "approve",
        "gifts-approve",
        NoteIn,
        services.gift_approve,
        _note,
        "Approve (a Compliance officer, not for their own gift); the giver is told",
    ),
    StatusChange(
        "reject",
        "gifts-reject",
        NoteIn,
        services.gift_reject,
        _note,
        "Reject, saying why in the note (a Compliance officer); the giver is told",
    ),
    StatusChange(
        "given",
        "gifts-given",
        GivenIn,
        services.gift_mark_given,
        _given,
        "Mark given (the giver): checked against the policy again for that day; 409 when it "
        "now refuses the gift or needs a new approval. Sets the KPK reporting deadline",
    ),
    StatusChange(
        "declined",
        "gifts-declined",
        NoteIn,
        services.gift_mark_declined,
        _note,
        "The recipient declined it before receiving it",
    ),
    StatusChange(
        "returned",
        "gifts-returned",
        NoteIn,
        services.gift_mark_returned,
        _note,
        "The recipient gave it back",
    ),
    StatusChange(
        "kpk-report",
        "gifts-kpk-report",
        KpkReportIn,
        services.gift_record_kpk_report,
        _kpk_report,
        "Record the recipient's report to the KPK: date and evidence",
    ),
)


def _status_change_endpoint(change: StatusChange) -> None:
    body = change.body

    def endpoint(
        request: HttpRequest,
        gift_id: int,
        payload: body,  # type: ignore[valid-type]
        if_match: str | None = IF_MATCH,
    ) -> Gift:
        gift = _gift_for(request, gift_id)
        apply_status_change(
            change,
            request,
            target="gift",
            obj=gift,
            payload=payload,
            if_match=if_match,
            names=API_FIELDS,
        )
        return selectors.gift_get_for_user(user=_user(request), pk=gift.pk)

    endpoint.__name__ = change.name.replace("-", "_")
    router.post(
        f"/{{gift_id}}/{change.path}",
        response={200: GiftOut, **ERRORS},
        url_name=change.name,
        summary=change.summary,
    )(endpoint)


for _change in STATUS_CHANGES:
    _status_change_endpoint(_change)
