"""The register for auditors, with the fields of the KPK gratification report form."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from karib.core.spreadsheets import spreadsheet_safe

from .models import Gift

VALUE_COLUMN = 16  # 1-based position of "Value (IDR)" in _headers()


def _headers() -> list[str]:
    return [
        _("No."),
        _("Giver name"),
        _("Giver address"),
        _("Recipient name"),
        _("Recipient address"),
        _("Official's position"),
        _("Institution"),
        _("Public official"),
        _("Place"),
        _("Date given"),
        _("Date proposed"),
        _("Type"),
        _("Cash equivalent"),
        _("Description"),
        _("Occasion"),
        _("Value (IDR)"),
        _("Business purpose"),
        _("Status"),
        _("Reporting deadline"),
        _("Reported to the KPK on"),
        _("KPK report reference"),
    ]


def _address(gift: Gift) -> str:
    organization = gift.recipient_organization
    parts = [organization.name, organization.address, organization.city, organization.province]
    return ", ".join(part.strip() for part in parts if part and part.strip())


def _rows(gifts: Iterable[Gift]) -> Iterable[list[object]]:
    yes, no = _("yes"), _("no")
    for number, gift in enumerate(gifts, start=1):
        giver = gift.giver
        occasion = gift.get_occasion_display()
        if gift.occasion_note:
            occasion = f"{occasion}: {gift.occasion_note}"
        yield [
            number,
            giver.get_full_name() or giver.get_username(),
            giver.email,
            gift.recipient.full_name,
            _address(gift),
            gift.recipient_position,
            gift.recipient_organization.name,
            yes if gift.recipient_is_public_official else no,
            gift.place,
            gift.given_on.isoformat() if gift.given_on else "",
            gift.proposed_on.isoformat(),
            gift.get_kind_display(),
            yes if gift.is_cash_equivalent else no,
            gift.description,
            occasion,
            gift.estimated_value,
            gift.business_purpose,
            gift.get_status_display(),
            gift.report_deadline.isoformat() if gift.report_deadline else "",
            gift.kpk_reported_on.isoformat() if gift.kpk_reported_on else "",
            gift.kpk_report_reference,
        ]


def _safe(value: object) -> object:
    """A cell value a spreadsheet opens as text: no formula, no character XML forbids (one
    control character stored in a description must not break the export for everyone)."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return spreadsheet_safe(value)


def register_csv(gifts: Iterable[Gift]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_headers())
    for row in _rows(gifts):
        writer.writerow([_safe(value) for value in row])
    return buffer.getvalue()


def register_xlsx(gifts: Iterable[Gift]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = _("Gifts")[:31]
    sheet.append(_headers())
    for row in _rows(gifts):
        sheet.append([_safe(value) for value in row])
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for (cell,) in sheet.iter_rows(min_row=2, min_col=VALUE_COLUMN, max_col=VALUE_COLUMN):
        cell.number_format = '"Rp"#,##0'
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_csv_response(gifts: Iterable[Gift]) -> HttpResponse:
    response = HttpResponse(register_csv(gifts), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gifts-register.csv"'
    return response


def register_xlsx_response(gifts: Iterable[Gift]) -> HttpResponse:
    response = HttpResponse(register_xlsx(gifts), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="gifts-register.xlsx"'
    return response
