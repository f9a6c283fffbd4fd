"""The team's cancellation playbook and QA settings, and the playbook-breach finding.

The breach is built in one place (`breach_finding`) for a fresh analysis and for a re-check
after the playbook changed; its explanation is stored as values and worded when shown.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from karib.core import access
from karib.core.access import Action
from karib.core.audit import snapshot
from karib.core.errors import DomainError, ErrorCode
from karib.core.models import Team

from .findings import PLAYBOOK_BREACH
from .history import audit_saved
from .models import Analysis, CancellationPlaybook, Finding, ServiceSettings

#: Rows per bulk insert or update.
BULK_SIZE = 500
#: Where the breach sorts among a conversation's findings (after the engine's).
BREACH_POSITION = 99


def playbook_for_team(team: Team) -> CancellationPlaybook:
    """The team's playbook; a default one (1 offer after refusal, closure required) if none."""
    playbook = CancellationPlaybook.objects.filter(team=team).first()
    return playbook if playbook is not None else CancellationPlaybook(team=team)


def settings_for_team(team: Team | int) -> ServiceSettings:
    """The team's QA settings; the defaults (every finding shown, imports redacted) if none."""
    team_id = team if isinstance(team, int) else team.pk
    found = ServiceSettings.objects.filter(team_id=team_id).first()
    return found if found is not None else ServiceSettings(team_id=team_id)


def playbook_breaches(
    summary: dict[str, Any], playbook: CancellationPlaybook
) -> list[dict[str, Any]]:
    """How a conversation breaks the playbook, as codes with values (empty when it keeps it)."""
    breaches: list[dict[str, Any]] = []
    pushes = int(summary.get("pushes_after_refusal") or 0)
    if pushes > playbook.max_offers_after_refusal:
        breaches.append(
            {
                "code": "offers_after_refusal",
                "pushes": pushes,
                "allowed": playbook.max_offers_after_refusal,
            }
        )
    if (
        playbook.requires_courteous_closure
        and summary.get("cancellation_request")
        and not summary.get("courteous_closure")
    ):
        breaches.append({"code": "closure_missing"})
    return breaches


def breach_finding(
    *, conversation_id: int, summary: dict[str, Any], breaches: list[dict[str, Any]]
) -> Finding:
    """The app's playbook-breach finding: the offers made after the first clear refusal."""
    first_refusal = summary.get("first_refusal_turn")
    offers = [int(t) for t in summary.get("retention_offers") or []]
    return Finding(
        conversation_id=conversation_id,
        code=PLAYBOOK_BREACH,
        severity=Finding.Severity.HIGH,
        turns=[t for t in offers if first_refusal is not None and t > first_refusal],
        evidence=[],
        params={"breaches": breaches},
        confidence=1.0,
        position=BREACH_POSITION,
    )


def risk_of(summary: dict[str, Any], *, breaks_playbook: bool) -> int:
    """How urgently a reviewer should look: tone shift, pushes, cut-off, then a low score."""
    risk = 0
    risk += 30 if summary.get("tone_shift") else 0
    risk += 20 * min(3, int(summary.get("pushes_after_refusal") or 0))
    risk += 30 if summary.get("customer_cut_off") else 0
    risk += 10 if breaks_playbook else 0
    risk += max(0, 100 - int(summary.get("score") or 0)) // 2
    return min(risk, 32767)


def _require_change(by: User, obj: CancellationPlaybook | ServiceSettings) -> None:
    access.require(user=by, action=Action.CHANGE, obj=obj)


@transaction.atomic
def playbook_update(
    *,
    team: Team,
    max_offers_after_refusal: int,
    requires_courteous_closure: bool,
    required_closure: str,
    guidance: str,
    by: User,
) -> CancellationPlaybook:
    _require_change(by, CancellationPlaybook(team=team))
    if not 0 <= max_offers_after_refusal <= 10:
        raise DomainError(
            ErrorCode.INVALID,
            field="max_offers_after_refusal",
            params={"max": 10},
        )
    playbook, created = CancellationPlaybook.objects.select_for_update().get_or_create(team=team)
    before = {} if created else snapshot(playbook)
    playbook.max_offers_after_refusal = max_offers_after_refusal
    playbook.requires_courteous_closure = requires_courteous_closure
    playbook.required_closure = required_closure.strip()
    playbook.guidance = guidance.strip()
    playbook.save()
    audit_saved(by=by, instance=playbook, created=created, before=before)
    playbook_recheck(team=team, playbook=playbook)
    return playbook


@transaction.atomic
def service_settings_update(
    *, team: Team, min_confidence: Decimal, redact_on_import: bool, by: User
) -> ServiceSettings:
    """Change the team's QA settings (a manager of the team, or an admin)."""
    _require_change(by, ServiceSettings(team=team))
    if not Decimal(0) <= min_confidence <= Decimal(1):
        raise DomainError(ErrorCode.INVALID, field="min_confidence")
    settings, created = ServiceSettings.objects.select_for_update().get_or_create(team=team)
    before = {} if created else snapshot(settings)
    settings.min_confidence = min_confidence
    settings.redact_on_import = redact_on_import
    settings.save()
    audit_saved(by=by, instance=settings, created=created, before=before)
    return settings


def playbook_recheck(*, team: Team, playbook: CancellationPlaybook) -> int:
    """Re-apply the playbook to the stored summaries of the team's conversations (no engine
    run): the flag, the risk and the breach finding follow the new rules. Bulk writes, so the
    number of queries does not grow with the conversations. Returns changes."""
    analyses = Analysis.objects.filter(conversation__team=team).only(
        "pk", "conversation_id", "summary", "breaks_playbook", "risk"
    )
    findings: list[Finding] = []
    changed: list[Analysis] = []
    for analysis in analyses.iterator(chunk_size=BULK_SIZE):
        breaches = playbook_breaches(analysis.summary, playbook)
        if breaches:
            findings.append(
                breach_finding(
                    conversation_id=analysis.conversation_id,
                    summary=analysis.summary,
                    breaches=breaches,
                )
            )
        if bool(breaches) != analysis.breaks_playbook:
            analysis.breaks_playbook = bool(breaches)
            analysis.risk = risk_of(analysis.summary, breaks_playbook=bool(breaches))
            changed.append(analysis)
    Finding.objects.filter(conversation__team=team, code=PLAYBOOK_BREACH).delete()
    Finding.objects.bulk_create(findings, batch_size=BULK_SIZE)
    Analysis.objects.bulk_update(changed, ["breaks_playbook", "risk"], batch_size=BULK_SIZE)
    return len(changed)
