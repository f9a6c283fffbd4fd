"""Karib's middleware: language, request context and logs, no-store, OTP, error pages.

Language selection: the user's saved choice, then the language cookie, then LANGUAGE_CODE.
The browser's Accept-Language is deliberately ignored: Karib is Bahasa Indonesia first, and a
user switches language once and keeps it on every device.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext

from .errors import DomainError
from .models import Profile
from .observability import request_id_var, user_id_var


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def language_for(self, request: HttpRequest) -> str:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            user_id_var.set(str(user.pk))  # for the log lines of this request
            saved = Profile.objects.filter(user=user).values_list("language", flat=True).first()
            if saved in self.supported:
                return str(saved)
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie in self.supported:
            return str(cookie)
        return settings.LANGUAGE_CODE

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def client_ip(request: HttpRequest) -> str:
    """The client's address: nginx's X-Real-IP behind deploy/'s proxy, else the peer address."""
    if settings.KARIB_BEHIND_PROXY:
        forwarded = str(request.META.get("HTTP_X_REAL_IP", "")).strip()
        if forwarded:
            return forwarded
    return str(request.META.get("REMOTE_ADDR", ""))


_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_logger = logging.getLogger("karib.request")


class RequestContextMiddleware:
    """A request id (nginx's X-Request-ID if well-formed, else a new one) and the user id for
    every log line written while serving the request, and one log line per request: method,
    path without the query string, status, duration. The id is echoed in X-Request-ID."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        # Set, not reset afterwards: Django logs 4xx/5xx answers after the middleware returns.
        request_id_var.set(request_id)
        user_id_var.set("-")
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            user_id_var.set(str(user.pk))
        response.headers["X-Request-ID"] = request_id
        duration_ms = (time.perf_counter() - started) * 1000
        request_logger.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(duration_ms, 1),
            },
        )
        return response


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every page served to a logged-in user and every API
    response: personal data must not stay in a browser's or a proxy's cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = user is not None and user.is_authenticated
        if personal or request.path.startswith("/api/"):
            response.headers["Cache-Control"] = "no-store"
            response.headers.setdefault("Pragma", "no-cache")
        return response


class OtpRequiredMiddleware:
    """Users with a role in KARIB_OTP_REQUIRED_ROLES confirm their login with a one-time
    password (django-otp TOTP) before anything else; others may turn it on themselves."""

    # Before the code: confirming it, a forgotten password (no login at all) and logging out;
    # not a password change (a stolen password alone must not lock the owner out). The API
    # answers 401 itself to an unconfirmed session; its docs and schema wait for the code.
    ALLOWED_PREFIXES = (
        "/account/otp/",
        "/account/password/reset/",
        "/logout/",
        "/login/",
        "/static/",
        "/language/",
        "/api/",
    )
    GUARDED_PATHS = ("/api/docs", "/api/openapi.json")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.must_verify(request):
            target = reverse("account:otp")
            return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def must_verify(request: HttpRequest) -> bool:
        from .accounts import otp_required_for

        user = getattr(request, "user", None)
        path = request.path
        if (
            user is None
            or not user.is_authenticated
            or (
                path.startswith(OtpRequiredMiddleware.ALLOWED_PREFIXES)
                and not path.startswith(OtpRequiredMiddleware.GUARDED_PATHS)
            )
        ):
            return False
        # API tokens are a second factor of their own: issued from a verified session.
        return otp_required_for(user) and not user.is_verified()


class ServerErrorPageMiddleware:
    """An unexpected exception answers the translated 500 page, with the navigation (or the API's
    one error shape under /api/); the traceback is logged with the request id, never shown.

    A `DomainError` that a page did not handle itself keeps its meaning: not found is the 404
    page and forbidden the 403 page (a selector's "you may not see this" is never a 500)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DomainError):
            if exception.status == 404:
                raise Http404(exception.message) from exception
            if exception.status == 403:
                raise PermissionDenied(exception.message) from exception
        if settings.DEBUG or not settings.KARIB_RENDER_SERVER_ERRORS:
            return None
        if isinstance(exception, Http404 | PermissionDenied | SuspiciousOperation):
            return None  # Django answers these with 404/403/400 pages
        logging.getLogger("karib.errors").error(
            "unhandled exception on %s", request.path, exc_info=exception
        )
        if request.path.startswith("/api/"):
            message = gettext("Something went wrong on our side. Please try again later.")
            body = {"errors": [{"code": "server_error", "field": None, "message": message}]}
            return JsonResponse(body, status=500)
        return render(request, "500.html", status=500)
