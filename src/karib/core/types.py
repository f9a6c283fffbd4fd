"""Types shared by the interface layers."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

AnyUser = User | AnonymousUser


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind login_required: `user` is a real user."""

    user: User
    htmx: HtmxDetails
