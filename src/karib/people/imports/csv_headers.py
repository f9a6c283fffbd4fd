"""What a contact CSV's columns hold: the fields of the mapping, a suggestion for each column
from its name (English, Indonesian, German; numbered columns of Google and Outlook), and the
presets recognised from a whole header (Google Contacts old and new, Outlook, Thunderbird,
LinkedIn, HubSpot, Salesforce, Pipedrive, Monica) with their own overrides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

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
    "street": gettext_lazy("address: street"),
    "city": gettext_lazy("address: city"),
    "region": gettext_lazy("address: state or region"),
    "postal_code": gettext_lazy("address: postal code"),
    "country": gettext_lazy("address: country"),
    "fax": gettext_lazy("fax (kept in the note)"),
    "assistant_phone": gettext_lazy("assistant's phone (kept in the note)"),
    "department": gettext_lazy("department (kept in the note)"),
    "url": gettext_lazy("website"),
    "note": gettext_lazy("note"),
    "spouse": gettext_lazy("spouse (name)"),
    "child": gettext_lazy("children (names)"),
    "relative": gettext_lazy("related person, whose relation is the column's name or its label"),
    "interest": gettext_lazy("interests or hobbies"),
}


def column_key(header: str) -> str:
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
            *("nowhatsapp", "nomorwhatsapp", "nomorwa", "telefon"),
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
    **dict.fromkeys(["location", "lokasi", "address", "alamat"], "address"),
    **dict.fromkeys(["city", "kota", "kabupatenkota", "kotakabupaten"], "city"),
    **dict.fromkeys(["state", "province", "provinsi", "stateregion"], "region"),
    **dict.fromkeys(["zip", "zipcode", "postalcode", "postcode", "kodepos"], "postal_code"),
    **dict.fromkeys(["country", "negara", "countryregion"], "country"),
    **dict.fromkeys(["title"], "job_title"),
    **dict.fromkeys(["business"], "organization"),
    **dict.fromkeys(["additionalinfo", "comments", "keterangan"], "note"),
    **dict.fromkeys(["nohp", "nomorhp", "whatsapp", "wa", "nowa", "handphone"], "phone"),
    # Outlook's phones whose name says no "phone" at its end ("Callback", "ISDN"; German
    # "Rückmeldung", "Autotelefon", "Telefon Firma", "Telefon für Hörbehinderte"), Apple's
    # "iPhone" and German "Andere Telefonnummer". A pager is a phone, as a vCard's TYPE=PAGER.
    **dict.fromkeys(
        [
            *("callback", "isdn", "iphone", "rckmeldung", "autotelefon", "telefonfirma"),
            *("telefonfrhrbehinderte", "anderetelefonnummer", "weiteretelefonnummer"),
        ],
        "phone",
    ),
    # Someone else's number, kept in the note under its name (Outlook, Roundcube "Assistant's
    # Phone", Salesforce "AssistantPhone", German Outlook "Telefon Assistent").
    **dict.fromkeys(
        [
            *("assistantsphone", "assistantphone", "assistanttelephone", "assistantsnumber"),
            *("telefonassistent", "teleponasisten", "telpasisten", "nomorasisten"),
        ],
        "assistant_phone",
    ),
    # The unit of the organization (Outlook, Thunderbird, Salesforce "Department", Google
    # "Organization 1 - Department", German "Abteilung", Indonesian sheets): kept in the note.
    **dict.fromkeys(
        [
            *("department", "dept", "division", "organization1department"),
            *("organizationdepartment", "abteilung", "departemen", "divisi", "bagian"),
            *("unitkerja", "satuankerja", "satker"),
        ],
        "department",
    ),
    # German exports (Outlook, Apple, Thunderbird in German); keys as ``column_key`` makes them.
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
    # A person's own people and interests: Outlook ("Spouse", "Children", "Manager's Name",
    # "Assistant's Name", "Referred By", "Hobby"), Google's legacy export ("Hobby"),
    # Salesforce ("AssistantName") and Indonesian sheets. Not "Partner" (a business partner as
    # often as a spouse: only in the German Outlook preset), not "Jumlah Anak" (a count).
    **dict.fromkeys(
        [
            *("spouse", "istri", "isteri", "suami", "pasangan", "suamiistri", "istrisuami"),
            *("namaistri", "namaisteri", "namasuami", "namapasangan"),
        ],
        "spouse",
    ),
    **dict.fromkeys(["children", "anak", "anakanak", "namaanak", "namaanakanak"], "child"),
    **dict.fromkeys(["managersname", "assistantsname", "assistantname", "referredby"], "relative"),
    **dict.fromkeys(
        [
            *("hobby", "hobbies", "hobi", "hoby", "hobbi", "interests"),
            *("minat", "kegemaran", "hobiminat", "minathobi"),
        ],
        "interest",
    ),
}
_NUMBERED = (
    (re.compile(r"^(?:e-?mail|primary e-?mail|secondary e-?mail)"), "email"),
    (
        re.compile(
            r"^(?:phone|mobile|telephone|tel\b|hp\b|telepon|telp\b|tlp\b|ponsel|"
            r"(?:nomor|no\.?) ?(?:hp|telp|telepon|tlp|ponsel|wa|whatsapp|handphone|kontak)\b|"
            r"whatsapp|wa\b|work phone|home phone|business phone|mobile phone|cell|fax|pager)"
        ),
        "phone",
    ),
    (
        re.compile(
            r"^(?:address|home address|business address|work address|alamat|"
            r"mailing street|street address|postal address|mailing address)"
        ),
        "address",
    ),
    (re.compile(r"^(?:website|web page|url|homepage|linkedin|situs)"), "url"),
)
# A column named for its phone by its last word: Outlook's "Company Main Phone", "Primary
# Phone", "Other Phone", "Car Phone", "Radio Phone", "TTY/TDD Phone", Roundcube's "Home Mobile",
# Salesforce's "HomePhone" and "OtherPhone", "Work Cell", "Office Tel", "Home Phone Number".
_PHONE_LAST = re.compile(
    r"\b(?:phone|mobile|telephone|cell ?phone|cell|cellular|tel|telepon|telp|ponsel|handphone"
    r"|telefon)(?: ?\d+)?(?: ?(?:number|no\.?|#))?$"
)
# Google's "Event 1 - Value", whose kind is in "Event 1 - Label" (legacy: "Event 1 - Type").
EVENT_VALUE = re.compile(r"^event (\d+) - value$")
EVENT_LABEL = re.compile(r"^event (\d+) - (?:label|type)$")
# Google's "Phone 1 - Value", whose kind ("Mobile", "Work Fax") is in "Phone 1 - Label".
PHONE_VALUE = re.compile(r"^phone (\d+) - value$")
PHONE_LABEL = re.compile(r"^phone (\d+) - (?:label|type)$")
# Google's "Relation 1 - Value", whose relation is in "Relation 1 - Label" (legacy: "- Type").
RELATION_VALUE = re.compile(r"^relation (\d+) - value$")
RELATION_LABEL = re.compile(r"^relation (\d+) - (?:label|type)$")
# The labels of an event that Karib keeps, as Google and people write them.
EVENT_KINDS = {
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
# A fax number: no one to call or message (Thunderbird "Fax Number", Zoho "Fax", Outlook
# "Business Fax", German "Fax geschäftlich", Indonesian "No. Faks").
FAX = re.compile(r"\b(?:fax|telefax|faks|faksimili)\b")

# The parts of an address split over several columns, one address per prefix: Outlook
# ("Business Street 2", "Home City", "Other Country/Region"), its German export ("Straße
# geschäftlich", "Ort privat", "Weitere Postleitzahl"), Thunderbird ("Home Address 2", "Work
# ZipCode"), Zoho and Salesforce ("Mailing Street", "MailingPostalCode"), Pipedrive ("Postal
# address - City/town/village/locality"), Google ("Address 1 - Region"), HubSpot ("Street
# Address", "State/Region").
_ADDRESS_PARTS = {
    "street": (
        r"street(?: address)?(?: \d)?|street/road name|house number|apartment/suite no"
        r"|(?:address )?po box|address line \d|extended address|straße(?: \d)?|strasse(?: \d)?"
        r"|postfach"
    ),
    "city": r"city|town|city/town/village/locality|district/sublocality|ort|kota",
    "region": (
        r"state|region|province|state/county|state/region|bundesland|bundesland/kanton|provinsi"
    ),
    "postal_code": r"postal ?code|zip ?code|zip|zip/postal code|postleitzahl|plz|kode ?pos",
    "country": r"country|country/region|land/region|land|negara",
}
ADDRESS_PARTS = frozenset(_ADDRESS_PARTS)
_PART = "|".join(f"(?P<{name}>{words})" for name, words in _ADDRESS_PARTS.items())
# "Home City", "Address 1 - City", "Postal address - Country" (the part last); "Ort
# geschäftlich" (German, the part first); "Weitere Postleitzahl", "Weiteres Land/Region".
_PART_LAST = re.compile(rf"(?P<prefix>.*?)[\s\-]*\b(?:{_PART})")
_PART_FIRST = re.compile(rf"(?:{_PART})\s+(?P<prefix>geschäftlich|privat)(?:\s+\d)?")
_PART_OTHER = re.compile(rf"(?P<prefix>weitere)(?:[rs]|s/[a-z])?\s+(?:{_PART})(?:\s+\d)?")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


#: Prefixes that name the same address in one export: Outlook's CSV, as Roundcube and others
#: write it, mixes "Business Street" with "Work City"; "Personal"/"Private" and "Home" alike.
_SAME_ADDRESS = {"business": "work", "office": "work", "personal": "home", "private": "home"}
_SAME_ADDRESS_WORD = re.compile(rf"^(?:{'|'.join(_SAME_ADDRESS)})\b")


def _address_key(prefix: str) -> str:
    """A prefix with its first word in the one spelling of its address ("business" -> "work")."""
    return _SAME_ADDRESS_WORD.sub(lambda found: _SAME_ADDRESS[found.group()], prefix)


def address_part(header: str) -> tuple[str, str] | None:
    """(prefix, part) of a column holding one part of an address ("Home City": ("home",
    "city")), the prefix naming the address it belongs to ("Business Street" and "Work City"
    name one: "work"); None for any other column."""
    lowered = _OBJECT_PREFIX.sub("", _CAMEL.sub(" ", header.strip()).casefold())
    lowered = " ".join(_HINT.sub(" ", lowered).split()) or lowered
    for pattern in (_PART_FIRST, _PART_OTHER, _PART_LAST):
        found = pattern.fullmatch(lowered)
        if found:
            part = next(name for name in _ADDRESS_PARTS if found.group(name))
            return _address_key(found.group("prefix").strip(" -")), part
    return None


def address_prefix(header: str) -> str:
    """The prefix of a whole-address column, as ``address_part`` names the address it belongs
    to: "Address 1 - Formatted" and "Postal address" are the "address 1" and "postal address"
    of their parts; "Home Address 2" (Thunderbird's second street line) the "home"."""
    lowered = _OBJECT_PREFIX.sub("", _CAMEL.sub(" ", header.strip()).casefold())
    lowered = " ".join(_HINT.sub(" ", lowered).split()) or lowered
    return _address_key(re.sub(r"\s*-\s*(?:formatted|full/combined address)$", "", lowered))


def guess_field(header: str) -> str:
    """The field a column of this name most likely holds ("" when unknown)."""
    lowered = _OBJECT_PREFIX.sub("", header.strip().casefold())
    lowered = _HINT.sub(" ", lowered).strip() or lowered
    key = column_key(lowered)
    if key in _ALIASES:
        return _ALIASES[key]
    if _NOT_VALUES.search(lowered):
        return ""
    if FAX.search(lowered) and not _EMAIL_WORD.search(lowered):
        return "fax"
    part = address_part(header)
    if part is not None:
        return part[1]
    if EVENT_VALUE.match(lowered):
        return "event"
    if RELATION_VALUE.match(lowered):
        return "relative"
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
    if _PHONE_LAST.search(_CAMEL.sub(" ", header.strip()).casefold()):
        return "phone"
    return ""


@dataclass(frozen=True)
class Preset:
    name: str
    signature: frozenset[str]  # header keys that all appear
    overrides: dict[str, str] = field(default_factory=dict)  # header key -> field
    #: Header keys of which one at least appears: the columns only this tool writes, when
    #: ``signature`` holds names other tools write too ("Record Id", "First Name", "Email").
    distinctive: frozenset[str] = frozenset()
    #: The order of the tool's dates in digits, when it always writes one (Mailchimp: MM/DD).
    month_first: bool | None = None

    def fits(self, keys: set[str]) -> bool:
        return self.signature <= keys and (not self.distinctive or bool(self.distinctive & keys))


_HUBSPOT_COLUMNS = frozenset(
    {"phonenumber", "mobilephonenumber", "createdate", "lastactivitydate", "lifecyclestage"}
    | {"leadstatus", "marketingcontactstatus", "associatedcompany", "companyname"}
    | {"lastmodifieddate"}
)

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
        # Outlook's "Spouse", "Children", "Manager's Name", "Assistant's Name", "Referred By"
        {
            "partner": "spouse",
            "kinder": "child",
            "namedesdervorgesetzten": "relative",
            "nameassistent": "relative",
            "empfohlenvon": "relative",
        },
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
        "Zoho CRM",  # "Record Id" and "Email" as HubSpot; "Contact Owner", "Mailing Street"
        frozenset({"recordid", "contactowner", "firstname", "lastname"}),
        {"reportingto": "relative", "assistant": "relative", "title": "job_title"},
        distinctive=frozenset(
            {"leadsource", "vendorname", "createdtime", "modifiedtime", "mailingstreet"}
            | {"reportingto", "skypeid", "emailoptout"}
        ),
    ),
    Preset(
        "HubSpot",
        frozenset({"recordid", "firstname", "lastname", "email"}),
        {"phonenumber": "phone", "mobilephonenumber": "phone"},
        # what HubSpot names its own way ("Phone Number", "Create Date", "Lifecycle Stage")
        distinctive=_HUBSPOT_COLUMNS,
    ),
    Preset(
        "Salesforce",
        frozenset({"firstname", "lastname", "accountname", "email", "title"}),
        {"title": "job_title"},
    ),
    Preset(
        "HubSpot",  # exported with its associations: "Record ID - Contact", "Record ID - Company"
        frozenset({"recordidcontact", "firstname", "lastname", "email"}),
        {"phonenumber": "phone", "mobilephonenumber": "phone"},
    ),
    Preset(
        "Mailchimp",  # an audience export; its birthday merge field is MM/DD
        frozenset({"emailaddress", "memberrating", "optintime", "leid", "euid"}),
        # "REGION" and "CC": where the subscriber signed up from (by IP), not the address
        {"region": "", "cc": ""},
        month_first=True,
    ),
    Preset(
        "Salesforce",  # Data Export and API dumps of Contact (AccountId, not the account's name)
        frozenset({"firstname", "lastname", "email", "title", "accountid"}),
        {"title": "job_title", "account.name": "organization"},
    ),
    Preset("Pipedrive", frozenset({"personname", "personorganization"})),
    Preset(
        "Monica",
        frozenset({"firstname", "lastname", "nickname", "isdead"}),
        {"description": "note"},
    ),
)


