"""The bulk import's index of people, in constant memory whatever the size of the file.

``_Index`` keeps every person it has seen in memory: the people the user may see (loaded once)
and every person the import creates or changes, so that a later row of the file finds an earlier
one. ``SpilledIndex`` keeps the first in memory as before, and the second only for the chunk
being planned: at the end of each chunk its keys (e-mail, E.164 phone, name and organization,
name alone) and the planned state of its new people (their fields and the dates and facts they
will have) go to a private temporary SQLite file, from which a later chunk that matches one of
them rebuilds it. The matches are the same as ``_Index``'s: a key belongs to the first person
given it (base, then earlier chunks, then this one).
"""

from __future__ import annotations

import itertools
import pickle
import sqlite3
import weakref
from typing import Any

from django.contrib.auth.models import User
from django.db.models.base import ModelState

from karib.people.models import Organization, Person

from .planner import _Index, same_person
from .vcard import Contact, phone_e164

Known = tuple[set[tuple[str, int | None, int | None]], set[str]]

_EMAIL, _PHONE, _NAME = 0, 1, 2
_SCHEMA = (
    "PRAGMA journal_mode=OFF",
    "PRAGMA synchronous=OFF",
    "PRAGMA cache_size=-2048",  # 2 MB of pages in memory, the rest on disk
    "CREATE TABLE keys (kind INTEGER, key TEXT, pid INTEGER, PRIMARY KEY (kind, key))",
    "CREATE TABLE names (key TEXT, pid INTEGER, UNIQUE (key, pid))",
    "CREATE TABLE people (pid INTEGER PRIMARY KEY, state BLOB)",
)


def _close(connection: sqlite3.Connection) -> None:
    connection.close()  # SQLite deletes a private temporary database when it is closed


