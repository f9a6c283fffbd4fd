"""Phone numbers of imported contacts in E.164, read in the contact's own country when the
file names it (a German card's "040 5550100545" is a Hamburg number, not an Indonesian one).
With no country, a number is read as Indonesian only when it is written as Indonesians write
one: "0812…", "62812…", "+…" or a mobile "812…"; an American "(650) 555-1212" is kept as
written, with a notice that its country is unknown."""

from __future__ import annotations

import functools
import re
import unicodedata

import phonenumbers
from django.utils.translation import gettext as _
from phonenumbers.geodata.locale import LOCALE_DATA

DEFAULT_REGION = "ID"
#: Country names are looked up in these languages (phonenumbers' own territory names):
#: Indonesian and English first, then the languages of the contact exports seen, then every
#: other language phonenumbers names territories in (a country's own name: "Norge", "Polska",
#: "Россия"). No name means two territories in these languages, with or without accents.
_NAME_LANGUAGES = ("id", "en", "ms", "nl", "de", "fr", "es", "pt", "it", "ja", "zh", "ko", "ar")
#: Names that address books write and phonenumbers' territory names (each country's short
#: name, one per language) do not hold: short forms, official long names ("United States of
#: America", Outlook's and Apple's English) and a few countries' own names it lacks. Keys are
#: folded as ``_fold`` folds them.
_ALIASES = {
    "usa": "US",
    "u.s.a": "US",
    "u.s": "US",
    "united states of america": "US",
    "vereinigte staaten": "US",
    "etats-unis d'amerique": "US",
    "estados unidos de america": "US",
    "stati uniti d'america": "US",
    "uk": "GB",
    "u.k": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "great britain": "GB",
    "united kingdom of great britain and northern ireland": "GB",
    "uae": "AE",
    "holland": "NL",
    "russian federation": "RU",
    "российская федерация": "RU",
    "republic of korea": "KR",
    "korea, republic of": "KR",
    "czechia": "CZ",
    "cesko": "CZ",
    "ceska republika": "CZ",
    "slovensko": "SK",
    "srbija": "RS",
    "србија": "RS",
    "viet nam": "VN",
    "pilipinas": "PH",
    "people's republic of china": "CN",
    "prc": "CN",
    "ri": "ID",
    "nkri": "ID",
    "republik indonesia": "ID",
    "republic of indonesia": "ID",
}
_INTERNATIONAL = re.compile(r"^\s*\(?00")
#: Indonesian carriers' international prefixes: 001, 007, 008, 009 and 01017 before the
#: country code, besides the "00" most of the world dials.
_CARRIER_PREFIXES = ("01017", "001", "007", "008", "009", "00")


def _name(names: dict[str, str], language: str) -> str:
    value = names.get(language, "")
    if value.startswith("*"):  # "the same as in that language"
        value = names.get(value[1:], "")
    return value


