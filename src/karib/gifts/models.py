"""Gifts and hospitality, the decisions on them, and the policy data the engine reads."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import policy
from .querysets import GiftQuerySet


class GiftKind(models.TextChoices):
    GOODS = policy.Kind.GOODS.value, _("goods")
    MEAL = policy.Kind.MEAL.value, _("meal")
    TRAVEL = policy.Kind.TRAVEL.value, _("travel or accommodation")
    ENTERTAINMENT = policy.Kind.ENTERTAINMENT.value, _("entertainment")
    CASH = policy.Kind.CASH.value, _("cash or cash equivalent")


class GiftOccasion(models.TextChoices):
    BUSINESS = policy.Occasion.BUSINESS.value, _("business")
    WEDDING = policy.Occasion.WEDDING.value, _("wedding")
    RELIGIOUS_CEREMONY = policy.Occasion.RELIGIOUS_CEREMONY.value, _("religious ceremony")
    BIRTH = policy.Occasion.BIRTH.value, _("birth")
    BEREAVEMENT = policy.Occasion.BEREAVEMENT.value, _("bereavement")
    FESTIVAL = policy.Occasion.FESTIVAL.value, _("religious holiday or festival")
    PERSONAL = policy.Occasion.PERSONAL.value, _("personal (birthday, hobby)")
    OTHER = policy.Occasion.OTHER.value, _("other")


class Gift(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        GIVEN = "given", _("given")
        DECLINED = "declined", _("declined by recipient")
        RETURNED = "returned", _("returned")

    recipient = models.ForeignKey(
        "people.Person",
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="gifts",
    )
    recipient_organization = models.ForeignKey(
        "people.Organization",
        verbose_name=_("recipient's organization"),
        on_delete=models.PROTECT,
        related_name="gifts",
    )
    recipient_position = models.CharField(_("recipient's position"), max_length=200, blank=True)
    recipient_is_public_official = models.BooleanField(_("public official"), default=False)
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("giver"),
        on_delete=models.PROTECT,
        related_name="gifts_given",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=GiftKind.choices)
    is_cash_equivalent = models.BooleanField(_("cash equivalent"), default=False)
    description = models.TextField(_("description"))
    honours_fact = models.ForeignKey(
        "people.PersonalFact",
        verbose_name=_("personal fact it honours"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gifts",
    )
    occasion = models.CharField(
        _("occasion"), max_length=24, choices=GiftOccasion.choices, default=GiftOccasion.BUSINESS
    )
    occasion_note = models.CharField(_("occasion details"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    estimated_value = models.PositiveBigIntegerField(_("estimated value (IDR)"))
    business_purpose = models.TextField(_("business purpose"))
    proposed_on = models.DateField(_("proposed on"))
    given_on = models.DateField(_("given on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    requires_approval = models.BooleanField(_("needs approval"), default=False)
    requires_kpk_report = models.BooleanField(_("needs KPK report"), default=False)
    report_deadline = models.DateField(_("reporting deadline"), null=True, blank=True)
    # The recipient's report to the KPK, once made: the day and the evidence (the KPK's
    # receipt number, and a note on how it was reported).
    kpk_reported_on = models.DateField(_("reported to the KPK on"), null=True, blank=True)
    kpk_report_reference = models.CharField(_("KPK report reference"), max_length=120, blank=True)
    kpk_report_note = models.TextField(_("KPK report note"), blank=True)
    #: the day the report was recorded here (the day above is the giver's word): a report
    #: recorded after the deadline says so wherever the report is shown (secprobe8, F2)
    kpk_report_recorded_on = models.DateField(_("KPK report recorded on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Optimistic locking: every write bumps it; a page or API call that read an older
    # version is refused with a conflict naming who changed it and when.
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = GiftQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_on", "-pk"]
        verbose_name = _("gift or hospitality")
        verbose_name_plural = _("gifts and hospitality")
        indexes = [
            models.Index(fields=["recipient", "proposed_on"]),
            models.Index(fields=["status", "requires_approval"]),
            models.Index(fields=["giver", "proposed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="given") | models.Q(given_on__isnull=False),
                name="gifts_gift_given_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(kpk_reported_on__isnull=True)
                | ~models.Q(kpk_report_reference=""),
                name="gifts_gift_kpk_report_has_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description[:60]} → {self.recipient.full_name}"

    @property
    def year(self) -> int:
        return (self.given_on or self.proposed_on).year

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.PROPOSED, self.Status.APPROVED}

    @property
    def is_awaiting_approval(self) -> bool:
        return self.status == self.Status.PROPOSED and self.requires_approval

    @property
    def is_kpk_reported(self) -> bool:
        return self.kpk_reported_on is not None

    @property
    def kpk_report_recorded_late(self) -> bool:
        """Recorded after the deadline, whatever day the report is said to have been made: the
        evidence is for Compliance to check."""
        return (
            self.kpk_report_recorded_on is not None
            and self.report_deadline is not None
            and self.kpk_report_recorded_on > self.report_deadline
        )

    def kpk_report_is_overdue(self, today: datetime.date) -> bool:
        """A deadline that passed without a recorded report."""
        return (
            self.report_deadline is not None
            and not self.is_kpk_reported
            and self.report_deadline < today
        )

    @property
    def can_be_given(self) -> bool:
        if self.status == self.Status.APPROVED:
            return True
        return self.status == self.Status.PROPOSED and not self.requires_approval


COUNTED_STATUSES = (Gift.Status.PROPOSED, Gift.Status.APPROVED, Gift.Status.GIVEN)


class GiftDecision(models.Model):
    """One decision on a gift: a rule of the engine that fired, or a person's approval."""

    class Outcome(models.TextChoices):
        REFUSED = policy.Outcome.REFUSED.value, _("refused")
        NEEDS_APPROVAL = policy.Outcome.NEEDS_APPROVAL.value, _("needs approval")
        FLAGGED = policy.Outcome.FLAGGED.value, _("flagged")
        NOTE = policy.Outcome.NOTE.value, _("note")
        ALLOWED = policy.Outcome.ALLOWED.value, _("allowed")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    gift = models.ForeignKey(Gift, on_delete=models.CASCADE, related_name="decisions")
    rule_code = models.CharField(_("rule"), max_length=32, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    params = models.JSONField(_("figures"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    legal_source = models.TextField(_("legal source"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("gift decision")
        verbose_name_plural = _("gift decisions")

    def __str__(self) -> str:
        return f"{self.rule_code or self.outcome} ({self.gift_id})"

    @property
    def reason(self) -> str:
        from .reasons import decision_reason

        return decision_reason(self)


class PolicyRule(models.Model):
    """A rule's parameters from a date on; the engine uses the latest row in force."""

    class Code(models.TextChoices):
        CASH_TO_OFFICIAL = (
            policy.RuleCode.CASH_TO_OFFICIAL.value,
            _("Cash and cash equivalents to public officials are refused"),
        )
        OFFICIAL_APPROVAL = (
            policy.RuleCode.OFFICIAL_APPROVAL.value,
            _("Gifts to public officials need Compliance approval"),
        )
        KPK_REPORT = (
            policy.RuleCode.KPK_REPORT.value,
            _("The official must report to the KPK within N working days"),
        )
        BURDEN_OF_PROOF = (
            policy.RuleCode.BURDEN_OF_PROOF.value,
            _("From this value the burden of proof shifts to the recipient"),
        )
        CEREMONY_EXEMPTION = (
            policy.RuleCode.CEREMONY_EXEMPTION.value,
            _("Wedding or religious-ceremony exemption limit per giver"),
        )
        PRIVATE_THRESHOLD = (
            policy.RuleCode.PRIVATE_THRESHOLD.value,
            _("Company threshold for private-sector recipients"),
        )
        YEARLY_CAP = policy.RuleCode.YEARLY_CAP.value, _("Yearly total per recipient")
        OPEN_TENDER = (
            policy.RuleCode.OPEN_TENDER.value,
            _("Gifts during an open tender are flagged"),
        )
        CASH_EQUIVALENT = (
            policy.RuleCode.CASH_EQUIVALENT.value,
            _("Cash and cash equivalents to anyone need Compliance approval"),
        )

    code = models.CharField(_("rule"), max_length=32, choices=Code.choices)
    is_active = models.BooleanField(_("active"), default=True)
    threshold_idr = models.PositiveBigIntegerField(_("threshold (IDR)"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("working days"), null=True, blank=True)
    legal_source = models.TextField(_("legal source"))
    effective_from = models.DateField(_("effective from"))
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["code", "-effective_from"]
        verbose_name = _("policy rule")
        verbose_name_plural = _("policy rules")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_from"], name="gifts_policyrule_one_per_code_and_date"
            ),
            models.CheckConstraint(
                condition=~models.Q(code__in=[str(code) for code in policy.LEGAL_RULES])
                | models.Q(is_active=True),
                name="gifts_policyrule_legal_rules_stay_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({self.effective_from:%Y-%m-%d})"

    @property
    def is_legal(self) -> bool:
        """A rule that carries the law: it cannot be switched off or deleted."""
        return self.code in {str(code) for code in policy.LEGAL_RULES}

    def clean(self) -> None:
        if self.is_legal and not self.is_active:
            raise ValidationError(
                {"is_active": _("This rule carries the law: it cannot be switched off.")}
            )
        needs_threshold = {
            self.Code.BURDEN_OF_PROOF,
            self.Code.CEREMONY_EXEMPTION,
            self.Code.PRIVATE_THRESHOLD,
            self.Code.YEARLY_CAP,
        }
        if self.code in needs_threshold and self.threshold_idr is None:
            raise ValidationError({"threshold_idr": _("This rule needs a threshold in IDR.")})
        if self.code == self.Code.KPK_REPORT and not self.working_days:
            raise ValidationError({"working_days": _("This rule needs a number of working days.")})


class CollectiveLeaveDay(models.Model):
    """A collective leave day (cuti bersama): not a working day for reporting deadlines."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("collective leave day")
        verbose_name_plural = _("collective leave days")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class GestureIdea(models.Model):
    """A catalogue entry: for someone interested in `topic`, this gesture, at about this value."""

    topic = models.CharField(_("topic"), max_length=120, db_index=True)
    idea = models.CharField(_("idea"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=16, choices=GiftKind.choices, default=GiftKind.GOODS
    )
    typical_min_idr = models.PositiveBigIntegerField(_("typical value from (IDR)"))
    typical_max_idr = models.PositiveBigIntegerField(_("typical value up to (IDR)"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["topic", "typical_min_idr"]
        verbose_name = _("gesture idea")
        verbose_name_plural = _("gesture ideas")
        constraints = [
            models.UniqueConstraint(fields=["topic", "idea"], name="gifts_gestureidea_unique"),
            models.CheckConstraint(
                condition=models.Q(typical_max_idr__gte=models.F("typical_min_idr")),
                name="gifts_gestureidea_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic}: {self.idea}"

    def clean(self) -> None:
        self.topic = self.topic.strip().lower()
        if (
            self.typical_min_idr is not None
            and self.typical_max_idr is not None
            and self.typical_max_idr < self.typical_min_idr
        ):
            raise ValidationError(
                {"typical_max_idr": _("The upper value is below the lower value.")}
            )


class OpenTender(models.Model):
    """A tender we take part in with an organization; gifts to its people meanwhile are flagged."""

    organization = models.ForeignKey(
        "people.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="open_tenders",
    )
    name = models.CharField(_("name"), max_length=200)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["-start"]
        verbose_name = _("open tender")
        verbose_name_plural = _("open tenders")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="gifts_opentender_dates"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organization})"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date is before the start date.")})
