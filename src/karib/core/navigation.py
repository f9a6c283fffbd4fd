"""The main navigation: one entry per area; an area without pages yet is shown as coming."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str

    @property
    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


NAVIGATION = (
    NavItem("today", _("Today"), "core:today"),
    NavItem("people", _("People"), "people:index"),
    NavItem("promises", _("Promises"), "promises:index"),
    NavItem("gifts", _("Gifts"), "gifts:index"),
    NavItem("conversations", _("Conversations"), "service:index"),
)
