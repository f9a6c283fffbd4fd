"""The erasure reads stored uploads as streams (64 KiB at a time, never whole), and finds an
identifier that crosses the border of two chunks; a WhatsApp chat waiting for its import is
one of the uploads it reads."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from karib.core.roles import Role
from karib.people import chat_import
from karib.people import services as people
from karib.people.models import ChatUpload, Organization
from karib.privacy import scrub, services
from tests.factories import TeamFactory, UserFactory

NAME = "Suryaningrat Wibisono"
PHONE = "+62 812-3456-7890"
FILLER = "12/03/24 09.01 - Rudi: Selamat pagi, kabar baik?\n"


def _stored(text: str, encoding: str = "utf-8") -> str:
    return default_storage.save("privacy/test.txt", ContentFile(text.encode(encoding)))


def _across_the_border(needle: str, *, border: int = scrub.SCAN_CHUNK, width: int = 1) -> str:
    """A text whose bytes (``width`` per character) put ``needle`` across ``border``."""
    before = border // width - len(needle) // 2
    return "x" * before + needle + "y" * 100


@pytest.mark.parametrize(("encoding", "width"), [("utf-8", 1), ("utf-16-le", 2)])
def test_a_name_across_the_border_of_two_chunks_is_found(encoding, width):
    pattern = scrub.identifiers_of(full_name=NAME, emails=[], phones=[], texts=[]).patterns(
        include_weak=False
    )
    assert pattern is not None
    text = _across_the_border(NAME, width=width)
    if encoding == "utf-16-le":
        text = "\ufeff" + text[1:]  # as a phone writes it: with a byte order mark
    name = _stored(text, encoding)
    assert scrub.stored_matches(name, pattern)
    # and a file without it is not taken for one
    assert not scrub.stored_matches(_stored("x" * (3 * scrub.SCAN_CHUNK)), pattern)


def test_a_phone_number_across_the_border_is_found():
    found = scrub.identifiers_of(full_name="", emails=[], phones=[PHONE], texts=[])
    pattern = found.patterns(include_weak=False)
    assert pattern is not None
    name = _stored(_across_the_border("(0812) 3456 - 7890"))
    assert scrub.stored_matches(name, pattern, overlap=found.longest_match())


def test_a_fact_longer_than_the_overlap_is_found_across_the_border():
    # given a fact text longer than the scan's overlap, stored across a chunk border
    fact = "Sedang menjalani terapi " + "sangat panjang " * 400 + "di RS Harapan Kita"
    assert len(fact) > scrub.SCAN_OVERLAP
    found = scrub.identifiers_of(full_name="", emails=[], phones=[], texts=[fact])
    pattern = found.patterns(include_weak=False)
    assert pattern is not None
    name = _stored(_across_the_border(fact))
    # then the overlap of the identifiers (the longest match) finds it
    assert scrub.stored_matches(name, pattern, overlap=found.longest_match())


def test_a_stored_upload_is_read_in_chunks_never_whole(monkeypatch):
    # given a stored upload of a megabyte, the name at its end
    pattern = scrub.identifiers_of(full_name=NAME, emails=[], phones=[], texts=[]).patterns(
        include_weak=False
    )
    assert pattern is not None
    name = _stored("x" * (1024 * 1024) + NAME)
    reads: list[int | None] = []
    real_open = default_storage.open

    class Recording(io.RawIOBase):
        def __init__(self, stored):
            self.stored = stored

        def read(self, size=-1):
            reads.append(size)
            return self.stored.read(size)

        def close(self):
            self.stored.close()
            super().close()

    def recording_open(path, mode="rb"):
        return Recording(real_open(path, mode))

    monkeypatch.setattr(default_storage, "open", recording_open)
    # when the scan searches it
    assert scrub.stored_matches(name, pattern)
    # then every read asked for a chunk, none for the whole file
    assert reads
    assert all(size is not None and 0 < size <= scrub.SCAN_CHUNK for size in reads)


@pytest.mark.django_db(transaction=True)
def test_erasure_drops_a_waiting_chat_that_names_the_person(django_capture_on_commit_callbacks):
    # given Suryaningrat, and a chat with a colleague waiting for its import that mentions
    # Suryaningrat's phone number past its first 64 KiB
    team = TeamFactory(name="Government")
    owner = UserFactory(username="rudi", role=Role.SALES, team=team)
    admin = UserFactory(username="admin1", role=Role.ADMIN, team=team)
    organization = people.organization_create(
        by=owner, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    person = people.person_create(
        by=owner, full_name=NAME, organization=organization, phones=[PHONE]
    )
    colleague = people.person_create(by=owner, full_name="Hartono", organization=organization)
    chat = FILLER * (scrub.SCAN_CHUNK // len(FILLER)) + (
        "12/03/24 09.05 - Hartono: Nomor beliau 0812 3456 7890, silakan hubungi\n"
    )
    waiting = chat_import.chat_upload_create(
        person=colleague,
        by=owner,
        file_name="chat.txt",
        content=SimpleUploadedFile("chat.txt", chat.encode()),
    )
    other = chat_import.chat_upload_create(
        person=colleague,
        by=admin,
        file_name="lain.txt",
        content=SimpleUploadedFile("lain.txt", (FILLER * 10).encode()),
    )
    stored = waiting.upload.name
    # when the person is erased
    services.person_erase(person=person, by=admin)
    # then the chat naming them is gone from the storage, its row keeps no file
    assert not default_storage.exists(stored)
    assert ChatUpload.objects.get(pk=waiting.pk).upload.name == ""
    # and the chat that does not name them stays
    assert default_storage.exists(ChatUpload.objects.get(pk=other.pk).upload.name)


@pytest.mark.django_db(transaction=True)
def test_erasure_under_a_legal_hold_drops_the_chats_waiting_for_the_person(
    django_capture_on_commit_callbacks,
):
    # given a person kept for the gift register (a gift received), with a chat waiting to be
    # read onto them that spells neither their name nor their phone
    from tests.gifts.factories import GiftFactory

    team = TeamFactory(name="Government")
    owner = UserFactory(username="rudi", role=Role.SALES, team=team)
    admin = UserFactory(username="admin1", role=Role.ADMIN, team=team)
    organization = people.organization_create(
        by=owner, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    person = people.person_create(by=owner, full_name=NAME, organization=organization)
    GiftFactory(recipient=person, giver=owner, description="Wayang kulit Bima")
    waiting = chat_import.chat_upload_create(
        person=person,
        by=owner,
        file_name="chat.txt",
        content=SimpleUploadedFile("chat.txt", (FILLER * 10).encode()),
    )
    stored = waiting.upload.name
    # when the person is erased (the row stays, under a legal hold)
    with django_capture_on_commit_callbacks(execute=True):
        services.person_erase(person=person, by=admin)
    # then the waiting chat and its file are gone
    assert not ChatUpload.objects.filter(pk=waiting.pk).exists()
    assert not default_storage.exists(stored)


def test_a_windows_1252_upload_is_searched_as_latin_1():
    # given a waiting upload in Windows-1252 (neither UTF-8 nor UTF-16 with a byte order mark;
    # reading it as UTF-16 raised UnicodeError and made every erasure fail)
    pattern = scrub.identifiers_of(full_name=NAME, emails=[], phones=[], texts=[]).patterns(
        include_weak=False
    )
    assert pattern is not None
    named = _stored(f"29/11/2026, 10:00 - José: haló, {NAME} ada?\n", "cp1252")
    other = _stored("29/11/2026, 10:00 - José: haló\n", "cp1252")
    # when / then: it is read, and the name is found in the one that holds it
    assert scrub.stored_matches(named, pattern)
    assert not scrub.stored_matches(other, pattern)
    default_storage.delete(named)  # the storage outlives the test: leave no name in it
    default_storage.delete(other)
