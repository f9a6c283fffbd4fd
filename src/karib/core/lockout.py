"""Login lockout (django-axes) with two limits: one for a username at an address, one for the
address.

`AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]` makes axes count the failures of one
username from one address against `AXES_FAILURE_LIMIT`: the same user at another address, and
colleagues behind the same office address, still log in, so nobody can lock a colleague out
by typing their username wrong five times. `KaribAxesHandler` adds a higher ceiling for the
address whatever the usernames, `KARIB_ADDRESS_FAILURE_LIMIT` failures within the cool-off,
so one address cannot try a few passwords for each of many usernames. Both read axes's own
`AccessAttempt` rows; unlocking, the admin list and `karib manage unlock` work unchanged.

A wrong API token counts as a failed login of the pseudo-username `api-token:<its start>`
(`core/api.py`), so the same two limits hold for tokens; `lockout_response` answers the API's
error shape there and the lockout page everywhere else.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .errors import DomainError, ErrorCode


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address within the cool-off, whatever the username."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)  # type: ignore[attr-defined]
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class KaribAxesHandler(AxesDatabaseHandler):  # type: ignore[misc]  # axes has no type hints
    """axes's database handler, plus the address ceiling.

    axes decides "locked" in one place, `get_failures(...) >= AXES_FAILURE_LIMIT`, both before
    a login (`is_locked`) and after a failure (the lockout signal and page). The pair's count
    is axes's own; once the address has reached its ceiling the pair counts as at the limit,
    so every username from that address is refused until the cool-off has passed."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        failures = int(super().get_failures(request, credentials))
        limit = int(get_failure_limit(request, credentials))
        if failures < limit and address_failures(request) >= settings.KARIB_ADDRESS_FAILURE_LIMIT:
            return limit
        return failures


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """What a locked-out request gets (`AXES_LOCKOUT_CALLABLE`): under `/api/` the API's one
    error shape, as `TokenAuth` answers while the lockout lasts; elsewhere the lockout page."""
    if request.path_info.startswith("/api/"):
        error = DomainError(ErrorCode.THROTTLED)
        return JsonResponse(error.as_payload(), status=error.status)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=HTTPStatus.TOO_MANY_REQUESTS)
