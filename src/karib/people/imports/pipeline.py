"""One import pipeline for contacts: detect → map → dry run → commit → report.

Every file is read into plain contacts (vCard or CSV, detected by content), each contact is
matched to a person the user may see (e-mail, then E.164 phone, then name at the same
organization) and planned as create, update, skip or error. The plan is carried out through
the services inside one transaction: the dry run does the same writes and rolls them back,
so its report shows what the import would do, model errors included; a commit keeps the
writes only when no row and no file has an error (a bad file writes nothing).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karib.people import services
from karib.people.models import ImportantDate, Organization, Person, PersonalFact

from .contacts_csv import CsvFile, open_csv, read_contacts
from .vcard import Contact, is_vcard, phone_e164, read_vcards

MAX_CONTACTS = 200_000
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Source:
    name: str
    raw: bytes


@dataclass
class Change:
    """A field the import sets (``kept``: the stored value stays, the file's is worse)."""

    field: str
    old: str
    new: str
    kept: bool = False


@dataclass
class ContactRow:
    file: str
    line: int
    contact: Contact
    action: str = "create"
    errors: list[tuple[str, str]] = field(default_factory=list)
    person: Person | None = None
    changes: list[Change] = field(default_factory=list)
    organization: str = ""
    organization_created: bool = False


@dataclass
class ImportReport:
    rows: list[ContactRow] = field(default_factory=list)
    file_errors: list[tuple[str, str]] = field(default_factory=list)
    committed: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(row.errors for row in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    def to_json(self) -> dict[str, Any]:
        """The report of ``karib manage people_import --format json`` (a contract)."""
        return {
            "created": self.count("create"),
            "updated": self.count("update"),
            "skipped": self.count("skip"),
            "rows": [
                {
                    "file": row.file,
                    "line": row.line,
                    "action": row.action,
                    "errors": [{"field": f, "message": m} for f, m in row.errors],
                }
                for row in self.rows
            ],
            "file_errors": [{"file": f, "message": m} for f, m in self.file_errors],
        }


def read_source(source: Source, mapping: dict[str, str] | None = None) -> list[Contact]:
    """The contacts of one file (vCard or CSV by content). Raises ValueError (translated)."""
    if is_vcard(source.raw):
        return read_vcards(source.raw)
    if not source.raw.strip():
        raise ValueError(_("The file is empty."))
    opened = open_csv(source.raw)
    chosen = mapping or opened.mapping
    if not any(value in ("full_name", "first_name", "last_name") for value in chosen.values()):
        raise ValueError(
            _("No column holds the names; map the columns: %(columns)s")
            % {"columns": ", ".join(opened.headers)}
        )
    return list(read_contacts(opened, chosen))


def detect(source: Source) -> CsvFile | None:
    """The CSV header and suggested mapping of a file (None for a vCard)."""
    return None if is_vcard(source.raw) else open_csv(source.raw)


def _clean_emails(contact: Contact, errors: list[tuple[str, str]]) -> list[str]:
    emails: list[str] = []
    for email in contact.emails:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(("email", _("“%(value)s” is not an e-mail address") % {"value": email}))
            continue
        if email.casefold() not in {e.casefold() for e in emails}:
            emails.append(email)
    return emails


class _Index:
    """The people a user may see, by e-mail, E.164 phone and (name, organization)."""

    def __init__(self, user: User) -> None:
        self.by_email: dict[str, Person] = {}
        self.by_phone: dict[str, Person] = {}
        self.by_name: dict[tuple[str, int], Person] = {}
        people = Person.objects.visible_to(user).select_related("organization").order_by("pk")
        for person in people.iterator(chunk_size=2000):
            self.add(person)

    def add(self, person: Person) -> None:
        for email in person.emails or []:
            self.by_email.setdefault(str(email).casefold(), person)
        for phone in person.phones or []:
            self.by_phone.setdefault(phone_e164(str(phone)), person)
        self.by_name.setdefault((person.full_name.casefold(), person.organization_id), person)

    def match(self, contact: Contact, organization: Organization | None) -> Person | None:
        for email in contact.emails:
            if email.casefold() in self.by_email:
                return self.by_email[email.casefold()]
        for phone in contact.phones:
            if phone in self.by_phone:
                return self.by_phone[phone]
        if organization is not None and organization.pk:
            return self.by_name.get((contact.full_name.casefold(), organization.pk))
        return None


def _text_change(name: str, old: str, new: str) -> Change | None:
    """Set ``new`` unless it is empty, the same, or worse: contained in what is stored
    ("Budi" for "Budi Santoso", a truncated name), which is kept and shown."""
    if not new or new == old:
        return None
    if old and new.casefold() in old.casefold():
        return Change(name, old, new, kept=True)
    return Change(name, old, new)


_HONORIFICS = {
    value.casefold(): value for value in Person.Honorific.values if value not in ("", "custom")
}
_HONORIFICS |= {"pak": "Bapak", "bu": "Ibu", "mbak": "Mbak", "mas": "Mas", "kak": "Kak"}


def _honorific(nickname: str) -> str:
    """The form of address a nickname gives ("Pak Budi" → Bapak), "" when none fits."""
    first = nickname.split()[0].casefold() if nickname.split() else ""
    return _HONORIFICS.get(first, "")


class _Planner:
    def __init__(
        self,
        *,
        user: User,
        owner: User,
        default_organization: Organization | None,
        today: datetime.date,
    ) -> None:
        self.user, self.owner, self.today = user, owner, today
        self.default_organization = default_organization
        self.index = _Index(user)
        visible = Organization.objects.visible_to(user).order_by("pk")
        self.organizations: dict[str, Organization] = {}
        for organization in visible.iterator(chunk_size=2000):
            self.organizations.setdefault(organization.name.casefold(), organization)

    def organization(self, row: ContactRow) -> Organization:
        name = row.contact.organization.strip()
        if not name:
            if self.default_organization is not None:
                row.organization = self.default_organization.name
                return self.default_organization
            name = str(_("Contacts without an organization"))
        row.organization = name
        known = self.organizations.get(name.casefold())
        if known is not None:
            return known
        created = services.organization_create(by=self.user, name=name[:200])
        self.organizations[name.casefold()] = created
        row.organization_created = True
        return created

    def write(self, row: ContactRow, file: str) -> None:
        contact = row.contact
        emails = _clean_emails(contact, row.errors)
        if row.errors:
            row.action = "error"
            return
        organization = self.organization(row)
        person = self.index.match(contact, organization)
        if person is None:
            row.action = "create"
            fields: dict[str, Any] = {
                "job_title": contact.job_title[:200],
                "emails": emails,
                "phones": contact.phones,
                "owner": self.owner,
            }
            honorific = _honorific(contact.nickname)
            if honorific:
                fields["honorific"] = honorific
            person = services.person_create(
                by=self.user, full_name=contact.full_name[:200], organization=organization, **fields
            )
        else:
            row.action = "update"
            self.update(row, person, emails, organization)
        row.person = person
        added = self.details(person, contact, file)
        self.index.add(person)
        if row.action == "update" and not added and not any(not c.kept for c in row.changes):
            row.action = "skip"

    def update(
        self, row: ContactRow, person: Person, emails: list[str], organization: Organization
    ) -> None:
        contact = row.contact
        changes = [
            _text_change("full_name", person.full_name, contact.full_name[:200]),
            _text_change("job_title", person.job_title, contact.job_title[:200]),
        ]
        row.changes = [c for c in changes if c is not None]
        values: dict[str, Any] = {c.field: c.new for c in row.changes if not c.kept}
        known_emails = {str(e).casefold() for e in person.emails or []}
        new_emails = [e for e in emails if e.casefold() not in known_emails]
        if new_emails:
            values["emails"] = [*(person.emails or []), *new_emails]
            row.changes.append(Change("emails", "", ", ".join(new_emails)))
        known_phones = {phone_e164(str(p)) for p in person.phones or []}
        new_phones = [p for p in contact.phones if p not in known_phones]
        if new_phones:
            values["phones"] = [*(person.phones or []), *new_phones]
            row.changes.append(Change("phones", "", ", ".join(new_phones)))
        if contact.organization and organization.pk != person.organization_id:
            values["organization"] = organization
            row.changes.append(Change("organization", person.organization.name, organization.name))
        if not person.honorific and _honorific(contact.nickname):
            values["honorific"] = _honorific(contact.nickname)
            row.changes.append(Change("honorific", "", values["honorific"]))
        if values:
            services.person_update(person=person, by=self.user, **values)

    def details(self, person: Person, contact: Contact, file: str) -> bool:
        """Important dates and the facts (address, website, note, nickname) not yet known."""
        added = False
        known_dates = {
            (d.kind, d.month, d.day) for d in ImportantDate.objects.filter(person=person)
        }
        for date in contact.dates:
            if (date.kind, date.month, date.day) in known_dates:
                continue
            try:
                with transaction.atomic():
                    services.important_date_create(
                        person=person,
                        by=self.user,
                        kind=date.kind,
                        month=date.month,
                        day=date.day,
                        year=date.year,
                    )
            except ValidationError:
                continue  # 31 February and the like: not a date worth a reminder
            added = True
        source = _("imported from %(file)s on %(date)s") % {
            "file": file[-180:],
            "date": self.today.isoformat(),
        }
        texts = [_("Address: %(value)s") % {"value": a} for a in contact.addresses]
        texts += [_("Website: %(value)s") % {"value": u} for u in contact.urls]
        if contact.nickname and not _honorific(contact.nickname):
            texts.append(_("Nickname: %(value)s") % {"value": contact.nickname})
        if contact.note:
            texts.append(contact.note)
        known = set(PersonalFact.objects.filter(person=person).values_list("text", flat=True))
        for text in texts:
            if text in known:
                continue
            services.fact_create(
                person=person,
                by=self.user,
                text=text,
                category=PersonalFact.Category.OTHER,
                source_note=source[:255],
            )
            added = True
        return added


class _Rollback(Exception):
    pass


def contacts_import(
    *,
    sources: Iterable[Source],
    user: User,
    commit: bool,
    owner: User | None = None,
    default_organization: Organization | None = None,
    mappings: dict[str, dict[str, str]] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Plan (and with ``commit`` write) every contact of the files; see the module doc."""
    report = ImportReport()
    planned: list[tuple[str, list[Contact]]] = []
    for source in sources:
        try:
            contacts = read_source(source, (mappings or {}).get(source.name))
        except (ValueError, UnicodeError) as error:
            message = str(error) if isinstance(error, ValueError) and error.args else ""
            report.file_errors.append(
                (source.name, message or _("The file cannot be read as contacts."))
            )
            continue
        if not contacts:
            report.file_errors.append((source.name, _("The file holds no contacts.")))
            continue
        planned.append((source.name, contacts))
    total = sum(len(contacts) for _, contacts in planned)
    if total > MAX_CONTACTS:
        report.file_errors.append(
            ("", _("Too many contacts (at most %(n)d per import).") % {"n": MAX_CONTACTS})
        )
        return report
    try:
        with transaction.atomic():
            planner = _Planner(
                user=user,
                owner=owner or user,
                default_organization=default_organization,
                today=timezone.localdate(),
            )
            done = 0
            for file, contacts in planned:
                for contact in contacts:
                    row = ContactRow(file=file, line=contact.line, contact=contact)
                    row.errors = list(contact.errors)
                    if row.errors:
                        row.action = "error"
                    else:
                        try:
                            with transaction.atomic():
                                planner.write(row, file)
                        except ValidationError as error:
                            row.action = "error"
                            row.errors += _validation_errors(error)
                    report.rows.append(row)
                    done += 1
                    if progress is not None and (done % 200 == 0 or done == total):
                        progress(done, total)
            if report.has_errors or not commit:
                raise _Rollback
    except _Rollback:
        for row in report.rows:
            if row.action == "create":
                row.person = None  # rolled back: there is nothing to link to
        return report
    report.committed = True
    return report


def _validation_errors(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [
            (name, " ".join(ValidationError(errors).messages))
            for name, errors in error.error_dict.items()
        ]
    return [("", message) for message in error.messages]
