"""The gifts API: the register (scoped like the pages), proposals, decisions and the export."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from karib.core.types import AnyUser
from karib.people.models import PersonalFact

from . import exports, selectors, services
from .models import Gift, GiftKind, GiftOccasion

router = Router(tags=["gifts"])


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


class DecisionOut(Schema):
    id: int
    rule_code: str
    outcome: str
    reason: str
    params: dict[str, object]
    legal_source: str
    decided_by_id: int | None
    decided_at: datetime.datetime


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
    estimated_value: int = Field(..., gt=0)
    business_purpose: str
    occasion: GiftOccasion = GiftOccasion.BUSINESS
    occasion_note: str = ""
    place: str = ""
    honours_fact_id: int | None = None


class NoteIn(Schema):
    note: str = ""


class GivenIn(Schema):
    given_on: datetime.date | None = None
    place: str = ""


def _user(request: HttpRequest) -> AnyUser:
    return request.user


def _filters(filters: GiftFilterIn) -> selectors.GiftFilters:
    return selectors.GiftFilters(
        person=filters.person,
        organization=filters.organization,
        giver=filters.giver,
        year=filters.year,
        status=filters.status.value if filters.status else None,
    )


@router.get("/", response=list[GiftOut], url_name="gifts-list")
@paginate(PageNumberPagination, page_size=50)
def list_gifts(request: HttpRequest, filters: Query[GiftFilterIn]) -> QuerySet[Gift]:
    """Gifts the user may see: their own, to people they may see; all for Compliance."""
    return selectors.gift_list(user=_user(request), filters=_filters(filters))


@router.get("/export.csv", url_name="gifts-export")
def export_gifts(request: HttpRequest, filters: Query[GiftFilterIn]) -> HttpResponse:
    """The register as CSV with the KPK report form fields."""
    gifts = selectors.gift_list(user=_user(request), filters=_filters(filters))
    response = HttpResponse(exports.register_csv(gifts), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gifts-register.csv"'
    return response


@router.get("/export.xlsx", url_name="gifts-export-xlsx")
def export_gifts_xlsx(request: HttpRequest, filters: Query[GiftFilterIn]) -> HttpResponse:
    """The register as an Excel workbook with the KPK report form fields."""
    gifts = selectors.gift_list(user=_user(request), filters=_filters(filters))
    response = HttpResponse(
        exports.register_xlsx(gifts),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="gifts-register.xlsx"'
    return response


@router.get("/{gift_id}", response=GiftOut, url_name="gifts-detail")
def get_gift(request: HttpRequest, gift_id: int) -> Gift:
    return selectors.gift_get_for_user(user=_user(request), pk=gift_id)


@router.get("/{gift_id}/decisions", response=list[DecisionOut], url_name="gifts-decisions")
def list_decisions(request: HttpRequest, gift_id: int) -> list[DecisionOut]:
    gift = selectors.gift_get_for_user(user=_user(request), pk=gift_id)
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


@router.post("/", response={201: GiftOut}, url_name="gifts-propose")
def propose_gift(request: HttpRequest, payload: GiftProposeIn) -> Status[Gift]:
    """Propose a gift: the policy decides at once (a refused gift comes back `rejected`)."""
    user = _user(request)
    recipient = selectors.person_get_for_gift(user=user, pk=payload.recipient_id)
    fact = None
    if payload.honours_fact_id is not None:
        fact = (
            PersonalFact.objects.visible_to(user)
            .filter(pk=payload.honours_fact_id, person=recipient)
            .first()
        )
        if fact is None:
            raise HttpError(422, "honours_fact_id: no such personal fact for this recipient")
    try:
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
    except services.GiftError as error:
        raise HttpError(422, f"{error.field or 'gift'}: {error.message}") from error
    return Status(201, selectors.gift_get_for_user(user=user, pk=gift.pk))


def _act(request: HttpRequest, gift_id: int, action: str, payload: Schema) -> Gift:
    user = _user(request)
    gift = selectors.gift_get_for_user(user=user, pk=gift_id)
    try:
        if action == "approve" and isinstance(payload, NoteIn):
            services.gift_approve(gift=gift, by=user, note=payload.note)  # type: ignore[arg-type]
        elif action == "reject" and isinstance(payload, NoteIn):
            services.gift_reject(gift=gift, by=user, note=payload.note)  # type: ignore[arg-type]
        elif action == "given" and isinstance(payload, GivenIn):
            services.gift_mark_given(
                gift=gift,
                by=user,  # type: ignore[arg-type]
                given_on=payload.given_on,
                place=payload.place,
            )
    except PermissionDenied as error:
        raise HttpError(403, str(error) or "forbidden") from error
    except services.GiftError as error:
        if error.field is None:
            raise HttpError(409, error.message) from error
        raise HttpError(422, f"{error.field}: {error.message}") from error
    return selectors.gift_get_for_user(user=user, pk=gift_id)


@router.post("/{gift_id}/approve", response=GiftOut, url_name="gifts-approve")
def approve_gift(request: HttpRequest, gift_id: int, payload: NoteIn) -> Gift:
    """Compliance officers only."""
    return _act(request, gift_id, "approve", payload)


@router.post("/{gift_id}/reject", response=GiftOut, url_name="gifts-reject")
def reject_gift(request: HttpRequest, gift_id: int, payload: NoteIn) -> Gift:
    """Compliance officers only; the note (why) is required."""
    return _act(request, gift_id, "reject", payload)


@router.post("/{gift_id}/given", response=GiftOut, url_name="gifts-given")
def mark_gift_given(request: HttpRequest, gift_id: int, payload: GivenIn) -> Gift:
    """Refused while approval is required and missing; `given_on` between the approval (else
    the proposal) and today (422 naming the field). The policy is checked again for that day:
    if it now refuses the gift or needs a new approval, 409 and the gift is rejected or back in
    the approval queue. Sets the KPK reporting deadline."""
    return _act(request, gift_id, "given", payload)
