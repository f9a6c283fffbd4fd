"""Contact CSV files of other tools: encoding, delimiter, preset and column mapping.

A preset is recognised from the header (Google Contacts old and new, Outlook, Thunderbird,
LinkedIn Connections with its preamble, HubSpot, Salesforce, Monica); any other header gets a
suggested mapping from common column names, which the user confirms or corrects (and the
team's last mapping for the same header is offered again).
"""

from __future__ import annotations

import csv
import datetime
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from karib.core.spreadsheets import allow_long_csv_cells

from .rows import Source
from .text import (
    Encoding,
    detect_encoding,
    open_text,
    spreadsheet_as_csv,
    text_lines,
    without_nul,
)
from .vcard import DEFAULT_REGION, Contact, ContactDate, phone_e164

# What a column may hold; "" ignores the column.
FIELDS = {
    "": gettext_lazy("(ignore)"),
    "full_name": gettext_lazy("full name"),
    "prefix": gettext_lazy("name prefix"),
    "first_name": gettext_lazy("first name"),
    "middle_name": gettext_lazy("middle name"),
    "last_name": gettext_lazy("last name"),
    "suffix": gettext_lazy("name suffix"),
    "nickname": gettext_lazy("nickname"),
    "organization": gettext_lazy("organization"),
    "job_title": gettext_lazy("job title"),
    "email": gettext_lazy("e-mail"),
    "phone": gettext_lazy("phone"),
    "birthday": gettext_lazy("birthday"),
    "birth_year": gettext_lazy("birth year"),
    "birth_month": gettext_lazy("birth month"),
    "birth_day": gettext_lazy("birth day"),
    "anniversary": gettext_lazy("anniversary"),
    "event": gettext_lazy("date whose kind is in its label column"),
    "address": gettext_lazy("address"),
    "url": gettext_lazy("website"),
    "note": gettext_lazy("note"),
}


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


