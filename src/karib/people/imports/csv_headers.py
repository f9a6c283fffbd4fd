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
EVENT_VALUE = re.compile(r"^event (\d+) - value$")
EVENT_LABEL = re.compile(r"^event (\d+) - (?:label|type)$")
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


def guess_field(header: str) -> str:
    """The field a column of this name most likely holds ("" when unknown)."""
    lowered = _OBJECT_PREFIX.sub("", header.strip().casefold())
    lowered = _HINT.sub(" ", lowered).strip() or lowered
    key = column_key(lowered)
    if key in _ALIASES:
        return _ALIASES[key]
    if _NOT_VALUES.search(lowered):
        return ""
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
    keys = {column_key(h) for h in headers}
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
        key = column_key(header)
        if preset is not None and key in preset.overrides:
            mapping[header] = preset.overrides[key]
        else:
            mapping[header] = guess_field(header)
    return mapping