class SpilledIndex(_Index):
    def __init__(self, user: User) -> None:
        self._loading = True
        self.base: dict[int, Person] = {}
        super().__init__(user)
        self._loading = False
        # "" is a private temporary database on disk, deleted when the connection closes.
        self._db = sqlite3.connect("", check_same_thread=False)  # closed by any thread
        for statement in _SCHEMA:
            self._db.execute(statement)
        weakref.finalize(self, _close, self._db)
        self._pids = itertools.count(1)
        # The current chunk: its keys, the people it touched, the people it rebuilt.
        self._overlay: tuple[dict[str, Person], ...] = ({}, {}, {})
        self._overlay_names: dict[str, list[Person]] = {}
        self._touched: dict[int, Person] = {}
        self._pid_of: dict[int, int] = {}  # id(person) -> pid, for the current chunk
        self._rebuilt: dict[int, Person] = {}  # pid -> person, for the current chunk
        self._absent: set[tuple[int, str]] = set()  # keys of no earlier chunk (this chunk)
        self._organizations: dict[int, Organization | None] = {}  # id -> every organization used
        # People of earlier chunks still held elsewhere (a report's rows): found again as the
        # same objects, so that what a later row changes shows on the earlier rows too.
        self._alive: weakref.WeakValueDictionary[int, Person] = weakref.WeakValueDictionary()
        self.known: dict[int, Known] = {}  # id(person) -> known, set by the planner

    # --- keys -----------------------------------------------------------------------------

    def _name_key(self, person_name: str, organization: Organization | None) -> str:
        key = self.organization_key(organization)
        return f"{key!r}\x00{person_name.casefold()}"

    def _base(self, kind: int) -> dict[Any, Person]:
        return (self.by_email, self.by_phone, self.by_name)[kind]

    def _spilled_pid(self, kind: int, key: str) -> int | None:
        if (kind, key) in self._absent:
            return None
        row = self._db.execute(
            "SELECT pid FROM keys WHERE kind = ? AND key = ?", (kind, key)
        ).fetchone()
        if row is None:
            self._absent.add((kind, key))  # the earlier chunks change only at the chunk's end
            return None
        return int(row[0])

    def _find(self, kind: int, key: str, base_key: Any) -> Person | None:
        found = self._base(kind).get(base_key)
        if found is not None:
            return found
        found = self._overlay[kind].get(key)
        if found is not None:
            return found
        pid = self._spilled_pid(kind, key)
        return None if pid is None else self._person(pid)

    def _claim(self, kind: int, key: str, base_key: Any, person: Person) -> None:
        """``setdefault`` over the base, the earlier chunks and this one."""
        if base_key in self._base(kind) or key in self._overlay[kind]:
            return
        if self._spilled_pid(kind, key) is None:
            self._overlay[kind][key] = person

    # --- _Index ---------------------------------------------------------------------------

    def add(self, person: Person, e164: list[str] | None = None) -> None:
        if self._loading:
            self.base[person.pk] = person
            super().add(person, e164)
            return
        self._touched[id(person)] = person
        for email in person.emails or []:
            key = str(email).casefold()
            self._claim(_EMAIL, key, key, person)
        phones = e164 if e164 is not None else [phone_e164(str(p)) for p in person.phones or []]
        for phone in phones:
            self._claim(_PHONE, phone, phone, person)
        organization = person.organization
        base_key = (person.full_name.casefold(), self.organization_key(organization))
        self._claim(_NAME, self._name_key(person.full_name, organization), base_key, person)
        same = self._overlay_names.setdefault(person.full_name.casefold(), [])
        if person not in same:
            same.append(person)

    def match(self, contact: Contact, organization: Organization | None) -> Person | None:
        for email in contact.emails:
            key = email.casefold()
            found = self._find(_EMAIL, key, key)
            if found is not None and same_person(found, contact):
                return found
        for phone in contact.phones:
            found = self._find(_PHONE, phone, phone)
            if found is not None and same_person(found, contact):
                return found
        if organization is not None and (
            organization.pk or id(organization) in self.new_organizations
        ):
            base_key = (contact.full_name.casefold(), self.organization_key(organization))
            found = self._find(_NAME, self._name_key(contact.full_name, organization), base_key)
            if found is not None:
                return found
        if not contact.organization:
            same = self._same_name(contact.full_name.casefold())
            return same[0] if len(same) == 1 else None
        return None

    def _same_name(self, name: str) -> list[Person]:
        """Up to two of the different people of this name (only "exactly one" matters)."""
        same: list[Person] = []
        pids: set[int] = set()

        def take(person: Person) -> None:
            pid = self._pid(person)
            if pid not in pids:
                pids.add(pid)
                same.append(person)

        for person in self.by_name_only.get(name, [])[:2]:
            take(person)
        rows = self._db.execute(
            "SELECT pid FROM names WHERE key = ? ORDER BY rowid LIMIT 3", (name,)
        ).fetchall()
        for (pid,) in rows:
            if len(same) < 2:
                take(self._person(int(pid)))
        for person in self._overlay_names.get(name, []):
            if len(same) < 2:
                take(person)
        return same

    # --- people of earlier chunks ---------------------------------------------------------

    def _pid(self, person: Person) -> int:
        if person.pk is not None and self.base.get(person.pk) is person:
            return -person.pk
        pid = self._pid_of.get(id(person))
        if pid is None:
            pid = next(self._pids)
            self._pid_of[id(person)] = pid
        return pid

    def _person(self, pid: int) -> Person:
        if pid < 0:
            return self.base[-pid]
        person = self._rebuilt.get(pid)
        if person is not None:
            return person
        row = self._db.execute("SELECT state FROM people WHERE pid = ?", (pid,)).fetchone()
        values, organization_id, adding, database, known = pickle.loads(row[0])  # noqa: S301 (written by this process)
        person = self._alive.get(pid)
        if person is None:
            person = Person.__new__(Person)
            person.__dict__.update(values)
            person._state = ModelState()
            person._state.adding, person._state.db = adding, database
            person._state.fields_cache["organization"] = self._organizations[organization_id]
        self._rebuilt[pid] = person
        self._pid_of[id(person)] = pid
        self._touched[id(person)] = person
        self.known[id(person)] = known
        return person

    def end_chunk(self) -> None:
        """Move what the chunk planned out of memory (after its writes, if any)."""
        states = []
        for person in self._touched.values():
            pid = self._pid(person)
            if pid < 0:
                continue
            organization = person.organization
            self._organizations[id(organization)] = organization
            values = {k: v for k, v in person.__dict__.items() if k != "_state"}
            known = self.known.pop(id(person), (set(), set()))
            state = (values, id(organization), person._state.adding, person._state.db, known)
            states.append((pid, pickle.dumps(state, pickle.HIGHEST_PROTOCOL)))
            self._alive[pid] = person
        self._db.executemany("INSERT OR REPLACE INTO people VALUES (?, ?)", states)
        self._db.executemany(
            "INSERT OR IGNORE INTO keys VALUES (?, ?, ?)",
            [
                (kind, key, self._pid(person))
                for kind, keys in enumerate(self._overlay)
                for key, person in keys.items()
            ],
        )
        self._db.executemany(
            "INSERT OR IGNORE INTO names VALUES (?, ?)",
            [
                (name, self._pid(person))
                for name, people in self._overlay_names.items()
                for person in people
            ],
        )
        self._overlay = ({}, {}, {})
        self._overlay_names = {}
        self._touched, self._pid_of, self._rebuilt = {}, {}, {}
        self._absent = set()
