"""JSON API of conversation QA at /api/conversations/: the same scoped selectors and services
as the pages. Every refusal answers `{"errors": [{"code", "field", "message"}]}` (`ErrorsOut`),
messages in the reader's language."""

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from karib.core.api_support import BoundedPageNumberPagination
from karib.core.errors import DomainError, ErrorCode, ErrorsOut
from karib.core.roles import is_admin

from . import selectors, services
from .imports.answers import import_file_choose_date_order
from .models import Channel, ImportFile, Product
from .schemas import (
    AnswerIn,
    ConversationDetailOut,
    ConversationOut,
    DisputeIn,
    DisputeOut,
    FindingOut,
    ImportBatchOut,
    QueuedOut,
    ReviewIn,
    ReviewOut,
    RolesIn,
    ScorecardOut,
    TeamScorecardsOut,
)
from .selectors import Period

router = Router(tags=["conversations"])
T = TypeVar("T")

#: The errors an operation on one record may answer.
ERRORS = {403: ErrorsOut, 404: ErrorsOut, 409: ErrorsOut, 422: ErrorsOut}
READ_ERRORS = {404: ErrorsOut, 422: ErrorsOut}


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - the API's auth guarantees a real user
    return user


def found(read: Callable[[], T]) -> T:
    """A scoped read; missing and forbidden alike answer the one error shape with 404."""
    try:
        return read()
    except Http404 as error:
        raise DomainError(ErrorCode.NOT_FOUND) from error


PERIOD_DAYS = (30, 90, 365)


def _period(days: int) -> Period:
    if days not in PERIOD_DAYS:
        raise DomainError(
            ErrorCode.INVALID,
            gettext_lazy("The period is 30, 90 or 365 days."),
            field="days",
        )
    return Period.last(days)


# --- import -----------------------------------------------------------------------------


@router.post(
    "/import",
    response={201: ImportBatchOut, **ERRORS},
    summary="Import conversation files",
)
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
        raise DomainError(ErrorCode.FORBIDDEN)
    target = selectors.teams_for_import(user).filter(pk=team).first()
    if target is None:
        raise DomainError(ErrorCode.NOT_FOUND, field="team", status=422)
    batch = services.import_batch_create(
        team=target,
        channel=channel,
        product=product,
        files=[
            services.UploadedFile(name=upload.name or "upload", content=upload.read())
            for upload in files
        ],
        by=user,
    )
    batch = services.import_batch_start(batch=batch)
    return Status(201, ImportBatchOut.from_model(batch))


@router.get(
    "/imports/{batch_id}",
    response={200: ImportBatchOut, **READ_ERRORS},
    summary="Import status and report",
)
def import_status(request: HttpRequest, batch_id: int) -> dict[str, Any]:
    """Read only; `is_stale` says the import stopped making progress (retry it)."""
    batch = found(lambda: selectors.import_batch_get_for_user(user=_user(request), pk=batch_id))
    return ImportBatchOut.from_model(batch)


@router.post(
    "/imports/{batch_id}/retry",
    response={200: ImportBatchOut, **ERRORS},
    summary="Retry the files a stopped import left waiting",
)
def import_retry(request: HttpRequest, batch_id: int) -> dict[str, Any]:
    user = _user(request)
    batch = found(lambda: selectors.import_batch_get_for_user(user=user, pk=batch_id))
    return ImportBatchOut.from_model(services.import_batch_retry(batch=batch, by=user))


@router.post(
    "/imports/{batch_id}/files/{file_id}/roles",
    response={200: ImportBatchOut, **ERRORS},
    summary="Map the speakers of a file and queue its import",
)
def import_map_roles(
    request: HttpRequest, batch_id: int, file_id: int, payload: RolesIn
) -> dict[str, Any]:
    """`agent_speaker` is one of the file's `speakers`, exactly as listed. The file is imported
    by the background task after this request (status `pending`); poll `GET /imports/{id}`.
    409 while the import is still running."""
    user = _user(request)
    batch = found(lambda: selectors.import_batch_get_for_user(user=user, pk=batch_id))
    import_file = found(
        lambda: selectors.import_file_get_for_user(user=user, batch=batch, pk=file_id)
    )
    batch = services.import_file_map_roles(
        import_file=import_file, agent_speaker=payload.agent_speaker, by=user
    )
    return ImportBatchOut.from_model(batch)


