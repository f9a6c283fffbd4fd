"""Settings guards, checked in a fresh interpreter so each import sees its own environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLEARED = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "KARIB_VAR_DIR"}
CHECK = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def run_settings(module: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environment.update(DJANGO_SETTINGS_MODULE=module, KARIB_VAR_DIR=str(tmp_path), **env)
    return subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
        [sys.executable, "-c", CHECK], capture_output=True, text=True, env=environment, check=False
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    # when prod settings load without SECRET_KEY
    result = run_settings("karib.settings.prod", tmp_path)
    # then they refuse, say why, and write no demo key
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_a_short_secret_key(tmp_path):
    result = run_settings("karib.settings.prod", tmp_path, SECRET_KEY="short")
    assert result.returncode != 0
    assert "too short" in result.stderr


def test_production_starts_with_a_secret_key_and_debug_off(tmp_path):
    result = run_settings("karib.settings.prod", tmp_path, SECRET_KEY="a1B2c3D4e5-" * 6)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_base_settings_generate_and_reuse_a_demo_secret_key(tmp_path):
    # when base settings load twice without SECRET_KEY
    first = run_settings("karib.settings.base", tmp_path)
    key = (tmp_path / "secret_key").read_text()
    second = run_settings("karib.settings.base", tmp_path)
    # then one key is generated under var/, kept private and reused
    assert first.returncode == second.returncode == 0
    assert len(key) >= 50
    assert (tmp_path / "secret_key").read_text() == key
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    # and DEBUG is off unless asked for
    assert first.stdout.strip() == "False"


def test_check_deploy_is_clean_for_production_settings(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environment.update(
        DJANGO_SETTINGS_MODULE="karib.settings.prod",
        KARIB_VAR_DIR=str(tmp_path),
        SECRET_KEY="k" * 25 + "-Q9x" * 10,
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "karib.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_asks_admins_and_compliance_for_totp_and_logs_json(tmp_path):
    check = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.KARIB_OTP_REQUIRED_ROLES, "
        "settings.LOGGING['handlers']['console']['formatter'], settings.KARIB_BEHIND_PROXY)"
    )
    environment = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environment.update(
        DJANGO_SETTINGS_MODULE="karib.settings.prod",
        KARIB_VAR_DIR=str(tmp_path),
        SECRET_KEY="a1B2c3D4e5-" * 6,
    )
    result = subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
        [sys.executable, "-c", check], capture_output=True, text=True, env=environment, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['Admin', 'Compliance officer'] json True"
    # the demo and development settings ask nobody and log plain lines
    plain = run_settings("karib.settings.base", tmp_path)
    assert plain.returncode == 0


def test_the_suite_runs_on_the_database_ci_asked_for():
    """CI names the database it means to test (`KARIB_EXPECT_DB`); a run that silently fell back
    to SQLite (DATABASE_URL lost on the way) fails here instead of passing as PostgreSQL."""
    from django.db import connection

    expected = os.environ.get("KARIB_EXPECT_DB")
    assert expected in (None, "", connection.vendor), (expected, connection.vendor)
