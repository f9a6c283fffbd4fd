"""Whom a contact is matched to: a shared company mailbox or switchboard number does not make
one person another (a real Salesforce export gives 133 contacts one e-mail address); the same
person under a shorter or differently written name is still matched."""

from __future__ import annotations

import pytest

from karib.people.imports import Source, contacts_import
from karib.people.imports.planner import names_agree
from karib.people.models import Person, PersonalFact

HEADER = "First Name,Last Name,Company,E-mail Address,Mobile Phone,Notes\n"


def _import(world, text, *, bulk=True, chunk_size=None, commit=True):
    source = Source(name="contacts.csv", raw=(HEADER + text).encode())
    return contacts_import(
        sources=[source], user=world.owner, commit=commit, bulk=bulk, chunk_size=chunk_size
    )


@pytest.mark.parametrize(
    ("stored", "new"),
    [
        ("Budi Santoso", "Budi"),
        ("Budi Santoso", "B. Santoso"),
        ("Budi Santoso", "Santoso, Budi"),
        ("Budi Santoso", "Pak Budi"),
        ("José Ramírez", "Jose Ramirez"),
    ],
)
def test_names_of_one_person_agree(stored, new):
    assert names_agree(stored, new)
    assert names_agree(new, stored)


@pytest.mark.parametrize(
    ("stored", "new"),
    [
        ("Emma Brown", "Elizabeth Smith"),
        ("Emma Brown", "Michael Brown"),
        ("Bapak Suryo Wibowo", "Ibu Siti Rahma"),
        # an initial alone, or a name of titles, digits or signs, names no one
        ("Budi Santoso", "B"),
        *(
            ("Suryo Wibowo", name)
            for name in ("Eve @ Attacker", "Dr.", "Bapak", "Mr 1", "123", "-")
        ),
    ],
)
def test_names_of_two_people_do_not_agree(stored, new):
    assert not names_agree(stored, new)


@pytest.mark.parametrize(("bulk", "chunk_size"), [(True, None), (True, 1), (False, None)])
def test_people_sharing_a_mailbox_in_one_file_stay_two_people(world, bulk, chunk_size):
    # when a file gives two different people one company e-mail and one switchboard number
    report = _import(
        world,
        "Emma,Brown,PT Maju,info@maju.co.id,+62 21 555 0100,\n"
        "Elizabeth,Smith,PT Maju,info@maju.co.id,+62 21 555 0100,\n",
        bulk=bulk,
        chunk_size=chunk_size,
    )
    # then both are created, each with the shared address
    assert [r.action for r in report.rows] == ["create", "create"]
    emma = Person.objects.get(full_name="Emma Brown")
    elizabeth = Person.objects.get(full_name="Elizabeth Smith")
    assert emma.emails == elizabeth.emails == ["info@maju.co.id"]


@pytest.mark.parametrize("bulk", [True, False])
def test_a_stored_person_is_not_renamed_by_a_colleague_with_their_phone(world, bulk):
    # given Suryo with the office number
    world.person.phones = ["+62215550100"]
    world.person.save()
    # when a colleague is imported with that same number
    report = _import(world, "Siti,Rahma,Direktorat Layanan Data,,021 555 0100,\n", bulk=bulk)
    # then she is a new person, and Suryo keeps his name
    assert [r.action for r in report.rows] == ["create"]
    world.person.refresh_from_db()
    assert world.person.full_name == "Suryo Wibowo"
    assert Person.objects.filter(full_name="Siti Rahma").exists()


@pytest.mark.parametrize("bulk", [True, False])
def test_the_same_person_under_a_shorter_name_is_still_matched(world, bulk):
    # given Suryo with his e-mail, in another organization than the file names
    world.person.emails = ["suryo@layanan.go.id"]
    world.person.save()
    # when he is imported as "Suryo" with that e-mail
    report = _import(world, "Suryo,,PT Lain,suryo@layanan.go.id,,\n", bulk=bulk, commit=False)
    # then he is the one matched, and his full name is kept
    (row,) = report.rows
    assert row.action == "update"
    assert row.person.pk == world.person.pk
    assert [(c.field, c.kept) for c in row.changes if c.field == "full_name"] == [
        ("full_name", True)
    ]


@pytest.mark.parametrize("bulk", [True, False])
@pytest.mark.parametrize(("first", "last"), [("Eve", "@ Attacker"), ("Dr.", ""), ("123", "")])
def test_a_row_named_by_no_name_does_not_take_over_a_person_with_that_phone(
    world, bulk, first, last
):
    # given Suryo with the office number
    world.person.phones = ["+62215550100"]
    world.person.save()
    # when a row with that number and a name that names no one is imported, with a note
    _import(
        world, f"{first},{last},Direktorat Layanan Data,,021 555 0100,planted note\n", bulk=bulk
    )
    # then Suryo keeps his name and gets no fact from it
    world.person.refresh_from_db()
    assert world.person.full_name == "Suryo Wibowo"
    assert not PersonalFact.objects.filter(person=world.person, text__contains="planted").exists()


@pytest.mark.parametrize("bulk", [True, False])
def test_a_nameless_contact_with_a_persons_email_is_them_and_keeps_their_name(world, bulk):
    # given Suryo with his e-mail
    world.person.emails = ["suryo@layanan.go.id"]
    world.person.save()
    # when a row with no name but that e-mail and a note is imported
    report = _import(world, ",,,suryo@layanan.go.id,,Suka wayang\n", bulk=bulk)
    # then it is Suryo, whose name stays, and the note is his
    (row,) = report.rows
    assert row.action == "update"
    world.person.refresh_from_db()
    assert world.person.full_name == "Suryo Wibowo"
    assert PersonalFact.objects.filter(person=world.person, text__contains="Suka wayang").exists()
