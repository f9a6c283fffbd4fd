"""The filters of the people lists: one django-filter FilterSet per list, used by the selector,
rendered as the page's filter form and fed the API's query parameters (karib.core.filtering).

Both take the reading user (`user=`): the organization and owner choices are the ones the user
may pick, and the search is narrowed to the documents the user may see.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from karib.core.selectors import colleagues_of
from karib.core.types import AnyUser

from .models import Organization, Person
from .search import matching_person_ids

MAX_QUERY_LENGTH = 200
ANY = _("any")


class SearchField(forms.CharField):
    """The search box: a NUL is dropped and a longer query is cut at MAX_QUERY_LENGTH (the
    pages cut rather than refuse; the API refuses a longer one before it gets here)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return text.replace("\x00", "")[:MAX_QUERY_LENGTH]


class SearchFilter(django_filters.CharFilter):  # type: ignore[misc]  # untyped library
    field_class = SearchField


class FilterSelect(forms.Select):
    """A filter's drop-down written in one pass: Django's Select renders a template per
    option (the same HTML, 3 ms more of the people list with a hundred organizations)."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        chosen = {str(item) for item in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        # Django's order (name first; flatatt sorts), for pages and tests that read the HTML.
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class ListedChoices(ModelChoiceIterator):
    """A model's choices read in one plain query (Django reads them through a server-side
    cursor on PostgreSQL: three round trips, and a cursor a transaction pooler cannot keep)."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class UserChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.get_username()


class ListedChoiceField(forms.ModelChoiceField[Any]):
    """A filter's model choice: read in one query, rendered in one pass."""

    iterator = ListedChoices
    widget = FilterSelect


class ListedUserChoiceField(ListedChoiceField, UserChoiceField):
    """A colleague to filter by: named as UserChoiceField names them, listed in one pass."""


class UserChoiceFilter(django_filters.ModelChoiceFilter):  # type: ignore[misc]  # untyped library
    field_class = ListedUserChoiceField


class ListedChoiceFilter(django_filters.ModelChoiceFilter):  # type: ignore[misc]  # untyped library
    field_class = ListedChoiceField


def search_text(filterset: django_filters.FilterSet) -> str:
    """The cleaned search query of a bound, valid filterset ("" otherwise)."""
    if not filterset.is_bound or not filterset.is_valid():
        return ""
    return str(filterset.form.cleaned_data.get("q") or "").strip()


class UserScopedFilter(django_filters.FilterSet):  # type: ignore[misc]  # untyped library
    """A list's filters for one reader: `owner` offers the colleagues `user` may pick."""

    owner = UserChoiceFilter(
        label=_("relationship owner"), queryset=User.objects.none(), empty_label=ANY
    )

    def __init__(self, data: Any = None, queryset: Any = None, *, user: AnyUser, **kwargs: Any):
        self.user = user
        super().__init__(data, queryset, **kwargs)
        self.filters["owner"].queryset = colleagues_of(user)


class PersonFilter(UserScopedFilter):
    """The people list: search, organization, owner, stage, attitude, influence, public
    official (the page's parameters; the API sends `is_public_official` as a boolean)."""

    q = SearchFilter(label=_("Search"), method="search")
    organization = ListedChoiceFilter(
        label=_("organization"), queryset=Organization.objects.none(), empty_label=ANY
    )
    stage = django_filters.ChoiceFilter(
        label=_("relationship stage"),
        choices=Person.Stage.choices,
        empty_label=ANY,
        widget=FilterSelect,
    )
    attitude = django_filters.ChoiceFilter(
        label=_("attitude"), choices=Person.Attitude.choices, empty_label=ANY, widget=FilterSelect
    )
    influence = django_filters.ChoiceFilter(
        label=_("influence"),
        choices=[(str(i), str(i)) for i in range(1, 6)],
        empty_label=ANY,
        widget=FilterSelect,
    )
    public_official = django_filters.ChoiceFilter(
        label=_("public official"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        empty_label=ANY,
        widget=FilterSelect,
        method="filter_public_official",
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def __init__(self, data: Any = None, queryset: Any = None, *, user: AnyUser, **kwargs: Any):
        super().__init__(data, queryset, user=user, **kwargs)
        self.filters["organization"].queryset = (
            Organization.objects.visible_to(user).only("id", "name").order_by("name")
        )
        # The form's order: search, organization, owner, then the rest as declared.
        self.filters.move_to_end("organization", last=False)
        self.filters.move_to_end("q", last=False)

    def search(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        if not value.strip():
            return queryset
        ids = matching_person_ids(value, user=self.user)
        return queryset.none() if ids is None else queryset.filter(pk__in=ids)

    def filter_public_official(
        self, queryset: QuerySet[Person], name: str, value: str
    ) -> QuerySet[Person]:
        return queryset.filter(is_public_official=value == "yes")


class OrganizationFilter(UserScopedFilter):
    """The organizations list: name search, kind, owner."""

    q = SearchFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(
        label=_("kind"), choices=Organization.Kind.choices, empty_label=ANY, widget=FilterSelect
    )

    class Meta:
        model = Organization
        fields: list[str] = []
