"""The one filter model of the gift register: the register page and its exports, the API list
and its exports, and `selectors.gift_list` all narrow gifts through `GiftFilter`
(`karib.core.filtering`). An invalid filter (a year of -1, an id beyond any database integer,
an unknown status) is refused naming its field: a 422 in the API, an error next to the filters
on the page, which then lists nothing."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from karib.core.filtering import IdFilter, YearFilter

from .models import Gift


class GiftFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    person = IdFilter(label=_("Recipient"), field_name="recipient_id", widget=forms.HiddenInput)
    organization = IdFilter(
        label=_("Organization"), field_name="recipient_organization_id", widget=forms.HiddenInput
    )
    giver = IdFilter(label=_("Giver"), field_name="giver_id", widget=forms.HiddenInput)
    year = YearFilter(label=_("Year"), method="filter_year")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Gift.Status.choices, empty_label=_("all")
    )

    class Meta:
        model = Gift
        fields: list[str] = []

    def filter_year(self, queryset: Any, name: str, value: int | None) -> Any:
        return queryset.in_year(value) if value else queryset
