"""What real WhatsApp exports write that a person did not say (pure Python).

The wordings are those of real exports: iOS marks its own texts with U+200E right after
"Name: "; Indonesian business exports ("Chat ini dimulai dari iklan", "Anda mengaktifkan
balasan AI", "KTP.pdf • 7 halaman dokumen tidak disertakan", "<terlampir: …>") as a public
parser of Indonesian business exports lists them (see the realfiles probe's SOURCES.md).
"""

import pytest

from karib.tone.whatsapp import classify, date_order, iter_messages

LRM = "\u200e"


def _messages(text, order=None):
    lines = text.splitlines()
    return list(iter_messages(lines, order=order or date_order(lines).order))


@pytest.mark.parametrize(
    ("body", "event"),
    [
        ("Chat ini dimulai dari iklan. Ketuk untuk info selengkapnya.", "ad"),
        ("This chat started from an ad. Tap to learn more.", "ad"),
        ("Anda mengaktifkan balasan AI.", "ai_replies"),
        ("Budi Santoso kini menjadi kontak.", "contact"),
        ("Budi is now a contact.", "contact"),
        ("Kode keamanan Anda dengan Budi berubah. Ketuk untuk info selengkapnya.", "security_code"),
    ],
)
def test_ios_marked_lines_are_events(body, event):
    messages = _messages(f"[13/06/23 09.15.02] Budi Santoso: {LRM}{body}\n")
    assert (messages[0].kind, messages[0].event) == ("event", event)
    assert not messages[0].is_spoken


def test_unmarked_line_with_the_same_words_stays_a_message():
    messages = _messages("[13/06/23 09.15.02] Budi Santoso: saya lihat dari iklan kak\n")
    assert messages[0].kind == "message"


@pytest.mark.parametrize(
    "body",
    [
        f"KTP.pdf {LRM}• {LRM}7 halaman {LRM}dokumen tidak disertakan",
        f"KTP.pdf {LRM}• {LRM}7 halaman {LRM}<terlampir: 00000006-KTP.pdf>",
        f"Invoice.pdf {LRM}• {LRM}2 pages {LRM}document omitted",
        f"Invoice.pdf {LRM}• {LRM}2 pages {LRM}<attached: 00000006-Invoice.pdf>",
    ],
)
def test_document_placeholders_are_media_wherever_they_sit(body):
    messages = _messages(f"{LRM}[13/06/23 09.17.00] Budi Santoso: {body}\n")
    assert messages[0].kind == "media"


def test_a_sentence_ending_like_a_placeholder_is_still_a_message():
    assert classify("maaf kak dokumen tidak disertakan")[0] == "message"


@pytest.mark.parametrize(
    "line",
    [
        "13/06/23 09.27 - Budi: Menunggu pesan ini. Ini mungkin perlu waktu beberapa saat.",
        "6/13/23, 9:27\u202fAM - Budi: Waiting for this message. This may take a while.",
    ],
)
def test_a_message_not_decrypted_is_not_spoken(line):
    messages = _messages(line + "\n", order="dmy" if line.startswith("13") else "mdy")
    assert messages[0].kind == "media"
    assert not messages[0].is_spoken


@pytest.mark.parametrize(
    ("line", "order", "text"),
    [
        ("13/06/23 09.22 - Toko Maju: Masih ada kak <Pesan ini diedit>", "dmy", "Masih ada kak"),
        (
            f"[6/13/23, 9:22:00\u202fAM] Maju Store: Yes we do {LRM}<This message was edited>",
            "mdy",
            "Yes we do",
        ),
        ("13.06.23, 09:22 - Hans: Ja klar <Diese Nachricht wurde bearbeitet.>", "dmy", "Ja klar"),
        ("13/6/23, 9:22 - Ana: Sí hay <Se editó este mensaje.>", "dmy", "Sí hay"),
    ],
)
def test_edited_marker_is_taken_off_the_text(line, order, text):
    (message,) = _messages(line + "\n", order=order)
    assert (message.text, message.edited, message.kind) == (text, True, "message")


def test_a_message_that_is_only_the_marker_words_is_kept():
    (message,) = _messages("13/06/23 09.22 - Budi: <Pesan ini diedit>\n", order="dmy")
    assert message.text == "<Pesan ini diedit>"
    assert not message.edited


