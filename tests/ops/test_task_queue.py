"""Task workers at scale: retries with backoff, parking, and no job run twice by two workers."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from karib.ops.models import TaskAttempt
from karib.ops.selectors import queue_figures
from karib.ops.services import retry_delay, task_attempt_retry_now
from tests.factories import UserFactory

from .jobs import always_fails, record_run

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run_worker_batch(monkeypatch):
    """A worker in this process, on the test's connection (a real worker closes stale
    connections between jobs; here that would close the test's transaction)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return _run_worker_batch


def _run_worker_batch() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


@pytest.mark.django_db
@override_settings(
    TASKS=DATABASE_QUEUE, KARIB_TASK_MAX_ATTEMPTS=3, KARIB_TASK_RETRY_BASE_SECONDS=30
)
def test_a_failed_job_is_retried_later_with_a_growing_wait(run_worker_batch):
    # given a job that fails
    always_fails.enqueue("backoff")
    # when a worker runs what is due
    started = timezone.now()
    run_worker_batch()
    # then the same call waits in the queue for its second attempt, 30 s later
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.task_path == "tests.ops.jobs.always_fails"
    assert retry.args_kwargs["args"] == ["backoff"]
    assert timedelta(seconds=29) <= retry.run_after - started <= timedelta(seconds=40)
    assert TaskAttempt.objects.get(result_id=retry.id).attempt == 2
    # and the waits double
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE, KARIB_TASK_MAX_ATTEMPTS=3, KARIB_TASK_RETRY_BASE_SECONDS=0)
def test_a_job_that_keeps_failing_is_parked_and_shown_to_admins(client_for, run_worker_batch):
    # given a job that always fails, retried without waiting
    always_fails.enqueue("parked")
    # when workers run until nothing is due
    run_worker_batch()
    # then it ran exactly three times and is parked, not retried again
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 3
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    parked = TaskAttempt.objects.get(parked_at__isnull=False)
    assert parked.attempt == 3
    assert parked.exception_class_path == "builtins.RuntimeError"
    assert queue_figures().parked == 1
    # and admins see it in the parked list
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    page = client_for(admin).get("/admin/ops/taskattempt/?state=parked")
    assert page.status_code == 200
    assert "tests.ops.jobs.always_fails" in page.content.decode()
    # when an admin retries it, a new chain starts and it leaves the parked list
    task_attempt_retry_now(parked=parked)
    assert queue_figures().parked == 0
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="two worker processes need a server database (SQLite runs one writer at a time)",
)
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_two_worker_processes_never_run_the_same_job_twice(tmp_path):
    # given 60 jobs in the queue
    log = tmp_path / "runs.log"
    for job in range(60):
        record_run.enqueue(str(log), job)
    # when two real worker processes drain it at the same time
    database = settings.DATABASES["default"]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "karib.settings.base",
        "DATABASE_URL": os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + database["NAME"],
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "PYTHONPATH": str(ROOT),
    }
    connection.close()
    workers = [
        subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
            [
                sys.executable,
                "-m",
                "karib.cli",
                "manage",
                "db_worker",
                "--batch",
                "--interval",
                "0",
                "--no-startup-delay",
                "--worker-id",
                f"test-worker-{number}",
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for number in (1, 2)
    ]
    outputs = [worker.communicate(timeout=240)[0].decode() for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs
    # then every job ran exactly once, and both workers took part
    runs = log.read_text(encoding="utf-8").split()
    jobs = [int(job) for job in runs[0::2]]
    assert sorted(jobs) == list(range(60))
    assert len(set(runs[1::2])) == 2
    claimed = DBTaskResult.objects.values_list("worker_ids", flat=True)
    assert all(len(ids) == 1 for ids in claimed)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 60