# Common column names (keys without spaces or punctuation) and what they hold.
_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        ["name", "fullname", "displayname", "nama", "namalengkap", "contactname"], "full_name"
    ),
    **dict.fromkeys(["nameprefix", "prefix", "salutation"], "prefix"),
    **dict.fromkeys(
        ["firstname", "givenname", "first", "namadepan", "fname", "firstnamegiven"],
        "first_name",
    ),
    **dict.fromkeys(["middlename", "additionalname"], "middle_name"),
    **dict.fromkeys(
        ["lastname", "familyname", "surname", "last", "namabelakang", "lname"], "last_name"
    ),
    **dict.fromkeys(["namesuffix", "suffix"], "suffix"),
    **dict.fromkeys(["nickname", "panggilan", "namapanggilan"], "nickname"),
    **dict.fromkeys(
        [
            "company",
            "companyname",
            "organization",
            "organisation",
            "organizationname",
            "organization1name",
            "accountname",
            "accountname",
            "perusahaan",
            "kantor",
            "instansi",
            "organisasi",
            "employer",
        ],
        "organization",
    ),
    **dict.fromkeys(
        [
            "jobtitle",
            "position",
            "organizationtitle",
            "organization1title",
            "jabatan",
            "role",
            "job",
        ],
        "job_title",
    ),
    **dict.fromkeys(["birthday", "birthdate", "dateofbirth", "dob", "tanggallahir"], "birthday"),
    # Indonesian spreadsheets and exports.
    **dict.fromkeys(
        [
            *("tgllahir", "tgllhr", "tanggallhr", "harilahir", "ulangtahun", "ultah"),
            *("tanggalulangtahun", "tglulangtahun", "tglultah"),
        ],
        "birthday",
    ),
    **dict.fromkeys(
        ["harijadi", "tanggalpernikahan", "tglpernikahan", "ulangtahunpernikahan"],
        "anniversary",
    ),
    **dict.fromkeys(
        [
            *("hp", "notelp", "notlp", "telp", "tlp", "telpon", "notelpon"),
            *("telepon", "notelepon", "ponsel", "noponsel", "nomorponsel", "nomortelp"),
            *("nowhatsapp", "nomorwhatsapp", "nomorwa"),
        ],
        "phone",
    ),
    **dict.fromkeys(
        ["namausaha", "namaperusahaan", "namatoko", "namabisnis", "usaha", "toko"],
        "organization",
    ),
    **dict.fromkeys(["namakontak"], "full_name"),
    **dict.fromkeys(["situsweb", "situs", "web", "laman", "websiteurl"], "url"),
    **dict.fromkeys(["alamatemail", "alamatsurel", "alamatemel"], "email"),
    **dict.fromkeys(["birthyear"], "birth_year"),
    **dict.fromkeys(["birthmonth"], "birth_month"),
    **dict.fromkeys(["birthday2", "birthdayday"], "birth_day"),
    **dict.fromkeys(["anniversary", "weddinganniversary"], "anniversary"),
    **dict.fromkeys(["notes", "note", "catatan", "description"], "note"),
    **dict.fromkeys(["surel", "email", "emailaddress", "contactemail", "workemail"], "email"),
    **dict.fromkeys(["profileurl", "linkedinurl", "profile", "website"], "url"),
    **dict.fromkeys(["city", "kota", "location", "lokasi", "address", "alamat"], "address"),
    **dict.fromkeys(["title"], "job_title"),
    **dict.fromkeys(["business"], "organization"),
    **dict.fromkeys(["additionalinfo", "comments", "keterangan"], "note"),
    **dict.fromkeys(["nohp", "nomorhp", "whatsapp", "wa", "nowa", "handphone"], "phone"),
    # German exports (Outlook, Apple, Thunderbird in German); keys as ``_key`` makes them.
    **dict.fromkeys(["anrede"], "prefix"),
    **dict.fromkeys(["vorname"], "first_name"),
    **dict.fromkeys(["weiterevornamen"], "middle_name"),
    **dict.fromkeys(["nachname"], "last_name"),
    **dict.fromkeys(["firma"], "organization"),
    **dict.fromkeys(["berufsbezeichnung"], "job_title"),
    **dict.fromkeys(["geburtstag"], "birthday"),
    **dict.fromkeys(["jahrestag"], "anniversary"),
    **dict.fromkeys(["notizen"], "note"),
    **dict.fromkeys(["webseite", "homepage"], "url"),
    **dict.fromkeys(
        [
            "mobiltelefon",
            "mobiltelefon2",
            "haupttelefon",
            "hauptnummer",
            "telefongeschftlich",
            "telefongeschftlich2",
            "telefonprivat",
            "telefonprivat2",
            "weiterestelefon",
            "arbeittelefon",
            "privattelefon",
        ],
        "phone",
    ),
    **dict.fromkeys(["arbeitemail", "privatemail", "andereemail"], "email"),
}
_NUMBERED = (
    (re.compile(r"^(?:e-?mail|primary e-?mail|secondary e-?mail)"), "email"),
    (
        re.compile(
            r"^(?:phone|mobile|telephone|tel\b|hp\b|telepon|telp\b|tlp\b|ponsel|nomor|no\.? ?(?:hp|"
            r"telp|wa)\b|whatsapp|wa\b|work phone|home phone|business phone|mobile phone|cell|fax|"
            r"pager)"
        ),
        "phone",
    ),
    (
        re.compile(
            r"^(?:address|home address|business address|work address|alamat|"
            r"mailing street|street address)"
        ),
        "address",
    ),
    (re.compile(r"^(?:website|web page|url|homepage|linkedin|situs)"), "url"),
)
# Google's "Event 1 - Value", whose kind is in "Event 1 - Label" (legacy: "Event 1 - Type").
_EVENT_VALUE = re.compile(r"^event (\d+) - value$")
_EVENT_LABEL = re.compile(r"^event (\d+) - (?:label|type)$")
# The labels of an event that Karib keeps, as Google and people write them.
_EVENT_KINDS = {
    **dict.fromkeys(
        ["anniversary", "hari jadi", "ulang tahun pernikahan", "jahrestag"], "anniversary"
    ),
    **dict.fromkeys(["birthday", "ulang tahun", "tanggal lahir", "geburtstag"], "birthday"),
}
# A column whose name says e-mail holds e-mails, whatever else it says ("Alamat Email").
_EMAIL_WORD = re.compile(r"\b(?:e-?mail|surel|emel)\b")
# A format hint after a column's name: "Tanggal Lahir (dd/mm/yyyy)", "Phone [mobile]".
_HINT = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])\s*")
_NOT_VALUES = re.compile(
    r"(?:label|type|typ|country code|yomi|phonetic|display name|angezeigter name)\b"
    r"|^e-?mail \d+ - label"
    # what a CRM says about an address, not the address ("Email Domain", "Email Opt Out",
    # "Email Bounced Reason", "Phone Opt-Out" of HubSpot and Salesforce exports)
    r"|\b(?:domain|opt[- ]?(?:out|in)|opted|bounced?|unsubscribed?|consent)\b"
)


