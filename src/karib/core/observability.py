"""What an operator sees: the request context in every log line and Prometheus metrics.

Logs carry the request id (from nginx's X-Request-ID or a new one) and the numeric user id of
the request being served, never a name, e-mail or query string. Metrics add to django-prometheus
(request latency by view, database and cache figures) Karib's own: task queue depth, failed and
parked jobs, the oldest queued job's age, and import throughput that any app counts with
`imported_rows_count(kind=..., rows=...)`.
"""

from __future__ import annotations

import contextvars
import logging
import os
from collections.abc import Iterator

from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
user_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("user_id", default="-")


class RequestContextFilter(logging.Filter):
    """Adds `request_id` and `user_id` to every record (`-` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.user_id = user_id_var.get()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            # Django's request log passes the request, whose text has the query string.
            record.request = f"{request.method} {request.path}"
        return True


IMPORTED_ROWS = Counter(
    "karib_imported_rows",
    "Rows imported (people, conversations, ...), by kind; rate() gives the throughput.",
    ["kind"],
)
IMPORT_SECONDS = Counter(
    "karib_import_seconds",
    "Seconds spent importing, by kind (rows / seconds is the mean throughput).",
    ["kind"],
)


def imported_rows_count(*, kind: str, rows: int, seconds: float = 0.0) -> None:
    """Count `rows` imported of `kind` (e.g. "people", "conversations") in `seconds`."""
    IMPORTED_ROWS.labels(kind=kind).inc(rows)
    if seconds:
        IMPORT_SECONDS.labels(kind=kind).inc(seconds)


class TaskQueueCollector(Collector):
    """Task queue figures read from the database at scrape time (one query per figure)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from karib.ops.selectors import queue_figures

        try:
            figures = queue_figures()
        except Exception:  # a scrape never fails because the database is down
            logging.getLogger(__name__).warning("task queue figures unavailable", exc_info=True)
            return
        depth = GaugeMetricFamily(
            "karib_task_queue_depth", "Jobs waiting to run, by queue.", labels=["queue"]
        )
        for queue, count in sorted(figures.ready_by_queue.items()):
            depth.add_metric([queue], count)
        yield depth
        yield GaugeMetricFamily(
            "karib_task_oldest_ready_age_seconds",
            "Age of the oldest job waiting to run (0 when none waits).",
            value=figures.oldest_ready_age_seconds,
        )
        yield GaugeMetricFamily(
            "karib_tasks_failed",
            "Failed job attempts kept in the queue table.",
            value=figures.failed,
        )
        yield GaugeMetricFamily(
            "karib_tasks_parked",
            "Jobs that failed every attempt and wait for an admin.",
            value=figures.parked,
        )


def metrics_registry() -> CollectorRegistry:
    """The registry to expose: every gunicorn worker's figures when running multi-process."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return registry
    return REGISTRY


LOOPBACK = ("127.", "::1")


def metrics_view(request: HttpRequest) -> HttpResponse:
    """Prometheus text format, for a scraper on this machine (deploy/'s nginx also answers
    /metrics on loopback only) or a logged-in admin; everyone else gets a 404."""
    from .middleware import client_ip
    from .roles import is_admin

    if not (client_ip(request).startswith(LOOPBACK) or is_admin(request.user)):
        raise Http404
    registry = metrics_registry()
    body = generate_latest(registry)
    queue = CollectorRegistry()
    queue.register(TaskQueueCollector())
    body += generate_latest(queue)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
