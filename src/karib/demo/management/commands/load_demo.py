from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from karib.demo.loader import DEMO_USERS, credentials_path, load_demo


class Command(BaseCommand):
    help = "Load the deterministic demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="URL to print")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("id")
        passwords = load_demo(stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Karib demo is ready at {options['url']}"))
        self.stdout.write("Demo logins (demo only; passwords are random per installation, kept in")
        self.stdout.write(f"{credentials_path()}):")
        for spec in DEMO_USERS:
            password = passwords.get(spec.username) or "(unchanged; set before this run)"
            self.stdout.write(f"  {spec.username:<8} {password:<16} {spec.role.label}")
        self.stdout.write("")