def _signature_keys(headers: list[str]) -> set[str]:
    keys = {column_key(h) for h in headers}
    # Google writes "E-mail 1 - Value"; keep that one key readable in the signatures.
    keys |= {h.strip().casefold().replace(" ", "") for h in headers}
    return keys


def detect_preset(headers: list[str]) -> Preset | None:
    """The tool whose columns the header holds: of the presets that fit, the one whose
    signature names the most columns (the most specific)."""
    keys = _signature_keys(headers)
    fitting = [preset for preset in PRESETS if preset.fits(keys)]
    if not fitting:
        return None
    return max(fitting, key=lambda p: len(p.signature) + bool(p.distinctive))


# What a name prefix holds, written with or without its dot: English, Dutch, German, French,
# academic and military forms, and Indonesian forms of address ("Bpk.", "Ibu", "Sdri.", "Hj.").
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "madam", "mme", "mlle", "m"}
    | {"rev", "fr", "hon", "capt", "col", "gen", "lt", "sgt", "herr", "frau", "hr", "ing"}
    | {"dipl", "mag", "mevr", "dhr", "ir", "drs", "dra", "h", "hj", "kh", "bpk", "bapak", "pak"}
    | {"ibu", "bu", "sdr", "sdri", "sdra", "saudara", "saudari", "tn", "tuan", "ny", "nyonya"}
    | {"nn", "nona", "kak", "mas", "mbak", "bang", "dik", "cik", "koh", "ci", "dr-ing"}
)
_NAME_FIELDS = frozenset({"full_name", "first_name", "middle_name", "last_name"})


