"""Contact and chat imports on their way in: uploaded files, remembered column mappings, chat
days and the facts suggested from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .directory import Organization, Person
from .records import Interaction, PersonalFact


class ContactImport(models.Model):
    """An uploaded contacts file on its way through the import: mapped, checked by a dry run
    (a background task for a large file, its result kept in ``preview``), written by a
    background task (``done`` of ``total`` for the progress bar), reported.

    uploaded → plan_queued → planning → planned (→ plan_queued again with other columns)
    → queued → running → done | failed. While planning, ``done`` counts the contacts checked.
    """

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("uploaded")
        PLAN_QUEUED = "plan_queued", _("dry run queued")
        PLANNING = "planning", _("dry run in progress")
        PLANNED = "planned", _("dry run ready")
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    #: The uploaded file in the file storage, read as a stream by the dry run and the import;
    #: deleted once the import is done or failed, or the upload purged (it holds personal
    #: data). Under MEDIA_ROOT, so ``karib backup`` keeps it with the row.
    upload = models.FileField(_("uploaded file"), upload_to="people/imports/", blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    default_organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.UPLOADED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    # The dry run as its page shows it (the first rows, the counts): kept until the import.
    preview = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Last sign of life of its dry run or import (queued, claimed, a chunk checked or
    #: written); one silent for too long stopped (a worker died) and may be started again.
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: Which run of the dry run or import may write: set afresh by each claim and each retry.
    #: A run whose token was replaced (it looked stopped and was started again, yet was alive)
    #: stops at its next chunk without writing more (ADR 0017).
    run_token = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact import")
        verbose_name_plural = _("contact imports")

    def __str__(self) -> str:
        return self.file_name


class ImportColumnMapping(models.Model):
    """The column mapping a team last used for a CSV header, offered again next time."""

    team = models.ForeignKey("core.Team", on_delete=models.CASCADE, related_name="+")
    header_key = models.CharField(max_length=500)
    mapping = models.JSONField(default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "header_key"], name="import_mapping_per_team")
        ]

    def __str__(self) -> str:
        return self.header_key[:80]


class ChatUpload(models.Model):
    """A WhatsApp chat export uploaded onto a person, waiting while its rep says which speaker
    is the customer or how its dates read. In the file storage, where the erasure reads it
    (the session, encoded, keeps only this row's id); its uploader's alone; deleted once the
    chat is imported or the upload cancelled, and by the daily purge after a day (ADR 0017)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    upload = models.FileField(_("uploaded file"), upload_to="people/chats/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("chat upload")
        verbose_name_plural = _("chat uploads")

    def __str__(self) -> str:
        return self.file_name


class ChatDay(models.Model):
    """A day of a WhatsApp chat imported onto a person, and the interaction it became, so a
    longer export of the same chat adds only the days not imported yet."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="chat_days")
    day = models.DateField()
    interaction = models.ForeignKey(
        Interaction, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    messages = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "day"], name="chat_day_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.day}"


class SuggestedFact(models.Model):
    """Something a chat suggests about a person (a birthday, a child, a hobby), waiting for
    the rep: confirmed it becomes a personal fact whose source is the message; rejected it
    stays rejected. Nothing about the person is stored without that confirmation."""

    class Status(models.TextChoices):
        PENDING = "pending", _("to review")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="suggested_facts")
    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, null=True, related_name="+"
    )
    category = models.CharField(max_length=16, choices=PersonalFact.Category.choices)
    text = models.CharField(_("suggestion"), max_length=255)
    message = models.TextField(_("message"))
    speaker = models.CharField(max_length=120)
    said_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    fact = models.ForeignKey(
        PersonalFact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["said_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "said_at", "text"], name="suggested_fact_once"
            )
        ]

    def __str__(self) -> str:
        return self.text
