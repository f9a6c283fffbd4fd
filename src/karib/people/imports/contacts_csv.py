"""Contact CSV files of other tools: encoding, delimiter, preset and column mapping.

A preset is recognised from the header (Google Contacts old and new, Outlook, Thunderbird,
LinkedIn Connections with its preamble, HubSpot, Salesforce, Monica); any other header gets a
suggested mapping from common column names, which the user confirms or corrects (and the
team's last mapping for the same header is offered again).

This module reads the contacts of a file under a mapping; what it builds on is in
``csv_headers`` (fields, suggestions, presets), ``csv_file`` (the file up to its header, its
records), ``csv_dates`` (dates and their order) and ``csv_phones`` (phone cells), whose public
names it re-exports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.utils.translation import gettext as _

from .csv_dates import (
    MONTH_FIRST_REGIONS,
    NO_DATE,
    date_order_notes,
    date_orders,
    parse_date,
)
from .csv_facts import (
    CsvContact,
    add_interests,
    add_relative,
    header_relation,
    joined_note,
    names,
    relation_of,
)
from .csv_file import MAX_COLUMNS, MAX_HEADER_CHARS, SNIFF_CHARS, CsvFile, open_csv, records
from .csv_headers import (
    EVENT_KINDS,
    EVENT_LABEL,
    EVENT_VALUE,
    FIELDS,
    PRESETS,
    RELATION_LABEL,
    RELATION_VALUE,
    Preset,
    detect_preset,
    guess_field,
    suggested_mapping,
)
from .csv_phones import phone_cells
from .vcard import DEFAULT_REGION, Contact, ContactDate, phone_e164

__all__ = [
    "FIELDS",
    "MAX_COLUMNS",
    "MAX_HEADER_CHARS",
    "MONTH_FIRST_REGIONS",
    "PRESETS",
    "SNIFF_CHARS",
    "CsvContact",
    "CsvFile",
    "Preset",
    "date_order_notes",
    "date_orders",
    "detect_preset",
    "guess_field",
    "open_csv",
    "read_contacts",
    "suggested_mapping",
]


# What some exports write in an empty cell (HubSpot: "null"; spreadsheets: "#N/A").
_NO_VALUE = frozenset({"null", "n/a", "#n/a"})
# The lines a Salesforce report export adds after its data, each in the first cell alone.
_FOOTER = re.compile(
    r"grand totals \(\d+ records?\)|confidential information - do not distribute"
    r"|copyright (?:\(c\)|©) .*salesforce\.com.*",
    re.IGNORECASE,
)


def _is_footer(row: list[str]) -> bool:
    return (
        bool(row)
        and _FOOTER.fullmatch(row[0].strip()) is not None
        and not any(cell.strip() for cell in row[1:])
    )


def _label_columns(
    headers: list[str],
    fields: list[str],
    field: str,
    value: re.Pattern[str],
    label: re.Pattern[str],
) -> dict[int, int]:
    """The label column of each "Event N - Value" (``value``) column mapped to ``field``: its
    "Event N - Label" (``label``)."""
    labels: dict[str, int] = {}
    for index, header in enumerate(headers):
        found = label.match(header.strip().casefold())
        if found:
            labels[found.group(1)] = index
    pairs: dict[int, int] = {}
    for index, header in enumerate(headers):
        found = value.match(header.strip().casefold())
        if found and fields[index] == field and found.group(1) in labels:
            pairs[index] = labels[found.group(1)]
    return pairs


def _column_relations(headers: list[str], fields: list[str]) -> dict[int, str]:
    """The relation of each column of people: its field's ("spouse", "child") or, for a
    related person, its name's (``csv_facts.header_relation``)."""
    relations: dict[int, str] = {}
    for index, name in enumerate(fields):
        if name in ("spouse", "child"):
            relations[index] = name
        elif name == "relative":
            relations[index] = header_relation(headers[index])
    return relations