def is_honorific(cell: str) -> bool:
    """Whether a cell is a name prefix ("Dr.", "Bpk.", "Prof. Dr.", "Ibu"), no job title."""
    words = cell.replace(".", " ").replace(",", " ").casefold().split()
    return 0 < len(words) <= 3 and all(word in _HONORIFICS for word in words)


def _title_field(index: int, fields: list[str], values: list[str]) -> str:
    """What a column named "Title" holds without a preset saying it: Outlook's (and Roundcube's)
    is the name prefix ("Dr.", "Mr.", "Bpk."), Salesforce's, Zoho's and a sheet's the job title.
    Beside a "Job Title" column it is the prefix; else its values say it (most of them forms of
    address: the prefix, any other words: a job title); without values, its place: next to a
    name column (Outlook's "Title, First Name", Roundcube's "Display Name, Title") the prefix."""
    if any(name == "job_title" for at, name in enumerate(fields) if at != index):
        return "prefix"
    if values:
        honorific = sum(is_honorific(value) for value in values)
        return "prefix" if honorific * 2 > len(values) else "job_title"
    beside = fields[max(index - 1, 0) : index] + fields[index + 1 : index + 2]
    return "prefix" if _NAME_FIELDS & set(beside) else "job_title"


def suggested_mapping(
    headers: list[str], preset: Preset | None = None, samples: list[list[str]] | None = None
) -> dict[str, str]:
    """The field each column most likely holds, the preset's own first; ``samples`` (the first
    records of the file) decide what a column named "Title" holds (``_title_field``)."""
    fields: list[str] = []
    for header in headers:
        key = column_key(header)
        if preset is not None and key in preset.overrides:
            fields.append(preset.overrides[key])
        else:
            fields.append(guess_field(header))
    for index, header in enumerate(headers):
        if column_key(header) == "title" and (preset is None or "title" not in preset.overrides):
            values = [
                row[index].strip()
                for row in samples or []
                if index < len(row) and row[index].strip()
            ]
            fields[index] = _title_field(index, fields, values)
    return dict(zip(headers, fields, strict=True))
