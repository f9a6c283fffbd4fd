"""Forms of the contact import pages: the upload and the column mapping."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from karib.people import selectors
from karib.people.models import Organization

from .contacts_csv import FIELDS

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: The longest column name shown whole as a label of the mapping page (the header row itself is
#: at most ``contacts_csv.MAX_HEADER_CHARS``).
MAX_LABEL_CHARS = 200


def _label(header: str, index: int) -> str:
    if not header:
        return str(_("(column %(n)d)") % {"n": index + 1})
    return header if len(header) <= MAX_LABEL_CHARS else header[: MAX_LABEL_CHARS - 1] + "…"


class ContactUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Contacts file"),
        help_text=_(
            "vCard (.vcf), CSV or Excel workbook (.xlsx, its first sheet) exported from Google "
            "Contacts, Outlook, Thunderbird, LinkedIn, HubSpot, Salesforce, Monica or any "
            "spreadsheet."
        ),
    )
    organization = forms.ModelChoiceField(
        label=_("Organization for contacts without one"),
        queryset=Organization.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = selectors.organization_choices(user=user)  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class ColumnMappingForm(forms.Form):
    """One choice per column of the file: which contact field it holds."""

    def __init__(
        self, *args: Any, headers: list[str], initial_mapping: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = list(FIELDS.items())
        for index, header in enumerate(headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=_label(header, index),
                choices=choices,
                required=False,
                initial=initial_mapping.get(header, ""),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        mapped = {cleaned.get(f"column_{i}", "") for i in range(len(self.headers))}
        if not mapped & {"full_name", "first_name", "last_name"}:
            raise forms.ValidationError(_("Choose the column (or columns) that hold the names."))
        return cleaned

    def mapping(self) -> dict[str, str]:
        return {
            header: self.cleaned_data.get(f"column_{index}", "")
            for index, header in enumerate(self.headers)
        }
