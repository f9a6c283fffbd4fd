from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from . import selectors, services
from .forms import ApiTokenForm, LanguageForm
from .navigation import landing_for
from .types import AuthenticatedHttpRequest


class TodayView(LoginRequiredMixin, TemplateView):
    """Today: the user's work list, ranked by urgency x impact (see `karib.steer.today`).

    The first `TODAY_FIRST_ROWS` rows are shown, the most urgent; "show all" (`?all=1`) lists
    the rest. A long list is read from the top, and each row renders its own forms."""

    template_name = "core/today.html"
    request: AuthenticatedHttpRequest

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        from karib.steer.selectors import today_for_user

        context = super().get_context_data(**kwargs)
        work = today_for_user(user=self.request.user)
        show_all = self.request.GET.get("all") == "1"
        first = settings.KARIB_TODAY_FIRST_ROWS
        context["work"] = work
        context["rows"] = work.items if show_all else work.items[:first]
        context["hidden_rows"] = 0 if show_all else max(0, len(work.items) - first)
        context["today"] = work.day
        context["profile"] = services.profile_get_or_create(user=self.request.user)
        return context


class LandingView(TodayView):
    """Where a user lands after login, tailored to the role: Today for a sales rep or manager
    (greeting them), the approval queue for Compliance, conversations for an agent or a QA
    reviewer. The role's page is shown in place, so `/` stays the one address after login."""

    template_name = "core/home.html"

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if request.user.is_authenticated:
            landing = landing_for(request.user)
            if landing.key != "today" and landing.url:
                match = resolve(landing.url)
                response = match.func(request, *match.args, **match.kwargs)
                return cast("HttpResponseBase", response)
        return super().dispatch(request, *args, **kwargs)


@login_required
@require_POST
def digest_toggle_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Switch my daily digest email on or off."""
    wanted = request.POST.get("daily_digest") == "1"
    services.profile_set_daily_digest(user=request.user, enabled=wanted)
    if wanted:
        messages.success(request, _("You will get a daily digest by email."))
    else:
        messages.success(request, _("No more daily digest emails."))
    return redirect("core:today")


@login_required
@require_POST
def notification_mark_read_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = selectors.notification_get_for_user(user=request.user, pk=pk)
    services.notification_mark_read(notification=notification)
    if request.htmx:
        return HttpResponse("")
    return redirect("core:today")


class ProfileView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest
    template_name = "core/profile.html"

    def render_page(
        self, request: AuthenticatedHttpRequest, form: ApiTokenForm, secret: str = ""
    ) -> HttpResponse:
        context = {
            "form": form,
            "tokens": selectors.api_token_list(user=request.user),
            "new_secret": secret,
            "profile": services.profile_get_or_create(user=request.user),
        }
        return render(request, self.template_name, context)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return self.render_page(request, ApiTokenForm())

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form)
        issued = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        messages.success(request, _("Token created. Copy it now: it will not be shown again."))
        return self.render_page(request, ApiTokenForm(), secret=issued.secret)


@login_required
@require_POST
def api_token_revoke_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = selectors.api_token_get_for_user(user=request.user, pk=pk)
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("core:profile")


@require_POST
def set_language_view(request: HttpRequest) -> HttpResponse:
    """Switch language; remembered on the user's profile and in a cookie."""
    form = LanguageForm(request.POST)
    target = request.POST.get("next") or reverse("core:home")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("core:home")
    response = HttpResponseRedirect(target)
    if not form.is_valid():
        messages.error(request, _("Unknown language."))
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.profile_set_language(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
