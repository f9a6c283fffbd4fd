"""Imported conversations and what the engine found in them: the team's settings, import
batches and files, conversations, their analyses and findings."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import ConversationQuerySet, ImportBatchQuerySet


class Channel(models.TextChoices):
    PHONE = "phone", _("phone")
    CHAT = "chat", _("chat")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("email")


class Product(models.TextChoices):
    CREDIT_CARD = "credit_card", _("credit card")
    LOAN = "loan", _("loan")
    SUBSCRIPTION = "subscription", _("subscription")
    OTHER = "other", _("other")


class FindingCode(models.TextChoices):
    """Labels of the finding codes known to this version of the app. Which codes exist is the
    engine's registry (`findings.finding_codes()`), plus the playbook breach the app adds; a
    test proves every one of them has a label here."""

    PUSH_AFTER_REFUSAL = "push_after_refusal", _("push after refusal")
    TONE_SHIFT = "tone_shift", _("tone shift")
    NO_COURTEOUS_CLOSURE = "no_courteous_closure", _("no courteous closure")
    CUSTOMER_CUT_OFF = "customer_cut_off", _("cut off")
    CURT_LANGUAGE = "curt_language", _("curt language")
    PLAYBOOK_BREACH = "playbook_breach", _("breaks the cancellation playbook")


class ServiceSettings(models.Model):
    """A team's QA settings: which findings are shown and whether imports are redacted."""

    team = models.OneToOneField(
        "core.Team",
        verbose_name=_("team"),
        on_delete=models.CASCADE,
        related_name="service_settings",
    )
    min_confidence = models.DecimalField(
        _("hide findings below this confidence"),
        max_digits=3,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 shows every finding; 0.8 hides findings the engine is less sure of."),
    )
    redact_on_import = models.BooleanField(
        _("remove personal data from imported transcripts"), default=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("QA settings")
        verbose_name_plural = _("QA settings")

    def __str__(self) -> str:
        return str(self.team)


class JobClaim(models.Model):
    """A named piece of background work claimed until `claimed_until`: one row per key, taken
    with a row lock, so web processes and workers agree on who queues it (no per-process
    state)."""

    key = models.CharField(max_length=100, unique=True)
    claimed_until = models.DateTimeField()

    class Meta:
        verbose_name = _("job claim")
        verbose_name_plural = _("job claims")

    def __str__(self) -> str:
        return self.key


class CancellationPlaybook(models.Model):
    """A team's rules for cancellation calls; agents can read it."""

    team = models.OneToOneField(
        "core.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="playbook"
    )
    max_offers_after_refusal = models.PositiveSmallIntegerField(
        _("retention offers allowed after a clear refusal"),
        default=1,
        validators=[MaxValueValidator(10)],
    )
    requires_courteous_closure = models.BooleanField(_("courteous closure required"), default=True)
    required_closure = models.TextField(
        _("required closure"),
        blank=True,
        help_text=_("What the agent must say at the end, e.g. thanks and good wishes."),
    )
    guidance = models.TextField(_("guidance for agents"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("cancellation playbook")
        verbose_name_plural = _("cancellation playbooks")

    def __str__(self) -> str:
        return str(self.team)


class ImportBatch(models.Model):
    """One upload of one or many files, processed inline or by a background task."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        NEEDS_ROLES = "needs_roles", _("speakers to map")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    team = models.ForeignKey(
        "core.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    product = models.CharField(_("product"), max_length=16, choices=Product.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    files_total = models.PositiveIntegerField(_("files"), default=0)
    files_done = models.PositiveIntegerField(_("files processed"), default=0)
    imported_count = models.PositiveIntegerField(_("imported"), default=0)
    duplicate_count = models.PositiveIntegerField(_("duplicates skipped"), default=0)
    failed_count = models.PositiveIntegerField(_("files rejected"), default=0)
    current_file_total = models.PositiveIntegerField(
        _("conversations in the current file"), default=0
    )
    current_file_analysed = models.PositiveIntegerField(
        _("analysed in the current file"), default=0
    )
    report = models.JSONField(_("report"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    #: Last sign of life of the run (progress, claim); a run silent for too long is stale.
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"#{self.pk} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        """Progress: files done, refined by the conversations analysed in the current file."""
        if self.is_finished:
            return 100
        if not self.files_total:
            return 0
        current = 0.0
        if self.current_file_total:
            current = min(1.0, self.current_file_analysed / self.current_file_total)
        return min(99, round(100 * (self.files_done + current) / self.files_total))

    @property
    def is_finished(self) -> bool:
        """A terminal state for the progress bar (polling stops); needs-roles waits on a person."""
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.NEEDS_ROLES}


class ImportFile(models.Model):
    """One uploaded file of a batch, kept in the file storage (`upload`) until it is imported
    and read from there as a stream; its bytes are dropped once it is imported."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("importing")
        NEEDS_ROLES = "needs_roles", _("speakers to map")
        NEEDS_DATE_ORDER = "needs_dates", _("date order to choose")
        IMPORTED = "imported", _("imported")
        REJECTED = "rejected", _("rejected")

    class DateOrder(models.TextChoices):
        DAY_FIRST = "dmy", _("day first (31/12/2024)")
        MONTH_FIRST = "mdy", _("month first (12/31/2024)")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("file"), max_length=255)
    upload = models.FileField(_("uploaded file"), upload_to="service/imports/", blank=True)
    #: The bytes of a file uploaded before uploads went to the file storage (read if present).
    content = models.BinaryField(default=b"", blank=True)
    #: How the dates of a WhatsApp export read, as the importer chose when they were ambiguous.
    date_order = models.CharField(
        _("date order"), max_length=4, choices=DateOrder.choices, blank=True
    )
    size = models.PositiveIntegerField(_("size"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    speakers = models.JSONField(_("speakers"), default=list, blank=True)
    agent_speaker = models.CharField(_("agent is"), max_length=255, blank=True)
    #: Why the file was rejected or waits: a reason code and its values (`reasons.py`),
    #: translated when shown.
    error_code = models.CharField(_("error"), max_length=60, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    imported_count = models.PositiveIntegerField(_("imported"), default=0)
    duplicate_count = models.PositiveIntegerField(_("duplicates skipped"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")

    def __str__(self) -> str:
        return self.name


class Conversation(models.Model):
    """A customer conversation with its transcript (personal data: always scoped)."""

    external_id = models.CharField(_("conversation ID"), max_length=200)
    content_hash = models.CharField(max_length=64)
    team = models.ForeignKey(
        "core.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="+"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_conversations",
    )
    agent_name = models.CharField(_("agent in transcript"), max_length=120, blank=True)
    customer = models.ForeignKey(
        "people.Person",
        verbose_name=_("customer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_conversations",
    )
    customer_name = models.CharField(_("customer in transcript"), max_length=120, blank=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    product = models.CharField(_("product"), max_length=16, choices=Product.choices)
    started_at = models.DateTimeField(_("started at"))
    turns = models.JSONField(_("transcript"), default=list)
    #: The transcript's words as plain text (one turn a line) for search; kept with `turns`.
    transcript_text = models.TextField(_("transcript text"), blank=True, default="")
    #: Kinds of personal data removed from the transcript on import ("phone", "email", ...).
    redacted_kinds = models.JSONField(_("personal data removed"), default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "content_hash"], name="service_conversation_unique_content"
            )
        ]
        indexes = [
            models.Index(fields=["team", "-started_at"]),
            models.Index(fields=["agent", "-started_at"]),
        ]

    def __str__(self) -> str:
        return self.external_id


class Analysis(models.Model):
    """The engine's verdict on a conversation, with the engine version that produced it."""

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="analysis"
    )
    engine_version = models.CharField(_("engine version"), max_length=20)
    language = models.CharField(_("language"), max_length=8, blank=True)
    summary = models.JSONField(_("summary"), default=dict)
    turns = models.JSONField(_("turn analysis"), default=list)
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    risk = models.PositiveSmallIntegerField(_("risk"), default=0, db_index=True)
    tone_shift = models.BooleanField(_("tone shift"), default=False)
    pushes_after_refusal = models.PositiveSmallIntegerField(_("pushes after refusal"), default=0)
    customer_cut_off = models.BooleanField(_("cut off"), default=False)
    breaks_playbook = models.BooleanField(_("breaks the playbook"), default=False)
    analysed_at = models.DateTimeField(_("analysed at"), auto_now=True)

    class Meta:
        verbose_name = _("analysis")
        verbose_name_plural = _("analyses")

    def __str__(self) -> str:
        return f"{self.conversation} ({self.engine_version})"

    @property
    def is_flagged(self) -> bool:
        return self.tone_shift or self.customer_cut_off or self.breaks_playbook


class Finding(models.Model):
    """One finding of the analysis, with the words that show it."""

    class Severity(models.TextChoices):
        LOW = "low", _("low")
        MEDIUM = "medium", _("medium")
        HIGH = "high", _("high")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="findings"
    )
    #: An engine code (its registry) or `playbook_breach`; labels in `FindingCode`.
    code = models.CharField(_("finding"), max_length=40)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    turns = models.JSONField(_("turns"), default=list)
    evidence = models.JSONField(_("evidence"), default=list)
    #: The values of the explanation (`reasons.finding_explanation(code, params)` words it in
    #: the reader's language).
    params = models.JSONField(_("values"), default=dict, blank=True)
    confidence = models.FloatField(_("confidence"), default=1.0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "code"], name="service_finding_unique_code"
            )
        ]
        indexes = [models.Index(fields=["code", "conversation"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return finding_label(self.code)

    @property
    def explanation(self) -> str:
        """The explanation in the active language."""
        from ..reasons import finding_explanation

        return finding_explanation(self.code, self.params)


def finding_label(code: str) -> str:
    """The finding's name in the active language (the code itself if this app has no label)."""
    labels = dict(FindingCode.choices)
    return str(labels.get(code, code.replace("_", " ")))
