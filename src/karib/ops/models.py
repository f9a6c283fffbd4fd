"""One row per retried or parked job attempt of the database task queue (django-tasks-db).

django-tasks-db runs a job once and records FAILED; it neither retries nor tells a job that
keeps failing from one that failed once. A `TaskAttempt` row links an attempt (a
`DBTaskResult`) to the first attempt of its job, with its number, and says when the job was
parked: after `KARIB_TASK_MAX_ATTEMPTS` failures it is not retried again until an admin does.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskAttempt(models.Model):
    result_id = models.UUIDField(_("task result"), unique=True)
    first_result_id = models.UUIDField(_("first attempt"), db_index=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    task_path = models.CharField(_("task"), max_length=255)
    exception_class_path = models.CharField(_("error"), max_length=255, blank=True)
    parked_at = models.DateTimeField(_("parked at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("task attempt")
        verbose_name_plural = _("task attempts")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["parked_at"],
                name="ops_attempt_parked_idx",
                condition=models.Q(parked_at__isnull=False, resolved_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_path} #{self.attempt}"

    @property
    def is_parked(self) -> bool:
        return self.parked_at is not None and self.resolved_at is None
