"""JSON API of conversation QA at /api/conversations/: the same scoped selectors as the pages."""

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from . import selectors, services
from .models import Channel, Conversation, Dispute, ImportBatch, Product

router = Router(tags=["conversations"])


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - the API's auth guarantees a real user
    return user


def _validation_error(error: ValidationError) -> HttpError:
    if hasattr(error, "error_dict"):
        parts = [
            f"{field}: {' '.join(str(m) for e in errors for m in e.messages)}"
            for field, errors in error.error_dict.items()
        ]
        return HttpError(422, "; ".join(parts))
    return HttpError(422, " ".join(error.messages))


class FindingOut(Schema):
    code: str
    severity: str
    turns: list[int]
    evidence: list[str]
    explanation: str


class ConversationOut(Schema):
    id: int
    conversation_id: str
    team: str
    agent: str | None
    agent_name: str
    channel: str
    product: str
    started_at: datetime.datetime
    score: int | None
    risk: int | None
    breaks_playbook: bool
    findings: list[str]

    @staticmethod
    def from_model(conversation: Conversation) -> dict[str, Any]:
        analysis = getattr(conversation, "analysis", None)
        return {
            "id": conversation.pk,
            "conversation_id": conversation.external_id,
            "team": conversation.team.name,
            "agent": conversation.agent.username if conversation.agent else None,
            "agent_name": conversation.agent_name,
            "channel": conversation.channel,
            "product": conversation.product,
            "started_at": conversation.started_at,
            "score": analysis.score if analysis else None,
            "risk": analysis.risk if analysis else None,
            "breaks_playbook": bool(analysis and analysis.breaks_playbook),
            "findings": [f.code for f in conversation.findings.all()],
        }


class TurnOut(Schema):
    index: int
    speaker: str
    role: str
    text: str
    ts: str | None = None
    kind: str = "message"


class ReviewOut(Schema):
    reviewer: str
    verdicts: dict[str, str]
    comment: str
    qa_score: int | None


class DisputeOut(Schema):
    id: int
    kind: str
    finding_code: str
    reason: str
    status: str
    answer: str


class ConversationDetailOut(ConversationOut):
    engine_version: str | None
    summary: dict[str, Any]
    finding_details: list[FindingOut]
    turns: list[TurnOut]
    reviews: list[ReviewOut]
    disputes: list[DisputeOut]


class ImportFileOut(Schema):
    id: int
    name: str
    status: str
    speakers: list[str]
    error: str
    imported_count: int
    duplicate_count: int


class ImportBatchOut(Schema):
    id: int
    status: str
    percent: int
    files_total: int
    files_done: int
    imported_count: int
    duplicate_count: int
    failed_count: int
    report: list[dict[str, Any]]
    files: list[ImportFileOut]

    @staticmethod
    def from_model(batch: ImportBatch) -> dict[str, Any]:
        return {
            "id": batch.pk,
            "status": batch.status,
            "percent": batch.percent,
            "files_total": batch.files_total,
            "files_done": batch.files_done,
            "imported_count": batch.imported_count,
            "duplicate_count": batch.duplicate_count,
            "failed_count": batch.failed_count,
            "report": batch.report,
            "files": [
                {
                    "id": f.pk,
                    "name": f.name,
                    "status": f.status,
                    "speakers": f.speakers,
                    "error": f.error,
                    "imported_count": f.imported_count,
                    "duplicate_count": f.duplicate_count,
                }
                for f in batch.files.defer("content")
            ],
        }


class ReviewIn(Schema):
    verdicts: dict[str, str] = {}
    comment: str = ""
    qa_score: int | None = None


class DisputeIn(Schema):
    kind: str
    reason: str = ""
    finding_code: str = ""


class AnswerIn(Schema):
    answer: str


class RolesIn(Schema):
    agent_speaker: str


@router.post("/import", response={201: ImportBatchOut}, summary="Import conversation files")
def import_files(
    request: HttpRequest,
    team: Form[int],
    channel: Form[Channel],
    product: Form[Product],
    files: File[list[UploadedFile]],
) -> Status[dict[str, Any]]:
    """Upload one or many files (text, WhatsApp, JSON, JSONL, CSV). Each file is imported whole
    or not at all; duplicates are skipped and reported; a large upload continues in the
    background (poll `GET /imports/{id}`)."""
    user = _user(request)
    if not services.can_import(user):
        raise HttpError(403, "Only QA reviewers, managers and admins import conversations.")
    target = selectors.teams_for_import(user).filter(pk=team).first()
    if target is None:
        raise HttpError(422, "team: unknown team or not yours")
    errors = services.import_upload_errors([(f.name or "upload", f.size or 0) for f in files])
    if errors:
        raise HttpError(422, "files: " + " ".join(errors))
    uploads = [
        services.UploadedFile(name=upload.name or "upload", content=upload.read())
        for upload in files
    ]
    try:
        batch = services.import_batch_create(
            team=target, channel=channel, product=product, files=uploads, by=user
        )
    except ValidationError as error:
        raise _validation_error(error) from error
    batch = services.import_batch_start(batch=batch)
    return Status(201, ImportBatchOut.from_model(batch))


@router.get("/imports/{batch_id}", response=ImportBatchOut, summary="Import status and report")
def import_status(request: HttpRequest, batch_id: int) -> dict[str, Any]:
    batch = selectors.import_batch_get_for_user(user=_user(request), pk=batch_id)
    batch = services.import_batch_check_stale(batch=batch)
    return ImportBatchOut.from_model(batch)


