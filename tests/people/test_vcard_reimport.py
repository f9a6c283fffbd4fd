"""Re-importing contacts updates the people already known instead of duplicating them."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from karib.people import services, transfer
from karib.people.models import Person

CARDS = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Dewi Anggraini\r\nORG:Direktorat Layanan Data\r\n"
    "TITLE:Analis\r\nEMAIL:dewi@ktkd.go.id\r\nTEL:+62 811 222\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Agus Salim\r\nORG:Direktorat Layanan Data\r\n"
    "TITLE:Kabag\r\nEND:VCARD\r\n"
)


def _import(world, raw, *, commit=True, user=None):
    return transfer.vcard_import(
        raw=raw.encode(), user=user or world.owner, commit=commit, organization=None
    )


def test_importing_the_same_file_twice_does_not_duplicate(world):
    # given a first import
    first = _import(world, CARDS)
    assert not first.has_errors, first.rows
    assert [row.action for row in first.rows] == ["create", "create"]
    count = Person.objects.count()
    # when the same file is imported again
    second = _import(world, CARDS)
    # then both rows update the people already there, nobody is added
    assert not second.has_errors, second.rows
    assert [row.action for row in second.rows] == ["update", "update"]
    assert Person.objects.count() == count
    assert Person.objects.filter(full_name="Dewi Anggraini").count() == 1
    assert Person.objects.filter(full_name="Agus Salim").count() == 1


def test_match_by_email_ignores_case_and_updates_the_person(world):
    # given a person known with an email in other letter case
    services.person_update(person=world.person, by=world.owner, emails=["Suryo@KTKD.go.id"])
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Suryo Wibowo S.Kom\r\nTITLE:Direktur Jenderal\r\n"
        "EMAIL:suryo@ktkd.go.id\r\nTEL:0812 1\r\nEND:VCARD\r\n"
    )
    # when the card (with another name form and no ORG) is imported
    result = _import(world, card)
    # then the person is updated, their organization kept, emails not doubled
    assert not result.has_errors, result.rows
    assert [row.action for row in result.rows] == ["update"]
    assert Person.objects.count() == 1
    person = Person.objects.get(pk=world.person.pk)
    assert person.full_name == "Suryo Wibowo S.Kom"
    assert person.job_title == "Direktur Jenderal"
    assert person.emails == ["Suryo@KTKD.go.id"]
    assert person.phones == ["0812 1"]
    assert person.organization == world.organization


def test_match_by_name_and_organization_when_no_email_matches(world):
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:suryo wibowo\r\nORG:Direktorat Layanan Data\r\n"
        "EMAIL:pribadi@example.com\r\nEND:VCARD\r\n"
    )
    result = _import(world, card)
    assert [row.action for row in result.rows] == ["update"]
    assert Person.objects.count() == 1
    assert Person.objects.get().emails == ["pribadi@example.com"]


def test_a_person_the_user_cannot_see_is_not_matched(world):
    # given another sales user's own organization and a person with the same email there
    theirs = services.organization_create(by=world.other, name="PT Lain")
    services.person_create(
        by=world.other, full_name="Rahasia", organization=theirs, emails=["sama@example.com"]
    )
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Orang Baru\r\nORG:Direktorat Layanan Data\r\n"
        "EMAIL:sama@example.com\r\nEND:VCARD\r\n"
    )
    # when the owner imports a card with that email
    result = _import(world, card)
    # then a new person is created in the owner's scope; the other one is untouched
    assert [row.action for row in result.rows] == ["create"]
    assert Person.objects.get(full_name="Rahasia").organization == theirs
    assert Person.objects.filter(full_name="Orang Baru").count() == 1


def test_dry_run_shows_update_and_create_and_writes_nothing(world, client_for):
    # given a file with one known and one new contact
    services.person_update(person=world.person, by=world.owner, emails=["suryo@ktkd.go.id"])
    raw = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Suryo Wibowo\r\nTITLE:Dirjen\r\n"
        "EMAIL:SURYO@ktkd.go.id\r\nEND:VCARD\r\n" + CARDS
    )
    upload = SimpleUploadedFile("contacts.vcf", raw.encode(), content_type="text/vcard")
    # when the dry run is asked for
    page = client_for(world.owner).post(
        reverse("people:import"), {"file_format": "vcard", "file": upload, "action": "preview"}
    )
    # then each row says what it would do, and nothing is written
    assert page.status_code == 200
    actions = page.text.split('class="import-action"')[1:]
    assert ["badge warn" in a.split("</td>")[0] for a in actions] == [True, False, False]
    assert Person.objects.count() == 1
    assert Person.objects.get().job_title == "Direktur"


def test_the_same_contact_twice_in_one_file_is_one_person(world):
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dewi Anggraini\r\nORG:Direktorat Layanan Data\r\n"
        "EMAIL:dewi@ktkd.go.id\r\nEND:VCARD\r\n"
    )
    twice = card + card.replace("dewi@ktkd.go.id", "DEWI@ktkd.go.id\r\nTEL:0811")
    result = _import(world, twice)
    assert not result.has_errors, result.rows
    assert [row.action for row in result.rows] == ["create", "update"]
    dewi = Person.objects.get(full_name="Dewi Anggraini")
    assert (dewi.emails, dewi.phones) == (["dewi@ktkd.go.id"], ["0811"])
