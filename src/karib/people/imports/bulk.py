"""The bulk path of the contacts import: every row planned in memory, written in chunks.

The same decisions as ``Planner`` (the one-by-one path through the services), made without a
query per row: the people the user may see are indexed once (e-mail, E.164 phone, name and
organization), the dates and facts of the people a chunk may match are read in two queries,
the rules are asked once per kind of write and per owner, and each chunk is written by
``services.bulk.people_bulk_write`` (bulk inserts and updates, audit, versions, memberships,
search documents). A row the rules or the model refuse is an error on its row, as before.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from karib.core.access import Action
from karib.core.audit import snapshot
from karib.people.models import ImportantDate, Organization, Person, PersonalFact
from karib.people.services.bulk import AccessCache, PersonWrite, people_bulk_write
from karib.people.services.common import PeopleError, from_django

from .planner import FactDraft, FactTexts, _clean_emails, _honorific, update_values
from .rows import ContactRow
from .spill import SpilledIndex
from .vcard import Contact, ContactDate

# Foreign keys are set from objects the planner holds; checking them would cost a query each.
_NOT_CHECKED = {
    Person: ["organization", "owner", "envoy"],
    Organization: ["owner", "parent", "team"],
    ImportantDate: ["person", "created_by"],
    PersonalFact: ["person", "created_by", "source_interaction", "told_by_user", "told_by_person"],
}


# The values of a person the import sets (the others keep their valid defaults).
_PERSON_VALUES = ("full_name", "job_title", "emails", "phones", "honorific", "custom_address")


def _clean(instance: models.Model, only: Sequence[str] = ()) -> None:
    exclude = _NOT_CHECKED[type(instance)]
    if only:
        exclude = [f.name for f in instance._meta.fields if f.name not in only]
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise from_django(error) from None


class BulkPlanner:
    """Plans rows in file order (a later row sees what the earlier ones will do) and writes
    the plan of each chunk with ``flush``."""

    def __init__(
        self,
        *,
        user: User,
        owner: User,
        default_organization: Organization | None,
        today: datetime.date,
        writing: bool = True,
    ) -> None:
        """``writing`` False: a dry run, which only decides (no records are built)."""
        self.user, self.owner, self.today, self.writing = user, owner, today, writing
        self.default_organization = default_organization
        self.access = AccessCache(user)
        self.index = SpilledIndex(user)
        visible = Organization.objects.visible_to(user).order_by("pk")
        self.organizations: dict[str, Organization] = {}
        for organization in visible.iterator(chunk_size=2000):
            self.organizations.setdefault(organization.name.casefold(), organization)
        # What each person already has: (kind, month, day) of dates, texts of facts (the index
        # keeps those of the people of earlier chunks out of memory).
        self.known = self.index.known
        self.pending_organizations: list[Organization] = []
        self.writes: dict[int, PersonWrite] = {}
        # Whether the model accepts a date (kind, month, day, year) or a fact (blank text?).
        self._valid_dates: dict[tuple[str, int, int, bool | None], bool] = {}
        self._valid_facts: dict[bool, bool] = {}
        # The texts of the facts, translated once.
        self._texts = FactTexts()

    # --- reading ahead --------------------------------------------------------------------

    def prepare(self, rows: Sequence[ContactRow]) -> None:
        """Read the dates and facts of the stored people these rows may match (two queries)."""
        wanted: dict[int, Person] = {}
        index = self.index
        for row in rows:
            contact = row.contact
            found = [index.by_email.get(e.casefold()) for e in contact.emails]
            found += [index.by_phone.get(p) for p in contact.phones]
            found += index.by_name_only.get(contact.full_name.casefold(), [])
            for person in found:
                if person is not None and person.pk and id(person) not in self.known:
                    wanted[person.pk] = person
        if not wanted:
            return
        dates: dict[int, set[tuple[str, int | None, int | None]]] = {pk: set() for pk in wanted}
        for person_id, kind, month, day in ImportantDate.objects.filter(
            person_id__in=wanted
        ).values_list("person_id", "kind", "month", "day"):
            dates[person_id].add((kind, month, day))
        facts: dict[int, set[str]] = {pk: set() for pk in wanted}
        readable = PersonalFact.objects.visible_to(self.user)  # as in _load_known
        for person_id, text in readable.filter(person_id__in=wanted).values_list(
            "person_id", "text"
        ):
            facts[person_id].add(text)
        for pk, person in wanted.items():
            self.known[id(person)] = (dates[pk], facts[pk])

    # --- planning one row -----------------------------------------------------------------

    def _organization(self, row: ContactRow) -> tuple[Organization, bool]:
        name = row.contact.organization.strip()
        if not name:
            if self.default_organization is not None:
                row.organization = self.default_organization.name
                return self.default_organization, False
            name = str(_("Contacts without an organization"))
        row.organization = name
        known = self.organizations.get(name.casefold())
        if known is not None:
            return known, False
        self.access.require(Action.CREATE, Organization)
        organization = Organization(name=name[:200], owner=self.user)
        _clean(organization)
        return organization, True

    def plan(self, row: ContactRow, file: str) -> None:
        """Decide the row's action; raises PeopleError (a ValidationError) for a refused row,
        which then changes nothing."""
        contact = row.contact
        emails = _clean_emails(contact, row.errors)
        if row.errors:
            row.action = "error"
            return
        organization, new_organization = self._organization(row)
        person = self.index.match(contact, organization)
        values: dict[str, Any] = {}
        created = person is None
        if person is None:
            self.access.require(Action.CREATE, Person)
            person = Person(
                full_name=contact.full_name[:200],
                organization=organization,
                job_title=contact.job_title[:200],
                emails=emails,
                phones=list(contact.phones),
                owner_id=self.owner.pk,
                is_public_official=organization.is_public_sector,
            )
            honorific = _honorific(contact.nickname)
            if honorific:
                person.honorific = honorific
            _clean(person, only=_PERSON_VALUES)
            self.access.require_sight(person, None)
            known: tuple[set[tuple[str, int | None, int | None]], set[str]] = (set(), set())
        else:
            values = self._changes(row, person, emails, organization)
            if values:
                self.access.require(Action.CHANGE, person)
            if "organization" in values:
                # A move: its own rule, and no one newly sees the organization through it.
                moved = Person(
                    pk=person.pk,
                    organization=values["organization"],
                    owner_id=person.owner_id,
                    envoy_id=person.envoy_id,
                )
                was = {
                    "organization": person.organization_id,
                    "owner": person.owner_id,
                    "envoy": person.envoy_id,
                }
                self.access.require_sight(moved, was)
            known = self.known.get(id(person)) or self._load_known(person)
        dates, facts = self._details(person, contact, file, known)
        # Nothing was refused: the row's plan is kept.
        if new_organization:
            row.organization_created = True
            self.organizations[organization.name.casefold()] = organization
            self.index.new_organizations.add(id(organization))
            self.pending_organizations.append(organization)
        write = self._write_for(person)
        if values:
            self._apply(person, values, write)
        known[0].update((d.kind, d.month, d.day) for d in dates)
        known[1].update(fact.text for fact in facts)
        self.known[id(person)] = known
        if self.writing:
            write.dates += [
                ImportantDate(
                    person=person,
                    kind=d.kind,
                    month=d.month,
                    day=d.day,
                    year=d.year,
                    label=d.label,
                    created_by_id=self.user.pk,
                )
                for d in dates
            ]
            source = self._texts.source_note(file, self.today)
            write.facts += [
                PersonalFact(
                    person=person,
                    text=fact.text,
                    category=fact.category,
                    relation=fact.relation,
                    member_name=fact.member_name,
                    source_note=source,
                    learned_on=self.today,
                    created_by_id=self.user.pk,
                )
                for fact in facts
            ]
        row.action = "create" if created else "update"
        row.person = person
        new_phones = [p for p in contact.phones if p not in self.index.by_phone]
        self.index.add(person, e164=new_phones)
        if row.action == "update" and not (dates or facts) and all(c.kept for c in row.changes):
            row.action = "skip"

    def _load_known(
        self, person: Person
    ) -> tuple[set[tuple[str, int | None, int | None]], set[str]]:
        if person.pk is None:
            return (set(), set())
        dates = ImportantDate.objects.filter(person=person).values_list("kind", "month", "day")
        # Only the facts the importer may read: a sensitive fact they cannot see must not
        # turn a card whose note repeats it into a "skip" (that would confirm a guess).
        texts = (
            PersonalFact.objects.visible_to(self.user)
            .filter(person=person)
            .values_list("text", flat=True)
        )
        return ({(k, m, d) for k, m, d in dates}, set(texts))

    def _write_for(self, person: Person) -> PersonWrite:
        write = self.writes.get(id(person))
        if write is None:
            if person.pk is None:
                write = PersonWrite(person=person)
            else:
                write = PersonWrite(
                    person=person, before=snapshot(person), loaded_version=person.version
                )
            self.writes[id(person)] = write
        return write

    def _changes(
        self, row: ContactRow, person: Person, emails: list[str], organization: Organization
    ) -> dict[str, Any]:
        """What ``Planner.update`` would change (the same rules), without writing it."""
        values = update_values(
            row,
            person,
            emails,
            organization,
            moved=not self._same_organization(person, organization),
        )
        if values:
            probe = Person(**{name: getattr(person, name) for name in _CHECKED_VALUES})
            for name, value in values.items():
                setattr(probe, name, value)
            _clean(probe, only=_PERSON_VALUES)
        return values

    def _same_organization(self, person: Person, organization: Organization | None) -> bool:
        key = self.index.organization_key
        return key(organization) == key(person.organization)

    def _apply(self, person: Person, values: dict[str, Any], write: PersonWrite) -> None:
        for name, value in values.items():
            setattr(person, name, value)
        if not person.refuses_to_meet_owner:
            person.refusal_reason, person.refusal_since = "", None
        if "organization" in values and write.before is not None:
            write.moved = True
        if write.before is not None:
            write.changed = True

    def _details(
        self,
        person: Person,
        contact: Contact,
        file: str,
        known: tuple[set[tuple[str, int | None, int | None]], set[str]],
    ) -> tuple[list[ContactDate], list[FactDraft]]:
        """The important dates and the facts (address, website, note, nickname, the people the
        card names) the person does not have yet and the model and the rules accept."""
        dates: list[ContactDate] = []
        seen_dates = set(known[0])
        for date in contact.dates:
            if (date.kind, date.month, date.day) in seen_dates:
                continue
            try:
                self.access.require_for(Action.CREATE, ImportantDate, person)
            except ValidationError:
                continue  # refused: the one-by-one path skips it too
            if not self._date_valid(date):
                continue  # 31 February and the like: not a date worth a reminder
            dates.append(date)
            seen_dates.add((date.kind, date.month, date.day))
        facts: list[FactDraft] = []
        seen_texts = set(known[1])
        for fact in self._texts.facts(contact):
            if fact.text in seen_texts:
                continue
            self.access.require_for(Action.CREATE, PersonalFact, person)
            self._check_fact(fact.text, file)
            facts.append(fact)
            seen_texts.add(fact.text)
        return dates, facts

    def _date_valid(self, date: ContactDate) -> bool:
        # The year only has to fit its column (a small positive integer).
        year_fits = None if date.year is None else 0 <= date.year <= 32767
        key = (date.kind, date.month, date.day, year_fits)
        if key not in self._valid_dates:
            probe = ImportantDate(kind=date.kind, month=date.month, day=date.day, year=date.year)
            try:
                _clean(probe)
            except ValidationError:
                self._valid_dates[key] = False
            else:
                self._valid_dates[key] = True
        return self._valid_dates[key]

    def _check_fact(self, text: str, file: str) -> None:
        """The model's check of a fact: only its text varies (blank or not)."""
        key = not text.strip()
        if self._valid_facts.get(key) is not True:
            probe = PersonalFact(
                text=text,
                category=PersonalFact.Category.OTHER,
                source_note=self._texts.source_note(file, self.today),
                learned_on=self.today,
            )
            _clean(probe)  # raises for a refused one
            self._valid_facts[key] = True

    # --- writing --------------------------------------------------------------------------

    def flush(self) -> None:
        """Write what the rows planned since the last flush, and mark the people written for
        a new relationship health figure."""
        if self.pending_organizations or self.writes:
            people_bulk_write(
                by=self.user,
                organizations=self.pending_organizations,
                writes=self.writes.values(),
            )
            health_mark_dirty(
                w.person.pk
                for w in self.writes.values()
                if w.before is None or w.changed or w.dates or w.facts
            )
        self.pending_organizations = []
        self.writes = {}
        self.index.end_chunk()

    def forget(self) -> None:
        """Drop the plan of the rows since the last flush (a dry run writes nothing)."""
        self.pending_organizations = []
        self.writes = {}
        self.index.end_chunk()


def health_mark_dirty(person_ids: Iterable[int | None]) -> None:
    """Mark people's relationship health for recomputing (the health app's dirty markers, one
    write for the chunk), as saving a person, date or fact one by one does through the health
    app's signals; bulk writes send no signals. Created and updated people alike: a stored
    score of an updated person would otherwise be shown as current."""
    if apps.is_installed("karib.health"):
        from karib.health.signals import mark_dirty

        mark_dirty(person_ids)


# The values of a person its model checks (the others are not changed by an import).
_CHECKED_VALUES = (*_PERSON_VALUES, "refuses_to_meet_owner", "refusal_reason")

__all__ = ["BulkPlanner", "PeopleError"]
