"""Domain errors of the promise ledger: `DomainError`s (karib.core.errors), typed for callers.

`PromiseError(ErrorCode.REQUIRED, _("…"), field="reason")` is a refused change with a code, the
field at fault and a lazy message translated on display; the API answers it in the one shape
`{"errors": [{"code", "field", "message"}]}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise as LazyString

from karib.core.errors import DomainError, ErrorCode


class PromiseError(DomainError):
    """A refused change of the promise ledger; nothing was written."""


class PromiseTransitionError(PromiseError):
    """A move between statuses that the ledger does not allow; nothing was changed (409: the
    promise is in another state than the caller thought)."""

    def __init__(
        self, message: str | LazyString | None = None, *, params: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(ErrorCode.TRANSITION_NOT_ALLOWED, message, params=params, status=409)
