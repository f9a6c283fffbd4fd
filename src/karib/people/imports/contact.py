"""A contact as every reader gives it (vCard or CSV): its name, e-mails, phones, dates,
addresses and relatives, and what was left out of it; the rules all readers share for e-mails
and for a contact without a name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .relations import FAMILY_RELATIONS


@dataclass
class ContactDate:
    kind: str  # "birthday", "anniversary" or "other" (ImportantDate.Kind)
    month: int
    day: int
    year: int | None = None
    label: str = ""  # an "other" date's name as the phone shows it ("Wisuda")


@dataclass
class Relative:
    """Someone a card names with their relation to its person: ``relation`` is a key of
    ``FAMILY_RELATIONS`` or ``OTHER_RELATIONS`` ("spouse", "child", "manager", ...), or the
    user's own label as written ("Istri")."""

    relation: str
    name: str

    @property
    def is_family(self) -> bool:
        return self.relation in FAMILY_RELATIONS


@dataclass
class Contact:
    """One contact of a file, whatever its format; ``errors`` are (field, message)."""

    line: int
    full_name: str = ""
    nickname: str = ""
    organization: str = ""
    job_title: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    dates: list[ContactDate] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    note: str = ""
    relatives: list[Relative] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)  # vCard 4 HOBBY, INTEREST; "Hobby"
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: What was left out of a contact that is still imported (field, message): a cell that
    #: cannot be read, an Exchange address. Never stops the import.
    notices: list[tuple[str, str]] = field(default_factory=list)
    #: A contact with no name, e-mail or phone: left out of the import, and reported.
    left_out: bool = False


#: An Exchange address (Outlook's E-mail Type "EX"): "/o=ExchangeLabs/ou=.../cn=Recipients/
#: cn=...", the mailbox's name inside its organization's server, no address to write to.
_EXCHANGE_RE = re.compile(r"^/o=[^/]*/", re.IGNORECASE)


def is_exchange_address(value: str) -> bool:
    return _EXCHANGE_RE.match(value.strip()) is not None


def add_emails(contact: Contact, values: Iterable[str]) -> list[str]:
    """Add the e-mails of a contact. An Exchange address is left out, with a notice; any other
    text that is no e-mail address too, and returned, for the caller to keep in the note."""
    unreadable: list[str] = []
    for value in values:
        value = value.strip()
        if not value or value in contact.emails:
            continue
        if is_exchange_address(value):
            message = _("“%(value)s” is an Exchange address, not an e-mail address: left out")
        else:
            try:
                validate_email(value)
            except ValidationError:
                message = _("“%(value)s” is not an e-mail address: kept in the note")
                unreadable.append(value)
            else:
                contact.emails.append(value)
                continue
        contact.notices.append(("email", message % {"value": value}))
    return unreadable


def leave_out_if_nameless(contact: Contact, message: str) -> None:
    """A contact with no name, e-mail or phone: left out of the import, reported with
    ``message`` (what a row or card lacks), the rest of the file imported. A contact known
    only by its nickname is named by it."""
    if not contact.full_name:
        contact.full_name = contact.nickname
    if not contact.full_name:
        contact.left_out = True
        contact.notices.append(("", message))