@pytest.mark.parametrize(
    ("name", "partner"),
    [
        ("WhatsApp Chat - Budi Santoso.zip", "Budi Santoso"),
        ("WhatsApp Chat - Budi Santoso (1).zip", "Budi Santoso"),
        ("WhatsApp Chat with Budi.zip", "Budi"),
        ("Chat WhatsApp dengan Budi.zip", "Budi"),
        ("Chat WhatsApp dengan Budi.txt", "Budi"),
        ("_chat.txt", None),
    ],
)
def test_the_partner_in_an_ios_or_zipped_file_name(name, partner):
    from karib.tone.whatsapp import chat_partner

    assert chat_partner(name) == partner


# Layouts of CLDR's short date/time patterns per locale, as WhatsApp writes them (ko
# "yy. M. d. a h:mm", zh "y/M/d ah:mm", hu "y. MM. dd.", cs "d. M. y", fi "d.M.y 'klo' H.mm",
# ms "h:mm a" with PG/PTG, th with the Buddhist year).
@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("2018/6/13 下午9:25 - Budi: 你好", "2018-06-13T21:25:00"),
        ("[2018/6/13 上午9:25:15] Budi: 你好", "2018-06-13T09:25:15"),
        ("2018/6/13 晚上9:25 - Budi: 你好", "2018-06-13T21:25:00"),
        ("2018/6/13 中午12:05 - Budi: 你好", "2018-06-13T12:05:00"),
        ("2018. 6. 13. 오후 9:25 - Budi: 안녕", "2018-06-13T21:25:00"),
        ("[2018. 6. 13. 오전 9:25:15] Budi: 안녕", "2018-06-13T09:25:15"),
        ("2018. 06. 13. 21:25 - Budi: szia", "2018-06-13T21:25:00"),
        ("13. 6. 2018 21:25 - Budi: ahoj", "2018-06-13T21:25:00"),
        ("13.6.2018 klo 21.25.15 - Budi: moi", "2018-06-13T21:25:15"),
        ("13/06/2018, 9:25 PTG - Budi: hai", "2018-06-13T21:25:00"),
        ("13/06/2018, 9:25 PG - Budi: hai", "2018-06-13T09:25:00"),
        ("13/06/2018, 12:05 PG - Budi: hai", "2018-06-13T00:05:00"),
        ("13/6/2561 21:25 - Budi: สวัสดี", "2018-06-13T21:25:00"),
    ],
)
def test_locale_date_layouts(line, stamp):
    (message,) = _messages(line + "\n")
    assert (message.timestamp, message.speaker) == (stamp, "Budi")


def test_an_unread_date_layout_is_named_as_such():
    from karib.tone.whatsapp import UnsupportedDateLayout

    with pytest.raises(UnsupportedDateLayout, match="date layout is not supported"):
        _messages("[06/2018/13, 21:25:15] Budi: halo\n", order="dmy")


@pytest.mark.parametrize(
    "text",
    [
        "13/06/23 09.20 - Budi:\nisi pesan di baris kedua\n13/06/23 09.21 - Ani: ok\n",
        "[13/06/23 09.20.00] Budi:\nisi pesan di baris kedua\n[13/06/23 09.21.00] Ani: ok\n",
    ],
)
def test_a_message_starting_on_the_next_line_keeps_its_speaker(text):
    first, second = _messages(text, order="dmy")
    assert (first.speaker, first.text, first.kind) == (
        "Budi",
        "isi pesan di baris kedua",
        "message",
    )
    assert second.speaker == "Ani"


@pytest.mark.parametrize(("order", "stamp"), [("dmy", "2024-04-03"), ("mdy", "2024-03-04")])
def test_the_cli_takes_the_date_order(tmp_path, capsys, order, stamp):
    import json

    from karib.tone.cli import main

    chat = tmp_path / "chat.txt"
    chat.write_text(
        "03/04/24 09.15 - Budi: Halo kak, mau tanya\n"
        "03/04/24 09.16 - CS Ani: Selamat pagi kak, ada yang bisa dibantu?\n",
        encoding="utf-8",
    )
    assert main(["analyze", "--format", "json", "--date-order", order, str(chat)]) == 0
    analysis = json.loads(capsys.readouterr().out)
    assert analysis["turns"][0]["ts"].startswith(stamp)


