"""Organization renames queue at most one waiting rebuild of its members' search documents;
a rename after the rebuild started queues another (secprobe9, F4)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from karib.people import selectors, services

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
REBUILD = "karib.people.tasks.organization_search_documents_rebuild"

pytestmark = pytest.mark.usefixtures("database_queue")


@pytest.fixture
def database_queue():
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


@pytest.fixture
def rename(django_capture_on_commit_callbacks):
    def rename(organization, by, name: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            services.organization_update(organization=organization, by=by, name=name)

    return rename


def _rebuilds(status: str = TaskResultStatus.READY) -> list[list[int]]:
    rows = DBTaskResult.objects.filter(task_path=REBUILD, status=status)
    return [row.args_kwargs["args"] for row in rows]


def test_renames_while_a_rebuild_waits_queue_no_other(world, rename):
    # given
    second = services.organization_create(by=world.owner, name="Kemenkeu")
    # when the organization is renamed three times and another one once
    for name in ("Direktorat A", "Direktorat B", "Direktorat C"):
        rename(world.organization, world.owner, name)
    rename(second, world.owner, "Kementerian Keuangan")
    # then one rebuild waits for each
    assert sorted(_rebuilds()) == sorted([[world.organization.pk], [second.pk]])


def test_a_rename_after_the_rebuild_started_queues_another(world, rename):
    # given a rebuild a worker has taken (it may have read the first name)
    rename(world.organization, world.owner, "Direktorat A")
    DBTaskResult.objects.filter(task_path=REBUILD).update(status=TaskResultStatus.RUNNING)
    # when
    rename(world.organization, world.owner, "Direktorat B")
    # then
    assert _rebuilds() == [[world.organization.pk]]
    assert _rebuilds(TaskResultStatus.RUNNING) == [[world.organization.pk]]


def test_the_one_rebuild_finds_the_people_by_the_last_name(world, rename, monkeypatch):
    # given
    rename(world.organization, world.owner, "Direktorat Lama")
    rename(world.organization, world.owner, "Direktorat Baru")
    # when a worker runs the queue (on the test's connection)
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    # then
    assert _rebuilds(TaskResultStatus.SUCCESSFUL) == [[world.organization.pk]]
    assert world.person in selectors.person_list(user=world.owner, filters={"q": "Baru"})
    assert world.person not in selectors.person_list(user=world.owner, filters={"q": "Lama"})