# The object a CRM prefixes to its column names (Pipedrive: "Person - Email - Work").
_OBJECT_PREFIX = re.compile(r"^(?:person|contact)\s*-\s*")


def guess_field(header: str) -> str:
    """The field a column of this name most likely holds ("" when unknown)."""
    lowered = _OBJECT_PREFIX.sub("", header.strip().casefold())
    lowered = _HINT.sub(" ", lowered).strip() or lowered
    key = _key(lowered)
    if key in _ALIASES:
        return _ALIASES[key]
    if _NOT_VALUES.search(lowered):
        return ""
    if _EVENT_VALUE.match(lowered):
        return "event"
    if lowered.startswith("organization 1 - name") or lowered.startswith("organization name"):
        return "organization"
    if lowered.startswith("organization 1 - title") or lowered.startswith("organization title"):
        return "job_title"
    for pattern, name in _NUMBERED:
        if pattern.match(lowered):
            if name == "address" and _EMAIL_WORD.search(lowered):
                return "email"
            if name == "address" and ("formatted" in lowered or " - " not in lowered):
                return name
            if name != "address":
                return name
    return ""


@dataclass(frozen=True)
class Preset:
    name: str
    signature: frozenset[str]  # header keys that all appear
    overrides: dict[str, str] = field(default_factory=dict)  # header key -> field


PRESETS = (
    Preset(
        "Google Contacts",
        frozenset({"firstname", "lastname", "phoneticfirstname", "filea", "labels"}),
    ),
    Preset(
        "Google Contacts",
        frozenset({"firstname", "lastname", "organizationname", "e-mail1-value"}),
    ),
    Preset("Google Contacts (2019)", frozenset({"givenname", "familyname", "groupmembership"})),
    Preset(
        "Outlook",
        frozenset({"firstname", "lastname", "emailaddress", "mobilephone", "jobtitle"}),
        {"title": "prefix", "company": "organization"},
    ),
    Preset(
        "Outlook",  # its German export ("Vorname", "E-Mail-Adresse", "Mobiltelefon")
        frozenset({"vorname", "nachname", "emailadresse", "mobiltelefon", "position"}),
    ),
    Preset(
        "Thunderbird",
        frozenset({"firstname", "lastname", "displayname", "primaryemail"}),
        {"birthday": "birth_day", "webpage1": "url", "webpage2": "url"},
    ),
    Preset(
        "LinkedIn",
        frozenset({"firstname", "lastname", "emailaddress", "company", "position", "connectedon"}),
        {"url": "url"},
    ),
    Preset(
        "HubSpot",
        frozenset({"recordid", "firstname", "lastname", "email"}),
        {"phonenumber": "phone", "mobilephonenumber": "phone"},
    ),
    Preset(
        "Salesforce",
        frozenset({"firstname", "lastname", "accountname", "email", "title"}),
        {"title": "job_title", "mailingstreet": "address"},
    ),
    Preset(
        "HubSpot",  # exported with its associations: "Record ID - Contact", "Record ID - Company"
        frozenset({"recordidcontact", "firstname", "lastname", "email"}),
        {"phonenumber": "phone", "mobilephonenumber": "phone"},
    ),
    Preset(
        "Salesforce",  # Data Export and API dumps of Contact (AccountId, not the account's name)
        frozenset({"firstname", "lastname", "email", "title", "accountid"}),
        {"title": "job_title", "account.name": "organization", "mailingstreet": "address"},
    ),
    Preset("Pipedrive", frozenset({"personname", "personorganization"})),
    Preset(
        "Monica",
        frozenset({"firstname", "lastname", "nickname", "isdead"}),
        {"description": "note"},
    ),
)


