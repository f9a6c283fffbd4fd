"""Tasks the task-queue tests enqueue (importable by real worker processes too)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def always_fails(note: str) -> None:
    raise RuntimeError(f"this job always fails ({note})")


@task()
def record_run(log: str, job: int) -> int:
    """Append one line per run: a job run twice shows up twice."""
    time.sleep(0.05)
    with Path(log).open("a", encoding="utf-8") as handle:
        handle.write(f"{job} {os.getpid()}\n")
    return job
