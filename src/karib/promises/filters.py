"""The one filter model of the promise list: the board and its export, the API list and its
export, and `selectors.promise_list` all narrow promises through `PromiseFilter`
(`karib.core.filtering`). An invalid filter (an organization the user cannot see, an unknown
status, an id beyond any database integer) is refused naming its field: a 422 in the API,
an error next to the filters on the board, which then lists nothing."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from karib.core.filtering import FlagFilter
from karib.core.forms import UserChoiceField
from karib.core.types import AnyUser
from karib.people.models import Organization, Person

from .models import Project, Promise, PromiseStatus


class UserChoiceFilter(django_filters.ModelChoiceFilter):  # type: ignore[misc]  # django-filter is untyped
    field_class = UserChoiceField


def owner_options(*, user: AnyUser) -> QuerySet[User]:
    """Users who made a promise `user` can see (the choices of the owner filter)."""
    return User.objects.filter(pk__in=Promise.objects.visible_to(user).values("made_by")).order_by(
        "first_name", "username"
    )


class PromiseFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    """Filters of the promise list; every choice is scoped to what `user` may see."""

    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    owner = UserChoiceFilter(
        label=_("Promised by"), field_name="made_by", queryset=User.objects.none()
    )
    project = django_filters.ModelChoiceFilter(label=_("Project"), queryset=Project.objects.none())
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PromiseStatus.choices, empty_label="—"
    )
    overdue = FlagFilter(label=_("Overdue only"), method="filter_overdue")
    silent_break = FlagFilter(label=_("Silent breaks only"), method="filter_silent_break")
    person = django_filters.ModelChoiceFilter(
        label=_("Promised to"),
        field_name="people",
        queryset=Person.objects.none(),
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Promise
        fields: list[str] = []

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Promise] | None = None,
        *,
        user: AnyUser,
        today: datetime.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, queryset, **kwargs)
        self.today = today
        self.filters["organization"].queryset = Organization.objects.visible_to(user).order_by(
            "name"
        )
        self.filters["owner"].queryset = owner_options(user=user)
        self.filters["project"].queryset = (
            Project.objects.visible_to(user).select_related("organization").order_by("name")
        )
        self.filters["person"].queryset = Person.objects.visible_to(user)

    def filter_overdue(self, queryset: Any, name: str, value: bool) -> Any:
        return queryset.overdue(today=self.today) if value else queryset

    def filter_silent_break(self, queryset: Any, name: str, value: bool) -> Any:
        return queryset.silent_breaks() if value else queryset
