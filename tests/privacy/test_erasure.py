"""Erasure (UU PDP): a person created through every path leaves no copy behind, except the
gift register row a law requires to keep, marked by a legal hold."""

from __future__ import annotations

import datetime
import json
import zoneinfo
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client

from karib.core.models import Notification
from karib.core.roles import Role
from karib.core.services import api_token_create, notification_send
from karib.gifts.models import Gift
from karib.people import services as people
from karib.people.models import Organization, Person
from karib.people.transfer import people_import
from karib.privacy import services
from karib.privacy.models import Erasure, LegalHold, SubjectRequest
from karib.promises import services as promises
from karib.service.models import Conversation
from tests.factories import TeamFactory, UserFactory
from tests.gifts.factories import GiftFactory
from tests.service.factories import agent_user, conversation_from_text

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
NAME = "Suryaningrat Wibisono"
EMAIL = "suryaningrat.w@kementerian.example.id"
PHONE = "+62 812-3456-7890"
SENSITIVE_FACT = "Sedang menjalani terapi jantung di RS Harapan Kita"
HOBBY_FACT = "Mengoleksi wayang kulit tokoh Bima sejak kecil"


@dataclass
class World:
    admin: User
    owner: User
    colleague_person: Person
    organization: Organization


@pytest.fixture
def world(db) -> World:
    team = TeamFactory(name="Government")
    owner = UserFactory(username="rudi", first_name="Rudi", role=Role.SALES, team=team)
    admin = UserFactory(username="admin1", role=Role.ADMIN, team=team)
    organization = people.organization_create(
        by=owner, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    colleague = people.person_create(
        by=owner, full_name="Hartono Saputra", organization=organization
    )
    return World(admin=admin, owner=owner, colleague_person=colleague, organization=organization)


def _api_created(world: World) -> Person:
    token = api_token_create(user=world.owner, name="test").secret
    response = Client().post(
        "/api/people/persons",
        data=json.dumps(
            {
                "full_name": NAME,
                "organization_id": world.organization.pk,
                "emails": [EMAIL],
                "phones": [PHONE],
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code in (200, 201), response.content
    return Person.objects.get(full_name=NAME)


def _imported_vcard(world: World) -> Person:
    from karib.people.models import ContactImport

    card = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{NAME}\r\nORG:{world.organization.name}\r\n"
        f"EMAIL:{EMAIL}\r\nTEL:{PHONE}\r\nEND:VCARD\r\n"
    )
    # the uploaded file waits in the file storage for its dry run
    ContactImport.objects.create(
        created_by=world.owner,
        file_name="card.vcf",
        upload=ContentFile(card.encode(), name="card.vcf"),
        status="uploaded",
    )
    return _imported(world)


def _imported(world: World) -> Person:
    raw = (
        f"full_name,organization,emails,phones\n{NAME},{world.organization.name},{EMAIL},{PHONE}\n"
    )
    result = people_import(raw=raw.encode(), user=world.owner, commit=True)
    assert not result.has_errors, result
    return Person.objects.get(full_name=NAME)


def _everything_about(person: Person, world: World, *, with_gift: bool) -> None:
    """Data about `person` through every path the app has."""
    when = datetime.datetime(2026, 10, 15, 9, 0, tzinfo=JAKARTA)
    shared = people.interaction_create(
        by=world.owner,
        kind="site_visit",
        occurred_at=when,
        summary=f"Kunjungan lapangan bersama {NAME} dan Pak Hartono; Pak Suryaningrat senang.",
        participants=[person, world.colleague_person],
    )
    people.interaction_create(
        by=world.owner,
        kind="meal",
        occurred_at=when,
        summary="Sarapan berdua, bercerita tentang anaknya.",
        participants=[person],
    )
    people.fact_create(
        person=person,
        by=world.owner,
        text=HOBBY_FACT,
        category="interest",
        source_interaction=shared,
    )
    people.fact_create(
        person=person,
        by=world.owner,
        text=SENSITIVE_FACT,
        category="other",
        is_sensitive=True,
    )
    people.important_date_create(
        person=person,
        by=world.owner,
        kind="birthday",
        day=2,
        month=3,
        year=1970,
        label=f"Ulang tahun {NAME}",
    )
    people.person_update(person=person, by=world.owner, custom_address="Mas Surya", influence=5)
    promises.promise_create(
        organization=world.organization,
        text=f"Kirim laporan pelatihan ke {NAME} ({EMAIL})",
        by=world.owner,
        due_date=datetime.date(2026, 12, 1),
        people=[person],
    )
    agent = agent_user(TeamFactory(name="Cards"))
    conversation = conversation_from_text(
        f"Agen: Selamat pagi, dengan {NAME}? Nomor Anda {PHONE}?\nNasabah: Ya, benar.",
        team=agent.profile.team,
        agent=agent,
    )
    Conversation.objects.filter(pk=conversation.pk).update(customer=person, customer_name=NAME)
    notification_send(
        user=world.owner,
        kind="reminder",
        title=f"Ulang tahun {NAME} minggu depan",
        dedupe_key=f"test-{person.pk}",
    )
    if with_gift:
        GiftFactory(recipient=person, giver=world.owner, description="Wayang kulit Bima")


def _copies(needles: list[str]) -> list[tuple[str, str, str]]:
    """Every (table, column, value) in the whole database that holds one of `needles` — read
    straight from the tables, independently of the erasure code."""
    found = []
    lowered = [needle.lower() for needle in needles]
    escaped = [json.dumps(needle)[1:-1].lower() for needle in needles]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", errors="replace")
                    text = str(value).lower() if value is not None else ""
                    if any(n in text for n in lowered) or any(n in text for n in escaped):
                        found.append((table, column, str(value)[:80]))
    return found


def _stored_copies(needles: list[str], folder: str = "") -> list[tuple[str, str, str]]:
    """Every stored file (the file storage, walked) that holds one of `needles`."""
    found = []
    folders, files = default_storage.listdir(folder) if default_storage.exists(folder) else ([], [])
    for name in files:
        path = f"{folder}/{name}" if folder else name
        with default_storage.open(path, "rb") as stored:
            text = stored.read().decode("utf-8", "replace").lower()
        found += [("storage", path, needle) for needle in needles if needle.lower() in text]
    for sub in folders:
        found += _stored_copies(needles, f"{folder}/{sub}" if folder else sub)
    return found


def _digits_copies(digits: str) -> list[tuple[str, str, str]]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    only_digits = "".join(ch for ch in str(value or "") if ch.isdigit())
                    if digits in only_digits:
                        found.append((table, column, str(value)[:80]))
    return found


NEEDLES = [NAME, EMAIL, SENSITIVE_FACT, HOBBY_FACT, "Suryaningrat", "Mas Surya"]


@pytest.mark.parametrize(
    "create", [_api_created, _imported, _imported_vcard], ids=["api", "import", "vcard-upload"]
)
@pytest.mark.django_db(transaction=True)
def test_erasure_leaves_no_copy_anywhere(world, create):
    # given a person created through the API or an import, with data through every path
    person = create(world)
    _everything_about(person, world, with_gift=False)
    assert _copies(NEEDLES)  # the check sees the copies before the erasure
    if create is _imported_vcard:  # and the waiting upload's file
        assert _stored_copies(NEEDLES)
    request = services.subject_request_open(person=person, by=world.owner, kind="erasure")
    pk = person.pk
    # when
    erasure = services.person_erase(person=person, by=world.admin, request=request)
    # then no copy of name, e-mail, phone or facts remains anywhere
    assert _copies(NEEDLES) == []
    assert _digits_copies("81234567890") == []
    assert _stored_copies(NEEDLES) == []
    assert not Person.objects.filter(pk=pk).exists()
    # and the erasure is recorded, without personal data, and closes the request
    assert erasure.reference == f"Person #{pk}"
    assert erasure.removed["people.person"] == 1
    assert erasure.removed["people.personalfact"] == 2
    request.refresh_from_db()
    assert request.status == SubjectRequest.Status.COMPLETED
    assert request.person is None
    # and other people's records survive, anonymised where they mentioned the person
    colleague = Person.objects.get(pk=world.colleague_person.pk)
    shared = colleague.interactions.get()
    assert "Pak Hartono" in shared.summary
    assert "[…]" in shared.summary


@pytest.mark.django_db(transaction=True)
def test_gift_recipient_is_kept_only_as_the_marked_legal_record(world):
    # given a person who received a gift (the register must keep it for KPK reporting)
    person = _api_created(world)
    _everything_about(person, world, with_gift=True)
    # when
    erasure = services.person_erase(person=person, by=world.admin)
    # then only the person row (name only) and the gift register still name them
    remaining = {(table, column) for table, column, _value in _copies(NEEDLES)}
    assert remaining <= {("people_person", "full_name"), ("gifts_gift", "description")}
    assert ("people_person", "full_name") in remaining
    person.refresh_from_db()
    assert person.emails == []
    assert person.phones == []
    assert person.custom_address == ""
    assert not person.facts.exists()
    assert not person.interactions.exists()
    assert not Person.objects.visible_to(world.admin).filter(pk=person.pk).exists()
    assert not Person.objects.visible_to(world.owner).filter(pk=person.pk).exists()
    hold = LegalHold.objects.get(person=person)
    assert hold.erasure == erasure
    assert hold.reason == "kpk_gift_register"
    assert erasure.retained == {"gifts.gift": list(Gift.objects.values_list("pk", flat=True))}
    assert _digits_copies("81234567890") == []


@pytest.mark.django_db
def test_only_admins_erase_and_a_refused_erasure_changes_nothing(world):
    # given
    person = people.person_create(
        by=world.owner, full_name=NAME, organization=world.organization, emails=[EMAIL]
    )
    # when the owner tries
    from karib.core.errors import DomainError, ErrorCode

    with pytest.raises(DomainError) as refused:
        services.person_erase(person=person, by=world.owner)
    # then
    assert refused.value.code is ErrorCode.FORBIDDEN
    assert Person.objects.get(pk=person.pk).emails == [EMAIL]
    assert not Erasure.objects.exists()


@pytest.mark.django_db
def test_notifications_of_other_users_lose_the_name_too(world):
    # given a colleague's reminder naming the person
    person = people.person_create(by=world.owner, full_name=NAME, organization=world.organization)
    other = UserFactory(username="dewi", role=Role.SALES)
    notification_send(user=other, kind="reminder", title=f"Telepon {NAME}", dedupe_key="x")
    # when
    services.person_erase(person=person, by=world.admin)
    # then
    title: Any = Notification.objects.get(user=other).title
    assert NAME not in title
    assert "[…]" in title


FORMER_NAME = "Yusuf Hakim"
FORMER_EMAIL = "yusuf.hakim@lama.example.id"
FORMER_PHONE = "0813-9876-5432"
COLLEAGUE_FACT = f"Teman kuliah {FORMER_NAME}, sering main badminton bersama"


@pytest.mark.parametrize("with_gift", [False, True], ids=["erased", "kept-for-the-register"])
@pytest.mark.django_db(transaction=True)
def test_erasure_finds_the_name_phone_and_email_the_person_had_before(world, with_gift):
    # given Yusuf Hakim, whose birthday reminder and next actions name him, and a colleague's
    # fact about another person (her search document and audit log with it) naming him
    from karib.core.models import AuditEvent
    from karib.people.dates import important_date_notify
    from karib.people.models import PersonalFact, PersonSearchDocument
    from karib.steer.models import ActionKind, NextAction

    person = people.person_create(
        by=world.owner,
        full_name=FORMER_NAME,
        organization=world.organization,
        emails=[FORMER_EMAIL],
        phones=[FORMER_PHONE],
    )
    birthday = people.important_date_create(
        person=person, by=world.owner, kind="birthday", day=6, month=12, year=1975
    )
    important_date_notify(important_date=birthday, day=datetime.date(2026, 12, 6))
    page = f"/people/{person.pk}/"
    NextAction.objects.create(
        owner=world.owner,
        kind=ActionKind.IMPORTANT_DATE,
        reason_code="important_date",
        reason_params={"person": f"Bapak {FORMER_NAME}"},
        url=page,
        person=person,
        dedupe_key="test-date",
    )
    other = UserFactory(username="dewi", role=Role.SALES, team=world.owner.profile.team)
    NextAction.objects.create(  # linked by its page only
        owner=other,
        kind=ActionKind.REACH_OUT,
        reason_code="reach_out",
        reason_params={"person": "Pak Yusuf"},
        url=f"{page}panels/facts/",
        dedupe_key="test-reach-out",
    )
    fact = people.fact_create(
        person=world.colleague_person, by=world.owner, text=COLLEAGUE_FACT, category="other"
    )
    if with_gift:
        GiftFactory(recipient=person, giver=world.owner, description="Batik tulis")
    # and his name completed, his e-mail and phone replaced, as people do
    people.person_update(
        person=person,
        by=world.owner,
        full_name=f"Ir. {FORMER_NAME} Nasution",
        emails=["ir.yusuf@baru.example.id"],
        phones=["+62 811-2222-3333"],
    )
    assert _copies([FORMER_NAME, FORMER_EMAIL])  # the check sees the copies
    # when
    erasure = services.person_erase(person=person, by=world.admin)
    # then no copy of the former name or e-mail remains (a kept person row: the name only)
    remaining = {(table, column) for table, column, _value in _copies([FORMER_NAME, FORMER_EMAIL])}
    assert remaining == ({("people_person", "full_name")} if with_gift else set())
    assert _digits_copies("81398765432") == []
    # and his reminder and next actions are gone, whichever name they were written under
    assert not Notification.objects.filter(url=page).exists()
    assert not NextAction.objects.exists()
    assert erasure.removed["core.notification"] == 1
    assert erasure.removed["steer.nextaction"] == 2
    # and the colleague's fact, search document and audit log keep the rest, without him
    text = PersonalFact.objects.get(pk=fact.pk).text
    assert text == "Teman kuliah […], sering main badminton bersama"
    document = PersonSearchDocument.objects.get(person=world.colleague_person).document
    assert "yusuf" not in document
    assert "hakim" not in document
    assert "badminton" in document
    event = AuditEvent.objects.get(object_id=str(fact.pk), content_type__model="personalfact")
    assert "[…]" in event.object_repr
    # and the erasure's own record names nothing of him
    assert "yusuf" not in json.dumps([erasure.removed, erasure.anonymised]).lower()


@pytest.mark.parametrize(
    ("name_now", "names_before"),
    [("Budi", []), ("Hendra Wijaya", ["Pak Budi"])],
    ids=["one-word-name-now", "one-word-name-before"],
)
@pytest.mark.django_db
def test_a_one_word_name_is_blanked_only_in_the_records_about_the_person(
    world, name_now, names_before
):
    # given a person called "Budi" now, or earlier (quick-added as "Pak Budi", then renamed),
    # another customer also called Budi and a colleague's fact naming a Budi
    first = names_before[0] if names_before else name_now
    person = people.person_create(by=world.owner, full_name=first, organization=world.organization)
    for name in [*names_before[1:], name_now] if names_before else []:
        people.person_update(person=person, by=world.owner, full_name=name)
    namesake = people.person_create(
        by=world.owner, full_name="Budi Santoso", organization=world.organization
    )
    fact = people.fact_create(
        person=world.colleague_person,
        by=world.owner,
        text="Sering ketemu Budi di pasar Senen",
        category="other",
    )
    shared = people.interaction_create(
        by=world.owner,
        kind="meal",
        occurred_at=datetime.datetime(2026, 10, 15, 12, 0, tzinfo=JAKARTA),
        summary="Makan siang dengan Pak Budi dan Pak Hartono",
        participants=[person, world.colleague_person],
    )
    # when
    services.person_erase(person=person, by=world.admin)
    # then, as for a name they have now, a single word is somebody else elsewhere...
    assert Person.objects.get(pk=namesake.pk).full_name == "Budi Santoso"
    from karib.people.models import Interaction, PersonalFact

    assert PersonalFact.objects.get(pk=fact.pk).text == "Sering ketemu Budi di pasar Senen"
    # ...and is blanked in the records about them (a form of address is not their name)
    assert Interaction.objects.get(pk=shared.pk).summary == (
        "Makan siang dengan Pak […] dan Pak Hartono"
    )


def test_a_name_of_two_words_besides_titles_is_strong_with_and_without_the_titles():
    from karib.privacy.scrub import identifiers_of

    found = identifiers_of(
        full_name="Ir. Yusuf Hakim Nasution",
        former_names=["Pak Budi", "Yusuf Hakim", "Hj."],
        emails=[],
        phones=[],
        texts=[],
    )
    assert set(found.strong) == {"Ir. Yusuf Hakim Nasution", "Yusuf Hakim Nasution", "Yusuf Hakim"}
    assert set(found.weak) == {"Yusuf", "Hakim", "Nasution", "Budi"}
