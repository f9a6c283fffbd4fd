from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from karib.core.models import ApiToken
from karib.core.services import api_token_revoke


class Command(BaseCommand):
    help = "Revoke a personal API token by its prefix (the part after `kb_`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        token = ApiToken.objects.select_related("user").filter(prefix=options["prefix"]).first()
        if token is None:
            raise CommandError(f"No token with prefix {options['prefix']!r}.")
        api_token_revoke(token=token, by=token.user)
        self.stdout.write(f"Revoked {token}.")
