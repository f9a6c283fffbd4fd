"""Downloads: the conversation list as CSV, and reviewer verdicts as labelled data (CSV or
JSONL) for the next engine version. Both are scoped like the pages; spreadsheet formulas are
neutralised; transcript text goes through the engine's redaction when it has one."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.utils import timezone

from karib.core.filtering import filterset_for_page
from karib.core.spreadsheets import spreadsheet_safe
from karib.core.types import AuthenticatedHttpRequest

from . import selectors, services
from .filters import ConversationFilter
from .imports.redaction import redact_text

CONVERSATION_COLUMNS = [
    "id",
    "conversation_id",
    "team",
    "agent",
    "channel",
    "product",
    "started_at",
    "score",
    "risk",
    "tone_shift",
    "pushes_after_refusal",
    "customer_cut_off",
    "breaks_playbook",
    "findings",
]
VERDICT_COLUMNS = ["conversation_id", "finding_code", "verdict", "turn", "text", "engine_version"]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _download(rows: Iterator[str], *, name: str, content_type: str) -> StreamingHttpResponse:
    """A streamed download named `<stem>-<today>.<extension>` from `name`."""
    response = StreamingHttpResponse(rows, content_type=f"{content_type}; charset=utf-8")
    stem, _dot, extension = name.partition(".")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.{extension}"'
    return response


@login_required
def conversation_export_view(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    """CSV of the conversations the user may see, with the current filters (the page's
    `ConversationFilter`: an invalid filter exports nothing, never everything)."""
    _filterset, conversations = filterset_for_page(
        ConversationFilter,
        request.GET,
        selectors.conversations_visible(user=request.user),
        user=request.user,
    )
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(CONVERSATION_COLUMNS)
        for c in conversations.iterator(chunk_size=500):
            analysis = getattr(c, "analysis", None)
            cells: list[Any] = [
                c.pk,
                c.external_id,
                c.team.name,
                c.agent.username if c.agent else c.agent_name,
                c.channel,
                c.product,
                c.started_at.isoformat(),
            ]
            if analysis is not None:
                cells += [
                    analysis.score,
                    analysis.risk,
                    analysis.tone_shift,
                    analysis.pushes_after_refusal,
                    analysis.customer_cut_off,
                    analysis.breaks_playbook,
                ]
            else:
                cells += [""] * 6
            cells.append(" ".join(f.code for f in selectors.shown_findings(c)))
            yield writer.writerow([spreadsheet_safe(cell) for cell in cells])

    return _download(rows(), name="conversations.csv", content_type="text/csv")


def verdict_records(request: AuthenticatedHttpRequest) -> Iterator[dict[str, Any]]:
    for row in selectors.verdict_rows(user=request.user):
        yield {
            "conversation_id": row.conversation_id,
            "finding_code": row.finding_code,
            "verdict": row.verdict,
            "turn": row.turn,
            "text": redact_text(row.text).text,
            "engine_version": row.engine_version,  # the engine whose finding was judged
        }


@login_required
def verdict_export_view(request: AuthenticatedHttpRequest, fmt: str) -> StreamingHttpResponse:
    """Reviewer verdicts per finding and turn, as CSV or JSONL (QA reviewers, managers and
    admins; the conversations they may see)."""
    if not services.can_import(request.user):
        raise PermissionDenied
    if fmt == "jsonl":

        def lines() -> Iterator[str]:
            for record in verdict_records(request):
                yield json.dumps(record, ensure_ascii=False) + "\n"

        return _download(lines(), name="verdicts.jsonl", content_type="application/x-ndjson")
    if fmt != "csv":
        raise Http404
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(VERDICT_COLUMNS)
        for record in verdict_records(request):
            yield writer.writerow([spreadsheet_safe(record[c]) for c in VERDICT_COLUMNS])

    return _download(rows(), name="verdicts.csv", content_type="text/csv")
