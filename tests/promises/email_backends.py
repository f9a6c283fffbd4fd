"""An email backend for tests whose sends fail a set number of times, then succeed."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends import locmem


class FlakyEmailBackend(locmem.EmailBackend):
    """The locmem backend (messages land in `mail.outbox`), failing the first `failures` sends."""

    failures = 0
    attempts = 0

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        FlakyEmailBackend.attempts += 1
        if FlakyEmailBackend.failures > 0:
            FlakyEmailBackend.failures -= 1
            raise ConnectionRefusedError("smtp down")
        return super().send_messages(email_messages)
