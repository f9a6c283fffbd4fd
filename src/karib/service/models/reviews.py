"""What people make of a conversation's findings: a QA reviewer's verdicts (and the evidence
each was given on), an agent's disputes, and reflections."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .conversations import Analysis, Conversation, Finding, finding_label


@dataclass(frozen=True)
class StaleVerdict:
    """A verdict given on evidence the current analysis no longer shows: the finding's turns
    and engine version when the reviewer gave it (empty when unknown) and its turns now (None
    when the current analysis no longer finds it)."""

    code: str
    label: str
    verdict: str
    turns: list[int]
    engine_version: str
    current_turns: list[int] | None


def verdict_basis_entry(finding: Finding, engine_version: str) -> dict[str, Any]:
    """What a verdict on `finding` is given on: its turns and the engine version."""
    return {"turns": [int(turn) for turn in finding.turns], "engine_version": engine_version}


class Review(models.Model):
    """A QA reviewer's verdict: agree or disagree per finding, a comment, a final score.

    A verdict is tied to what the reviewer saw: `verdict_basis` keeps, per finding code, the
    finding's turns and the engine version when the verdict was given. A re-analysis that
    moves a reviewed finding to other turns (or drops it) makes that verdict *stale*; the
    verdict export keeps labelling the turns the reviewer saw."""

    class Verdict(models.TextChoices):
        AGREE = "agree", _("agree")
        DISAGREE = "disagree", _("disagree")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verdicts = models.JSONField(_("verdicts"), default=dict, blank=True)
    #: Per verdict code: `{"turns": [...], "engine_version": "..."}` of the finding the
    #: reviewer saw (`verdict_basis_entry`); a code without an entry was given on evidence
    #: nobody recorded (reviews stored before the analysis was redone) and counts as stale.
    verdict_basis = models.JSONField(_("evidence reviewed"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    qa_score = models.PositiveSmallIntegerField(
        _("final QA score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "reviewer"], name="service_review_one_per_reviewer"
            ),
            models.CheckConstraint(
                condition=models.Q(qa_score__isnull=True) | models.Q(qa_score__lte=100),
                name="service_review_score_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conversation} — {self.reviewer}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A review created with verdicts but without their evidence (the demo, fixtures) is
        taken to be on the conversation's current findings, as if given now; later saves never
        fill a missing entry (that would tie an old verdict to newer evidence)."""
        missing = [code for code in self.verdicts if code not in self.verdict_basis]
        if self._state.adding and missing:
            engine_version = (
                Analysis.objects.filter(conversation_id=self.conversation_id)
                .values_list("engine_version", flat=True)
                .first()
            ) or ""
            current = Finding.objects.filter(conversation_id=self.conversation_id, code__in=missing)
            self.verdict_basis = {
                **self.verdict_basis,
                **{f.code: verdict_basis_entry(f, engine_version) for f in current},
            }
        super().save(*args, **kwargs)

    def clean(self) -> None:
        bad = [v for v in self.verdicts.values() if v not in self.Verdict.values]
        if bad:
            raise ValidationError({"verdicts": _("A verdict is agree or disagree.")})

    def stale_verdicts_among(self, findings: Iterable[Finding]) -> list[StaleVerdict]:
        """The verdicts whose finding, among the conversation's current `findings`, points at
        other turns than the reviewer saw, or is gone (a newer engine, a playbook edit)."""
        current = {finding.code: [int(t) for t in finding.turns] for finding in findings}
        stale = []
        for code, verdict in sorted(self.verdicts.items()):
            basis = self.verdict_basis.get(code)
            now = current.get(code)
            if basis is not None and now is not None and [int(t) for t in basis["turns"]] == now:
                continue
            stale.append(
                StaleVerdict(
                    code=code,
                    label=finding_label(code),
                    verdict=verdict,
                    turns=list(basis["turns"]) if basis else [],
                    engine_version=str(basis["engine_version"]) if basis else "",
                    current_turns=now,
                )
            )
        return stale

    @cached_property
    def stale_verdicts(self) -> list[StaleVerdict]:
        """`stale_verdicts_among` the conversation's findings (prefetch them on the
        conversation to read many reviews with one query)."""
        return self.stale_verdicts_among(self.conversation.findings.all())

    @property
    def is_stale(self) -> bool:
        """True when some verdict was made on an earlier analysis than the current one."""
        return bool(self.stale_verdicts)


class Dispute(models.Model):
    """The agent's response to the QA result: acknowledge, or dispute with a reason."""

    class Kind(models.TextChoices):
        ACKNOWLEDGE = "acknowledge", _("acknowledged")
        DISPUTE = "dispute", _("disputed")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("upheld: the result stands")
        OVERTURNED = "overturned", _("overturned: the finding is withdrawn")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="disputes"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("response"), max_length=12, choices=Kind.choices)
    finding_code = models.CharField(_("finding"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    outcome = models.CharField(_("decision"), max_length=12, choices=Outcome.choices, blank=True)
    answer = models.TextField(_("note"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation"],
                condition=models.Q(status="open"),
                name="service_dispute_one_open_per_conversation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.conversation} — {self.get_kind_display()}"

    @property
    def finding_label(self) -> str:
        return finding_label(self.finding_code) if self.finding_code else ""

    def clean(self) -> None:
        if self.kind == self.Kind.DISPUTE and not self.reason.strip():
            raise ValidationError({"reason": _("Say why you dispute the result.")})


class Reflection(models.Model):
    """The agent's self-evaluation of one conversation; reviewers read it."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="reflections"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("reflection"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "author"], name="service_reflection_one_per_author"
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]
