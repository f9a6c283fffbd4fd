"""iOS exports a chat as "WhatsApp Chat - NAME.zip" holding ``_chat.txt`` and the media: the
chat import reads the one chat inside (never the media), and refuses, naming the file, a zip
without one, with several, encrypted, nested or too large once decompressed (a zip bomb)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from karib.core.errors import DomainError
from karib.people import chat_import
from karib.people.models import ChatUpload

CHAT = (
    "[12/03/24 09.01.00] Rudi: Selamat pagi Pak Suryo\n"
    "[12/03/24 09.05.00] Suryo Wibowo: Pagi. Saya suka wayang\n"
    "[13/03/24 10.02.00] Suryo Wibowo: \u200e<terlampir: 00000003-PHOTO-2024-03-13.jpg>\n"
)


@pytest.fixture(autouse=True)
def _english():
    """The messages are read in English here (the site's default language is Indonesian;
    the page test reads the page in it)."""
    with translation.override("en"):
        yield


def _zip(members: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _create(world, data: bytes, name: str = "WhatsApp Chat - Suryo Wibowo.zip"):
    return chat_import.chat_upload_create(
        person=world.person, by=world.owner, file_name=name, content=io.BytesIO(data)
    )


def test_an_ios_zip_is_read_as_the_chat_inside(world):
    data = _zip(
        {
            "_chat.txt": CHAT.encode(),
            "00000003-PHOTO-2024-03-13.jpg": b"\xff\xd8\xff" + bytes(5000),
            "catatan.txt": b"a document sent in the chat",
        }
    )
    upload = _create(world, data)
    # only the chat is kept, as text; the zip's name stays the upload's name
    assert upload.file_name == "WhatsApp Chat - Suryo Wibowo.zip"
    assert upload.upload.name.endswith(".txt")
    with default_storage.open(upload.upload.name, "rb") as stored:
        assert stored.read() == CHAT.encode()
    plan = chat_import.chat_upload_plan(upload=upload)
    assert plan.customer == "Suryo Wibowo"
    assert len(plan.days) == 2


def test_an_android_zip_with_its_named_chat(world):
    data = _zip({"WhatsApp Chat with Suryo.txt": CHAT.encode(), "IMG-1.jpg": b"\xff\xd8"})
    upload = _create(world, data, name="WhatsApp Chat with Suryo.zip")
    assert chat_import.chat_upload_lines(upload)[0].startswith("[12/03/24")


@pytest.mark.parametrize(
    ("members", "words"),
    [
        ({"IMG-1.jpg": b"\xff\xd8"}, "holds no WhatsApp chat"),
        ({"a.txt": b"x", "b.txt": b"y"}, "several .txt files"),
        ({"inner.zip": b"PK\x03\x04"}, "holds another .zip"),
        # 6 MB of one byte deflates to a few KB: refused by what it decompresses to
        ({"_chat.txt": b"a" * (6 * 1024 * 1024)}, "larger than 5 MB"),
    ],
)
def test_a_zip_without_one_readable_chat_is_refused_by_name(world, members, words):
    with pytest.raises(DomainError) as raised:
        _create(world, _zip(members), name="WhatsApp Chat - Suryo.zip")
    text = raised.value.items[0].text()
    assert words in text
    assert "WhatsApp Chat - Suryo.zip" in text
    assert not ChatUpload.objects.exists()


def test_a_header_that_understates_the_size_is_no_way_around_the_cap(world):
    data = bytearray(_zip({"_chat.txt": b"a" * (6 * 1024 * 1024)}))
    # the sizes the local header and the central directory claim: 10 bytes
    local = data.index(b"PK\x03\x04")
    data[local + 22 : local + 26] = (10).to_bytes(4, "little")
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(DomainError) as raised:
        _create(world, bytes(data))
    assert "Suryo Wibowo.zip" in raised.value.items[0].text()


def test_an_encrypted_chat_is_refused(world):
    data = bytearray(_zip({"_chat.txt": CHAT.encode()}, method=zipfile.ZIP_STORED))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset
        data[at] |= 0x1  # the "encrypted" flag
    with pytest.raises(DomainError) as raised:
        _create(world, bytes(data))
    assert "encrypted" in raised.value.items[0].text()


def test_the_page_says_how_to_send_a_zip_that_is_too_large(world, client_for, settings):
    client = client_for(world.owner)
    big = SimpleUploadedFile("WhatsApp Chat - Suryo.zip", b"PK\x03\x04" + bytes(6 * 1024 * 1024))
    page = client.post(reverse("people:person-chat-import", args=[world.person.pk]), {"file": big})
    assert page.status_code == 422
    assert "tanpa media" in str(page.context["form"].errors["file"])


def test_a_date_layout_not_read_is_named_as_such(world):
    text = "[06/2018/13, 21:25:15] Suryo Wibowo: halo\n"
    upload = _create(world, text.encode(), name="chat.txt")
    with pytest.raises(DomainError) as raised:
        chat_import.chat_upload_plan(upload=upload)
    message = raised.value.items[0].text()
    assert "layout Karib does not read yet" in message
    assert "[06/2018/13, 21:25:15]" in message
