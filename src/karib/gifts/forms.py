from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from karib.core.types import AnyUser
from karib.people.models import Person, PersonalFact

from .models import GiftKind, GiftOccasion
from .selectors import person_choices


class GiftProposeForm(forms.Form):
    recipient: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        queryset=Person.objects.none(), label=_("Recipient")
    )
    kind = forms.ChoiceField(choices=GiftKind.choices, label=_("Kind"))
    description = forms.CharField(
        label=_("Description"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    honours_fact: forms.ModelChoiceField[PersonalFact] = forms.ModelChoiceField(
        queryset=PersonalFact.objects.none(),
        required=False,
        label=_("Personal fact it honours"),
    )
    occasion = forms.ChoiceField(choices=GiftOccasion.choices, label=_("Occasion"))
    occasion_note = forms.CharField(label=_("Occasion details"), max_length=200, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    estimated_value = forms.IntegerField(
        label=_("Estimated value (IDR)"), min_value=1, max_value=10**15
    )
    business_purpose = forms.CharField(
        label=_("Business purpose"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recipient: Any = self.fields["recipient"]
        recipient.queryset = person_choices(user=user)
        fact: Any = self.fields["honours_fact"]
        fact.queryset = PersonalFact.objects.visible_to(user).select_related("person")
        fact.label_from_instance = lambda item: f"{item.person.full_name}: {item}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        fact, recipient = data.get("honours_fact"), data.get("recipient")
        if fact is not None and recipient is not None and fact.person_id != recipient.pk:
            self.add_error("honours_fact", _("That personal fact is about someone else."))
        return data


class DateInput(forms.DateInput):
    """`<input type=date>` wants ISO dates (`2026-11-29`), whatever the language."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionedForm(forms.Form):
    """A form about one gift: it carries the version it was opened at, so a save over
    someone else's change is refused (a conflict), not lost."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def with_version(self, version: int) -> VersionedForm:
        """The same input, bound again at `version` (after a conflict the user saw)."""
        if not self.is_bound:
            self.initial["version"] = version
            return self
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict when bound
        data[self.add_prefix("version")] = str(version)
        return type(self)(data)


class GiftDecisionForm(VersionedForm):
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class GiftGivenForm(VersionedForm):
    given_on = forms.DateField(label=_("Given on"), widget=DateInput(), required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class KpkReportForm(VersionedForm):
    reported_on = forms.DateField(label=_("Reported on"), widget=DateInput())
    reference = forms.CharField(
        label=_("KPK receipt or reference number"),
        max_length=120,
        help_text=_("The evidence: the number on the KPK's receipt (e.g. from GOL KPK)."),
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RegisterGroupForm(forms.Form):
    """How the register totals its gifts (the filters are `filters.GiftFilter`)."""

    group = forms.ChoiceField(
        label=_("Totals by"),
        required=False,
        choices=[
            ("year", _("year")),
            ("person", _("person")),
            ("organization", _("organization")),
            ("giver", _("giver")),
        ],
    )
