"""Forms of the people app: they parse and validate input; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from karib.core import access
from karib.core.selectors import colleagues_of
from karib.core.types import AnyUser

from . import selectors
from .access import PersonAction
from .filters import UserChoiceField
from .models import ImportantDate, Interaction, Organization, Person, PersonalFact

YES_NO_SUGGEST = [
    ("", _("Suggest from the organization")),
    ("yes", _("Yes")),
    ("no", _("No")),
]


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in (value or "").replace(";", ",").split(",") if item.strip()]


def colleague_choices(user: AnyUser) -> QuerySet[User]:
    """The Sales and Manager users `user` may pick (owner filter, envoy, told by): their
    team(s) only, everyone for admins."""
    return colleagues_of(user)


class VersionedForm(forms.ModelForm[Any]):
    """A form that carries the version of the record it edits, so a save made from a stale
    page is refused (and shown) instead of overwriting someone else's change."""

    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**63 - 1
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class OrganizationForm(VersionedForm):
    class Meta:
        model = Organization
        fields = ["name", "kind", "sector", "parent", "city", "province", "address", "notes"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2}), "notes": forms.Textarea}

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = selectors.organization_choices(user=user)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        parent_id = self.instance.parent_id
        if parent_id is not None and not parents.filter(pk=parent_id).exists():
            # A parent the editor may not see is neither named nor dropped: the field is left
            # out, so the save keeps it.
            del self.fields["parent"]
            return
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


def _with_current(users: QuerySet[User], current: int | None) -> QuerySet[User]:
    """The users a form offers, plus the one the record already names (who may no longer be
    among them): saving the form must not drop it."""
    if current is None:
        return users
    return User.objects.filter(Q(pk__in=users.values("pk")) | Q(pk=current)).order_by(
        "first_name", "username"
    )