def _signature_keys(headers: list[str]) -> set[str]:
    keys = {_key(h) for h in headers}
    # Google writes "E-mail 1 - Value"; keep that one key readable in the signatures.
    keys |= {h.strip().casefold().replace(" ", "") for h in headers}
    return keys


def detect_preset(headers: list[str]) -> Preset | None:
    keys = _signature_keys(headers)
    for preset in PRESETS:
        if preset.signature <= keys:
            return preset
    return None


def suggested_mapping(headers: list[str], preset: Preset | None = None) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for header in headers:
        key = _key(header)
        if preset is not None and key in preset.overrides:
            mapping[header] = preset.overrides[key]
        else:
            mapping[header] = guess_field(header)
    return mapping


@dataclass
class CsvFile:
    """A contact CSV read up to its header: what Karib knows before the mapping step. Its
    records are read again from ``source`` as a stream each time they are needed."""

    source: Source
    encoding: Encoding
    delimiter: str
    header_line: int
    headers: list[str]
    preset: Preset | None

    @property
    def mapping(self) -> dict[str, str]:
        return suggested_mapping(self.headers, self.preset)

    @property
    def header_key(self) -> str:
        """The same header (whatever the order of spaces and case) gives the same key."""
        return "|".join(_key(h) for h in self.headers)[:500]


#: What the delimiter is guessed from: the first lines from the header on, cut to this many
#: characters (``csv.Sniffer`` took 2.9 s over a 19 MB line).
SNIFF_CHARS = 64 * 1024


def _delimiter(sample: str) -> str:
    if len(sample) > SNIFF_CHARS:
        cut = sample.rfind("\n", 0, SNIFF_CHARS)
        sample = sample[: cut if cut > 0 else SNIFF_CHARS]  # whole lines when there are some
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",;\t|"}
        return max(counts, key=lambda d: counts[d])


# Outlook and Google write about 90 columns, a CRM export with every property a few hundred.
MAX_COLUMNS = 1000
# Each column name is a label of the mapping page, shown on every visit: a 19 MB header made a
# 20 MB page that took 22-31 s to build. A thousand columns of 60 characters fit.
MAX_HEADER_CHARS = 64 * 1024


def _header(line: str, delimiter: str) -> list[str] | None:
    """The line's cells if it is the header row (two columns or more, two Karib knows)."""
    headers = next(csv.reader([line], delimiter=delimiter), [])
    known = [h for h in headers if guess_field(h)]
    return headers if len(headers) >= 2 and len(known) >= 2 else None


