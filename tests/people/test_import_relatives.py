"""What a contact file says beyond names and numbers is stored, alike on both import paths:
the people a card names (a family member as a family fact, a manager or a friend as a fact),
the label of an "other" date, and where each fact was learned (the file)."""

from __future__ import annotations

import pytest
from django.utils import translation

from karib.people.imports import Source, contacts_import
from karib.people.models import ImportantDate, Person, PersonalFact

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Siti Wijaya\r\nORG:Toko Maju\r\n"
    "TEL:+62 811 2223 333\r\n"
    "item1.X-ABRELATEDNAMES:Andi Wijaya\r\nitem1.X-ABLabel:_$!<Spouse>!$_\r\n"
    "item2.X-ABRELATEDNAMES:Rara\r\nitem2.X-ABLabel:_$!<Child>!$_\r\n"
    "item3.X-ABRELATEDNAMES:Pak Harun\r\nitem3.X-ABLabel:_$!<Manager>!$_\r\n"
    "item4.X-ABRELATEDNAMES:Dimas\r\nitem4.X-ABLabel:Keponakan\r\n"
    "item5.X-ABDATE:2019-08-17\r\nitem5.X-ABLabel:Wisuda\r\n"
    "END:VCARD\r\n"
)


def _import(world, raw: str, *, bulk: bool, name: str = "kontak.vcf"):
    report = contacts_import(
        sources=[Source(name=name, raw=raw.encode())], user=world.owner, commit=True, bulk=bulk
    )
    assert not any(row.errors for row in report.rows), report.rows
    return report


def _facts(person):
    return sorted(
        (f.category, f.text, f.relation, f.member_name, f.is_sensitive)
        for f in PersonalFact.objects.filter(person=person)
    )


@pytest.mark.parametrize("bulk", [True, False])
def test_family_members_become_family_facts_and_others_facts_of_their_relation(world, bulk):
    # when a phone's card naming a spouse, a child, a manager and a nephew is imported
    with translation.override("en"):
        _import(world, CARD, bulk=bulk)
    # then the spouse and the child are family facts with their relation and name, not
    # sensitive (nothing says a family fact is); the manager and the user's own label are facts
    siti = Person.objects.get(full_name="Siti Wijaya")
    assert _facts(siti) == [
        ("family", "Child: Rara", "child", "Rara", False),
        ("family", "Spouse: Andi Wijaya", "spouse", "Andi Wijaya", False),
        ("other", "Keponakan: Dimas", "", "", False),
        ("other", "Manager: Pak Harun", "", "", False),
    ]
    # and every one says where it was learned
    sources = set(PersonalFact.objects.filter(person=siti).values_list("source_note", flat=True))
    assert len(sources) == 1
    assert sources.pop().startswith("imported from kontak.vcf on ")


@pytest.mark.parametrize("bulk", [True, False])
def test_importing_the_card_again_adds_no_second_family_fact(world, bulk):
    # given the card imported once
    _import(world, CARD, bulk=bulk)
    count = PersonalFact.objects.count()
    # when it is imported again
    report = _import(world, CARD, bulk=bulk)
    # then nothing is added: the row is skipped
    assert PersonalFact.objects.count() == count
    assert [row.action for row in report.rows] == ["skip"]


@pytest.mark.parametrize("bulk", [True, False])
def test_an_other_date_keeps_its_label(world, bulk):
    # when the card with a date labelled "Wisuda" is imported
    _import(world, CARD, bulk=bulk)
    # then the important date keeps the label the phone shows
    (date,) = ImportantDate.objects.filter(person__full_name="Siti Wijaya")
    assert (date.kind, date.year, date.month, date.day, date.label) == (
        "other",
        2019,
        8,
        17,
        "Wisuda",
    )
    assert str(date) == "Wisuda"


COMPANY = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:;;;;\r\nFN:\r\nORG:Toko Maju\r\nTEL:021-5551234\r\n"
    "END:VCARD\r\n"
)
PERSON = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Budi Santoso\r\nORG:Toko Maju\r\nTEL:(021) 555-1234\r\n"
    "END:VCARD\r\n"
)


@pytest.mark.parametrize("bulk", [True, False])
def test_a_company_card_and_a_person_with_its_switchboard_stay_two_entries(world, bulk):
    # given a phone's company card, named after the company
    _import(world, COMPANY, bulk=bulk)
    company = Person.objects.get(full_name="Toko Maju")
    # when it is imported again, then a person card with the same switchboard number
    again = _import(world, COMPANY, bulk=bulk)
    person = _import(world, PERSON, bulk=bulk)
    # then the company card is its own entry again, the person is added beside it, and the
    # company entry keeps its name
    assert [row.action for row in again.rows] == ["skip"]
    assert [row.action for row in person.rows] == ["create"]
    company.refresh_from_db()
    assert company.full_name == "Toko Maju"
    assert Person.objects.filter(full_name="Budi Santoso", organization__name="Toko Maju").exists()