class DateOrderIn(Schema):
    date_order: ImportFile.DateOrder


@router.post(
    "/imports/{batch_id}/files/{file_id}/date-order",
    response={200: ImportBatchOut, **ERRORS},
    summary="Choose how a WhatsApp export's dates read and queue its import",
)
def import_choose_date_order(
    request: HttpRequest, batch_id: int, file_id: int, payload: DateOrderIn
) -> dict[str, Any]:
    """For a file with status `needs_dates` (its dates read both day-first and month-first):
    `date_order` is `dmy` (day first) or `mdy` (month first). The file is imported by the
    background task after this request; 409 while the import is still running."""
    user = _user(request)
    batch = found(lambda: selectors.import_batch_get_for_user(user=user, pk=batch_id))
    import_file = found(
        lambda: selectors.import_file_get_for_user(user=user, batch=batch, pk=file_id)
    )
    batch = import_file_choose_date_order(
        import_file=import_file, date_order=payload.date_order, by=user
    )
    return ImportBatchOut.from_model(batch)


@router.post(
    "/reanalyse",
    response={200: QueuedOut, 403: ErrorsOut},
    summary="Queue the re-analysis of outdated analyses (admins)",
)
def reanalyse(request: HttpRequest) -> dict[str, bool]:
    """Queued at most once at a time, whichever web process is asked (`queued` is false when
    one is queued already or nothing is outdated)."""
    if not is_admin(_user(request)):
        raise DomainError(ErrorCode.FORBIDDEN)
    return {"queued": services.reanalysis_ensure()}


# --- scorecards (before `/{conversation_pk}`) --------------------------------------------


@router.get(
    "/scorecards/me",
    response={200: ScorecardOut, **READ_ERRORS},
    summary="Your own scorecard",
)
def scorecard_mine(request: HttpRequest, days: int = 90) -> dict[str, Any]:
    user = _user(request)
    return _agent_card(user, user.pk, days)


@router.get(
    "/scorecards/agents/{agent_id}",
    response={200: ScorecardOut, **READ_ERRORS},
    summary="An agent's scorecard (scoped as the page)",
)
def scorecard_agent(request: HttpRequest, agent_id: int, days: int = 90) -> dict[str, Any]:
    """`days` is 30, 90 or 365. Counts only the conversations you may see."""
    return _agent_card(_user(request), agent_id, days)


def _agent_card(user: User, agent_id: int, days: int) -> dict[str, Any]:
    period = _period(days)
    agent = found(lambda: selectors.agent_get_for_user(user=user, pk=agent_id))
    card = selectors.agent_scorecard(user=user, agent=agent, period=period)
    return ScorecardOut.from_card(card)


@router.get(
    "/scorecards/teams/{team_id}",
    response={200: TeamScorecardsOut, **READ_ERRORS},
    summary="The team view: one scorecard per agent (QA reviewers, managers, admins)",
)
def scorecard_team(request: HttpRequest, team_id: int, days: int = 90) -> dict[str, Any]:
    user = _user(request)
    period = _period(days)
    team = found(lambda: selectors.team_get_for_user(user=user, pk=team_id))
    cards = selectors.team_scorecards(user=user, team=team, period=period)
    return {
        "team_id": team.pk,
        "team": team.name,
        "period_start": period.start,
        "period_end": period.end,
        "agents": [ScorecardOut.from_card(card) for card in cards],
    }


# --- conversations -----------------------------------------------------------------------


