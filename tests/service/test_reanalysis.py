"""A newer engine: outdated analyses are redone in the background, queued by the write that
finds them (an import) or the daily job, once whatever the number of processes."""

from __future__ import annotations

import datetime
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from karib import tone
from karib.core.roles import Role
from karib.core.services import api_token_create
from karib.service import services
from karib.service.models import Analysis, Conversation, Finding, JobClaim, Review
from karib.service.tasks import reanalyse_outdated_task
from tests.factories import UserFactory

from .factories import (
    PUSHY_ID,
    agent_user,
    conversation_from_text,
    import_files,
    jsonl_line,
    service_team,
)

pytestmark = pytest.mark.django_db


def test_analysing_twice_keeps_the_current_analysis(team):
    # given an analysed conversation
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agent_user(team))
    first = Analysis.objects.get()

    # when it is analysed again (a second task run)
    again = services.conversation_analyse(conversation=conversation)

    # then the current analysis is kept (no duplicate row, no crash); force redoes it
    assert again.pk == first.pk
    assert Analysis.objects.count() == 1
    redone = services.conversation_analyse(conversation=conversation, force=True)
    assert redone.pk != first.pk
    assert Analysis.objects.count() == 1


def test_outdated_analyses_are_redone_with_the_current_engine(known_set):
    # given an analysis by an older engine, with a stale finding, and a reviewer's review
    _team, _agus, lina, pushy = known_set
    Analysis.objects.filter(conversation=pushy).update(engine_version="0.0.1", score=1)
    Finding.objects.filter(conversation=pushy).delete()
    Finding.objects.create(
        conversation=pushy, code="curt_language", severity="low", params={"old": True}
    )
    services.review_save(
        conversation=pushy, verdicts={}, comment="Listened to it.", qa_score=40, by=lina
    )
    assert services.outdated_analysis_count() == 1

    # when the outdated analyses are redone
    count = services.conversations_reanalyse_outdated()

    # then the analysis and its findings are the current engine's, the review is kept
    assert count == 1
    analysis = Analysis.objects.get(conversation=pushy)
    assert analysis.engine_version == tone.ENGINE_VERSION
    assert analysis.score != 1
    codes = set(Finding.objects.filter(conversation=pushy).values_list("code", flat=True))
    assert "push_after_refusal" in codes
    assert "playbook_breach" in codes
    assert not Finding.objects.filter(conversation=pushy, params={"old": True}).exists()
    review = Review.objects.get(conversation=pushy)
    assert (review.reviewer, review.comment, review.qa_score) == (lina, "Listened to it.", 40)
    assert services.outdated_analysis_count() == 0


def test_reanalyse_command_queues_the_reanalysis_once(
    known_set, django_capture_on_commit_callbacks
):
    from io import StringIO

    from django.core.management import call_command

    _team, _agus, _lina, pushy = known_set
    Analysis.objects.filter(conversation=pushy).update(engine_version="0.9")
    first, second = StringIO(), StringIO()

    # when the command is run twice before the queued task has run
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("service_reanalyse", stdout=first)
        call_command("service_reanalyse", stdout=second)

    # then it is queued once; the task (the ImmediateBackend runs it) redoes the analysis
    assert "Queued the re-analysis of 1 conversation" in first.getvalue()
    assert "already queued" in second.getvalue()
    assert len(callbacks) == 1
    callbacks[0]()
    assert services.outdated_analysis_count() == 0


WRITES = ("INSERT", "UPDATE", "DELETE")


def _service_writes(queries: CaptureQueriesContext) -> list[str]:
    """Writes to the app's tables or the task queue (the login session is not the page's)."""
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(WRITES)
        and ("service_" in q["sql"] or "django_tasks" in q["sql"])
    ]


def _outdated(team, agent) -> Conversation:
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agent)
    Analysis.objects.filter(conversation=conversation).update(engine_version="0.0.1")
    return conversation


def test_opening_the_list_writes_nothing_and_queues_nothing(
    team, lina, client_for, django_capture_on_commit_callbacks
):
    # given an analysis made by an older engine
    _outdated(team, agent_user(team))

    # when anyone opens the review queue
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        CaptureQueriesContext(connection) as queries,
    ):
        response = client_for(lina).get(reverse("service:index"))

    # then the page neither writes nor queues work; the analysis stays outdated
    assert response.status_code == 200
    assert _service_writes(queries) == []
    assert callbacks == []
    assert Analysis.objects.get().engine_version == "0.0.1"


