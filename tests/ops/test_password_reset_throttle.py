"""The password-reset mail throttle counts in the database ("shared" cache), so every web worker
on every machine counts together; its table comes with `migrate`."""

from __future__ import annotations

import contextlib
import importlib
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.db import connection
from django.test import Client

from karib.core.accounts import RESET_MAIL_CACHE
from karib.core.roles import Role
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
shared_cache_migration = importlib.import_module("karib.core.migrations.0006_shared_cache_table")


def ask_for_a_reset(email: str) -> None:
    response = Client().post("/account/password/reset/", {"email": email})
    assert response.status_code == 302


def forget_this_process_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    """What another worker process starts with: its own cache objects and nothing in memory."""
    for store in ("_caches", "_expire_info", "_locks"):
        monkeypatch.setattr(locmem, store, {})
    for alias in settings.CACHES:
        with contextlib.suppress(AttributeError):  # this thread has not made it yet
            del caches[alias]


@pytest.mark.django_db
def test_another_worker_sends_no_second_reset_mail(monkeypatch):
    # given a user who asked for a reset on one web worker
    user = UserFactory(username="agus", role=Role.SERVICE_AGENT)
    ask_for_a_reset(user.email)
    # when the next request reaches another worker: new cache objects, an empty memory
    forget_this_process_caches(monkeypatch)
    ask_for_a_reset(user.email)
    # then no second mail goes
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_two_clients_of_the_shared_cache_see_each_others_entries(monkeypatch):
    # given two separately made clients of the shared cache
    first = caches.create_connection(RESET_MAIL_CACHE)
    # when one adds an entry
    assert first.add("karib:test", "kept", timeout=60)
    # then a client made after the memory is gone sees it, and cannot add it again
    forget_this_process_caches(monkeypatch)
    second = caches.create_connection(RESET_MAIL_CACHE)
    assert second.get("karib:test") == "kept"
    assert not second.add("karib:test", "other", timeout=60)


@pytest.mark.django_db
def test_the_migration_creates_the_table_of_the_shared_cache():
    # given a database without the table the shared cache uses
    table = caches[RESET_MAIL_CACHE]._table  # type: ignore[attr-defined]
    assert table == shared_cache_migration.TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    assert table not in connection.introspection.table_names()
    # when the migration runs
    shared_cache_migration.create_table(apps, SimpleNamespace(connection=connection))
    # then the table is there and the throttle works on it
    assert table in connection.introspection.table_names()
    user = UserFactory(username="agus", role=Role.SERVICE_AGENT)
    ask_for_a_reset(user.email)
    ask_for_a_reset(user.email)
    assert len(mail.outbox) == 1


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="two processes need a server database (the test SQLite database is in memory)",
)
@pytest.mark.django_db(transaction=True)
def test_two_processes_send_one_reset_mail_between_them():
    # given a user
    user = UserFactory(username="agus", role=Role.SERVICE_AGENT)
    database = settings.DATABASES["default"]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "karib.settings.base",
        "DATABASE_URL": os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + database["NAME"],
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    script = (
        "import django; django.setup(); "
        "from django.contrib.auth import get_user_model; "
        "from karib.core.accounts import password_reset_mail_may_go; "
        f"print(password_reset_mail_may_go(get_user_model().objects.get(pk={user.pk})))"
    )
    # when two processes, one after the other, ask whether a reset mail may go
    try:
        answers = [
            subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
                [sys.executable, "-c", script],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            ).stdout.split()[-1]
            for _process in range(2)
        ]
    finally:
        caches[RESET_MAIL_CACHE].clear()  # a flush empties the models' tables, not this one
    # then only the first may send it
    assert answers == ["True", "False"]