def test_an_ios_poll_stays_its_authors_words():
    text = (
        f"[6/13/23, 9:26:00\u202fAM] Budi: {LRM}POLL:\n{LRM}Which size?\n"
        f"{LRM}OPTION: 41 (0 votes)\n{LRM}OPTION: 42 (1 vote)\n"
    )
    (message,) = _messages(text, order="mdy")
    assert message.kind == "message"


def test_the_cli_reads_the_chat_inside_a_zipped_ios_export(tmp_path, capsys):
    import json
    import zipfile

    from karib.tone.cli import main

    # given an iOS export as it is shared: a zip holding _chat.txt and a photo
    archive = tmp_path / "WhatsApp Chat - Budi.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(
            "_chat.txt",
            "[03/04/24 09.15.02] Budi: Halo kak, mau tanya\n"
            "[03/04/24 09.16.10] CS Ani: Selamat pagi kak, ada yang bisa dibantu?\n",
        )
        zipped.writestr("00000003-PHOTO-2024-04-03.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    # when it is analysed as it is
    assert main(["analyze", "--format", "json", str(archive)]) == 0
    # then the chat inside is read (not refused as a binary file)
    analysis = json.loads(capsys.readouterr().out)
    assert [turn["speaker"] for turn in analysis["turns"]] == ["Budi", "CS Ani"]


def test_the_cli_names_a_zip_without_a_chat(tmp_path, capsys):
    import zipfile

    from karib.tone.cli import main

    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.jpg", b"\xff\xd8\xff\xe0")
    assert main(["analyze", str(archive)]) != 0
    assert "photos.zip" in capsys.readouterr().err


def test_a_zip_listing_more_members_than_an_export_holds_is_refused_before_its_directory():
    import io
    import zipfile

    from karib.tone.whatsapp import MAX_ZIP_MEMBERS, ChatZipError, chat_in_zip

    # given a zip whose end-of-directory record lists 65,535 members (its directory is read
    # only after that check; building one for real takes minutes)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("_chat.txt", "[03/04/24 09.15.02] Budi: Halo\n")
    data = bytearray(buffer.getvalue())
    end = data.rindex(b"PK\x05\x06")
    data[end + 8 : end + 12] = MAX_ZIP_MEMBERS.to_bytes(2, "little") * 2
    # when it is read, then it is refused as no readable export, naming the file
    with pytest.raises(ChatZipError) as refused:
        chat_in_zip(io.BytesIO(bytes(data)), file="big.zip", max_bytes=1_000_000)
    assert refused.value.problem == "damaged"
    assert refused.value.file == "big.zip"
    # while the same zip with its true count is read
    name, _data = chat_in_zip(io.BytesIO(buffer.getvalue()), file="ok.zip", max_bytes=1_000_000)
    assert name == "_chat.txt"


def test_a_zip_whose_directory_holds_more_members_than_its_record_claims_is_refused():
    import io
    import zipfile

    from karib.tone.whatsapp import MAX_ZIP_MEMBERS, ChatZipError, chat_in_zip

    # given a zip whose end-of-directory record claims one member while its central directory
    # repeats that member's entry 65,535 times (zipfile reads the directory by its size and
    # ignores the count: a lie in one field let a million members through; secprobe10 F3)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("_chat.txt", "[03/04/24 09.15.02] Budi: Halo\n")
    data = buffer.getvalue()
    end = data.rindex(b"PK\x05\x06")
    directory_at = int.from_bytes(data[end + 16 : end + 20], "little")
    entry = data[directory_at:end]
    directory = entry * MAX_ZIP_MEMBERS
    record = bytearray(data[end:])
    record[12:16] = len(directory).to_bytes(4, "little")
    forged = data[:directory_at] + directory + bytes(record)
    # when it is read, then it is refused as no readable export, naming the file
    with pytest.raises(ChatZipError) as refused:
        chat_in_zip(io.BytesIO(forged), file="many.zip", max_bytes=1_000_000)
    assert refused.value.problem == "damaged"
    assert refused.value.file == "many.zip"
