"""Reading vCard 2.1, 3.0 and 4.0 files of any producer into plain contacts.

Each card is read on its own (a broken card is an error on its line, the others are read);
bytes are decoded by BOM, UTF-8, the card's own CHARSET or charset-normalizer's guess;
quoted-printable values (with soft line breaks) are decoded before vobject sees them.
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Iterable, Iterator
from typing import Any

import vobject  # type: ignore[import-untyped]
from django.utils.translation import gettext as _

# Contact and its helpers are imported from here by the CSV reader and the planner (re-exported).
from .contact import Contact as Contact
from .contact import ContactDate as ContactDate
from .contact import Relative as Relative
from .contact import add_emails as add_emails
from .contact import is_exchange_address as is_exchange_address
from .contact import leave_out_if_nameless as leave_out_if_nameless
from .decoding import decode, split_lines, utf16_without_bom

# DEFAULT_REGION and phone_e164 are imported from here by the CSV reader too (re-exported).
from .phones import DEFAULT_REGION as DEFAULT_REGION
from .phones import is_phone_number, read_phone, region_of_country, without_tel_scheme
from .phones import phone_e164 as phone_e164
from .vcard_fields import (
    address_text,
    card_dates,
    card_name,
    card_nickname,
    card_organization,
    card_relatives,
    first_value,
    job_title,
    part_text,
    property_types,
)
from .vcard_lines import MAX_CARD_CHARS as MAX_CARD_CHARS
from .vcard_lines import TooLong, card_blocks
from .vcard_lines import _unfold_quoted_printable as _unfold_quoted_printable

# vobject logs every line it skips, personal data included, at ERROR on "vobject.base" (which
# sets its own level): not for users, and not for the logs either.
for _logger in ("vobject", "vobject.base"):
    logging.getLogger(_logger).setLevel(logging.CRITICAL)


def read_contact(card: Any, line: int, *, region: str = DEFAULT_REGION) -> Contact:
    contact = Contact(line=line)
    organization, units = card_organization(card)
    contact.organization = organization
    contact.full_name = card_name(card, contact.organization)
    contact.nickname = card_nickname(card)
    contact.job_title = job_title(first_value(card, "title"), units)
    emails = [str(item.value) for item in card.contents.get("email", []) if item.value]
    bad_emails = add_emails(contact, emails)
    countries: list[str] = []
    for adr in card.contents.get("adr", []):
        value = adr.value
        if isinstance(value, vobject.vcard.Address):
            text = address_text(value)
            countries.append(part_text(value.country))
        else:
            text = str(value)
        if text:
            contact.addresses.append(text)
    if not contact.addresses:
        # vCard 2.1 as Evolution 1.x and old phones wrote it: the address only as LABEL, the
        # printed lines ("Jl. Sudirman 1\nJakarta 10210\nIndonesia"), the last one the country.
        for label in card.contents.get("label", []):
            lines = [" ".join(line.split()) for line in str(label.value).splitlines()]
            lines = [line for line in lines if line]
            if lines and (text := ", ".join(lines)) not in contact.addresses:
                contact.addresses.append(text)
                countries.append(lines[-1] if len(lines) > 1 else "")
    # A number written without "+" is read in the card's own country when its address names
    # one: a German card's "040 5550100545" is a Hamburg number, not an Indonesian one.
    region = next(filter(None, map(region_of_country, countries)), region)
    seen: set[str] = set()
    faxes: list[str] = []
    not_phones: list[str] = []
    for tel in card.contents.get("tel", []):
        text = without_tel_scheme(str(tel.value))
        if text and not is_phone_number(text):
            # A SIP address, or words ("ask Jenny for Lisa's number"): no number to dial.
            if text in not_phones:
                continue  # WhatsApp's shared card gives it twice, as HOME and as WhatsApp
            not_phones.append(text)
            message = _("“%(value)s” is not a phone number: kept in the note")
            contact.notices.append(("phone", message % {"value": text}))
            continue
        phone, notice = read_phone(text, region)
        if notice and "FAX" not in property_types(tel):
            contact.notices.append(("phone", notice))
        if phone and "FAX" in property_types(tel):
            faxes.append(phone)  # no one to call or message: kept in the note
        elif phone and phone not in seen:
            seen.add(phone)
            contact.phones.append(phone)
    contact.dates = card_dates(card)
    # Apple and SOGo escape the colon of a URL ("http\\://"), which is no vCard escape.
    contact.urls = [
        str(u.value).strip().replace("\\:", ":") for u in card.contents.get("url", []) if u.value
    ]
    notes = [str(item.value).strip() for item in card.contents.get("note", []) if item.value]
    notes += [_("Fax: %(number)s") % {"number": fax} for fax in faxes]
    notes += [_("Phone: %(value)s") % {"value": text} for text in not_phones]
    notes += [_("E-mail: %(value)s") % {"value": email} for email in bad_emails]
    contact.note = "\n\n".join(dict.fromkeys(note for note in notes if note))
    contact.relatives = card_relatives(card)
    # vCard 4.0 (RFC 6350 section 6.6.7 and RFC 6715): HOBBY and INTEREST, one each.
    for item in (*card.contents.get("hobby", []), *card.contents.get("interest", [])):
        interest = " ".join(str(item.value).split())
        if interest and interest not in contact.interests:
            contact.interests.append(interest)
    if not contact.full_name:
        # Phones export contacts saved with only a nickname, a company, an address or a
        # number: a card is named by its nickname (Android's "Nick" and a chat address), a
        # company's card after the company, not its switchboard.
        names = (contact.nickname, contact.organization, *contact.emails, *contact.phones)
        contact.full_name = next((n for n in names if n), "")
    contact.notices = list(dict.fromkeys(contact.notices))  # each said once
    leave_out_if_nameless(
        contact, _("this card has no name, e-mail or phone (FN, N, EMAIL, TEL): left out")
    )
    return contact


def read_vcards(raw: bytes, *, region: str = DEFAULT_REGION) -> list[Contact]:
    """Every contact of a vCard file; a card vobject cannot read is an error on its line."""
    return list(iter_vcards(decode(raw, vcard=True), region=region))


def iter_vcards(text: str | Iterable[str], *, region: str = DEFAULT_REGION) -> Iterator[Contact]:
    """The contacts of a decoded vCard file (its text, or its lines as a stream), one card at
    a time."""
    lines = split_lines(text) if isinstance(text, str) else text
    for line, block in card_blocks(lines):
        if block is None:
            yield Contact(line=line, errors=[("END", _("this card never ends (END:VCARD)"))])
            continue
        if isinstance(block, TooLong):
            message = _(
                "line %(line)d takes this card over %(max)d characters (pictures aside); "
                "shorten it or leave the card out"
            ) % {"line": block.line, "max": MAX_CARD_CHARS}
            yield Contact(line=line, errors=[("", message)])
            continue
        try:
            card = vobject.readOne(block.text, ignoreUnreadable=True)
        except Exception:  # vobject raises ParseError, ValueError, ... on malformed cards
            yield Contact(
                line=line, errors=[("", _("this card is not valid vCard; skip or fix it"))]
            )
            continue
        contact = read_contact(card, line, region=region)
        contact.notices[:0] = block.notices
        yield contact


def is_vcard(raw: bytes, *, size: int | None = None) -> bool:
    """Does the file start as a vCard? ``raw``: the file, or its first 8 KiB or more and
    ``size`` its length."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf\r\n\t ").upper()
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = raw[:8192].decode("utf-16", "ignore").lstrip("\ufeff\r\n\t ").upper().encode()
    elif utf16 := utf16_without_bom(raw, size=size):
        head = raw[:8192].decode(utf16, "ignore").lstrip("\r\n\t ").upper().encode()
    return head.startswith(b"BEGIN:VCARD")
