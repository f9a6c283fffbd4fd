"""The `karib` console script.

karib demo            migrate the SQLite database, load the demo data, print the logins, serve
karib serve           serve the web app (and optionally a task worker)
karib worker          run the background task worker
karib backup FILE     back the database (and files under var/) up into FILE
karib restore FILE    restore a backup made by `karib backup` into an empty database
karib manage ARGS...  any Django management command
karib tone ARGS...    the conversation tone engine (no Django needed)
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from collections.abc import Sequence

DEFAULT_SETTINGS = "karib.settings.base"


def _django(argv: Sequence[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["karib manage", *argv])
    return 0


def _port(value: str | None) -> int:
    raw = value or os.environ.get("PORT") or "8000"
    try:
        port = int(raw)
    except ValueError:
        raise SystemExit(f"karib: PORT must be a number, got {raw!r}") from None
    if not 0 < port < 65536:
        raise SystemExit(f"karib: PORT must be between 1 and 65535, got {port}")
    return port


def _serve(host: str, port: int, *, worker: bool, reload: bool) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    worker_process = None
    if worker:
        worker_process = subprocess.Popen(
            [sys.executable, "-m", "karib.cli", "worker"], env=os.environ.copy()
        )
    try:
        args = ["runserver", f"{host}:{port}"]
        if not reload:
            args.append("--noreload")
        return _django(args)
    except KeyboardInterrupt:
        return 0
    finally:
        if worker_process is not None:
            worker_process.terminate()
            worker_process.wait(timeout=10)


def _demo(host: str, port: int, *, serve: bool) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    print(f"Karib demo: database {db['NAME']} ({db['ENGINE'].rsplit('.', 1)[-1]})")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", url=f"http://{host}:{port}/")
    call_command("daily", stdout=io.StringIO())  # today's reminders, as a scheduler would
    if not serve:
        return 0
    return _serve(host, port, worker=True, reload=False)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="karib", description="Karib, a relationship-first CRM.")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="migrate, load the demo data, print logins and serve")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", help="port (default: $PORT or 8000)")
    demo.add_argument("--no-serve", action="store_true", help="load the demo data and stop")

    serve = commands.add_parser("serve", help="serve the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", help="port (default: $PORT or 8000)")
    serve.add_argument("--worker", action="store_true", help="also run a task worker")
    serve.add_argument("--reload", action="store_true", help="reload on code changes")

    worker = commands.add_parser("worker", help="run the background task worker")
    worker.add_argument("--worker-id", help="name in the task table (default: host and pid)")
    worker.add_argument("--queue", default="default", help="queue to take jobs from")

    backup = commands.add_parser("backup", help="back the database up into FILE")
    backup.add_argument("file")
    restore = commands.add_parser("restore", help="restore a backup FILE into an empty database")
    restore.add_argument("file")
    restore.add_argument(
        "--force", action="store_true", help="replace the data of a database that has some"
    )
    restore.add_argument(
        "--migrate", action="store_true", help="restore an older backup, then migrate it"
    )
    commands.add_parser("manage", help="run a Django management command", add_help=False)
    commands.add_parser(
        "tone", help="analyse conversations (see `karib tone --help`)", add_help=False
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from django.core.exceptions import ImproperlyConfigured

    try:
        return _main(argv)
    except ImproperlyConfigured as error:
        print(f"karib: configuration error: {error}", file=sys.stderr)
        return 2


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Pass-through commands keep their own arguments and --help.
    if args_list and args_list[0] == "manage":
        return _django(args_list[1:])
    if args_list and args_list[0] == "tone":
        from karib.tone.cli import main as tone_main

        return tone_main(args_list[1:])
    args = build_parser().parse_args(args_list)
    if args.command == "demo":
        return _demo(args.host, _port(args.port), serve=not args.no_serve)
    if args.command == "serve":
        return _serve(args.host, _port(args.port), worker=args.worker, reload=args.reload)
    if args.command == "worker":
        worker_args = ["db_worker", "--queue-name", args.queue]
        if args.worker_id:
            worker_args += ["--worker-id", args.worker_id]
        return _django(worker_args)
    if args.command == "backup":
        return _django(["backup", args.file])
    if args.command == "restore":
        flags = [flag for flag, on in (("--force", args.force), ("--migrate", args.migrate)) if on]
        return _django(["restore", args.file, *flags])
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
