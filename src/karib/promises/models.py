"""Projects and the promises made to customers during them, with every status change kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .querysets import ProjectQuerySet, PromiseQuerySet, PromiseStatusChangeQuerySet


class Project(models.Model):
    """The work promises belong to (kept small on purpose)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    name = models.CharField(_("name"), max_length=200)
    organization = models.ForeignKey(
        "people.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="promises_project_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PromiseStatus(models.TextChoices):
    OPEN = "open", _("open")
    AT_RISK = "at_risk", _("at risk")
    RENEGOTIATED = "renegotiated", _("renegotiated")
    KEPT = "kept", _("kept")
    BROKEN = "broken", _("broken")
    WITHDRAWN = "withdrawn", _("withdrawn")


#: Statuses in which a promise is still owed to the customer (it can become overdue).
PENDING_STATUSES = (PromiseStatus.OPEN, PromiseStatus.AT_RISK, PromiseStatus.RENEGOTIATED)


class Promise(models.Model):
    """What we promised a customer: to whom, by whom, when, in which interaction, by when."""

    Status = PromiseStatus

    text = models.TextField(_("what was promised"))
    organization = models.ForeignKey(
        "people.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="promises",
    )
    people = models.ManyToManyField(
        "people.Person", verbose_name=_("promised to"), related_name="promises", blank=True
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("promised by"),
        on_delete=models.PROTECT,
        related_name="promises_made",
    )
    made_on = models.DateField(_("promised on"))
    interaction = models.ForeignKey(
        "people.Interaction",
        verbose_name=_("promised in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promises",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promises",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PromiseStatus.choices, default=PromiseStatus.OPEN
    )
    status_changed_at = models.DateTimeField(_("status changed at"))

    # The terms as first agreed; `text` and `due_date` hold the current (renegotiated) terms.
    original_text = models.TextField(_("original terms"), blank=True)
    original_due_date = models.DateField(_("original due date"), null=True, blank=True)

    # Communication plan, required to move to "at risk".
    at_risk_since = models.DateTimeField(_("at risk since"), null=True, blank=True)
    communication_message = models.TextField(_("what we will tell the customer"), blank=True)
    communication_due = models.DateField(_("tell them by"), null=True, blank=True)
    communication_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who tells them"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promise_communications",
    )

    kept_on = models.DateField(_("kept on"), null=True, blank=True)
    broken_at = models.DateTimeField(_("broken at"), null=True, blank=True)

    # Withdrawal needs the customer's agreement, recorded.
    customer_agreement = models.TextField(_("customer's agreement"), blank=True)
    agreed_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("agreed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Optimistic locking: every write bumps it; a form or API call that read an older version
    # is refused with a conflict naming who changed it and when (nothing is overwritten).
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PromiseQuerySet.as_manager()

    class Meta:
        ordering = [models.F("due_date").asc(nulls_first=True), "pk"]
        verbose_name = _("promise")
        verbose_name_plural = _("promises")
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["made_by", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="at_risk")
                | (
                    ~models.Q(communication_message="")
                    & models.Q(communication_due__isnull=False)
                    & models.Q(communication_owner__isnull=False)
                    & models.Q(at_risk_since__isnull=False)
                ),
                name="promises_promise_at_risk_has_plan",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="kept") | models.Q(kept_on__isnull=False),
                name="promises_promise_kept_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="broken") | models.Q(broken_at__isnull=False),
                name="promises_promise_broken_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="withdrawn") | ~models.Q(customer_agreement=""),
                name="promises_promise_withdrawn_has_agreement",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def has_due_date(self) -> bool:
        return self.due_date is not None

    @property
    def was_renegotiated(self) -> bool:
        return bool(self.original_text) or self.original_due_date is not None


class PromiseStatusChange(models.Model):
    """One dated entry of a promise's history: the move, why, who, and the terms around it."""

    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(
        _("from"), max_length=12, choices=PromiseStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=PromiseStatus.choices)
    reason = models.TextField(_("why"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("at"))
    old_text = models.TextField(_("old terms"), blank=True)
    new_text = models.TextField(_("new terms"), blank=True)
    old_due_date = models.DateField(_("old due date"), null=True, blank=True)
    new_due_date = models.DateField(_("new due date"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PromiseStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("promise status change")
        verbose_name_plural = _("promise history")
        indexes = [models.Index(fields=["promise", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.promise_id}: {self.from_status or '∅'} → {self.to_status}"