def open_csv(raw: bytes | Source) -> CsvFile:
    """Find the file's encoding, its header row (after a preamble such as LinkedIn's "Notes:")
    and its delimiter, from its first lines; an Excel workbook is read as the CSV of its first
    sheet. Raises ValueError with a translated message."""
    allow_long_csv_cells()  # here and for its records (`_records`): a long note must not stop it
    source = raw if isinstance(raw, Source) else Source(name="", raw=raw)
    source = spreadsheet_as_csv(source) or source  # an Excel workbook: its first sheet
    encoding = detect_encoding(source)
    lines = list(itertools.islice(_first_lines(source, encoding), 25))
    for index, line in enumerate(lines[:20]):
        if not line.strip():
            continue
        delimiter = _delimiter(
            "\n".join(item[: SNIFF_CHARS + 1] for item in lines[index : index + 5])
        )
        if len(line) > MAX_HEADER_CHARS:
            # Read as a header only as far as the limit: a long line that would be the header
            # is refused, any other is a line before the header (a preamble) as before.
            if _header(line[:MAX_HEADER_CHARS], delimiter) is not None:
                raise ValueError(
                    _(
                        "The header row (line %(line)d) has %(count)d characters; a contact "
                        "file's header has at most %(max)d."
                    )
                    % {"line": index + 1, "count": len(line), "max": MAX_HEADER_CHARS}
                )
            continue
        headers = _header(line, delimiter)
        if headers is not None:
            if len(headers) > MAX_COLUMNS:
                # Each column is a choice on the mapping page: a file of thousands would take
                # minutes and hundreds of megabytes to show.
                raise ValueError(
                    _("Line %(line)d has %(count)d columns; a contact file has at most %(max)d.")
                    % {"line": index + 1, "count": len(headers), "max": MAX_COLUMNS}
                )
            preset = detect_preset(headers)
            return CsvFile(source, encoding, delimiter, index + 1, headers, preset)
    raise ValueError(_("No header row with contact columns (name, e-mail, phone ...) found."))


_NO_DATE = frozenset({"0/0/00", "00/00/0000", "0.0.00"})  # Outlook's "no date"

# Month names and abbreviations, Indonesian and English ("Mei", "Agu"/"Agt", "Okt", "Des").
_MONTH_NAMES: dict[str, int] = {
    **dict.fromkeys(["jan", "januari", "january"], 1),
    **dict.fromkeys(["feb", "febr", "februari", "pebruari", "february"], 2),
    **dict.fromkeys(["mar", "maret", "march"], 3),
    **dict.fromkeys(["apr", "april"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["jun", "juni", "june"], 6),
    **dict.fromkeys(["jul", "juli", "july"], 7),
    **dict.fromkeys(["agu", "agt", "ags", "agst", "agus", "agustus", "aug", "august"], 8),
    **dict.fromkeys(["sep", "sept", "september"], 9),
    **dict.fromkeys(["okt", "oct", "oktober", "october"], 10),
    **dict.fromkeys(["nov", "nop", "november", "nopember"], 11),
    **dict.fromkeys(["des", "dec", "desember", "december"], 12),
}
# A time after the date (spreadsheets, databases, APIs): "1985-07-05 00:00:00",
# "1985-07-05T00:00:00Z", "05/07/1985 0:00", "7/5/1985 12:00 AM".
_TIME_PART = re.compile(
    r"(?:[ T]|,\s*)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?\s?m\.?)?"
    r"\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
#: A date in digits whose order the column decides: "05/07/1985", "5.7.85", "05-07-1985".
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})")
_DAY_NAME_YEAR = re.compile(r"(\d{1,2})\.?[\s\-/]*([^\W\d_]+)\.?,?(?:[\s\-/]*(\d{2}|\d{4}))?")
_NAME_DAY_YEAR = re.compile(
    r"([^\W\d_]+)\.?[\s\-/]*(\d{1,2})(?:st|nd|rd|th)?,?(?:[\s\-/]*(\d{4}))?", re.IGNORECASE
)


def _year(digits: str) -> int:
    value = int(digits)
    return value + (1900 if value > 30 else 2000) if value < 100 else value


def _checked(year: int | None, month: int, day: int) -> tuple[int | None, int, int] | None:
    """The date if it exists (a year-less 29 February does)."""
    try:
        datetime.date(year or 2000, month, day)
    except ValueError:
        return None
    return (year, month, day)


