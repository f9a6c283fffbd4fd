"""The QA loop on one conversation: the reviewer's verdicts, the agent's response (acknowledge
or dispute), the answer (uphold or overturn), the agent's reflection, deletion.

Who may do each is a rule in `access.py`; every change is audited; the people concerned are
told through `notification_send`, in their own language, once per event (dedupe key).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from karib.core import access
from karib.core.access import Action
from karib.core.audit import audit_record, snapshot
from karib.core.errors import DomainError, ErrorCode
from karib.core.models import AuditEvent, Profile
from karib.core.roles import Role
from karib.core.services import notification_send

from . import notifications
from .access import ANSWER, RESPOND, REVIEW
from .history import audit_saved
from .models import (
    Analysis,
    Conversation,
    Dispute,
    Finding,
    Reflection,
    Review,
    verdict_basis_entry,
)

MAX_REFLECTION = 4000


def _notify(
    *, user: User, code: str, params: dict[str, str], dedupe_key: str, body: str, url: str
) -> None:
    """Tell `user`: stored as a code with its values, worded in the reader's language when
    shown (the stored title, for the admin, in the recipient's language)."""
    saved = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    with translation.override(saved or settings.LANGUAGE_CODE):
        notification_send(
            user=user,
            kind=code,
            code=code,
            params=params,
            dedupe_key=dedupe_key,
            body=body,
            url=url,
        )


def _conversation_url(conversation: Conversation) -> str:
    return reverse("service:conversation-detail", args=[conversation.pk])


def _lock(conversation: Conversation) -> None:
    """Lock the conversation row (as `conversation_analyse` does) for the transaction, so its
    findings stay as read until the verdicts about them are stored."""
    if not Conversation.objects.select_for_update().filter(pk=conversation.pk).exists():
        raise DomainError(ErrorCode.NOT_FOUND, gettext_lazy("Not found."))


def _current_findings(conversation: Conversation) -> dict[str, Finding]:
    """The conversation's findings by code, read from the database (never a prefetched
    cache: read under the lock, they are the ones a verdict is tied to)."""
    return {f.code: f for f in Finding.objects.filter(conversation_id=conversation.pk)}


def _engine_version(conversation: Conversation) -> str:
    """The engine version of the conversation's current analysis (read under the lock)."""
    version = (
        Analysis.objects.filter(conversation_id=conversation.pk)
        .values_list("engine_version", flat=True)
        .first()
    )
    return version or ""


def _save_audited(review: Review, *, created: bool, before: Mapping[str, Any], by: User) -> None:
    review.full_clean()
    review.save()
    audit_saved(by=by, instance=review, created=created, before=before)


@transaction.atomic
def review_save(
    *,
    conversation: Conversation,
    verdicts: dict[str, str],
    comment: str,
    qa_score: int | None,
    by: User,
) -> Review:
    """Create or update `by`'s review of the conversation; the agent is told.

    Each verdict is tied to the finding as it stands now (its turns and the engine version,
    `Review.verdict_basis`): the conversation row is locked first, as `conversation_analyse`
    locks it, so a concurrent re-analysis cannot replace the findings between reading them
    and storing the verdicts."""
    access.require(user=by, action=REVIEW, obj=conversation)
    _lock(conversation)
    findings = _current_findings(conversation)
    unknown = set(verdicts) - set(findings)
    if unknown:
        raise DomainError(
            ErrorCode.INVALID,
            gettext_lazy("Unknown finding: %(codes)s"),
            field="verdicts",
            params={"codes": ", ".join(sorted(unknown))},
        )
    if any(verdict not in Review.Verdict.values for verdict in verdicts.values()):
        raise DomainError(
            ErrorCode.INVALID, gettext_lazy("A verdict is agree or disagree."), field="verdicts"
        )
    if qa_score is not None and not 0 <= qa_score <= 100:
        raise DomainError(
            ErrorCode.INVALID, gettext_lazy("The score is between 0 and 100."), field="qa_score"
        )
    review, created = Review.objects.select_for_update().get_or_create(
        conversation=conversation, reviewer=by
    )
    before = {} if created else snapshot(review)
    review.verdicts = dict(verdicts)  # replaced: a verdict left out is withdrawn
    engine_version = _engine_version(conversation)
    review.verdict_basis = {
        code: verdict_basis_entry(findings[code], engine_version) for code in verdicts
    }
    review.comment = comment.strip()
    review.qa_score = qa_score
    _save_audited(review, created=created, before=before, by=by)
    agent = conversation.agent
    if agent is not None and agent.pk != by.pk:
        reviewer = by.get_full_name() or by.username

        def notify() -> None:
            _notify(
                user=agent,
                code=notifications.REVIEWED,
                params={"reviewer": reviewer, "conversation": conversation.external_id},
                dedupe_key=f"service.reviewed.{review.pk}",
                body="",
                url=_conversation_url(conversation),
            )

        transaction.on_commit(notify)
    return review


_STILL_OPEN = gettext_lazy("Your dispute is still open; wait for the answer.")


@transaction.atomic
def dispute_open(
    *,
    conversation: Conversation,
    kind: str,
    reason: str,
    finding_code: str = "",
    by: User,
) -> Dispute:
    """The agent acknowledges the result or disputes it with a reason."""
    access.require(user=by, action=RESPOND, obj=conversation)
    Conversation.objects.select_for_update().filter(pk=conversation.pk).first()  # one at a time
    if kind not in Dispute.Kind.values:
        raise DomainError(
            ErrorCode.INVALID, gettext_lazy("Choose acknowledge or dispute."), field="kind"
        )
    if finding_code and not conversation.findings.filter(code=finding_code).exists():
        raise DomainError(
            ErrorCode.INVALID,
            gettext_lazy("This conversation has no such finding."),
            field="finding_code",
        )
    is_dispute = kind == Dispute.Kind.DISPUTE
    if is_dispute and not reason.strip():
        raise DomainError(
            ErrorCode.REQUIRED, gettext_lazy("Say why you dispute the result."), field="reason"
        )
    if conversation.disputes.filter(status=Dispute.Status.OPEN).exists():
        raise DomainError(ErrorCode.CONFLICT, _STILL_OPEN, field="kind")
    dispute = Dispute(
        conversation=conversation,
        agent=by,
        kind=kind,
        finding_code=finding_code,
        reason=reason.strip(),
        status=Dispute.Status.OPEN if is_dispute else Dispute.Status.ANSWERED,
    )
    try:
        with transaction.atomic():
            dispute.save()
    except IntegrityError as error:  # a concurrent dispute won: one open at a time
        raise DomainError(ErrorCode.CONFLICT, _STILL_OPEN, field="kind") from error
    audit_record(
        actor=by, action=AuditEvent.Action.CREATE, instance=dispute, after=snapshot(dispute)
    )
    if is_dispute:
        reviewers = list(
            User.objects.filter(
                groups__name=Role.QA_REVIEWER.value, profile__team=conversation.team_id
            )
            .select_related("profile")
            .distinct()
        )
        agent_name = by.get_full_name() or by.username

        def notify() -> None:
            for reviewer in reviewers:
                _notify(
                    user=reviewer,
                    code=notifications.DISPUTE,
                    params={"agent": agent_name, "conversation": conversation.external_id},
                    dedupe_key=f"service.dispute.{dispute.pk}",
                    body=dispute.reason,
                    url=_conversation_url(conversation),
                )

        transaction.on_commit(notify)
    return dispute


def _apply_outcome(dispute: Dispute, outcome: str, by: User) -> None:
    """Uphold: the answering reviewer agrees with the disputed finding(s). Overturn: every
    reviewer's verdict on them is withdrawn and the answering reviewer disagrees, so they no
    longer count against the agent. The answerer's verdicts are tied to the findings as they
    stand; a disputed finding a re-analysis has dropped since gets none."""
    conversation = dispute.conversation
    findings = _current_findings(conversation)
    codes = [dispute.finding_code] if dispute.finding_code else list(findings)
    verdict = Review.Verdict.AGREE if outcome == Dispute.Outcome.UPHELD else Review.Verdict.DISAGREE
    reviews = Review.objects.select_for_update().filter(conversation=conversation)
    if outcome == Dispute.Outcome.OVERTURNED:
        for review in reviews.exclude(reviewer=by):
            kept = {code: v for code, v in review.verdicts.items() if code not in codes}
            if kept != review.verdicts:
                before = snapshot(review)
                review.verdicts = kept
                review.verdict_basis = {
                    code: basis for code, basis in review.verdict_basis.items() if code in kept
                }
                _save_audited(review, created=False, before=before, by=by)
    own, created = reviews.get_or_create(conversation=conversation, reviewer=by)
    before = {} if created else snapshot(own)
    engine_version = _engine_version(conversation)
    given = [code for code in codes if code in findings]  # a verdict needs its evidence
    own.verdicts = {**own.verdicts, **dict.fromkeys(given, verdict.value)}
    own.verdict_basis = {
        **own.verdict_basis,
        **{code: verdict_basis_entry(findings[code], engine_version) for code in given},
    }
    _save_audited(own, created=created, before=before, by=by)


@transaction.atomic
def dispute_answer(*, dispute: Dispute, outcome: str, note: str, by: User) -> Dispute:
    """A reviewer or manager upholds or overturns an open dispute, with a note. The
    conversation is locked first (the order of `conversation_analyse` and `review_save`), so
    the verdicts the answer writes are tied to the findings as they stand."""
    _lock(Conversation(pk=dispute.conversation_id))
    dispute = Dispute.objects.select_for_update().select_related("conversation").get(pk=dispute.pk)
    access.require(user=by, action=ANSWER, obj=dispute)
    if dispute.status != Dispute.Status.OPEN:
        raise DomainError(
            ErrorCode.CONFLICT,
            gettext_lazy("This dispute has already been answered."),
            field="outcome",
        )
    if outcome not in Dispute.Outcome.values:
        raise DomainError(
            ErrorCode.REQUIRED, gettext_lazy("Uphold or overturn the result."), field="outcome"
        )
    if outcome == Dispute.Outcome.OVERTURNED and not note.strip():
        raise DomainError(
            ErrorCode.REQUIRED,
            gettext_lazy("Say why the result is overturned."),
            field="note",
        )
    before = snapshot(dispute)
    dispute.outcome = outcome
    dispute.answer = note.strip()
    dispute.answered_by = by
    dispute.answered_at = timezone.now()
    dispute.status = Dispute.Status.ANSWERED
    dispute.save(update_fields=["outcome", "answer", "answered_by", "answered_at", "status"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        instance=dispute,
        before=before,
        after=snapshot(dispute),
    )
    _apply_outcome(dispute, outcome, by)
    agent = dispute.agent
    conversation = dispute.conversation

    def notify() -> None:
        _notify(
            user=agent,
            code=(
                notifications.DISPUTE_UPHELD
                if outcome == Dispute.Outcome.UPHELD
                else notifications.DISPUTE_OVERTURNED
            ),
            params={"conversation": conversation.external_id},
            dedupe_key=f"service.dispute_answered.{dispute.pk}",
            body=dispute.answer,
            url=_conversation_url(conversation),
        )

    transaction.on_commit(notify)
    return dispute


@transaction.atomic
def reflection_save(*, conversation: Conversation, text: str, by: User) -> Reflection:
    """The agent writes (or rewrites) a short self-evaluation of the conversation."""
    access.require(user=by, action=RESPOND, obj=conversation)
    text = text.strip()
    if not text:
        raise DomainError(
            ErrorCode.REQUIRED,
            gettext_lazy("Write a few words about this conversation."),
            field="text",
        )
    if len(text) > MAX_REFLECTION:
        raise DomainError(
            ErrorCode.LIMIT_EXCEEDED,
            gettext_lazy("Keep the reflection under %(max)d characters."),
            field="text",
            params={"max": MAX_REFLECTION},
            status=422,
        )
    reflection, created = Reflection.objects.select_for_update().get_or_create(
        conversation=conversation, author=by, defaults={"text": text}
    )
    before = {} if created else snapshot(reflection)
    if not created:
        reflection.text = text
        reflection.save(update_fields=["text", "updated_at"])
    audit_saved(by=by, instance=reflection, created=created, before=before)
    return reflection


@transaction.atomic
def conversation_delete(*, conversation: Conversation, by: User) -> None:
    """Delete a conversation and all QA about it; the deletion is audited."""
    access.require(user=by, action=Action.DELETE, obj=conversation)
    before = snapshot(conversation, fields=["external_id", "team", "agent", "started_at"])
    audit_record(
        actor=by,
        action=AuditEvent.Action.DELETE,
        instance=conversation,
        before=before,
        summary=f"conversation {conversation.external_id} deleted"[:255],
    )
    conversation.delete()
