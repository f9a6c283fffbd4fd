"""What the second real-file probe found WhatsApp exports write, read as a person would (pure
Python). Every line here is written for the test from the layouts and placeholder texts that
public parsers and exports show (the probe's samples are not copied): view-once placeholders
against sentences holding their words, location shares per locale, iOS notices and calls
without their U+200E mark, lines of another header layout or out of time inside a message,
UTF-16 files, the Croatian layout and the year-first order on the command line.
"""

import codecs
import json

import pytest

from karib.tone import iter_conversations, parse
from karib.tone.cli import main
from karib.tone.errors import ToneInputError
from karib.tone.whatsapp import classify, date_order, iter_messages

LRM = "\u200e"
NNBSP = "\u202f"


def _messages(text, order=None):
    lines = text.splitlines()
    return list(iter_messages(lines, order=order or date_order(lines).order))


# --- view once: the whole placeholder, never a word of it ------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Barangnya bagus, sekali lihat langsung suka",
        "Fotonya jangan yang sekali lihat ya kak",
        "Can I view once more the invoice?",
        "Kannst du dir das Angebot einmal ansehen?",
        "Dit is een eenmalige korting",
        "Bu tek seferlik bir indirim mi?",
        "¿Puedo ver una vez más la factura?",
        "Une vue unique sur la mer",
        "sekali lihat",
    ],
)
def test_a_sentence_holding_view_once_words_is_a_message(body):
    assert classify(body) == ("message", "")


@pytest.mark.parametrize(
    "body",
    [
        "<View once voice message omitted>",
        "<View once photo omitted>",
        "<view once message omitted>",
        "<file not revealed>",
        "<archivo no revelado>",
        "Foto sekali lihat tidak disertakan",
    ],
)
def test_a_view_once_placeholder_is_not_spoken(body):
    assert classify(body) == ("view_once", "view_once")


# --- location shares in every supported locale -----------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "location: https://maps.google.com/?q=-6.2,106.8",
        "lokasi: https://maps.google.com/?q=-6.2,106.8",
        "Standort: https://maps.google.com/?q=52.52,13.40",
        "ubicación: https://maps.google.com/?q=40.41,-3.70",
        "localização: https://maps.google.com/?q=-23.55,-46.63",
        "Konum: https://maps.google.com/?q=41.01,28.97",
        "locatie: https://maps.google.com/?q=52.37,4.89",
        "position : https://maps.google.com/?q=48.85,2.35",
        "Live location shared",
        "Lokasi langsung dikongsi",
        "Canlı konum paylaşıldı",
    ],
)
def test_a_location_share_is_media_in_every_locale(body):
    assert classify(body) == ("media", "media")


@pytest.mark.parametrize(
    "body",
    [
        "Lokasi: di depan masjid, https://maps.google.com/?q=-6.2,106.8",
        "Standort bitte: https://maps.google.com/?q=52.52,13.40 ist das richtig?",
        "Live location shared? I cannot see it",
        # beyond English and Indonesian, a location word takes a map's link only
        "Position: https://jobs.example.com/offer/123",
    ],
)
def test_a_sentence_around_a_location_link_is_a_message(body):
    assert classify(body) == ("message", "")


def test_a_shared_location_gets_no_question_act():
    # given an Android export where the customer shares a location in German
    document = (
        "13.03.24, 09:20 - Max: Guten Morgen, wo bleibt mein Paket?\n"
        "13.03.24, 09:21 - Erika: Wir prüfen das\n"
        "13.03.24, 09:25 - Max: Standort: https://maps.google.com/?q=52.520008,13.404954\n"
    )
    # when
    turns = parse(document, agent="Erika")[0].turns
    # then the share is media, not the customer's words
    assert [t.kind for t in turns] == ["message", "message", "media"]


# --- iOS notices and calls without their mark ------------------------------------------------

IOS_WITHOUT_MARKS = (
    f"[13/03/2024, 9:15:00{NNBSP}AM] Jane: Messages and calls are end-to-end encrypted. No one "
    "outside of this chat, not even WhatsApp, can read or listen to them.\n"
    f"[13/03/2024, 9:20:11{NNBSP}AM] Jane: Hi, my parcel is late\n"
    f"[13/03/2024, 9:22:40{NNBSP}AM] Tom: We are checking\n"
    f"[13/03/2024, 9:25:00{NNBSP}AM] Jane: Missed voice call, Tap to call back\n"
    f"[13/03/2024, 9:33:00{NNBSP}AM] Tom: Video call, 12 min\n"
    f"[13/03/2024, 9:34:00{NNBSP}AM] Jane: Voice call, No answer\n"
    f"[13/03/2024, 9:35:00{NNBSP}AM] Jane: thanks\n"
)


def test_ios_notices_and_calls_without_the_mark_are_not_spoken():
    # when an older iOS export without U+200E marks is read
    messages = _messages(IOS_WITHOUT_MARKS)
    # then the notice and the calls are nobody's words
    assert [(m.kind, m.event) for m in messages] == [
        ("event", "encryption"),
        ("message", ""),
        ("message", ""),
        ("call", "missed_call"),
        ("call", "call"),
        ("call", "call"),
        ("message", ""),
    ]


