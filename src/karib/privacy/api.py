"""API of the data subject's rights: `/api/privacy/...`."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from karib.core.errors import DomainError, ErrorCode, ErrorsOut
from karib.people.models import Person

from . import selectors, services
from .models import Erasure, SubjectRequest

router = Router(tags=["privacy"])
ERRORS = {400: ErrorsOut, 403: ErrorsOut, 404: ErrorsOut, 409: ErrorsOut, 422: ErrorsOut}


def _person(request: HttpRequest, pk: int) -> Person:
    try:
        return selectors.person_for_privacy(user=request.user, pk=pk)
    except Http404 as error:
        raise DomainError(ErrorCode.NOT_FOUND) from error


class RequestIn(Schema):
    kind: SubjectRequest.Kind
    note: str = ""


class RequestOut(Schema):
    id: int
    reference: str
    kind: str
    status: str
    received_at: datetime.datetime
    due_at: datetime.datetime
    completed_at: datetime.datetime | None
    hours_left: float


class BasisIn(Schema):
    basis: str
    purpose: str
    consent_obtained_on: datetime.date | None = None


class BasisOut(Schema):
    basis: str
    purpose: str
    consent_obtained_on: datetime.date | None


class ErasureOut(Schema):
    reference: str
    erased_at: datetime.datetime
    removed: dict[str, int]
    anonymised: dict[str, int]
    retained: dict[str, list[int]]


def _request_out(subject_request: SubjectRequest) -> RequestOut:
    from django.utils import timezone

    left = (subject_request.due_at - timezone.now()).total_seconds() / 3600
    return RequestOut(
        id=subject_request.pk,
        reference=subject_request.reference,
        kind=subject_request.kind,
        status=subject_request.status,
        received_at=subject_request.received_at,
        due_at=subject_request.due_at,
        completed_at=subject_request.completed_at,
        hours_left=round(left, 1),
    )


@router.get("/persons/{pk}/report", response={200: dict[str, Any], **ERRORS})
def person_report(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Everything held about the person, where it came from, who changed it and who sees it."""
    return services.person_report_export(
        person=_person(request, pk),
        by=request.user,  # type: ignore[arg-type]
        form="api",
    )


@router.put("/persons/{pk}/basis", response={200: BasisOut, **ERRORS})
def person_basis_set(request: HttpRequest, pk: int, payload: BasisIn) -> BasisOut:
    """Record the lawful basis and purpose of holding the person's data."""
    record = services.processing_basis_set(
        person=_person(request, pk),
        by=request.user,  # type: ignore[arg-type]
        **payload.dict(),
    )
    return BasisOut(
        basis=record.basis, purpose=record.purpose, consent_obtained_on=record.consent_obtained_on
    )


@router.post("/persons/{pk}/requests", response={201: RequestOut, **ERRORS})
def person_request_create(request: HttpRequest, pk: int, payload: RequestIn) -> Any:
    """Record a data subject request; it is due 3 x 24 hours after it was received."""
    created = services.subject_request_open(
        person=_person(request, pk),
        by=request.user,  # type: ignore[arg-type]
        kind=payload.kind,
        note=payload.note,
    )
    return Status(201, _request_out(created))


@router.get("/requests", response={200: list[RequestOut], **ERRORS})
def request_list(request: HttpRequest) -> list[RequestOut]:
    """Requests for the people the caller is accountable for, the most urgent first."""
    return [_request_out(item) for item in selectors.subject_request_list(user=request.user)[:500]]


@router.post("/persons/{pk}/erase", response={200: ErasureOut, **ERRORS})
def person_erase(request: HttpRequest, pk: int) -> ErasureOut:
    """Erase the person everywhere (admins only); the gift register keeps what KPK needs."""
    person = _person(request, pk)
    open_request = person.subject_requests.filter(kind="erasure", status="open").first()
    erasure: Erasure = services.person_erase(
        person=person,
        by=request.user,  # type: ignore[arg-type]
        request=open_request,
    )
    return ErasureOut(
        reference=erasure.reference,
        erased_at=erasure.erased_at,
        removed=erasure.removed,
        anonymised=erasure.anonymised,
        retained=erasure.retained,
    )