class PersonForm(VersionedForm):
    phones_text = forms.CharField(
        label=_("phones"), required=False, help_text=_("Comma-separated.")
    )
    emails_text = forms.CharField(
        label=_("emails"), required=False, help_text=_("Comma-separated.")
    )
    public_official = forms.ChoiceField(
        label=_("public official"),
        choices=YES_NO_SUGGEST,
        required=False,
        help_text=_("Suggested yes for government institutions and state-owned enterprises."),
    )
    envoy = UserChoiceField(label=_("envoy"), queryset=User.objects.none(), required=False)
    reason = forms.CharField(
        label=_("why (for a stage, attitude or envoy change)"), required=False, max_length=500
    )

    class Meta:
        model = Person
        fields = [
            "full_name",
            "honorific",
            "custom_address",
            "job_title",
            "organization",
            "influence",
            "attitude",
            "stage",
            "envoy",
            "refuses_to_meet_owner",
            "refusal_reason",
        ]
        widgets = {"refusal_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = selectors.organization_choices(user=user)  # type: ignore[attr-defined]
        self.fields["organization"].empty_label = _("No organization yet")  # type: ignore[attr-defined]
        if self.instance.pk and not access.can(user, PersonAction.MOVE_ORGANIZATION, self.instance):
            del self.fields["organization"]  # an envoy keeps the person where they are
        # The current envoy stays a choice, so other edits stay possible.
        envoys = _with_current(colleague_choices(user), self.instance.envoy_id)
        self.fields["envoy"].queryset = envoys  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["phones_text"].initial = ", ".join(self.instance.phones or [])
            self.fields["emails_text"].initial = ", ".join(self.instance.emails or [])
            self.fields["public_official"].initial = (
                "yes" if self.instance.is_public_official else "no"
            )
            self.fields["public_official"].choices = YES_NO_SUGGEST[1:]  # type: ignore[attr-defined]

    def clean_emails_text(self) -> list[str]:
        emails = _split_list(self.cleaned_data.get("emails_text", ""))
        validator = forms.EmailField()
        for email in emails:
            validator.clean(email)
        return emails

    def clean_phones_text(self) -> list[str]:
        return _split_list(self.cleaned_data.get("phones_text", ""))

    def service_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
        data["phones"] = self.cleaned_data["phones_text"]
        data["emails"] = self.cleaned_data["emails_text"]
        choice = self.cleaned_data.get("public_official")
        data["is_public_official"] = {"yes": True, "no": False}.get(choice or "")
        if data["is_public_official"] is None:
            data.pop("is_public_official")
        return data


class FactForm(VersionedForm):
    class Meta:
        model = PersonalFact
        fields = [
            "category",
            "text",
            "topic",
            "specifics",
            "relation",
            "member_name",
            "birth_year",
            "source_interaction",
            "told_by_user",
            "told_by_person",
            "source_note",
            "learned_on",
            "confidence",
            "is_sensitive",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "learned_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, user: AnyUser, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learned_on"].required = False
        self.fields["source_interaction"].queryset = selectors.interaction_list(  # type: ignore[attr-defined]
            user=user, person=person
        )
        # A source who left the team stays the source.
        colleagues = _with_current(colleague_choices(user), self.instance.told_by_user_id)
        self.fields["told_by_user"] = UserChoiceField(
            label=_("told by (colleague)"), queryset=colleagues, required=False
        )
        # Someone at the same organization told us; a person without one has no colleagues
        # here. A source elsewhere (moved since, or set through the API) stays: named when
        # the editor may see them, else left out of the form so the save keeps it.
        source = self.instance.told_by_person_id
        told_by = selectors.person_list(user=user).filter(
            Q(organization=person.organization_id) | Q(pk=source)
            if person.organization_id
            else Q(pk=source)  # no source yet: nobody (pk IS NULL)
        )
        if source is not None and not told_by.filter(pk=source).exists():
            del self.fields["told_by_person"]
            return
        self.fields["told_by_person"].queryset = told_by.exclude(pk=person.pk)  # type: ignore[attr-defined]

    def _post_clean(self) -> None:  # the service validates the whole fact
        pass


class InteractionForm(VersionedForm):
    class Meta:
        model = Interaction
        fields = ["kind", "occurred_at", "location", "summary", "mood"]
        widgets = {
            "occurred_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self) -> None:  # created_by is set by the service
        pass


class ImportantDateForm(forms.ModelForm[ImportantDate]):
    class Meta:
        model = ImportantDate
        fields = ["kind", "holiday", "day", "month", "year", "label", "remind_days_before"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind == ImportantDate.Kind.HOLIDAY and not cleaned.get("holiday"):
            self.add_error("holiday", _("Choose the holiday the person celebrates."))
        if (
            kind
            and kind != ImportantDate.Kind.HOLIDAY
            and not (cleaned.get("day") and cleaned.get("month"))
        ):
            self.add_error("day", _("Enter the day and the month."))
        return cleaned

    def _post_clean(self) -> None:
        pass


class EnvoyForm(forms.Form):
    envoy = UserChoiceField(label=_("envoy"), queryset=User.objects.none(), required=False)
    reason = forms.CharField(label=_("why"), required=False, max_length=500)

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["envoy"].queryset = colleague_choices(user)  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    class Format:
        ORGANIZATIONS_CSV = "organizations_csv"
        PEOPLE_CSV = "people_csv"
        VCARD = "vcard"

    file_format = forms.ChoiceField(
        label=_("File"),
        choices=[
            (Format.ORGANIZATIONS_CSV, _("Organizations (CSV)")),
            (Format.PEOPLE_CSV, _("People (CSV)")),
            (Format.VCARD, _("Contacts (vCard 3/4, .vcf)")),
        ],
    )
    file = forms.FileField(label=_("File to import"))
    organization = forms.ModelChoiceField(
        label=_("Organization for contacts without one (vCard)"),
        queryset=Organization.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = selectors.organization_choices(user=user)  # type: ignore[attr-defined]
