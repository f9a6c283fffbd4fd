"""Domain errors of the gifts app: `DomainError`s (karib.core.errors), typed for callers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise as LazyString

from karib.core.errors import DomainError, ErrorCode


class GiftError(DomainError):
    """A gift cannot change that way (wrong status, missing approval, bad input)."""


class _HeldBack(GiftError):
    """Checked again when it was to be given, the policy holds the gift back: it was NOT
    given (409 `policy_refused`); the change of status that follows is kept."""

    def __init__(
        self, message: str | LazyString | None = None, *, params: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(ErrorCode.POLICY_REFUSED, message, params=params, status=409)


class GiftSentBackForApproval(_HeldBack):
    """The gift needs an approval it does not have: it is back in the approval queue."""


class GiftRefusedAtGiving(_HeldBack):
    """The policy now refuses the gift: it is rejected."""
