from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from karib.core.models import Team

from .imports.pipeline import import_upload_errors
from .models import Channel, Dispute, Finding, ImportFile, Product, Review, ServiceSettings


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return [single(None, initial)]  # raises "required"
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    uploads = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "Plain text, WhatsApp export, JSON, JSONL or CSV (.txt, .json, .jsonl, .ndjson, "
            ".csv, or a WhatsApp export as its .zip); up to 20 files and 50 MB per import."
        ),
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    product = forms.ChoiceField(label=_("Product"), choices=Product.choices)

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team_field: forms.ModelChoiceField[Team] = self.fields["team"]  # type: ignore[assignment]
        team_field.queryset = teams
        if teams.count() == 1:
            self.fields["team"].initial = teams.first()

    def clean_uploads(self) -> list[Any]:
        files: list[Any] = self.cleaned_data["uploads"]
        errors = import_upload_errors([(f.name, f.size or 0) for f in files])
        if errors:
            raise ValidationError([error.text() for error in errors])
        return files


class ExactChoiceField(forms.ChoiceField):
    """A choice whose value is kept exactly as given: a speaker's name may begin or end with
    spaces or invisible marks (U+200E, U+202A ...) that the default stripping would lose."""

    def to_python(self, value: Any) -> str:
        return "" if value in self.empty_values else str(value)


class RoleMappingForm(forms.Form):
    agent_speaker = ExactChoiceField(label=_("Who is the agent?"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, speakers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the name exactly as the file writes it, as value and label (the template escapes it)
        self.fields["agent_speaker"].choices = [(s, s) for s in speakers]  # type: ignore[attr-defined]


class DateOrderForm(forms.Form):
    date_order = forms.ChoiceField(
        label=_("How does this file write its dates?"),
        choices=ImportFile.DateOrder.choices,
        widget=forms.RadioSelect,
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)
    qa_score = forms.IntegerField(
        label=_("Final QA score"), required=False, min_value=0, max_value=100
    )

    def __init__(
        self, *args: Any, findings: list[Finding], review: Review | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.findings = findings
        verdicts = dict(review.verdicts) if review is not None else {}
        if review is not None:
            # a verdict given on other evidence is not offered again: the reviewer chooses anew
            for stale in review.stale_verdicts_among(findings):
                verdicts.pop(stale.code, None)
        for finding in findings:
            self.fields[f"verdict_{finding.code}"] = forms.ChoiceField(
                label=finding.label,
                choices=[("", "—"), *Review.Verdict.choices],
                required=False,
                widget=forms.RadioSelect,
                initial=verdicts.get(finding.code, ""),
            )
        if review is not None:
            self.fields["comment"].initial = review.comment
            self.fields["qa_score"].initial = review.qa_score

    def verdict_fields(self) -> list[tuple[Finding, forms.BoundField]]:
        return [(f, self[f"verdict_{f.code}"]) for f in self.findings]

    def verdicts(self) -> dict[str, str]:
        return {
            f.code: self.cleaned_data[f"verdict_{f.code}"]
            for f in self.findings
            if self.cleaned_data.get(f"verdict_{f.code}")
        }


class DisputeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Your response"),
        choices=[
            (Dispute.Kind.ACKNOWLEDGE, _("I acknowledge the result")),
            (Dispute.Kind.DISPUTE, _("I dispute the result")),
        ],
        widget=forms.RadioSelect,
    )
    finding_code = forms.ChoiceField(label=_("Finding"), required=False)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, findings: list[Finding], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["finding_code"].choices = [  # type: ignore[attr-defined]
            ("", _("the whole result")),
            *[(f.code, f.label) for f in findings],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Dispute.Kind.DISPUTE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why you dispute the result."))
        return data


class DisputeAnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Dispute.Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note to the agent"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Required when you overturn the result."),
    )


class ServiceSettingsForm(forms.Form):
    min_confidence = forms.DecimalField(
        label=ServiceSettings._meta.get_field("min_confidence").verbose_name,
        help_text=ServiceSettings._meta.get_field("min_confidence").help_text,
        min_value=0,
        max_value=1,
        decimal_places=2,
    )
    redact_on_import = forms.BooleanField(
        label=ServiceSettings._meta.get_field("redact_on_import").verbose_name, required=False
    )


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your reflection"),
        max_length=4000,
        widget=forms.Textarea,
        help_text=_("What went well, what would you do differently?"),
    )


class PlaybookForm(forms.Form):
    max_offers_after_refusal = forms.IntegerField(
        label=_("Retention offers allowed after a clear refusal"), min_value=0, max_value=10
    )
    requires_courteous_closure = forms.BooleanField(
        label=_("Courteous closure required"), required=False
    )
    required_closure = forms.CharField(
        label=_("Required closure"), required=False, widget=forms.Textarea
    )
    guidance = forms.CharField(
        label=_("Guidance for agents"), required=False, widget=forms.Textarea
    )


PERIODS = (30, 90, 365)


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        choices=[
            (30, _("last 30 days")),
            (90, _("last 90 days")),
            (365, _("last 12 months")),
        ],
        required=False,
        initial=90,
    )

    def days_or_default(self) -> int:
        if self.is_valid() and self.cleaned_data.get("days"):
            return int(self.cleaned_data["days"])
        return 90
