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
    add_interests,
    add_relative,
    header_relation,
    joined_note,
    names,
    relation_of,
)
from .csv_file import MAX_COLUMNS, MAX_HEADER_CHARS, SNIFF_CHARS, CsvFile, open_csv, records
from .csv_headers import (
    ADDRESS_PARTS,
    EVENT_KINDS,
    EVENT_LABEL,
    EVENT_VALUE,
    FAX,
    FIELDS,
    PHONE_LABEL,
    PHONE_VALUE,
    PRESETS,
    RELATION_LABEL,
    RELATION_VALUE,
    Preset,
    address_part,
    address_prefix,
    detect_preset,
    guess_field,
    suggested_mapping,
)
from .csv_phones import phone_cells
from .phones import read_phone, region_of_country
from .vcard import (
    DEFAULT_REGION,
    Contact,
    ContactDate,
    add_emails,
    leave_out_if_nameless,
    phone_e164,
)

__all__ = [
    "FIELDS",
    "MAX_COLUMNS",
    "MAX_HEADER_CHARS",
    "MONTH_FIRST_REGIONS",
    "PRESETS",
    "SNIFF_CHARS",
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


def _address_groups(headers: list[str], fields: list[str]) -> dict[int, str]:
    """The address each address column belongs to, by its prefix ("Home City" and "Home
    Address 2": "home"; "Address 1 - Formatted" and "Address 1 - Street": "address 1"). A
    whole-address column of no part's prefix is an address of its own."""
    groups: dict[int, str] = {}
    for index, name in enumerate(fields):
        if name in ADDRESS_PARTS:
            found = address_part(headers[index])
            groups[index] = found[0] if found else ""
    prefixes = set(groups.values())
    for index, name in enumerate(fields):
        if name != "address":
            continue
        key = address_prefix(headers[index])
        short = re.sub(r"\s*\baddress(?:\s+\d)?$", "", key).strip(" -")
        if key in prefixes:
            groups[index] = key
        elif short in prefixes:
            groups[index] = short
        else:
            groups[index] = f"\0{index}"  # no part has its prefix: an address of its own
    return groups


def _address_text(value: str) -> str:
    """A cell of an address on one line: its lines, and the parts Mailchimp separates by two
    spaces, joined by ", "."""
    pieces = re.split(r"\s*\n\s*|\s{2,}", value.strip())
    return ", ".join(" ".join(piece.split()) for piece in pieces if piece.strip(" ,"))


_WORDS = re.compile(r"\w+")


def _joined_address(cells: list[tuple[str, str]]) -> str:
    """One address from its cells (field, text) in file order: the street, city, region,
    postal code and country, each once (not a part the text already holds: Outlook's
    "Business Street" repeated in "Business Address"); a whole-address cell before them when
    no part is the street (Thunderbird's "Home Address" is the street), else after them, and
    only the lines of it that say something the parts do not (Google's "Formatted")."""
    order = {"street": 1, "city": 2, "region": 3, "postal_code": 4, "country": 5}
    whole = [_address_text(value) for name, value in cells if name == "address"]
    parts = sorted(
        ((name, _address_text(value)) for name, value in cells if name != "address"),
        key=lambda cell: order[cell[0]],
    )
    has_street = any(name == "street" for name, _value in parts)
    pieces: list[str] = []

    def said(piece: str, *, by_words: bool) -> bool:
        text = ", ".join(pieces).casefold()
        if by_words:
            return set(_WORDS.findall(piece.casefold())) <= set(_WORDS.findall(text))
        return re.search(rf"(?<!\w){re.escape(piece.casefold())}(?!\w)", text) is not None

    if not has_street:
        pieces += [piece for piece in whole if piece]
    for _name, piece in parts:
        if piece and not said(piece, by_words=False):
            pieces.append(piece)
    if has_street:
        for piece in whole:
            pieces += [line for line in piece.split(", ") if not said(line, by_words=True)]
    return ", ".join(pieces)


def _row_region(cells: dict[str, list[tuple[str, str]]], region: str) -> str:
    """The phone region of a row: its first address country Karib knows, else ``region``."""
    for group in cells.values():
        for name, value in group:
            found = region_of_country(value) if name == "country" else None
            if found:
                return found
    return region


def _column(headers: list[str], index: int) -> str:
    header = headers[index].strip() if index < len(headers) else ""
    return header or _("(column %(n)d)") % {"n": index + 1}


def read_contacts(
    opened: CsvFile, mapping: dict[str, str], *, region: str = DEFAULT_REGION
) -> Iterator[Contact]:
    """The contacts of a CSV file under a column mapping (header -> field).

    A cell Karib cannot read (a date, an e-mail address, a number a spreadsheet shortened)
    is left out with a notice, its text kept in the note (not a shortened number), so that
    the rest of the row and of the file are imported; an Exchange address is left out with a
    notice; a row with no name, e-mail or phone is left out, and reported."""
    fields = [mapping.get(h, "") for h in opened.headers]
    date_columns = [i for i, f in enumerate(fields) if f in ("birthday", "anniversary", "event")]
    preset_order = opened.preset.month_first if opened.preset is not None else None
    month_first = date_orders(opened, date_columns, region=region, preset=preset_order)
    headers = opened.headers
    event_labels = _label_columns(headers, fields, "event", EVENT_VALUE, EVENT_LABEL)
    relation_labels = _label_columns(headers, fields, "relative", RELATION_VALUE, RELATION_LABEL)
    phone_labels = _label_columns(headers, fields, "phone", PHONE_VALUE, PHONE_LABEL)
    relations = _column_relations(headers, fields)
    address_groups = _address_groups(headers, fields)
    for line, row in records(opened):
        if not any(cell.strip() for cell in row) or _is_footer(row):
            continue
        contact = Contact(line=line)
        parts: dict[str, str] = {}
        notes: list[tuple[str, str]] = []
        kept: list[str] = []  # what could not be read, as "Column: text", for the note
        phones: list[str] = []
        faxes: list[str] = []
        assistant_phones: list[str] = []
        departments: list[str] = []
        addresses: dict[str, list[tuple[str, str]]] = {}
        for index, cell in enumerate(row):
            value = cell.strip()
            name = fields[index] if index < len(fields) else ""
            if not value or not name or value.casefold() in _NO_VALUE:
                continue
            if name == "email":
                unreadable = add_emails(contact, re.split(r"\s*(?:;|,|:::)\s*", value))
                kept += [f"{_column(headers, index)}: {text}" for text in unreadable]
            elif name in ("phone", "fax", "assistant_phone"):
                numbers = phone_cells(value, contact, column=_column(headers, index), kept=kept)
                if name == "assistant_phone":
                    assistant_phones += numbers
                elif name == "fax" or FAX.search(_label(row, phone_labels.get(index)).casefold()):
                    faxes += numbers
                else:
                    phones += numbers
            elif name == "department":
                departments.append(value)
            elif name == "address" or name in ADDRESS_PARTS:
                addresses.setdefault(address_groups[index], []).append((name, value))
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
                    message = _("“%(value)s” is not a date Karib can read: kept in the note")
                    contact.notices.append((kind, message % {"value": value}))
                    kept.append(f"{_column(headers, index)}: {value}")
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
                notes.append((_column(headers, index), value))
            else:
                parts[name] = value
        # A number without "+" is read in the row's own country when its address names one.
        row_region = _row_region(addresses, region)
        for item in phones:
            phone, notice = read_phone(item, row_region)
            if notice:
                contact.notices.append(("phone", notice))
            if phone not in contact.phones:
                contact.phones.append(phone)
        contact.addresses = [text for text in map(_joined_address, addresses.values()) if text]
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
        # No one to call or message at a fax, the person not at their assistant's phone: kept
        # in the note, as a vCard's fax, with the unit of the organization they work in.
        unit_lines = [
            _("Department: %(name)s") % {"name": unit} for unit in dict.fromkeys(departments)
        ]
        assistant_lines = [
            _("Assistant's phone: %(number)s") % {"number": phone_e164(number, row_region)}
            for number in dict.fromkeys(assistant_phones)
        ]
        fax_lines = [
            _("Fax: %(number)s") % {"number": phone_e164(fax, row_region)}
            for fax in dict.fromkeys(faxes)
        ]
        pieces = [
            joined_note(notes) if notes else "",
            *unit_lines,
            *assistant_lines,
            *fax_lines,
            *kept,
        ]
        contact.note = "\n\n".join(piece for piece in pieces if piece)
        if not contact.full_name:
            # The rule of vCard: a company's row is named after the company, not its
            # switchboard; else the row's e-mail, else its phone.
            contact.full_name = next(
                (n for n in (contact.organization, *contact.emails, *contact.phones) if n), ""
            )
        leave_out_if_nameless(contact, _("this row has no name, e-mail or phone: left out"))
        yield contact