class ConversationFilterIn(Schema):
    """The filters of the conversation list, as on the page."""

    q: str = ""
    agent: int | None = None
    team: int | None = None
    channel: Channel | None = None
    product: Product | None = None
    finding: str = Field("", description="one of the finding codes")
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    flagged: bool = False


@router.get(
    "/",
    response={200: list[ConversationOut], 422: ErrorsOut},
    summary="List conversations (scoped)",
)
@paginate(BoundedPageNumberPagination)
def conversation_list(
    request: HttpRequest, filters: Query[ConversationFilterIn]
) -> list[dict[str, Any]]:
    """The conversations you may see, riskiest first (the review queue), filtered as on the
    page (`ConversationFilter`); an invalid filter is a 422 naming it."""
    data = filters.model_dump(exclude_none=True, exclude_defaults=True, mode="json")
    conversations = selectors.conversation_list(user=_user(request), filters=data)
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


@router.get(
    "/{conversation_pk}",
    response={200: ConversationDetailOut, **READ_ERRORS},
    summary="One conversation",
)
def conversation_detail(request: HttpRequest, conversation_pk: int) -> dict[str, Any]:
    user = _user(request)
    conversation = found(lambda: selectors.conversation_get_for_user(user=user, pk=conversation_pk))
    analysis = getattr(conversation, "analysis", None)
    data = ConversationOut.from_model(conversation)
    data.update(
        engine_version=analysis.engine_version if analysis else None,
        summary=analysis.summary if analysis else {},
        redacted_kinds=conversation.redacted_kinds,
        finding_details=[FindingOut.from_model(f) for f in selectors.shown_findings(conversation)],
        turns=conversation.turns,
        reviews=[ReviewOut.from_model(r) for r in selectors.reviews_for(conversation)],
        disputes=[DisputeOut.from_model(d) for d in selectors.disputes_for(conversation)],
    )
    return data


@router.post(
    "/{conversation_pk}/review",
    response={200: ReviewOut, **ERRORS},
    summary="Review a conversation",
)
def conversation_review(
    request: HttpRequest, conversation_pk: int, payload: ReviewIn
) -> dict[str, Any]:
    """Verdicts per finding code (`agree` / `disagree`; one left out is withdrawn), a
    comment and a final QA score 0 to 100. The agent is notified."""
    user = _user(request)
    conversation = found(lambda: selectors.conversation_get_for_user(user=user, pk=conversation_pk))
    review = services.review_save(
        conversation=conversation,
        verdicts=payload.verdicts,
        comment=payload.comment,
        qa_score=payload.qa_score,
        by=user,
    )
    return ReviewOut.from_model(review)


@router.post(
    "/{conversation_pk}/dispute",
    response={201: DisputeOut, **ERRORS},
    summary="Acknowledge or dispute the result (the agent)",
)
def conversation_dispute(
    request: HttpRequest, conversation_pk: int, payload: DisputeIn
) -> Status[dict[str, Any]]:
    user = _user(request)
    conversation = found(lambda: selectors.conversation_get_for_user(user=user, pk=conversation_pk))
    dispute = services.dispute_open(
        conversation=conversation,
        kind=payload.kind,
        reason=payload.reason,
        finding_code=payload.finding_code,
        by=user,
    )
    return Status(201, DisputeOut.from_model(dispute))


@router.post(
    "/disputes/{dispute_pk}/answer",
    response={200: DisputeOut, **ERRORS},
    summary="Uphold or overturn a dispute",
)
def dispute_answer(request: HttpRequest, dispute_pk: int, payload: AnswerIn) -> dict[str, Any]:
    """`outcome` is `upheld` (the result stands) or `overturned` (the disputed finding no
    longer counts against the agent; a `note` is required)."""
    user = _user(request)
    dispute = found(lambda: selectors.dispute_get_for_user(user=user, pk=dispute_pk))
    dispute = services.dispute_answer(
        dispute=dispute, outcome=payload.outcome, note=payload.note, by=user
    )
    return DisputeOut.from_model(dispute)
