"""Account security pages: password change and reset for everyone, and two-step login (TOTP).

Django's own auth views do the work; Karib's templates live in templates/registration/.
A user turns on a time-based one-time password (django-otp TOTP) from an authenticator app;
users whose role is listed in KARIB_OTP_REQUIRED_ROLES must (see OtpRequiredMiddleware).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import otp_setup
from .roles import user_roles


def otp_required_for(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether this user must confirm each login with a one-time password."""
    required = set(settings.KARIB_OTP_REQUIRED_ROLES)
    if not required or not user.is_authenticated:
        return False
    if "Admin" in required and getattr(user, "is_superuser", False):
        return True
    return bool(required & {role.value for role in user_roles(user)})  # type: ignore[arg-type]


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class AccountSecurityView(LoginRequiredMixin, TemplateView):
    template_name = "registration/account_security.html"

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["has_otp"] = user_has_device(self.request.user)
        context["otp_required"] = otp_required_for(self.request.user)
        return context


class EmailCodeForm(forms.Form):
    email_code = forms.CharField(
        label=_("Code from the e-mail we sent you"),
        min_length=otp_setup.CODE_DIGITS,
        max_length=otp_setup.CODE_DIGITS + 2,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class OtpView(LoginRequiredMixin, View):
    """Confirm this login with a code; or set up two-step login, in two steps: first the code
    mailed to the account's address (otp_setup), then the authenticator key and its code."""

    template_name = "registration/otp.html"

    @staticmethod
    def confirmed_device(request: HttpRequest) -> TOTPDevice | None:
        return TOTPDevice.objects.filter(user=request.user, confirmed=True).first()

    @staticmethod
    def pending_device(request: HttpRequest) -> TOTPDevice:
        """The key being set up: made once the mailed code is proved, never before."""
        with transaction.atomic():
            pending, _created = TOTPDevice.objects.get_or_create(
                user=request.user, confirmed=False, defaults={"name": "authenticator"}
            )
        return pending

    def render_page(
        self,
        request: HttpRequest,
        form: forms.Form | None = None,
        status: int = 200,
        resent: bool = False,
    ) -> HttpResponse:
        context: dict[str, Any] = {
            "next": self.next_url(request),
            "required": otp_required_for(request.user),
            "step": "confirm",
            "resent": resent,
        }
        if self.confirmed_device(request) is None:
            if otp_setup.is_proved(request):
                device = self.pending_device(request)
                context["step"] = "key"
                context["secret"] = base64.b32encode(device.bin_key).decode()
                context["config_url"] = device.config_url
            else:
                email = getattr(request.user, "email", "")
                context["step"] = "email" if email else "no_email"
                context["email"] = otp_setup.masked_email(email)
        if form is None:
            form = EmailCodeForm() if context["step"] == "email" else TokenForm()
        context["form"] = form
        return render(request, self.template_name, context, status=status)

    @staticmethod
    def next_url(request: HttpRequest) -> str:
        target = request.POST.get("next") or request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return target
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def get(self, request: HttpRequest) -> HttpResponse:
        if self.confirmed_device(request) is None and not otp_setup.is_proved(request):
            otp_setup.setup_code_send(request.user)
        return self.render_page(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        device = self.confirmed_device(request)
        if device is None and not otp_setup.is_proved(request):
            return self.prove_email(request)
        setting_up = device is None
        if device is None:
            device = self.pending_device(request)
        form = TokenForm(request.POST)
        if form.is_valid() and device.verify_token(form.cleaned_data["token"].strip()):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                otp_setup.forget_proof(request)
                otp_setup.setup_done_notify(request.user)
            otp_login(request, device)
            return HttpResponseRedirect(self.next_url(request))
        form.add_error("token", _("That code is not right or has expired. Try the current one."))
        return self.render_page(request, form, status=422)

    def prove_email(self, request: HttpRequest) -> HttpResponse:
        """The first step of a setup: the mailed code (or a new one asked for)."""
        if not getattr(request.user, "email", ""):
            return self.render_page(request, status=422)
        if "resend" in request.POST:
            sent = otp_setup.setup_code_send(request.user, again=True)
            return self.render_page(request, resent=sent)
        form = EmailCodeForm(request.POST)
        if form.is_valid() and otp_setup.setup_code_check(
            request.user, form.cleaned_data["email_code"]
        ):
            # A key someone made before the proof (an older setup) is dropped: a fresh one.
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            otp_setup.mark_proved(request)
            return HttpResponseRedirect(
                f"{reverse('account:otp')}?{urlencode({'next': self.next_url(request)})}"
            )
        form.add_error(
            "email_code",
            _("That code is not right or no longer works. Ask for a new one if you need to."),
        )
        return self.render_page(request, form, status=422)


password_change = auth_views.PasswordChangeView.as_view(
    success_url=reverse_lazy("account:password_change_done")
)
password_change_done = auth_views.PasswordChangeDoneView.as_view()
# One reset mail per account in this many seconds: asking again answers the same page and
# sends nothing, so nobody can fill an inbox (or learn whether an address has an account).
RESET_MAIL_INTERVAL = 15 * 60
# The cache that remembers the mails sent: "shared" is in the database (settings CACHES), so
# every web worker on every machine counts together (each process's own memory would let each
# worker send its own mail).
RESET_MAIL_CACHE = "shared"


def password_reset_mail_may_go(user: AbstractBaseUser) -> bool:
    """Whether a reset mail may go to `user` now; if so, the next one waits RESET_MAIL_INTERVAL.
    The password hash is in the key: once the password changes, a new mail may go."""
    secret = f"{user.pk}:{user.password}".encode()
    key = "karib:password-reset:" + hashlib.sha256(secret).hexdigest()
    return bool(caches[RESET_MAIL_CACHE].add(key, True, timeout=RESET_MAIL_INTERVAL))


class ThrottledPasswordResetForm(PasswordResetForm):
    def get_users(self, email: str) -> Iterator[Any]:
        for user in super().get_users(email):
            if password_reset_mail_may_go(user):
                yield user


password_reset = auth_views.PasswordResetView.as_view(
    form_class=ThrottledPasswordResetForm,
    success_url=reverse_lazy("account:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view()
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    success_url=reverse_lazy("account:password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()
