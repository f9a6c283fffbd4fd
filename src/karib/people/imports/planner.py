"""Matching contacts to the people a user may see, and writing them through the services."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from karib.people import services
from karib.people.models import ImportantDate, Organization, Person, PersonalFact

from .rows import Change, ContactRow
from .vcard import Contact, phone_e164


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


# Words of address and titles that say nothing about who someone is.
_TITLE_WORDS = frozenset(
    {
        *("bapak", "ibu", "pak", "bu", "bpk", "kak", "kakak", "mas", "mbak"),
        *("sdr", "sdri", "saudara", "saudari", "dr", "drs", "dra", "ir", "h", "hj", "prof"),
        *("mr", "mrs", "ms", "miss", "mx", "sir", "madam", "herr", "frau", "sr", "sra"),
    }
)
_WORD = re.compile(r"[^\W\d_]+")


def _name_words(name: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return {w for w in _WORD.findall(plain) if w not in _TITLE_WORDS}


def _same_word(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def names_agree(stored: str, new: str) -> bool:
    """Whether two names name one person: every word of the shorter is a word (or the initial
    of one) of the other, with at least one whole word in common ("Budi", "B. Santoso" or
    "Santoso, Budi" for "Budi Santoso"). A name of titles, digits or signs only ("Dr.", "123")
    agrees with none. A mailbox or switchboard shared by colleagues or a family ("Emma Brown"
    and "Michael Brown" at one address) must not make one of them the other."""
    stored_words, new_words = _name_words(stored), _name_words(new)
    if not stored_words or not new_words:
        return False
    shorter, longer = sorted((stored_words, new_words), key=len)
    if not all(any(_same_word(word, other) for other in longer) for word in shorter):
        return False
    return any(len(word) > 1 and word in longer for word in shorter)


def nameless(name: str, emails: list[str], phones: list[str]) -> bool:
    """A contact or person named by their own e-mail or phone: they had no name."""
    return not name.strip() or name in emails or name in phones


def same_person(person: Person, contact: Contact) -> bool:
    """Whether a contact that shares an e-mail or a phone with ``person`` is them: the names
    agree, or one side has no name but that address (a nameless contact never renames)."""
    return (
        nameless(contact.full_name, contact.emails, contact.phones)
        or nameless(person.full_name, list(person.emails or []), list(person.phones or []))
        or names_agree(person.full_name, contact.full_name)
    )


class _Index:
    """The people a user may see, by e-mail, E.164 phone and (name, organization)."""

    def __init__(self, user: User) -> None:
        self.by_email: dict[str, Person] = {}
        self.by_phone: dict[str, Person] = {}
        self.by_name: dict[tuple[str, object], Person] = {}
        self.by_name_only: dict[str, list[Person]] = {}
        # Organizations created by a bulk import, keyed by identity until the end of the import
        # (they get their primary key only when their chunk is written).
        self.new_organizations: set[int] = set()
        people = Person.objects.visible_to(user).select_related("organization").order_by("pk")
        for person in people.iterator(chunk_size=2000):
            self.add(person)

    def add(self, person: Person, e164: list[str] | None = None) -> None:
        """Index a person; ``e164``: their phones already in E.164 (the others are known)."""
        for email in person.emails or []:
            self.by_email.setdefault(str(email).casefold(), person)
        phones = e164 if e164 is not None else [phone_e164(str(p)) for p in person.phones or []]
        for phone in phones:
            self.by_phone.setdefault(phone, person)
        key = (person.full_name.casefold(), self.organization_key(person.organization))
        self.by_name.setdefault(key, person)
        same = self.by_name_only.setdefault(person.full_name.casefold(), [])
        if person not in same:
            same.append(person)

    def organization_key(self, organization: Organization | None) -> object:
        if organization is None:  # a person quick-added without one
            return None
        if id(organization) in self.new_organizations:
            return ("new", id(organization))
        return organization.pk

    def match(self, contact: Contact, organization: Organization | None) -> Person | None:
        """The person this contact is: by e-mail or phone when the names agree, else by name
        in the organization, else by a name no one else has (for a card without ORG)."""
        for email in contact.emails:
            found = self.by_email.get(email.casefold())
            if found is not None and same_person(found, contact):
                return found
        for phone in contact.phones:
            found = self.by_phone.get(phone)
            if found is not None and same_person(found, contact):
                return found
        if organization is not None and (
            organization.pk or id(organization) in self.new_organizations
        ):
            key = (contact.full_name.casefold(), self.organization_key(organization))
            found = self.by_name.get(key)
            if found is not None:
                return found
        if not contact.organization:
            # A card without ORG imported again under another default organization is still
            # the one person of that name the user can see (not when two share the name).
            same = self.by_name_only.get(contact.full_name.casefold(), [])
            return same[0] if len(same) == 1 else None
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


@dataclass(frozen=True)
class FactDraft:
    """A fact an import writes: its text (what tells whether the person has it already) and,
    for a family member, the relation and their name."""

    text: str
    category: str = PersonalFact.Category.OTHER
    relation: str = ""
    member_name: str = ""


class FactTexts:
    """The facts of a contact in the language of the import, its texts translated once."""

    def __init__(self) -> None:
        self.source = _("imported from %(file)s on %(date)s")
        self.address, self.website = _("Address: %(value)s"), _("Website: %(value)s")
        self.nickname = _("Nickname: %(value)s")
        self.relative = _("%(relation)s: %(name)s")
        # The relations relations.FAMILY_RELATIONS and relations.OTHER_RELATIONS name.
        self.relations = {
            "spouse": pgettext("relation", "spouse"),
            "partner": pgettext("relation", "partner"),
            "child": pgettext("relation", "child"),
            "mother": pgettext("relation", "mother"),
            "father": pgettext("relation", "father"),
            "parent": pgettext("relation", "parent"),
            "brother": pgettext("relation", "brother"),
            "sister": pgettext("relation", "sister"),
            "sibling": pgettext("relation", "sibling"),
            "relative": pgettext("relation", "relative"),
            "assistant": pgettext("relation", "assistant"),
            "manager": pgettext("relation", "manager"),
            "friend": pgettext("relation", "friend"),
            "referred_by": pgettext("relation", "referred by"),
            "other": pgettext("relation", "related person"),
        }

    def source_note(self, file: str, today: datetime.date) -> str:
        return (self.source % {"file": file[-180:], "date": today.isoformat()})[:255]

    def facts(self, contact: Contact) -> list[FactDraft]:
        """Address, website, nickname (unless a form of address), note, then the people the
        card names: a family member as a family fact (relation, name), anyone else (manager,
        assistant, a relation of the user's own words) as a fact of their relation and name;
        then the interests a CSV row ("Hobby") or a vCard 4.0 (HOBBY, INTEREST) names, each an
        interest fact as written."""
        drafts = [FactDraft(self.address % {"value": a}) for a in contact.addresses]
        drafts += [FactDraft(self.website % {"value": u}) for u in contact.urls]
        if contact.nickname and not _honorific(contact.nickname):
            drafts.append(FactDraft(self.nickname % {"value": contact.nickname}))
        if contact.note:
            drafts.append(FactDraft(contact.note))
        for relative in contact.relatives:
            word = self.relations.get(relative.relation, relative.relation)
            text = self.relative % {"relation": capfirst(word), "name": relative.name}
            if relative.is_family:
                drafts.append(
                    FactDraft(
                        text,
                        PersonalFact.Category.FAMILY,
                        relation=word[:60],
                        member_name=relative.name[:120],
                    )
                )
            else:
                drafts.append(FactDraft(text))
        drafts += [FactDraft(i, PersonalFact.Category.INTEREST) for i in contact.interests]
        return drafts


class Planner:
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
        added = self.details(person, contact, file, is_new=row.action == "create")
        self.index.add(person)
        if row.action == "update" and not added and not any(not c.kept for c in row.changes):
            row.action = "skip"

    def update(
        self, row: ContactRow, person: Person, emails: list[str], organization: Organization
    ) -> None:
        values = update_values(
            row, person, emails, organization, moved=organization.pk != person.organization_id
        )
        if values:
            saved = services.person_update(person=person, by=self.user, **values)
            # Later rows of the file that match this person see what this row changed.
            for name in (*values, "version"):
                setattr(person, name, getattr(saved, name))

    def details(self, person: Person, contact: Contact, file: str, *, is_new: bool) -> bool:
        """Important dates and the facts (address, website, note, nickname, the people the card
        names) not yet known."""
        added = False
        known_dates = (
            set()
            if is_new
            else {(d.kind, d.month, d.day) for d in ImportantDate.objects.filter(person=person)}
        )
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
                        label=date.label,
                    )
            except ValidationError:
                continue  # 31 February and the like: not a date worth a reminder
            known_dates.add((date.kind, date.month, date.day))
            added = True
        texts = FactTexts()
        source = texts.source_note(file, self.today)
        known = (
            set()
            if is_new
            else set(  # only what the importer may read (see BulkPlanner._load_known)
                PersonalFact.objects.visible_to(self.user)
                .filter(person=person)
                .values_list("text", flat=True)
            )
        )
        for fact in texts.facts(contact):
            if fact.text in known:
                continue
            services.fact_create(
                person=person,
                by=self.user,
                text=fact.text,
                category=fact.category,
                relation=fact.relation,
                member_name=fact.member_name,
                source_note=source,
            )
            known.add(fact.text)  # a card with the same website twice gets it once
            added = True
        return added


def update_values(
    row: ContactRow, person: Person, emails: list[str], organization: Organization, *, moved: bool
) -> dict[str, Any]:
    """What a matched row changes on `person` (names, new e-mails and phones, a move when
    `moved`, an honorific from the nickname), noted in `row.changes`: the one rule of both the
    one-by-one and the bulk import."""
    contact = row.contact
    unnamed = nameless(contact.full_name, contact.emails, contact.phones)
    changes = [
        None if unnamed else _text_change("full_name", person.full_name, contact.full_name[:200]),
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
    if contact.organization and moved:
        values["organization"] = organization
        before = person.organization.name if person.organization else ""
        row.changes.append(Change("organization", before, organization.name))
    if not person.honorific and _honorific(contact.nickname):
        values["honorific"] = _honorific(contact.nickname)
        row.changes.append(Change("honorific", "", values["honorific"]))
    return values