NOTICE_ID = (
    "Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, "
    "termasuk WhatsApp, yang dapat membaca atau mendengarkannya."
)
NOTICE_DE = (
    "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats "
    "kann sie lesen oder anhören, nicht einmal WhatsApp. Tippe, um mehr zu erfahren."
)
NOTICE_ES = (
    "Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este "
    "chat, ni siquiera WhatsApp, puede leerlos ni escucharlos."
)
NOTICE_OLD = "Messages to this group are now secured with end-to-end encryption. Tap for more info."
NOTICE_BUSINESS = (
    "This business uses a secure service from Meta to manage this chat. Tap to learn more."
)


@pytest.mark.parametrize(
    ("body", "event"),
    [
        (NOTICE_ID, "encryption"),
        (NOTICE_DE, "encryption"),
        (NOTICE_ES, "encryption"),
        (NOTICE_OLD, "encryption"),
        (NOTICE_BUSINESS, "business"),
        ("Your security code with Budi changed. Tap to learn more.", "security_code"),
    ],
)
def test_a_whole_notice_without_the_mark_is_an_event(body, event):
    assert classify(body) == ("event", event)


@pytest.mark.parametrize(
    "body",
    [
        "Messages and calls are end-to-end encrypted? Then why did you share my address",
        "Messages and calls are end-to-end encrypted. So why did my data leak",
        "Missed voice call 2x kak, tolong telpon balik",
        "video call",
        "Video call 10 menit lagi ya",
        "Panggilan video besok jam 10 bisa?",
    ],
)
def test_a_persons_sentence_starting_like_a_notice_or_call_is_a_message(body):
    assert classify(body) == ("message", "")


def test_a_notice_under_the_groups_name_makes_no_speaker():
    # given an Android group export whose encryption notice is written under the group's name
    document = (
        "15.04.16, 15:04 - Toko Maju CS: Messages and calls are end-to-end encrypted. No one "
        "outside of this chat, not even WhatsApp, can read or listen to them.\n"
        "15.04.16, 15:10 - Budi: Halo kak, paket saya belum sampai\n"
        "15.04.16, 15:12 - Sari: Baik kak, kami cek dulu\n"
    )
    # when
    turns = parse(document, agent="Sari")[0].turns
    # then the notice is a system event and the other side is the customer
    assert [(t.role, t.kind) for t in turns] == [
        ("system", "event"),
        ("customer", "message"),
        ("agent", "message"),
    ]


# --- lines of another layout, or out of time, inside a message -------------------------------


def test_a_pasted_copy_in_another_layout_continues_the_message():
    # given an Android export where the customer pastes WhatsApp's copy of older messages
    document = (
        "13/03/24 09.20 - Budi: Kak ini chat saya kemarin dengan admin:\n"
        "[12/03/24 14.05] Admin Toko: Baik kak, besok dikirim\n"
        "[12/03/24 14.06] Budi: Oke ditunggu\n"
        "13/03/24 09.22 - Sari: Baik kak, kami cek dulu\n"
    )
    # when
    messages = _messages(document)
    # then the copy is Budi's text and no third speaker appears
    assert [m.speaker for m in messages] == ["Budi", "Sari"]
    assert messages[0].text.splitlines()[1:] == [
        "[12/03/24 14.05] Admin Toko: Baik kak, besok dikirim",
        "[12/03/24 14.06] Budi: Oke ditunggu",
    ]


def test_a_pasted_android_copy_inside_an_ios_export_continues_the_message():
    document = (
        "[13/03/24 09.20.11] Budi: lihat ini kak\n"
        "12/03/24 14.05 - Admin Toko: Baik kak, besok dikirim\n"
        "[13/03/24 09.22.40] Sari: Baik kak\n"
    )
    messages = _messages(document)
    assert [m.speaker for m in messages] == ["Budi", "Sari"]
    assert "Admin Toko" in messages[0].text


def test_a_pasted_year_first_line_does_not_change_the_date_order():
    # given a day-first Android export holding a pasted line with a year-first date
    lines = [
        "13/03/24 09.20 - Budi: ini dari email kemarin:",
        "2024-03-12 14:05 - Admin: dikirim besok",
        "13/03/24 09.22 - Sari: Baik kak",
    ]
    # when / then
    assert date_order(lines).order == "dmy"
    messages = list(iter_messages(lines, order="dmy"))
    assert [m.timestamp for m in messages] == ["2024-03-13T09:20:00", "2024-03-13T09:22:00"]