def _date(value: str, month_first: bool) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a cell, or None when it is no date. ``month_first``
    decides a date written in digits whose first two fields could both be the month."""
    text = value.strip()
    if not text or text in _NO_DATE:
        return None
    text = _TIME_PART.sub("", text).strip()
    iso = re.fullmatch(r"(\d{4}|-)-(\d{1,2})-(\d{1,2})", text) or re.fullmatch(
        r"(--)(\d{2})-?(\d{2})", text
    )
    if iso is None:
        iso = re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text)
    if iso is None and len(text) == 8 and text.isdigit() and 1800 <= int(text[:4]) <= 2200:
        iso = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)  # 19850705
    if iso:
        year = int(iso.group(1)) if iso.group(1).isdigit() else None
        return _checked(year, int(iso.group(2)), int(iso.group(3)))
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric:
        a, b = int(numeric.group(1)), int(numeric.group(2))
        month, day = (a, b) if month_first and a <= 12 else (b, a)
        if day <= 12 and month > 12:
            month, day = day, month
        return _checked(_year(numeric.group(3)), month, day) if 1 <= month <= 12 else None
    named = _DAY_NAME_YEAR.fullmatch(text)  # "5 Juli 1985", "05-Jul-85", "5 Jul"
    if named and named.group(2).casefold() in _MONTH_NAMES:
        year = _year(named.group(3)) if named.group(3) else None
        return _checked(year, _MONTH_NAMES[named.group(2).casefold()], int(named.group(1)))
    named = _NAME_DAY_YEAR.fullmatch(text)  # "July 5, 1985", "Jul 5"
    if named and named.group(1).casefold() in _MONTH_NAMES:
        year = int(named.group(3)) if named.group(3) else None
        return _checked(year, _MONTH_NAMES[named.group(1).casefold()], int(named.group(2)))
    return None


def _first_lines(source: Source, encoding: Encoding) -> Iterator[str]:
    lines = text_lines(source, encoding)
    first = next(lines, None)
    if first is not None:
        yield first.lstrip("\ufeff")
        yield from lines


def _lines(stream: TextIO) -> Iterator[str]:
    """The lines of the file with their endings (``\n`` only ends one, as ``csv`` wants)."""
    first = True
    for line in stream:
        line = without_nul(line)
        yield line.lstrip("\ufeff") if first else line
        first = False


def _records(opened: CsvFile) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) of every record after the header, streamed."""
    with open_text(opened.source, opened.encoding) as stream:
        reader = csv.reader(_lines(stream), delimiter=opened.delimiter)
        end = 0
        for row in reader:
            start, end = end + 1, reader.line_num
            if end > opened.header_line:
                yield start, row


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


#: Where dates are written month first (en-US and the regions that follow it); everywhere
#: else, Indonesia (the default region) included, a date in digits is day first.
MONTH_FIRST_REGIONS = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI", "UM"})
_MONTH_FIRST_HINT = re.compile(r"\bm{1,2}\s*[/.\-]\s*d{1,2}\b|\bbb\s*[/.\-]\s*hh\b")
_DAY_FIRST_HINT = re.compile(r"\bd{1,2}\s*[/.\-]\s*m{1,2}\b|\bhh\s*[/.\-]\s*bb\b")
_INDONESIAN_DATE_WORD = re.compile(r"\b(?:tgl|tanggal)\b")


def _header_order(header: str) -> bool | None:
    """Month first (True), day first (False) or unknown, from a column name's format hint
    ("Birthday (mm/dd/yyyy)", "Tanggal Lahir (dd/mm/yyyy)", "hh/bb/tttt")."""
    lowered = header.casefold()
    if _MONTH_FIRST_HINT.search(lowered):
        return True
    if _DAY_FIRST_HINT.search(lowered):
        return False
    return None


