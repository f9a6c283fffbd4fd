"""`karib manage unlock USERNAME [--ip ADDRESS]`: lift a login lockout (django-axes) now."""

from __future__ import annotations

from typing import Any

from axes.utils import reset
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Unlock a user (and optionally an address) locked out after failed logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", help="the username to unlock")
        parser.add_argument("--ip", help="also unlock this client address")

    def handle(
        self, *args: Any, username: str | None = None, ip: str | None = None, **options: Any
    ) -> None:
        if not username and not ip:
            self.stderr.write("Give a username, --ip ADDRESS, or both.")
            raise SystemExit(2)
        removed = 0
        if username:
            removed += reset(username=username)
        if ip:
            removed += reset(ip=ip)
        self.stdout.write(f"Unlocked: {removed} lockout record(s) removed.")
