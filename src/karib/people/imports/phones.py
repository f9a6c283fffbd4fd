"""Phone numbers of imported contacts in E.164, read in the contact's own country when the
file names it (a German card's "040 5550100545" is a Hamburg number, not an Indonesian one)."""

from __future__ import annotations

import functools
import re

import phonenumbers
from phonenumbers.geodata.locale import LOCALE_DATA

DEFAULT_REGION = "ID"
#: Country names are looked up in these languages (phonenumbers' own territory names):
#: Indonesian and English first, then the languages of the contact exports seen.
_NAME_LANGUAGES = ("id", "en", "ms", "nl", "de", "fr", "es", "pt", "it", "ja", "zh", "ko", "ar")
#: Short forms of country names that address books write and no territory list holds.
_ALIASES = {
    "usa": "US",
    "u.s.a": "US",
    "u.s": "US",
    "uk": "GB",
    "u.k": "GB",
    "england": "GB",
    "uae": "AE",
    "holland": "NL",
    "ri": "ID",
    "nkri": "ID",
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


@functools.cache
def _regions_by_name() -> dict[str, str]:
    found: dict[str, str] = {}
    for region, names in LOCALE_DATA.items():
        if region not in phonenumbers.SUPPORTED_REGIONS:
            continue
        for language in ("aa", *_NAME_LANGUAGES):  # "aa": the English default
            name = _name(names, language).casefold()
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
    key = text.casefold()
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


def phone_e164(value: str, region: str = DEFAULT_REGION) -> str:
    """A phone number in E.164 (``+628112223333``); the text as written (without ``tel:``)
    when it is none."""
    written = without_tel_scheme(value)
    text = re.split(r";(?:ext|phone-context)=", written)[0] if ";" in written else written
    number = _dialled_abroad(text)
    if number is None:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            return written
        if not phonenumbers.is_valid_number(number):
            return written
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


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