def date_orders(
    opened: CsvFile, columns: list[int], *, region: str = DEFAULT_REGION
) -> dict[int, bool]:
    """Whether each date column writes its dates in digits month first (True) or day first.

    Evidence, per column: a format hint in its name; then its values (a first field above 12
    is a day, a second field above 12 is a day); then an Indonesian date word in its name
    ("Tgl", "Tanggal": day first); then the other date columns of the file, when they agree;
    else the region's habit (``MONTH_FIRST_REGIONS``): day first for Indonesia. An ambiguous
    column is never read month first without a reason."""
    orders: dict[int, bool] = {}
    for column in columns:
        hint = _header_order(opened.headers[column]) if column < len(opened.headers) else None
        if hint is not None:
            orders[column] = hint
    open_columns = [c for c in columns if c not in orders]
    if open_columns:
        for _line, row in _records(opened):
            for column in list(open_columns):
                if column >= len(row):
                    continue
                found = _NUMERIC_DATE.fullmatch(_TIME_PART.sub("", row[column].strip()).strip())
                if found and (int(found.group(1)) > 12) != (int(found.group(2)) > 12):
                    orders[column] = int(found.group(2)) > 12
                    open_columns.remove(column)
            if not open_columns:
                break
    for column in open_columns:
        if column < len(opened.headers) and _INDONESIAN_DATE_WORD.search(
            opened.headers[column].casefold()
        ):
            orders[column] = False
    known = set(orders.values())
    default = known.pop() if len(known) == 1 else region.upper() in MONTH_FIRST_REGIONS
    return {column: orders.get(column, default) for column in columns}


def date_order_notes(
    opened: CsvFile, mapping: dict[str, str], *, region: str = DEFAULT_REGION
) -> list[str]:
    """For the mapping or dry-run page: how each date column's digit dates are read, with its
    first ambiguous value as the example ("05/07/1985 is 1985-07-05"), so that a wrong order
    is seen before the import. Nothing for a column without an ambiguous date."""
    fields = [mapping.get(h, "") for h in opened.headers]
    columns = [i for i, f in enumerate(fields) if f in ("birthday", "anniversary", "event")]
    if not columns:
        return []
    orders = date_orders(opened, columns, region=region)
    examples: dict[int, str] = {}
    for _line, row in _records(opened):
        for column in columns:
            if column in examples or column >= len(row):
                continue
            value = row[column].strip()
            found = _NUMERIC_DATE.fullmatch(_TIME_PART.sub("", value).strip())
            if found and int(found.group(1)) <= 12 and int(found.group(2)) <= 12:
                examples[column] = value
        if len(examples) == len(columns):
            break
    notes = []
    for column in columns:
        if column not in examples:
            continue
        parsed = _date(examples[column], orders[column])
        if parsed is None:
            continue
        year, month, day = parsed
        values = {
            "column": opened.headers[column],
            "example": examples[column],
            "date": f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}",
        }
        if orders[column]:
            message = _("“%(column)s”: dates are read as month/day/year (%(example)s is %(date)s).")
        else:
            message = _("“%(column)s”: dates are read as day/month/year (%(example)s is %(date)s).")
        notes.append(message % values)
    return notes


# A number column a spreadsheet wrote as a float ("+6281234567890.0") or in scientific
# notation ("6.28123E+12": the digits after the sixth are lost).
_FLOAT_NUMBER = re.compile(r"(\+?\d{5,})\.0+")
_SCIENTIFIC_NUMBER = re.compile(r"[+-]?\d(?:[.,]\d+)?e\+?\d+", re.IGNORECASE)
# Two numbers in one cell, as Indonesian sheets often hold them: "0812 3456 7890 / 0813 ...".
_PHONE_SEPARATOR = re.compile(r"\s*(?:[/,;]|\batau\b|\bor\b)\s*", re.IGNORECASE)
_MIN_PHONE_DIGITS = 7


def _phone_cells(value: str, contact: Contact) -> list[str]:
    """The phone numbers of a cell (Google's ``:::`` and ``/ , ; atau`` between whole numbers),
    as written; a number a spreadsheet shortened is an error of the row."""
    numbers: list[str] = []
    for item in re.split(r"\s*:::\s*", value):
        pieces = [piece for piece in _PHONE_SEPARATOR.split(item) if piece]
        if len(pieces) < 2 or any(
            sum(c.isdigit() for c in piece) < _MIN_PHONE_DIGITS for piece in pieces
        ):
            pieces = [item]  # one number with an extension or a note ("021 555 1234 / 12")
        for piece in pieces:
            if _SCIENTIFIC_NUMBER.fullmatch(piece):
                contact.errors.append(
                    (
                        "phone",
                        _(
                            "“%(value)s”: the spreadsheet shortened this number; format the "
                            "column as text and export it again"
                        )
                        % {"value": piece},
                    )
                )
                continue
            whole = _FLOAT_NUMBER.fullmatch(piece)
            numbers.append(whole.group(1) if whole else piece)
    return numbers