def test_an_import_queues_the_reanalysis_of_older_analyses_once(
    team, lina, django_capture_on_commit_callbacks
):
    # given an analysis made by an older engine
    agus = agent_user(team)
    _outdated(team, agus)

    # when two imports run one after the other (the re-analysis not yet done)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        import_files(lina, team, [("a.jsonl", jsonl_line("A-1", "Agus", "Halo").encode())])
        import_files(lina, team, [("b.jsonl", jsonl_line("B-1", "Agus", "Pagi").encode())])

    # then the re-analysis is queued once, and running it brings the analysis up to date
    assert len(callbacks) == 1  # an inline import queues nothing else
    callbacks[0]()
    assert set(Analysis.objects.values_list("engine_version", flat=True)) == {tone.ENGINE_VERSION}
    # and once done, the claim is released for the next engine
    assert services.job_claim(key=services.REANALYSIS_JOB, duration=services.REANALYSIS_DEBOUNCE)


def test_the_daily_job_reanalyses_without_anyone_asking(team):
    _outdated(team, agent_user(team))

    count = reanalyse_outdated_task.call()

    assert count == 1
    assert services.outdated_analysis_count() == 0


def test_a_job_claim_is_held_until_it_expires_or_is_released(team):
    # given a claim taken for 15 minutes
    assert services.job_claim(key="k", duration=datetime.timedelta(minutes=15))

    # then nobody else takes it meanwhile, and anyone may after its release
    assert not services.job_claim(key="k", duration=datetime.timedelta(minutes=15))
    services.job_release(key="k")
    assert services.job_claim(key="k", duration=datetime.timedelta(minutes=15))
    # a claim that expired is taken again
    JobClaim.objects.filter(key="k").update(claimed_until=timezone.now())
    assert services.job_claim(key="k", duration=datetime.timedelta(minutes=15))


# --- two web processes, one PostgreSQL ---------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def _wait_until_serving(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    # a generous wait for a loaded machine (CI once saw one start take over 60 s); the web
    # process's own log is in the message if it never answers
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"web process on port {port} exited: {process.returncode}\n{_tail(log)}"
            )
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2):
                return
        except OSError:
            time.sleep(0.2)  # waiting for the server to listen, not an assertion
    raise AssertionError(f"web process on port {port} did not start\n{_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-4000:] if log.exists() else ""


def _post(port: int, path: str, token: str) -> dict[str, object]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method="POST",
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own server
        return json.loads(response.read())


@pytest.mark.django_db(transaction=True)
def test_two_web_processes_queue_the_reanalysis_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("two web processes share one database only on PostgreSQL")
    # given outdated analyses and an admin's API token
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    team = service_team()
    _outdated(team, agent_user(team))
    admin = UserFactory(username="root", role=Role.ADMIN)
    token = api_token_create(user=admin, name="two processes").secret
    # and two web processes on different ports, with the database task queue
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "karib.settings.base",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "KARIB_VAR_DIR": str(tmp_path),
        "CONN_MAX_AGE": "0",
        "LOG_LEVEL": "WARNING",
    }
    ports = [_free_port()]
    while len(ports) < 2:  # two different ports (the system may hand the same one back)
        port = _free_port()
        if port not in ports:
            ports.append(port)
    karib = str(Path(sys.executable).with_name("karib"))
    logs = [tmp_path / f"web-{port}.log" for port in ports]
    processes = []
    for port, log in zip(ports, logs, strict=True):
        with log.open("wb") as output:
            processes.append(
                subprocess.Popen(  # noqa: S603 - our own console script with fixed arguments
                    [karib, "serve", "--host", "127.0.0.1", "--port", str(port)],
                    env=env,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            )
    try:
        for port, process, log in zip(ports, processes, logs, strict=True):
            _wait_until_serving(port, process, log)

        # when both are asked to queue the re-analysis many times at once
        with ThreadPoolExecutor(max_workers=12) as pool:
            answers = list(
                pool.map(
                    lambda n: _post(ports[n % 2], "/api/conversations/reanalyse", token),
                    range(24),
                )
            )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)

    # then exactly one request queued it, and the queue holds one task
    assert sum(1 for answer in answers if answer["queued"]) == 1
    tasks = DBTaskResult.objects.filter(task_path__endswith="reanalyse_outdated_task")
    assert tasks.count() == 1