def _label(row: list[str], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def read_contacts(
    opened: CsvFile, mapping: dict[str, str], *, region: str = DEFAULT_REGION
) -> Iterator[Contact]:
    """The contacts of a CSV file under a column mapping (header -> field)."""
    fields = [mapping.get(h, "") for h in opened.headers]
    date_columns = [i for i, f in enumerate(fields) if f in ("birthday", "anniversary", "event")]
    month_first = date_orders(opened, date_columns, region=region)
    headers = opened.headers
    event_labels = _label_columns(headers, fields, "event", EVENT_VALUE, EVENT_LABEL)
    relation_labels = _label_columns(headers, fields, "relative", RELATION_VALUE, RELATION_LABEL)
    relations = _column_relations(headers, fields)
    for line, row in records(opened):
        if not any(cell.strip() for cell in row) or _is_footer(row):
            continue
        contact = CsvContact(line=line)
        parts: dict[str, str] = {}
        notes: list[tuple[str, str]] = []
        for index, cell in enumerate(row):
            value = cell.strip()
            name = fields[index] if index < len(fields) else ""
            if not value or not name or value.casefold() in _NO_VALUE:
                continue
            if name == "email":
                contact.emails += [v for v in re.split(r"\s*(?:;|,|:::)\s*", value) if v]
            elif name == "phone":
                for item in phone_cells(value, contact):
                    phone = phone_e164(item, region)
                    if phone not in contact.phones:
                        contact.phones.append(phone)
            elif name == "address":
                contact.addresses.append(" ".join(value.split()))
            elif name == "url":
                contact.urls.append(value)
            elif name in ("birthday", "anniversary", "event"):
                kind = name
                if name == "event":
                    label_text = _label(row, event_labels.get(index))
                    kind = EVENT_KINDS.get(label_text.strip(" *").casefold(), "")
                if value in NO_DATE or not kind:
                    continue  # an event Karib has no kind for ("Other", a custom label)
                parsed = parse_date(value, month_first[index])
                if parsed is None:
                    contact.errors.append(
                        (kind, _("“%(value)s” is not a date (use YYYY-MM-DD)") % {"value": value})
                    )
                else:
                    contact.dates.append(ContactDate(kind, parsed[1], parsed[2], parsed[0]))
            elif index in relations:
                relation = relations[index]
                if index in relation_labels:  # Google's "Relation N - Label" says it
                    relation = relation_of(_label(row, relation_labels[index])) or "other"
                for person in names(value) if name == "child" else [value]:
                    add_relative(contact, relation, person)
            elif name == "interest":
                add_interests(contact, value)
            elif name == "note":
                column = headers[index].strip() or _("(column %(n)d)") % {"n": index + 1}
                notes.append((column, value))
            else:
                parts[name] = value
        year, month, day = parts.get("birth_year"), parts.get("birth_month"), parts.get("birth_day")
        if month and day and month.isdigit() and day.isdigit():
            contact.dates.append(
                ContactDate(
                    "birthday", int(month), int(day), int(year) if year and year.isdigit() else None
                )
            )
        words = [parts.get(k, "") for k in ("prefix", "first_name", "middle_name", "last_name")]
        built = " ".join(n for n in words if n)
        if parts.get("suffix"):
            built = f"{built} {parts['suffix']}".strip()
        contact.full_name = parts.get("full_name") or built
        contact.nickname = parts.get("nickname", "")
        contact.organization = parts.get("organization", "")
        contact.job_title = parts.get("job_title", "")
        contact.note = joined_note(notes) if notes else ""
        if not contact.full_name:
            # The rule of vCard: a company's row is named after the company, not its
            # switchboard; else the row's e-mail, else its phone.
            contact.full_name = next(
                (n for n in (contact.organization, *contact.emails, *contact.phones) if n), ""
            )
        if not contact.full_name:
            contact.errors.append(("full_name", _("every contact needs a name")))
        yield contact