def _event_labels(headers: list[str], fields: list[str]) -> dict[int, int]:
    """The label column of each "Event N - Value" column mapped to ``event``."""
    labels: dict[str, int] = {}
    for index, header in enumerate(headers):
        found = _EVENT_LABEL.match(header.strip().casefold())
        if found:
            labels[found.group(1)] = index
    pairs: dict[int, int] = {}
    for index, header in enumerate(headers):
        found = _EVENT_VALUE.match(header.strip().casefold())
        if found and fields[index] == "event" and found.group(1) in labels:
            pairs[index] = labels[found.group(1)]
    return pairs


def read_contacts(
    opened: CsvFile, mapping: dict[str, str], *, region: str = DEFAULT_REGION
) -> Iterator[Contact]:
    """The contacts of a CSV file under a column mapping (header -> field)."""
    fields = [mapping.get(h, "") for h in opened.headers]
    date_columns = [i for i, f in enumerate(fields) if f in ("birthday", "anniversary", "event")]
    month_first = date_orders(opened, date_columns, region=region)
    event_labels = _event_labels(opened.headers, fields)
    for line, row in _records(opened):
        if not any(cell.strip() for cell in row) or _is_footer(row):
            continue
        contact = Contact(line=line)
        parts: dict[str, str] = {}
        for index, cell in enumerate(row):
            value = cell.strip()
            name = fields[index] if index < len(fields) else ""
            if not value or not name or value.casefold() in _NO_VALUE:
                continue
            if name == "email":
                contact.emails += [v for v in re.split(r"\s*(?:;|,|:::)\s*", value) if v]
            elif name == "phone":
                for item in _phone_cells(value, contact):
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
                    label = event_labels.get(index)
                    label_text = row[label] if label is not None and label < len(row) else ""
                    kind = _EVENT_KINDS.get(label_text.strip(" *").casefold(), "")
                if value in _NO_DATE or not kind:
                    continue  # an event Karib has no kind for ("Other", a custom label)
                parsed = _date(value, month_first[index])
                if parsed is None:
                    contact.errors.append(
                        (kind, _("“%(value)s” is not a date (use YYYY-MM-DD)") % {"value": value})
                    )
                else:
                    contact.dates.append(ContactDate(kind, parsed[1], parsed[2], parsed[0]))
            else:
                parts[name] = value
        year, month, day = parts.get("birth_year"), parts.get("birth_month"), parts.get("birth_day")
        if month and day and month.isdigit() and day.isdigit():
            contact.dates.append(
                ContactDate(
                    "birthday", int(month), int(day), int(year) if year and year.isdigit() else None
                )
            )
        names = [parts.get(k, "") for k in ("prefix", "first_name", "middle_name", "last_name")]
        built = " ".join(n for n in names if n)
        if parts.get("suffix"):
            built = f"{built} {parts['suffix']}".strip()
        contact.full_name = parts.get("full_name") or built
        contact.nickname = parts.get("nickname", "")
        contact.organization = parts.get("organization", "")
        contact.job_title = parts.get("job_title", "")
        contact.note = parts.get("note", "")
        if not contact.full_name:
            # The rule of vCard: a company's row is named after the company, not its
            # switchboard; else the row's e-mail, else its phone.
            contact.full_name = next(
                (n for n in (contact.organization, *contact.emails, *contact.phones) if n), ""
            )
        if not contact.full_name:
            contact.errors.append(("full_name", _("every contact needs a name")))
        yield contact
