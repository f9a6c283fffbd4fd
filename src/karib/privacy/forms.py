from __future__ import annotations

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from .models import LawfulBasis, SubjectRequest, reference_text


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")  # an <input type=date> reads ISO dates only


class ProcessingBasisForm(forms.Form):
    basis = forms.ChoiceField(label=_("Lawful basis"), choices=LawfulBasis.choices)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 2}))
    consent_obtained_on = forms.DateField(
        label=_("Consent obtained on"), required=False, widget=DateInput()
    )


class SubjectRequestForm(forms.Form):
    # an empty first choice: a request is recorded only when its kind was chosen
    kind = forms.ChoiceField(
        label=_("Request"), choices=[*BLANK_CHOICE_DASH, *SubjectRequest.Kind.choices]
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ErasureForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type the person's reference to confirm"),
        help_text=_("Erasure cannot be undone."),
    )

    def __init__(self, *args: object, reference: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.reference = reference

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"].strip()
        # the reference as shown ("Kontak #4") or as stored, the same in every language
        if value != self.reference and reference_text(value) != self.reference:
            raise forms.ValidationError(
                _("Type %(reference)s exactly.") % {"reference": self.reference}
            )
        return value


class RequestCloseForm(forms.Form):
    refused = forms.BooleanField(label=_("Refuse the request"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
