"""A WhatsApp chat waiting between the steps of its import is a file in the storage, its
uploader's alone, not text in the session (ADR 0017): deleted once imported or cancelled, by the
daily purge a day later, and with its person or its rep."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from karib.core.errors import DomainError, ErrorCode
from karib.people import chat_import, services
from karib.people.chat_views import SESSION_KEY
from karib.people.imports.tasks import contact_imports_purge_task
from karib.people.models import ChatDay, ChatUpload
from tests.migration_support import migrate_to

# The speaker is written "~ Pak S": Karib cannot tell which speaker is Suryo, and asks.
CHAT = (
    "12/03/24 09.01 - Rudi: Selamat pagi Pak Suryo\n"
    "12/03/24 09.05 - ~\u202fPak S: Pagi. Saya suka wayang, apalagi lakon Bima\n"
    "13/03/24 10.02 - ~\u202fPak S: Anak saya wisuda bulan depan, nomor saya 0812 3456 7890\n"
)


def _url(person):
    return reverse("people:person-chat-import", args=[person.pk])


def _uploaded(client, person, text=CHAT, name="WhatsApp Chat.txt"):
    """The first step: the chat is uploaded, and Karib asks which speaker is the customer."""
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/plain")
    page = client.post(_url(person), {"file": upload})
    assert page.status_code == 422
    assert "customer" in page.context["form"].errors
    return ChatUpload.objects.get(), page


def _session_data(client) -> str:
    return Session.objects.get(session_key=client.session.session_key).session_data


def test_a_waiting_chat_is_a_file_in_the_storage_and_the_session_keeps_its_id(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.owner)
    # when the chat is uploaded
    upload, page = _uploaded(client, world.person)
    # then its bytes wait in the file storage, under people/chats/, the rep's and Suryo's
    name = upload.upload.name
    assert name.startswith("people/chats/upload")
    assert name.endswith(".txt")
    with default_storage.open(name, "rb") as stored:
        assert stored.read() == CHAT.encode()
    assert (upload.person, upload.created_by) == (world.person, world.owner)
    assert upload.file_name == "WhatsApp Chat.txt"
    # and the session holds its id only, not a word of the chat
    assert client.session[SESSION_KEY] == {"person": world.person.pk, "upload": upload.pk}
    assert "wayang" not in str(SessionStore().decode(_session_data(client)))
    # and the page names the upload
    assert f'name="upload" value="{upload.pk}"' in page.text
    # when the rep picks the speaker, the chat is imported
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(_url(world.person), {"customer": "Pak S", "upload": upload.pk})
    # then the days are on the timeline, and the upload and its file are gone
    assert done.status_code == 302
    assert ChatDay.objects.filter(person=world.person).count() == 2
    assert not ChatUpload.objects.exists()
    assert not default_storage.exists(name)
    assert SESSION_KEY not in client.session


def test_a_cancelled_upload_is_deleted_with_its_file(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.owner)
    upload, _page = _uploaded(client, world.person)
    name = upload.upload.name
    # when the rep cancels
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world.person), {"upload": upload.pk, "cancel": "1"})
    # then nothing is imported, and nothing of the chat is kept
    assert response.url == reverse("people:person-detail", args=[world.person.pk])
    assert not ChatDay.objects.exists()
    assert not ChatUpload.objects.exists()
    assert not default_storage.exists(name)
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("who", ["manager", "other_person"])
def test_only_the_uploader_imports_or_cancels_their_upload(
    world, client_for, django_capture_on_commit_callbacks, who
):
    # given Rudi's chat, waiting for him to pick the speaker
    upload, _page = _uploaded(client_for(world.owner), world.person)
    if who == "manager":
        # his manager, who may add to Suryo's timeline, names Rudi's upload
        client, person = client_for(world.manager), world.person
        assert client.get(_url(person)).status_code == 200
    else:
        # Rudi names his own upload on another person's page
        client = client_for(world.owner)
        person = services.person_create(
            by=world.owner, full_name="Hartono Saputra", organization=world.organization
        )
    # when the upload is imported or cancelled by them
    for data in ({"customer": "Pak S"}, {"cancel": "1"}):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(_url(person), {"upload": upload.pk, **data})
        # then it is not found, and nothing changed
        assert response.status_code == 404
    assert not ChatDay.objects.exists()
    assert ChatUpload.objects.get() == upload
    assert default_storage.exists(upload.upload.name)


def test_a_file_that_is_not_text_is_refused_and_not_kept(world, client_for):
    client = client_for(world.owner)
    before = _stored_chats()
    upload = SimpleUploadedFile("foto.txt", bytes(range(256)) * 64, content_type="text/plain")
    page = client.post(_url(world.person), {"file": upload})
    assert page.status_code == 422
    assert "file" in page.context["form"].errors
    assert not ChatUpload.objects.exists()
    assert _stored_chats() == before
    assert SESSION_KEY not in client.session


def test_a_text_that_is_not_a_chat_is_refused_and_not_kept(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.owner)
    before = _stored_chats()
    upload = SimpleUploadedFile("catatan.txt", b"Bukan percakapan WhatsApp\n")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(_url(world.person), {"file": upload})
    assert page.status_code == 422
    assert "file" in page.context["form"].errors
    assert not ChatUpload.objects.exists()
    assert _stored_chats() == before


def test_a_new_upload_replaces_the_reps_earlier_one(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.owner)
    first, _page = _uploaded(client, world.person)
    with django_capture_on_commit_callbacks(execute=True):
        second, _page = _uploaded(client, world.person, name="lagi.txt")
    assert second.pk != first.pk
    assert not default_storage.exists(first.upload.name)
    assert default_storage.exists(second.upload.name)


def _stored_chats() -> set[str]:
    if not default_storage.exists("people/chats"):
        return set()
    return set(default_storage.listdir("people/chats")[1])


def _waiting(world, *, hours_ago: float, by=None) -> ChatUpload:
    upload = chat_import.chat_upload_create(
        person=world.person,
        by=by or world.owner,
        file_name="chat.txt",
        content=SimpleUploadedFile("chat.txt", CHAT.encode()),
    )
    moment = timezone.now() - datetime.timedelta(hours=hours_ago)
    ChatUpload.objects.filter(pk=upload.pk).update(created_at=moment)
    return upload


def test_the_daily_purge_deletes_chats_left_waiting_for_a_day(
    world, django_capture_on_commit_callbacks
):
    # given a chat left waiting 25 hours ago (Rudi's) and one uploaded an hour ago (Budi's)
    old = _waiting(world, hours_ago=25)
    recent = chat_import.chat_upload_create(
        person=world.person,
        by=world.manager,
        file_name="baru.txt",
        content=SimpleUploadedFile("baru.txt", CHAT.encode()),
    )
    # when the daily job runs
    with django_capture_on_commit_callbacks(execute=True):
        contact_imports_purge_task.call()
    # then the old one and its file are gone, the recent one stays
    assert list(ChatUpload.objects.all()) == [recent]
    assert not default_storage.exists(old.upload.name)
    assert default_storage.exists(recent.upload.name)


@pytest.mark.parametrize("deleted", ["person", "rep"])
def test_the_file_goes_with_its_person_or_its_rep(
    world, django_capture_on_commit_callbacks, deleted
):
    # given a chat waiting, uploaded by the manager (who owns nobody)
    upload = _waiting(world, hours_ago=0, by=world.manager)
    # when the person or the manager is deleted
    with django_capture_on_commit_callbacks(execute=True):
        (world.person if deleted == "person" else world.manager).delete()
    # then the upload and its file are gone
    assert not ChatUpload.objects.exists()
    assert not default_storage.exists(upload.upload.name)


@pytest.mark.django_db(transaction=True)
def test_the_migration_drops_chat_texts_waiting_in_sessions(at_latest_afterwards):
    # given sessions of the previous version, one holding a chat between two steps
    migrate_to([("people", "0012_contact_import_file_in_storage")])
    store = SessionStore()
    waiting = {
        "_auth_user_id": "7",
        "people_chat_import": {"person": 3, "name": "chat.txt", "text": CHAT},
    }
    expires = timezone.now() + datetime.timedelta(days=14)
    Session.objects.create(
        session_key="a" * 32, session_data=store.encode(waiting), expire_date=expires
    )
    Session.objects.create(
        session_key="b" * 32, session_data=store.encode({"_auth_user_id": "8"}), expire_date=expires
    )
    # when the migration runs
    migrate_to([("people", "0013_chat_upload_and_run_token")])
    # then the chat is gone from the session, which keeps the rest (the rep stays logged in)
    assert store.decode(Session.objects.get(pk="a" * 32).session_data) == {"_auth_user_id": "7"}
    assert store.decode(Session.objects.get(pk="b" * 32).session_data) == {"_auth_user_id": "8"}


def test_a_long_chat_is_added_a_batch_of_days_at_a_time(world, client_for, monkeypatch):
    # given a chat of five days, and at most two new days per import
    monkeypatch.setattr(chat_import, "MAX_NEW_DAYS", 2)
    days = "".join(
        f"{day:02d}/03/24 09.01 - Rudi: Pagi Pak\n{day:02d}/03/24 09.05 - ~\u202fPak S: Pagi\n"
        for day in range(1, 6)
    )
    client = client_for(world.owner)
    # when it is imported
    upload, _page = _uploaded(client, world.person, text=days)
    done = client.post(
        _url(world.person),
        {"customer": "Pak S", "upload": upload.pk, "date_order": "dmy"},
        follow=True,
    )
    # then the two oldest days are on the timeline and the rep is told three more wait
    assert sorted(d.day.day for d in ChatDay.objects.filter(person=world.person)) == [1, 2]
    assert "3" in " ".join(str(m) for m in done.context["messages"])
    # and each upload of the same export adds the next ones
    upload, _page = _uploaded(client, world.person, text=days)
    client.post(_url(world.person), {"customer": "Pak S", "upload": upload.pk, "date_order": "dmy"})
    assert ChatDay.objects.filter(person=world.person).count() == 4


@pytest.mark.parametrize("odd", ["²", "9" * 5000, "abc", "-1"])
def test_an_odd_upload_or_suggestion_id_is_a_404(world, client_for, odd):
    client = client_for(world.owner)
    _uploaded(client, world.person)
    assert client.post(_url(world.person), {"customer": "Pak S", "upload": odd}).status_code in (
        404,
        422,
    )
    suggestions = reverse("people:person-chat-suggestions", args=[world.person.pk])
    response = client.post(suggestions, {"suggestion": odd, "decision": "confirm"})
    assert response.status_code == 404


def test_an_upload_cancelled_meanwhile_is_not_imported(world, client_for):
    # given an upload the page still holds, cancelled in another tab
    client = client_for(world.owner)
    upload, _page = _uploaded(client, world.person)
    chat_import.chat_upload_cancel(upload=upload, by=world.owner)
    # when the first tab imports it
    with pytest.raises(DomainError) as refused:
        chat_import.chat_upload_import(upload=upload, by=world.owner, customer="Pak S")
    # then nothing is added
    assert refused.value.code == ErrorCode.CONFLICT
    assert not ChatDay.objects.filter(person=world.person).exists()


def test_suggestions_read_each_line_and_every_form_of_hobi():
    texts = ["hobi saya adalah memancing", "Hobiku: main bola", "hobi aku itu wayang"]
    assert [s.text for t in texts for s in chat_import.suggestions_in(t)] == texts
    # a statement is one line: blank lines after "hobi" end it
    assert list(chat_import.suggestions_in("hobi\n\n\n\nx")) == []


def test_a_rep_keeps_at_most_a_few_chats_waiting(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    from tests.factories import PersonFactory

    # given a limit of two waiting chats, and three contacts of the owner's
    monkeypatch.setattr(chat_import, "MAX_WAITING_CHATS", 2)
    people = [
        world.person,
        *(PersonFactory(organization=world.organization, owner=world.owner) for _ in range(2)),
    ]
    made = []
    # when a chat is uploaded onto each, none imported
    for person in people:
        with django_capture_on_commit_callbacks(execute=True):
            made.append(
                chat_import.chat_upload_create(
                    person=person,
                    by=world.owner,
                    file_name="chat.txt",
                    content=SimpleUploadedFile("chat.txt", CHAT.encode()),
                )
            )
    # then the oldest went with its file; the newest two wait
    assert list(ChatUpload.objects.order_by("pk")) == made[1:]
    assert not default_storage.exists(made[0].upload.name)