def test_a_typed_schedule_out_of_time_continues_the_message():
    # given a customer typing a schedule whose lines start like headers of the same layout
    document = (
        "13/03/24 09.25 - Budi: Jadwal:\n"
        "14/03/24 10.00 - kirim ulang\n"
        "15/03/24 - konfirmasi\n"
        "13/03/24 09.30 - Sari: Siap kak\n"
    )
    # when
    messages = _messages(document)
    # then the schedule is Budi's text, not a system event
    assert [(m.speaker, m.kind) for m in messages] == [("Budi", "message"), ("Sari", "message")]
    assert messages[0].text == "Jadwal:\n14/03/24 10.00 - kirim ulang\n15/03/24 - konfirmasi"


def test_a_past_date_typed_in_the_last_message_continues_it():
    document = (
        "13/03/24 09.25 - Budi: Riwayat pengiriman:\n"
        "10/03/24 08.00 - paket diproses\n"
        "11/03/24 - paket dikirim\n"
    )
    messages = _messages(document)
    assert len(messages) == 1
    assert messages[0].text.endswith("11/03/24 - paket dikirim")


@pytest.mark.parametrize(
    "system_line",
    [
        # an unknown system text in its place in time stays an event
        "13/03/24 09.27 - Zprávy a hovory jsou koncově šifrované.",
        # a known one is an event whatever its time
        "14/03/24 10.00 - Budi left",
    ],
)
def test_a_system_line_is_still_an_event(system_line):
    document = f"13/03/24 09.25 - Budi: Halo kak\n{system_line}\n13/03/24 09.30 - Sari: Siap kak\n"
    messages = _messages(document)
    assert [m.kind for m in messages] == ["message", "event", "message"]


# --- UTF-16 exports --------------------------------------------------------------------------

UTF16_CHAT = (
    "[13/03/2024, 09:20:11] Jane: Hi, my parcel is late\n"
    "[13/03/2024, 09:22:40] Tom: We are checking, sorry for the wait\n"
)


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + UTF16_CHAT.encode("utf-16-le"),
        UTF16_CHAT.encode("utf-16-le"),
        UTF16_CHAT.encode("utf-16-be"),
    ],
    ids=["bom", "le-without-bom", "be-without-bom"],
)
def test_a_utf16_export_is_read_as_whatsapp(tmp_path, data):
    # given a UTF-16 export, with or without a byte order mark
    path = tmp_path / "chat.txt"
    path.write_bytes(data)
    # when it is parsed, streamed and read from bytes
    (parsed,) = parse(path, agent="Tom")
    (streamed,) = list(iter_conversations(path, agent="Tom"))
    (from_bytes,) = parse(data, agent="Tom")
    # then each reads the two WhatsApp messages with their times
    for conversation in (parsed, streamed, from_bytes):
        assert [(t.speaker, t.ts) for t in conversation.turns] == [
            ("Jane", "2024-03-13T09:20:11"),
            ("Tom", "2024-03-13T09:22:40"),
        ]


def test_the_command_line_analyses_a_utf16_export(tmp_path, capsys):
    path = tmp_path / "chat.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + UTF16_CHAT.encode("utf-16-le"))
    assert main(["analyze", "--format", "json", "--agent", "Tom", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [t["speaker"] for t in result["turns"]] == ["Jane", "Tom"]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 8,
        bytes(range(256)) * 4,
        b"Agent: halo\n\x00\x00\x00\x00 Customer: hai\n",
    ],
)
def test_binary_data_is_still_refused(tmp_path, data):
    path = tmp_path / "chat.txt"
    path.write_bytes(data)
    with pytest.raises(ToneInputError, match="binary file"):
        parse(path)


# --- the Croatian and Serbian layout, and year-first dates on the command line ---------------


def test_the_croatian_layout_is_read():
    # given the layout "13. 6. 2018. 21:25:15 Name: text" (Pustur/whatsapp-chat-parser's table)
    document = (
        "13. 6. 2018. 21:25:15 Poruke i pozivi su sigurni.\n"
        "13. 6. 2018. 21:25:16 Ana: Dobar dan\n"
        "14. 6. 2018. 08:05:00 Marko: Dobro jutro\n"
        "drugi red\n"
    )
    # when
    messages = _messages(document)
    # then the system line, both messages and the continuation line are read
    assert [(m.speaker, m.timestamp, m.text) for m in messages] == [
        ("", "2018-06-13T21:25:15", "Poruke i pozivi su sigurni."),
        ("Ana", "2018-06-13T21:25:16", "Dobar dan"),
        ("Marko", "2018-06-14T08:05:00", "Dobro jutro\ndrugi red"),
    ]


def test_the_command_line_takes_a_year_first_date_order(tmp_path, capsys):
    # given an export whose two-digit years come first, which no date tells
    path = tmp_path / "chat.txt"
    path.write_text(
        "24/03/05 09.20 - Budi: Halo kak\n24/03/05 09.22 - Sari: Baik kak\n", encoding="utf-8"
    )
    # when the year-first order is chosen
    code = main(
        ["analyze", "--format", "json", "--agent", "Sari", "--date-order", "ymd", str(path)]
    )
    # then the dates read as 5 March 2024
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert [t["ts"] for t in result["turns"]] == ["2024-03-05T09:20:00", "2024-03-05T09:22:00"]
