"""Domain errors of the promise ledger."""

from __future__ import annotations

from django.utils.functional import Promise as LazyString


class PromiseError(Exception):
    """A refused change: the message is translatable; `field` names the input at fault."""

    def __init__(self, message: str | LazyString, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class PromiseTransitionError(PromiseError):
    """A move between statuses that the ledger does not allow; nothing was changed."""
