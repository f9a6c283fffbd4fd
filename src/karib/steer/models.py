"""Next best actions and recovery plans: what Karib asks each user to do, and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .querysets import NextActionQuerySet, RecoveryPlanQuerySet


class ActionKind(models.TextChoices):
    TELL_CUSTOMER = "tell_customer", _("Tell the customer about a promise")
    OWN_UP = "own_up", _("Own up to a silent break")
    ASSIGN_ENVOY = "assign_envoy", _("Send an envoy")
    START_RECOVERY = "start_recovery", _("Start a recovery plan")
    INFORMAL_MEETING = "informal_meeting", _("Plan an informal meeting")
    IMPORTANT_DATE = "important_date", _("Greet on an important date")
    REACH_OUT = "reach_out", _("Reach out")
    KPK_REPORT = "kpk_report", _("Record the KPK report")
    GIFT_DECIDED = "gift_decided", _("A gift was decided")
    CONVERSATION_FOLLOW_UP = "conversation_follow_up", _("Follow up a flagged conversation")
    REVIEW_RESPOND = "review_respond", _("Read and respond to a review")
    DISPUTE_ANSWER = "dispute_answer", _("Answer a dispute")


KIND_LABELS = dict(ActionKind.choices)


class NextAction(models.Model):
    """One thing one user should do, generated from the state of the data.

    `dedupe_key` identifies the cause (e.g. the promise and the state it is in): generating
    again never duplicates an action, and an action whose cause is gone closes by itself
    (`Status.RESOLVED`). `reason_code` and `reason_params` are translated when shown.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        SNOOZED = "snoozed", _("snoozed")
        DISMISSED = "dismissed", _("dismissed")
        RESOLVED = "resolved", _("resolved by itself")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("for"),
        on_delete=models.CASCADE,
        related_name="next_actions",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=ActionKind.choices)
    reason_code = models.CharField(_("reason"), max_length=40)
    reason_params = models.JSONField(_("reason values"), default=dict, blank=True)
    #: the health driver the action improves (person or organization driver codes)
    driver = models.CharField(_("driver"), max_length=24, blank=True)
    urgency = models.PositiveSmallIntegerField(_("urgency"), default=3)
    impact = models.PositiveSmallIntegerField(_("impact"), default=3)
    score = models.PositiveSmallIntegerField(_("priority"), default=9, db_index=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        "people.Organization", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    promise = models.ForeignKey(
        "promises.Promise", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    gift = models.ForeignKey(
        "gifts.Gift", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    conversation = models.ForeignKey(
        "service.Conversation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    snoozed_until = models.DateField(_("snoozed until"), null=True, blank=True)
    dismiss_reason = models.TextField(_("why dismissed"), blank=True)
    acted_at = models.DateTimeField(_("acted on at"), null=True, blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acted on by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NextActionQuerySet.as_manager()

    class Meta:
        ordering = ["-score", models.F("due_on").asc(nulls_last=True), "pk"]
        verbose_name = _("next action")
        verbose_name_plural = _("next actions")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "dedupe_key"], name="steer_nextaction_unique_key_per_owner"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="snoozed") | models.Q(snoozed_until__isnull=False),
                name="steer_nextaction_snoozed_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="dismissed") | ~models.Q(dismiss_reason=""),
                name="steer_nextaction_dismissed_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "-score"]),
            models.Index(fields=["status", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.owner_id})"

    @cached_property
    def reason(self) -> str:
        from .reasons import reason_text

        return reason_text(self.reason_code, self.reason_params)

    @cached_property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @cached_property
    def subject(self) -> str:
        subject = self.person or self.organization
        return str(subject) if subject is not None else ""

    @property
    def is_actionable(self) -> bool:
        return self.status in {self.Status.OPEN, self.Status.SNOOZED}


class RecoveryStepCode(models.TextChoices):
    DIAGNOSE = "diagnose", _("Diagnose: open and broken promises, attitude history")
    ENVOY = "envoy", _("Send an envoy")
    INFORMAL_MEETING = "informal_meeting", _("An informal meeting where they see the work")
    LISTEN = "listen", _("Listen and record what they care about")
    SETTLE_PROMISES = "settle_promises", _("Settle the promises")
    GESTURE = "gesture", _("A lawful gesture")
    FOLLOW_UP = "follow_up", _("Follow up")


#: The steps of every plan, in the order of the first story.
RECOVERY_STEPS = tuple(RecoveryStepCode)


class RecoveryPlan(models.Model):
    """A guided checklist to win back a blocked relationship (refuses to meet the owner, or a
    skeptic or blocker with high influence)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("in progress")
        COMPLETED = "completed", _("completed")
        ABANDONED = "abandoned", _("abandoned")

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="recovery_plans",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="recovery_plans",
    )
    started_on = models.DateField(_("started on"))
    #: the day the trouble began (refusal or attitude change); steps count evidence from then
    since = models.DateField(_("trouble since"))
    target_on = models.DateField(_("aim to finish by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RecoveryPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("recovery plan")
        verbose_name_plural = _("recovery plans")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="active"),
                name="steer_recoveryplan_one_active_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.started_on:%Y-%m-%d})"


class RecoveryStep(models.Model):
    plan = models.ForeignKey(RecoveryPlan, on_delete=models.CASCADE, related_name="steps")
    code = models.CharField(_("step"), max_length=20, choices=RecoveryStepCode.choices)
    position = models.PositiveSmallIntegerField(default=0)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    #: who ticked it by hand; empty when the data showed it done
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ticked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_automatic = models.BooleanField(_("shown done by the data"), default=False)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("recovery step")
        verbose_name_plural = _("recovery steps")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="steer_recoverystep_unique")
        ]

    def __str__(self) -> str:
        return str(self.get_code_display())

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
