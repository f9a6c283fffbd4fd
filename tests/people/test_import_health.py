"""A contacts import marks the relationship health of every person it writes for recomputing,
created and updated alike, with one write per chunk (bulk writes send no signals)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from karib.health.models import HealthDirtyPerson
from karib.people.imports import Source, contacts_import, pipeline
from karib.people.models import Person

CSV = (
    "Name,Organization,Email\n"
    "Suryo Wibowo,Direktorat Layanan Data,suryo@layanan.go.id\n"  # an e-mail for Suryo
    "Dewi Anggraini,PT Maju Jaya,dewi@maju.co.id\n"
    "Agus Salim,PT Maju Jaya,agus@maju.co.id\n"
)


def _marker_writes(queries):
    return [
        q
        for q in queries
        if q["sql"].lstrip().upper().startswith("INSERT")
        and (HealthDirtyPerson._meta.db_table in q["sql"])
    ]


def test_created_and_updated_people_are_marked_in_one_write_per_chunk(world, monkeypatch):
    # given Suryo's health is current (no marker), and chunks of two contacts
    HealthDirtyPerson.objects.all().delete()
    monkeypatch.setattr(pipeline, "BULK_CHUNK", 2)
    # when a file updating Suryo and creating two people is imported
    with CaptureQueriesContext(connection) as queries:
        report = contacts_import(
            sources=[Source(name="kontak.csv", raw=CSV.encode())], user=world.owner, commit=True
        )
    # then all three are marked, Suryo (updated) too
    assert [row.action for row in report.rows] == ["update", "create", "create"]
    created = Person.objects.filter(full_name__in=["Dewi Anggraini", "Agus Salim"])
    marked = set(HealthDirtyPerson.objects.values_list("person_id", flat=True))
    assert marked == {world.person.pk, *created.values_list("pk", flat=True)}
    # and with one write per chunk of two contacts
    assert len(_marker_writes(queries.captured_queries)) == 2


def test_a_dry_run_and_an_unchanged_person_mark_nothing(world):
    HealthDirtyPerson.objects.all().delete()
    same = "Name,Organization\nSuryo Wibowo,Direktorat Layanan Data\n"
    # a dry run writes no marker
    contacts_import(
        sources=[Source(name="kontak.csv", raw=CSV.encode())], user=world.owner, commit=False
    )
    assert not HealthDirtyPerson.objects.exists()
    # nor does an import that leaves Suryo as he is
    report = contacts_import(
        sources=[Source(name="sama.csv", raw=same.encode())], user=world.owner, commit=True
    )
    assert [row.action for row in report.rows] == ["skip"]
    assert not HealthDirtyPerson.objects.exists()
