from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from karib.cli import _port, main
from karib.core.roles import Role
from karib.demo.loader import DEMO_USERS, load_demo
from karib.people.models import Person, PersonalFact

pytestmark = pytest.mark.django_db


@pytest.fixture
def var_dir(tmp_path):
    with override_settings(VAR_DIR=tmp_path):
        yield tmp_path


def test_demo_creates_a_user_for_every_role_with_the_printed_password(var_dir, client):
    # when
    passwords = load_demo(stdout=io.StringIO())
    # then every role has a demo user whose printed password logs in
    roles = {Role(u.groups.get().name) for u in User.objects.filter(username__in=passwords)}
    assert roles == set(Role)
    assert client.login(username="dewi", password=passwords["dewi"])
    assert (var_dir / "demo-credentials.json").is_file()


def test_demo_tells_the_wayang_story(var_dir):
    load_demo(stdout=io.StringIO())
    official = Person.objects.get(full_name="Suryo Wibowo")
    fact = PersonalFact.objects.get(person=official, topic="wayang")
    assert "Bima" in fact.text
    assert fact.source_interaction is not None
    assert "Denpasar" in fact.source_interaction.summary
    assert official.refuses_to_meet_owner
    assert official.envoy is not None
    assert official.envoy.username == "dewi"


def test_demo_twice_keeps_what_users_added_and_changed(var_dir):
    # given a loaded demo that a user then edits
    first = load_demo(stdout=io.StringIO())
    official = Person.objects.get(full_name="Suryo Wibowo")
    official.job_title = "Direktur Jenderal"
    official.save(update_fields=["job_title"])
    PersonalFact.objects.create(
        person=official,
        category=PersonalFact.Category.PREFERENCE,
        text="Kopi tubruk tanpa gula",
        learned_on=official.created_at.date(),
        created_by=official.owner,
    )
    users, people, facts = (
        User.objects.count(),
        Person.objects.count(),
        PersonalFact.objects.count(),
    )
    # when the demo is loaded again
    second = load_demo(stdout=io.StringIO())
    # then nothing is duplicated or overwritten
    assert (User.objects.count(), Person.objects.count(), PersonalFact.objects.count()) == (
        users,
        people,
        facts,
    )
    assert Person.objects.get(full_name="Suryo Wibowo").job_title == "Direktur Jenderal"
    assert second == first
    assert len(DEMO_USERS) == users


def test_port_comes_from_flag_or_environment(monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    assert _port(None) == 8123
    assert _port("9000") == 9000
    with pytest.raises(SystemExit, match="PORT must be a number"):
        _port("eighty")
    with pytest.raises(SystemExit, match="between 1 and 65535"):
        _port("70000")


def test_cli_rejects_unknown_commands(capsys):
    with pytest.raises(SystemExit):
        main(["frobnicate"])
    assert "invalid choice" in capsys.readouterr().err


def test_daily_command_runs_every_daily_job_once_per_day(var_dir):
    # given the demo, whose official has a birthday and promises
    from django.core.management import call_command

    from karib.core.models import Notification

    load_demo(stdout=io.StringIO())
    # when the daily jobs run twice
    out = io.StringIO()
    call_command("daily", stdout=out)
    after_first = Notification.objects.count()
    call_command("daily", stdout=io.StringIO())
    # then every configured job ran, and the second run notified nobody again
    assert "important_dates_remind" in out.getvalue()
    assert "promises_daily" in out.getvalue()
    assert Notification.objects.count() == after_first


def test_demo_runs_without_debug(monkeypatch):
    """The demo is what a visitor first sees: its 404 and 500 pages are the friendly ones, not
    Django's technical pages listing the URLs or a traceback."""
    import os

    from karib import cli

    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.setattr("django.core.management.call_command", lambda *args, **kwargs: None)
    cli._demo("127.0.0.1", 8000, serve=False)
    assert "DEBUG" not in os.environ
