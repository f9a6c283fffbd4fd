"""`karib backup FILE` and `karib restore FILE`: one file holds the database and the files.

The file is a gzip'd tar archive with
  manifest.json      Karib version, database engine, the applied migrations, rows per table
  database.sqlite3   SQLite's online backup API (a consistent copy while Karib keeps running)
  database.pgdump    or pg_dump's custom format (restored with pg_restore)
  media/...          the uploaded files under MEDIA_ROOT, if any

Restore refuses, saying which migrations differ, a backup made by a newer Karib, a target
database whose schema is newer or older than the backup's, and a target that already holds data
(unless --force). A backup older than this Karib is restored and migrated with --migrate.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

import karib
from karib.core.errors import DomainError, ErrorCode

FORMAT = "karib-backup/1"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"


def _connection() -> Any:
    return connections[DEFAULT_DB_ALIAS]


def _is_sqlite() -> bool:
    return bool(_connection().vendor == "sqlite")


def applied_migrations() -> list[str]:
    """`app.name` of every migration applied to the database, sorted."""
    recorder = MigrationRecorder(_connection())
    if not recorder.has_table():
        return []
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def known_migrations() -> set[str]:
    """Every migration this installed Karib (and its libraries) ships."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def missing_migrations(applied: set[str]) -> set[str]:
    """Migrations this Karib would still apply to a database with `applied` (a squashed
    migration counts as applied when every migration it replaces is)."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    missing = set()
    for key, migration in graph.nodes.items():
        name = f"{key[0]}.{key[1]}"
        replaced = {f"{app}.{label}" for app, label in migration.replaces or []}
        if name not in applied and not (replaced and replaced <= applied):
            missing.add(name)
    return missing


def row_counts() -> dict[str, int]:
    return {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def _pg_env() -> dict[str, str]:
    db: dict[str, Any] = dict(settings.DATABASES[DEFAULT_DB_ALIAS])
    env = dict(os.environ)
    variables = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    for key, variable in variables.items():
        if db.get(key):
            env[variable] = str(db[key])
    return env


def _run(command: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 - pg_dump/pg_restore with our own arguments
        command, env=_pg_env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise DomainError(
            ErrorCode.INVALID,
            _("%(tool)s failed: %(error)s"),
            params={"tool": command[0], "error": result.stderr.strip()[-2000:]},
        )


def _media_files() -> Iterator[Path]:
    root = Path(settings.MEDIA_ROOT)
    if root.is_dir():
        yield from (path for path in sorted(root.rglob("*")) if path.is_file())


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: int
    rows: int
    files: int


def backup_create(*, path: Path) -> BackupSummary:
    """Write a backup of the default database and MEDIA_ROOT to `path` (atomically)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    counts = row_counts()
    manifest = {
        "format": FORMAT,
        "karib_version": karib.__version__,
        "engine": _connection().vendor,
        "created_at": timezone.now().isoformat(),
        "migrations": applied_migrations(),
        "rows": counts,
    }
    with tempfile.TemporaryDirectory(prefix="karib-backup-") as work:
        dump = Path(work) / (SQLITE_MEMBER if _is_sqlite() else PG_MEMBER)
        if _is_sqlite():
            connection = _connection()
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            name = str(settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"])
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), name])
        partial = path.with_name(path.name + ".partial")
        files = 0
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            root = Path(settings.MEDIA_ROOT)
            for file in _media_files():
                archive.add(file, arcname=f"media/{file.relative_to(root).as_posix()}")
                files += 1
        os.replace(partial, path)
    path.chmod(0o600)  # personal data
    return BackupSummary(path=path, tables=len(counts), rows=sum(counts.values()), files=files)


def _read_manifest(archive: tarfile.TarFile, path: Path) -> dict[str, Any]:
    try:
        member = archive.extractfile(MANIFEST)
        manifest: dict[str, Any] = json.load(member) if member else {}
    except (KeyError, json.JSONDecodeError):
        manifest = {}
    if manifest.get("format") != FORMAT:
        raise DomainError(
            ErrorCode.INVALID,
            _("%(path)s is not a Karib backup (no readable manifest.json)."),
            params={"path": str(path)},
        )
    return manifest


def _describe(names: set[str]) -> str:
    shown = sorted(names)[:8]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" (+{more})" if more > 0 else "")


def restore_check(*, manifest: dict[str, Any], force: bool, migrate: bool) -> None:
    """Refuse, with the reason, a restore that would mix schemas or overwrite data."""
    engine = _connection().vendor
    if manifest["engine"] != engine:
        raise DomainError(
            ErrorCode.INVALID,
            _("The backup is of a %(backup)s database; this Karib uses %(target)s."),
            params={"backup": manifest["engine"], "target": engine},
        )
    in_backup = set(manifest["migrations"])
    newer = in_backup - known_migrations()
    if newer:
        raise DomainError(
            ErrorCode.CONFLICT,
            _(
                "The backup was made by a newer Karib (%(version)s): its schema has migrations "
                "this installation does not know: %(names)s. Install that version (or newer), "
                "then restore."
            ),
            params={"version": manifest["karib_version"], "names": _describe(newer)},
        )
    in_target = set(applied_migrations())
    if in_target and in_target != in_backup:
        only_target = in_target - in_backup
        raise DomainError(
            ErrorCode.CONFLICT,
            _(
                "The target database's schema differs from the backup's (%(direction)s; "
                "migrations only in the database: %(target)s; only in the backup: %(backup)s). "
                "Restore into an empty database."
            ),
            params={
                "direction": (
                    _("the database is newer") if only_target else _("the database is older")
                ),
                "target": _describe(only_target) or "-",
                "backup": _describe(in_backup - in_target) or "-",
            },
        )
    relevant_older = missing_migrations(in_backup)
    if relevant_older and not migrate:
        raise DomainError(
            ErrorCode.CONFLICT,
            _(
                "The backup's schema is older than this Karib's (missing migrations: %(names)s). "
                "Restore it with --migrate to bring it up to this version afterwards."
            ),
            params={"names": _describe(relevant_older)},
        )
    # A freshly migrated database has groups and permissions but no user: nothing to lose.
    if in_target and not force and get_user_model()._base_manager.exists():
        raise DomainError(
            ErrorCode.CONFLICT,
            _(
                "The target database already holds data. Restore into an empty database, or "
                "add --force to replace everything in it with the backup."
            ),
        )


def backup_restore(*, path: Path, force: bool = False, migrate: bool = False) -> dict[str, int]:
    """Restore `path` into the default database and MEDIA_ROOT; returns rows per table."""
    path = Path(path)
    if not path.is_file():
        raise DomainError(
            ErrorCode.NOT_FOUND, _("No such file: %(path)s"), params={"path": str(path)}
        )
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as work:
        manifest = _read_manifest(archive, path)
        restore_check(manifest=manifest, force=force, migrate=migrate)
        archive.extractall(work, filter="data")
        connections.close_all()
        if _is_sqlite():
            source = sqlite3.connect(Path(work) / SQLITE_MEMBER)
            connection = _connection()
            connection.ensure_connection()
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            name = str(settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"])
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--exit-on-error",
                    "--dbname",
                    name,
                    str(Path(work) / PG_MEMBER),
                ]
            )
        media = Path(work) / "media"
        if media.is_dir():
            shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
    return row_counts()