@router.post(
    "/imports/{batch_id}/files/{file_id}/roles",
    response=ImportBatchOut,
    summary="Map the speakers of a file and queue its import",
)
def import_map_roles(
    request: HttpRequest, batch_id: int, file_id: int, payload: RolesIn
) -> dict[str, Any]:
    """The file is imported by the background task after this request (status `pending`);
    poll `GET /imports/{id}`. 422 while the import is still running."""
    user = _user(request)
    batch = selectors.import_batch_get_for_user(user=user, pk=batch_id)
    import_file = selectors.import_file_get_for_user(user=user, batch=batch, pk=file_id)
    try:
        batch = services.import_file_map_roles(
            import_file=import_file, agent_speaker=payload.agent_speaker, by=user
        )
    except ValidationError as error:
        raise _validation_error(error) from error
    except PermissionDenied as error:
        raise HttpError(403, "You may not import for this team.") from error
    return ImportBatchOut.from_model(batch)


@router.get("/", response=list[ConversationOut], summary="List conversations (scoped)")
@paginate(PageNumberPagination, page_size=50)
def conversation_list(
    request: HttpRequest,
    agent: int | None = None,
    team: int | None = None,
    channel: str = "",
    product: str = "",
    finding: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    q: str = "",
) -> list[dict[str, Any]]:
    """The conversations you may see, riskiest first."""
    filters: dict[str, Any] = {
        key: value
        for key, value in {
            "agent": agent,
            "team": team,
            "channel": channel,
            "product": product,
            "finding": finding,
            "date_from": date_from,
            "date_to": date_to,
            "q": q,
        }.items()
        if value
    }
    conversations = selectors.conversation_list(user=_user(request), filters=filters)  # type: ignore[arg-type]
    return _LazyRows(conversations)  # type: ignore[return-value]


class _LazyRows:
    """Paginate the queryset first, then turn only the page's rows into dicts."""

    def __init__(self, queryset: Any) -> None:
        self.queryset = queryset

    def __len__(self) -> int:
        return int(self.queryset.count())

    def count(self) -> int:
        return len(self)

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [ConversationOut.from_model(c) for c in self.queryset[item]]


@router.get("/{conversation_pk}", response=ConversationDetailOut, summary="One conversation")
def conversation_detail(request: HttpRequest, conversation_pk: int) -> dict[str, Any]:
    conversation = selectors.conversation_get_for_user(user=_user(request), pk=conversation_pk)
    analysis = getattr(conversation, "analysis", None)
    findings = list(conversation.findings.all())
    data = ConversationOut.from_model(conversation)
    data.update(
        engine_version=analysis.engine_version if analysis else None,
        summary=analysis.summary if analysis else {},
        finding_details=[
            {
                "code": f.code,
                "severity": f.severity,
                "turns": f.turns,
                "evidence": f.evidence,
                "explanation": f.explanation,
            }
            for f in findings
        ],
        turns=conversation.turns,
        reviews=[
            {
                "reviewer": r.reviewer.username,
                "verdicts": r.verdicts,
                "comment": r.comment,
                "qa_score": r.qa_score,
            }
            for r in selectors.reviews_for(conversation)
        ],
        disputes=[
            {
                "id": d.pk,
                "kind": d.kind,
                "finding_code": d.finding_code,
                "reason": d.reason,
                "status": d.status,
                "answer": d.answer,
            }
            for d in selectors.disputes_for(conversation)
        ],
    )
    return data


@router.post("/{conversation_pk}/review", response=ReviewOut, summary="Review a conversation")
def conversation_review(
    request: HttpRequest, conversation_pk: int, payload: ReviewIn
) -> dict[str, Any]:
    user = _user(request)
    conversation = selectors.conversation_get_for_user(user=user, pk=conversation_pk)
    try:
        review = services.review_save(
            conversation=conversation,
            verdicts=payload.verdicts,
            comment=payload.comment,
            qa_score=payload.qa_score,
            by=user,
        )
    except PermissionDenied as error:
        raise HttpError(403, "Only the team's QA reviewers and managers review.") from error
    except ValidationError as error:
        raise _validation_error(error) from error
    return {
        "reviewer": user.username,
        "verdicts": review.verdicts,
        "comment": review.comment,
        "qa_score": review.qa_score,
    }


def _dispute_out(dispute: Dispute) -> dict[str, Any]:
    return {
        "id": dispute.pk,
        "kind": dispute.kind,
        "finding_code": dispute.finding_code,
        "reason": dispute.reason,
        "status": dispute.status,
        "answer": dispute.answer,
    }


@router.post(
    "/{conversation_pk}/dispute",
    response={201: DisputeOut},
    summary="Acknowledge or dispute the result (the agent)",
)
def conversation_dispute(
    request: HttpRequest, conversation_pk: int, payload: DisputeIn
) -> Status[dict[str, Any]]:
    user = _user(request)
    conversation = selectors.conversation_get_for_user(user=user, pk=conversation_pk)
    try:
        dispute = services.dispute_open(
            conversation=conversation,
            kind=payload.kind,
            reason=payload.reason,
            finding_code=payload.finding_code,
            by=user,
        )
    except PermissionDenied as error:
        raise HttpError(403, "Only the conversation's agent responds.") from error
    except ValidationError as error:
        raise _validation_error(error) from error
    return Status(201, _dispute_out(dispute))


@router.post("/disputes/{dispute_pk}/answer", response=DisputeOut, summary="Answer a dispute")
def dispute_answer(request: HttpRequest, dispute_pk: int, payload: AnswerIn) -> dict[str, Any]:
    user = _user(request)
    dispute = selectors.dispute_get_for_user(user=user, pk=dispute_pk)
    try:
        dispute = services.dispute_answer(dispute=dispute, answer=payload.answer, by=user)
    except PermissionDenied as error:
        raise HttpError(403, "Only the team's QA reviewers and managers answer.") from error
    except ValidationError as error:
        raise _validation_error(error) from error
    return _dispute_out(dispute)
