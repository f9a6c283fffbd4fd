"""The one filter model of the conversation list (the review queue of a reviewer, an agent's
own conversations): the page and its export, the API list and `selectors.conversation_list`
all narrow conversations through `ConversationFilter` (`karib.core.filtering`). An invalid
filter (an agent or team the user may not pick, an unknown channel or finding, a bad date) is
refused naming its field: a 422 in the API, an error next to the filters on the page, which
then lists nothing."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from karib.core.filtering import FlagFilter
from karib.core.forms import UserChoiceField
from karib.core.models import Team
from karib.core.types import AnyUser

from .findings import finding_choices
from .models import Channel, Conversation, Finding, Product


class AgentChoiceFilter(django_filters.ModelChoiceFilter):  # type: ignore[misc]  # untyped
    field_class = UserChoiceField


class ConversationFilterForm(forms.Form):
    """The form of `ConversationFilter` (built by django-filter from its filters)."""


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


class ConversationFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    q = django_filters.CharFilter(label=_("Search"), method="search")
    agent = AgentChoiceFilter(label=_("Agent"), queryset=User.objects.none())
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.none())
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=Channel.choices, empty_label="—"
    )
    product = django_filters.ChoiceFilter(
        label=_("Product"), choices=Product.choices, empty_label="—"
    )
    finding = django_filters.ChoiceFilter(
        label=_("Finding"), choices=finding_choices, empty_label="—", method="with_finding"
    )
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="started_at", lookup_expr="date__gte", widget=_date_input()
    )
    date_to = django_filters.DateFilter(
        label=_("Until"), field_name="started_at", lookup_expr="date__lte", widget=_date_input()
    )
    flagged = FlagFilter(label=_("Flagged only"), method="only_flagged")

    class Meta:
        model = Conversation
        fields: list[str] = []
        form = ConversationFilterForm

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Conversation] | None = None,
        *,
        user: AnyUser,
        **kwargs: Any,
    ) -> None:
        from .selectors import agents_visible_to, teams_for_import

        super().__init__(data, queryset, **kwargs)
        self.filters["agent"].queryset = agents_visible_to(user)
        self.filters["team"].queryset = teams_for_import(user)

    def search(self, queryset: Any, name: str, value: str) -> Any:
        """The words anywhere in the id, the names or the transcript (still within scope)."""
        query = value.strip()
        if not query:
            return queryset
        return queryset.filter(
            Q(external_id__icontains=query)
            | Q(agent_name__icontains=query)
            | Q(customer_name__icontains=query)
            | Q(transcript_text__icontains=query)
        )

    def with_finding(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(pk__in=Finding.objects.filter(code=value).values("conversation"))

    def only_flagged(self, queryset: Any, name: str, value: bool) -> Any:
        from .selectors import FLAGGED

        return queryset.filter(FLAGGED) if value else queryset