def _fold(text: str) -> str:
    """A name without case or accents ("États-Unis" and phonenumbers' "Etats-Unis")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.cache
def _regions_by_name() -> dict[str, str]:
    found: dict[str, str] = {}
    for region, names in LOCALE_DATA.items():
        if region not in phonenumbers.SUPPORTED_REGIONS:
            continue
        # "aa": the English default; then the preferred languages, then every other one.
        for language in dict.fromkeys(("aa", *_NAME_LANGUAGES, *sorted(names))):
            name = _fold(_name(names, language))
            if name:
                found.setdefault(name, region)
    return found


def region_of_country(country: str) -> str | None:
    """The phone region of a country as an address or a column writes it ("Deutschland",
    "Inggris Raya", "United Kingdom", "DE"), or None when it names no country."""
    text = " ".join(country.split()).strip(" .,")
    if not text:
        return None
    if len(text) == 2 and text.upper() in phonenumbers.SUPPORTED_REGIONS:
        return text.upper()
    key = _fold(text)
    if key.startswith("the "):  # "The Netherlands", "The Bahamas"
        key = key[4:]
    return _ALIASES.get(key) or _regions_by_name().get(key)


def _dialled_abroad(text: str) -> phonenumbers.PhoneNumber | None:
    """A number written with an international prefix instead of "+" ("0049 40 …",
    "001 44 …"), which phonenumbers reads as a national number of the default region."""
    if not _INTERNATIONAL.match(text):
        return None
    digits = re.sub(r"\D", "", text)
    for prefix in _CARRIER_PREFIXES:
        if digits.startswith(prefix) and len(digits) > len(prefix) + 6:
            try:
                number = phonenumbers.parse("+" + digits[len(prefix) :], None)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return number
    return None


def without_tel_scheme(value: str) -> str:
    """A phone's text without the ``tel:`` of a URI (vCard 4.0, and some 3.0 writers without
    VALUE=uri)."""
    text = value.strip()
    return text[4:].strip() if text[:4].lower() == "tel:" else text


#: How many digits a number needs before its unknown country is worth a notice (a local
#: "555-1212" and longer; not a service number "14045").
_NOTICE_DIGITS = 7
#: Indonesian numbers written with no trunk "0" that are still Indonesian: a mobile "812…" (as
#: forms with a fixed "+62" in front make people type it) and a "1500 888" call centre.
_NO_TRUNK_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.UAN,
)


def _domestic(digits: str, number: phonenumbers.PhoneNumber) -> bool:
    """Whether a number read in the default region (Indonesia) is written as Indonesians write
    one: with the trunk "0", or a mobile "8…" or a call centre "1500…" without it."""
    if digits.startswith("0"):
        return True
    national = str(number.national_number)
    if phonenumbers.number_type(number) not in _NO_TRUNK_TYPES:
        return False
    return national.startswith(("8", "1"))


def read_phone(value: str, region: str = DEFAULT_REGION) -> tuple[str, str | None]:
    """A phone number in E.164 (``+628112223333``), or the text as written (without ``tel:``)
    when it is none, and a notice when a number is kept as written because its country is
    unknown. ``region`` is the contact's country when its file names one; in the default
    region a number without "+" is read as Indonesian only when it is written as one
    ("0812…", "62812…", "812…"): an American "(650) 555-1212" is no "+62 650 555 1212"."""
    written = without_tel_scheme(value)
    text = re.split(r";(?:ext|phone-context)=", written)[0] if ";" in written else written
    number = _dialled_abroad(text)
    if number is not None:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None
    digits = re.sub(r"\D", "", text)
    if region == DEFAULT_REGION and not text.lstrip(" (").startswith("+"):
        if digits.startswith("62"):
            # "62 812 …": the country code without "+" (phonenumbers keeps the "62" as part of
            # the national number when the whole also looks valid: "62 21 5551234").
            try:
                number = phonenumbers.parse("+" + digits, None)
            except phonenumbers.NumberParseException:
                number = None
            if number is not None and phonenumbers.is_valid_number(number):
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            return written, None
        if not _domestic(digits, number):
            if len(digits) < _NOTICE_DIGITS:
                return written, None
            notice = _(
                "“%(value)s”: the country of this number is unknown, so it is kept as written; "
                "write it with “+” and the country code"
            ) % {"value": written}
            return written, notice
    else:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            return written, None
    if not phonenumbers.is_valid_number(number):
        return written, None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def phone_e164(value: str, region: str = DEFAULT_REGION) -> str:
    """A phone number in E.164 (``+628112223333``); the text as written (without ``tel:``)
    when it is none, or when its country is unknown (see ``read_phone``)."""
    return read_phone(value, region)[0]


#: URI schemes of a phone field that are no number to dial (``TEL:sip:…``, AOSP's vCard 4.0).
_OTHER_SCHEMES = re.compile(
    r"^(?:sips?|h323|xmpp|mailto|skype|callto|facetime|https?|urn|im):", re.IGNORECASE
)
#: The fewest digits a phone has: emergency and short service numbers (112, 14045).
MIN_PHONE_DIGITS = 3


def is_phone_number(text: str) -> bool:
    """Whether a phone field's text (without ``tel:``) may be a number to keep as a phone: no
    URI of another scheme (a SIP address), no address (a pager's "6101231234@pager.example"),
    and at least ``MIN_PHONE_DIGITS`` digits ("ask Jenny for Lisa's number" holds none; a
    vanity "1-800-ELEPHANT" or "0812 555 123 (kantor)" is kept as written)."""
    if _OTHER_SCHEMES.match(text.strip()) or "@" in text:
        return False
    return sum(char.isdigit() for char in text) >= MIN_PHONE_DIGITS
