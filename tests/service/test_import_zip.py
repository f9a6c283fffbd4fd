"""A WhatsApp export zipped (iOS: "WhatsApp Chat - NAME.zip" holding _chat.txt and the media)
is imported as the chat inside it, named after the zip so the customer is still read from the
name; a zip without one readable chat is refused, naming the file, before anything is stored."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation

from karib.core.errors import DomainError
from karib.service.models import Conversation, ImportBatch, ImportFile

from .factories import import_files, manager_user, service_team

pytestmark = pytest.mark.django_db

CHAT = (
    "[20/11/26 09.15.00] Budi Santoso: \u200eChat ini dimulai dari iklan.\n"
    "[20/11/26 09.15.10] Budi Santoso: Halo kak, tagihan saya dobel\n"
    "[20/11/26 09.16.00] CS Agus: Mohon maaf kak, boleh saya bantu cek?\n"
    "[20/11/26 09.17.00] Budi Santoso: Baik kak, terima kasih\n"
)


@pytest.fixture(autouse=True)
def _english():
    """The messages are read in English here (the site's default language is Indonesian)."""
    with translation.override("en"):
        yield


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_ios_zip_is_imported_as_its_chat():
    team = service_team()
    agent = manager_user(team)
    data = _zip({"_chat.txt": CHAT.encode(), "00000001-PHOTO.jpg": b"\xff\xd8" + bytes(100)})
    batch = import_files(agent, team, [("WhatsApp Chat - Budi Santoso.zip", data)])
    assert batch.status == ImportBatch.Status.DONE, list(batch.files.values("status", "reasons"))
    import_file = ImportFile.objects.get()
    assert import_file.name == "WhatsApp Chat - Budi Santoso.txt"
    conversation = Conversation.objects.get()
    # the customer read from the zip's name; the ad line is nobody's words
    roles = [(t["speaker"], t["role"], t["kind"]) for t in conversation.turns]
    assert roles[0][2] == "event"
    assert roles[1:] == [
        ("Budi Santoso", "customer", "message"),
        ("CS Agus", "agent", "message"),
        ("Budi Santoso", "customer", "message"),
    ]


@pytest.mark.parametrize(
    ("members", "words"),
    [
        ({"IMG-1.jpg": b"\xff\xd8"}, "holds no WhatsApp chat"),
        ({"a.txt": b"x", "b.txt": b"y"}, "several .txt files"),
        ({"inner.zip": b"PK\x03\x04"}, "holds another .zip"),
    ],
)
def test_a_zip_without_one_chat_is_refused_by_name(members, words):
    team = service_team()
    agent = manager_user(team)
    with pytest.raises(DomainError) as raised:
        import_files(agent, team, [("WhatsApp Chat - Budi.zip", _zip(members))])
    text = raised.value.items[0].text()
    assert words in text
    assert "WhatsApp Chat - Budi.zip" in text
    assert not ImportBatch.objects.exists()
