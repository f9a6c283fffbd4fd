"""Parked jobs for admins: what failed, how often, the last error; retry now or resolve."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from . import services
from .models import TaskAttempt


class ParkedFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:  # type: ignore[type-arg]
        return [("parked", str(_("Parked"))), ("retrying", str(_("Being retried")))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[TaskAttempt]
    ) -> QuerySet[TaskAttempt]:
        if self.value() == "parked":
            return queryset.filter(parked_at__isnull=False, resolved_at__isnull=True)
        if self.value() == "retrying":
            return queryset.filter(parked_at__isnull=True)
        return queryset


@admin.register(TaskAttempt)
class TaskAttemptAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "task_path",
        "attempt",
        "exception_class_path",
        "parked_at",
        "resolved_at",
        "result_link",
    )
    list_filter = (ParkedFilter, "task_path")
    actions = ("retry_now", "mark_resolved")
    readonly_fields = [field.name for field in TaskAttempt._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # a parked job is retried or resolved, never erased

    @admin.display(description=_("task result"))
    def result_link(self, obj: TaskAttempt) -> str:
        meta = DBTaskResult._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.result_id])
        return format_html('<a href="{}">{}</a>', url, str(obj.result_id)[:8])

    @admin.action(description=_("Retry the selected parked jobs now"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[TaskAttempt]) -> None:
        parked = list(queryset.filter(parked_at__isnull=False, resolved_at__isnull=True))
        for attempt in parked:
            services.task_attempt_retry_now(parked=attempt)
        self.message_user(
            request,
            ngettext("%(count)d job enqueued again.", "%(count)d jobs enqueued again.", len(parked))
            % {"count": len(parked)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark the selected parked jobs as resolved"))
    def mark_resolved(self, request: HttpRequest, queryset: QuerySet[TaskAttempt]) -> None:
        parked = list(queryset.filter(parked_at__isnull=False, resolved_at__isnull=True))
        for attempt in parked:
            services.task_attempt_resolve(parked=attempt)
        self.message_user(
            request,
            ngettext("%(count)d job resolved.", "%(count)d jobs resolved.", len(parked))
            % {"count": len(parked)},
        )
