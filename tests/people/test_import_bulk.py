"""The bulk path of the contacts import does what the one-by-one path through the services
does: the same report and the same people, organizations, dates, facts, memberships and
search documents, on every file of the corpus, imported and then imported again."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import transaction

from karib.core.models import AuditEvent
from karib.core.roles import Role
from karib.people.imports import Source, contacts_import
from karib.people.imports.planner import _Index
from karib.people.models import (
    ImportantDate,
    Membership,
    Organization,
    Person,
    PersonalFact,
    PersonAuditEvent,
    PersonSearchDocument,
)
from tests.factories import UserFactory

CORPUS = Path(__file__).parents[1] / "data" / "import_corpus"
FILES = sorted((CORPUS / "csv").iterdir()) + sorted((CORPUS / "vcard").iterdir())


def _report(report):
    rows = [
        (
            r.file,
            r.line,
            r.action,
            r.errors,
            r.organization,
            r.organization_created,
            [(c.field, c.old, c.new, c.kept) for c in r.changes],
            r.person.full_name if r.person is not None else None,
        )
        for r in report.rows
    ]
    return rows, report.file_errors, report.committed


def _state():
    people = sorted(
        (
            p.full_name,
            p.job_title,
            sorted(p.emails),
            sorted(p.phones),
            p.organization.name,
            p.honorific,
            p.is_public_official,
            p.owner_id,
            p.version,
            sorted((d.kind, d.month, d.day, d.year, d.label) for d in p.important_dates.all()),
            sorted(
                (f.text, f.category, f.relation, f.member_name, f.is_sensitive, f.source_note)
                for f in p.facts.all()
            ),
            sorted((m.organization.name, m.role, str(m.end_date)) for m in p.memberships.all()),
            PersonSearchDocument.objects.get(person=p).document,
            PersonAuditEvent.objects.filter(person=p).count() > 0,
        )
        for p in Person.objects.select_related("organization")
    )
    organizations = sorted(Organization.objects.values_list("name", "owner_id", "kind"))
    return people, organizations


def _import_everything(user, *, bulk, chunk_size=None):
    reports = []
    for _round in range(2):  # the second time, every contact is matched: update or skip
        for path in FILES:
            report = contacts_import(
                sources=[Source(name=path.name, raw=path.read_bytes())],
                user=user,
                commit=True,
                bulk=bulk,
                chunk_size=chunk_size,
            )
            reports.append(_report(report))
    return reports, _state()


def _outcome(user, *, bulk, chunk_size=None):
    """Import the corpus twice, note the reports and what is stored, then roll it back."""
    with transaction.atomic():
        outcome = _import_everything(user, bulk=bulk, chunk_size=chunk_size)
        transaction.set_rollback(True)
    return outcome


def test_bulk_import_of_the_corpus_matches_the_one_by_one_import(world):
    # given the whole corpus imported twice through the services, one contact at a time, in
    # one transaction (the command)
    reports, state = _outcome(world.owner, bulk=False)
    # when the same is done by the bulk path, in one transaction and in chunks of 7 and of 1
    # contact (the background task), and one by one in chunks
    for bulk, chunk_size in ((True, None), (True, 7), (True, 1), (False, 1)):
        other_reports, other_state = _outcome(world.owner, bulk=bulk, chunk_size=chunk_size)
        # then every report and everything stored is the same
        assert other_reports == reports, (bulk, chunk_size)
        assert other_state == state, (bulk, chunk_size)
    # and the corpus did exercise creates, updates, skips, errors, rows left out (no name,
    # e-mail or phone) and new organizations
    actions = {row[2] for rows, _errors, _done in reports for row in rows}
    assert actions == {"create", "update", "skip", "error", "left_out"}
    assert any(row[5] for rows, _errors, _done in reports for row in rows)
    # and family facts, facts of other relations and labelled dates
    facts = {fact[1] for person in state[0] for fact in person[10]}
    assert {"family", "other"} <= facts
    assert any(date[4] for person in state[0] for date in person[9])


def test_rows_of_a_user_who_may_not_create_people_are_refused_alike(world):
    # given a user whose role creates no people or organizations
    viewer = UserFactory(username="tamu", role=Role.SERVICE_AGENT)
    # when both paths import the corpus for them
    reports, state = _outcome(viewer, bulk=False)
    bulk_reports, bulk_state = _outcome(viewer, bulk=True)
    # then the same rows are refused with the same messages, and nothing is stored
    assert bulk_reports == reports
    assert bulk_state == state
    assert any(row[3] for rows, _errors, _done in reports for row in rows)


def test_a_bulk_import_audits_every_record_it_writes(world):
    # when a file of the corpus is imported by the bulk path
    path = CORPUS / "csv" / "hello-again__sample-data.csv"
    before = AuditEvent.objects.count()
    report = contacts_import(
        sources=[Source(name=path.name, raw=path.read_bytes())], user=world.owner, commit=True
    )
    # then each new person, organization, date and fact has its create event by the importer
    assert report.committed
    written = (
        report.created_count
        + Organization.objects.filter(owner=world.owner).count()
        - 1  # the world's own organization
        + ImportantDate.objects.count()
        + PersonalFact.objects.count()
    )
    events = AuditEvent.objects.order_by("pk")[before:]
    assert len(events) == written
    assert {(e.action, e.actor_id) for e in events} == {("create", world.owner.pk)}
    # and each new person has one open membership and a search document
    created = [row.person for row in report.rows if row.action == "create"]
    assert Membership.objects.filter(person__in=created, end_date=None).count() == len(created)
    assert PersonSearchDocument.objects.filter(person__in=created).count() == len(created)


DUPLICATES = (
    "First Name,Last Name,Organization Name,E-mail 1 - Value,Phone 1 - Value,Birthday,Notes\n"
    "Dewi,Lestari,PT Maju,dewi@contoh.id,0812-1111-2222,1980-04-03,pertama\n"
    "Budi,Santoso,,budi@contoh.id,0812-3333-4444,,\n"
    "Sari,Putri,,,,,\n"
    "Dewi,L.,PT Maju,dewi@contoh.id,0813-5555-6666,1980-04-03,kedua\n"
    "Budi,Santoso,PT Baru,,0812-3333-4444,1975-01-02,\n"
    "Sari,Putri,,,,1990-12-01,\n"
    "Agus,Salim,PT Maju,,,,\n"
    "Agus,Salim,PT Maju,agus@contoh.id,,,\n"
    "Sari,Putri,CV Lain,,,,\n"
    "Sari,Putri,,,,,tiga\n"
    "Dewi,Lestari,PT Maju,,0813-5555-6666,,ketiga\n"
)


def _duplicates_outcome(user, *, bulk, chunk_size):
    with transaction.atomic():
        reports = []
        for commit in (False, True, True):  # a dry run, the import, the import again
            report = contacts_import(
                sources=[Source(name="dupes.csv", raw=DUPLICATES.encode())],
                user=user,
                commit=commit,
                bulk=bulk,
                chunk_size=chunk_size,
            )
            reports.append(_report(report))
        outcome = reports, _state()
        transaction.set_rollback(True)
    return outcome


class _InMemoryIndex(_Index):
    """The index before ``SpilledIndex``: every person of the import kept in memory."""

    def __init__(self, user):
        super().__init__(user)
        self.known = {}

    def end_chunk(self):
        pass


@pytest.mark.parametrize("chunk_size", [1, 2, 3])
def test_rows_matching_rows_of_earlier_chunks_are_planned_as_in_memory(
    world, chunk_size, monkeypatch
):
    # given a file whose rows match earlier rows by e-mail, by phone, by name at the same
    # organization and by a name without organization, and a name met twice (no match),
    # planned and imported in small chunks with every person of the import kept in memory
    with monkeypatch.context() as patched:
        patched.setattr("karib.people.imports.bulk.SpilledIndex", _InMemoryIndex)
        patched.setattr("karib.people.imports.pipeline.BULK_CHUNK", chunk_size)
        reports, state = _duplicates_outcome(world.owner, bulk=True, chunk_size=chunk_size)
    # when the earlier chunks' people are kept out of memory (the temporary SQLite file)
    monkeypatch.setattr("karib.people.imports.pipeline.BULK_CHUNK", chunk_size)
    spilled_reports, spilled_state = _duplicates_outcome(
        world.owner, bulk=True, chunk_size=chunk_size
    )
    # then every report and everything stored is the same
    assert spilled_reports == reports
    assert spilled_state == state
    assert {row[2] for row in reports[1][0]} == {"create", "update"}
    assert {row[2] for row in reports[2][0]} == {"update", "skip"}


def test_a_report_keeping_few_rows_counts_them_all(world, monkeypatch):
    # given a file of the corpus with errors, imported with every row kept
    path = CORPUS / "csv" / "hello-again__sample-data.csv"
    source = Source(name=path.name, raw=path.read_bytes())
    monkeypatch.setattr("karib.people.imports.pipeline.BULK_CHUNK", 4)
    whole = contacts_import(sources=[source], user=world.owner, commit=False)
    # when the same dry run keeps only three rows
    kept = contacts_import(sources=[source], user=world.owner, commit=False, keep_rows=3)
    # then the counts are those of every row, and the first rows and first errors are kept
    assert (kept.created_count, kept.updated_count, kept.skipped_count, kept.has_errors) == (
        whole.created_count,
        whole.updated_count,
        whole.skipped_count,
        whole.has_errors,
    )
    errors = [r.line for r in whole.rows if r.errors]
    expected = [r.line for r in whole.rows[:3]] + [e for e in errors if e > whole.rows[2].line][:3]
    assert [r.line for r in kept.rows] == expected
    assert kept.row_count == len(whole.rows)
    assert kept.to_json()["omitted_rows"] == len(whole.rows) - len(expected)
    assert "omitted_rows" not in whole.to_json()
