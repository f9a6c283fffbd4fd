"""WhatsApp exports of every platform, locale, date order and clock (pure Python)."""

import pytest

from karib.tone import detect_format, parse
from karib.tone.errors import RoleError
from karib.tone.whatsapp import (
    AmbiguousDateOrder,
    chat_partner,
    classify,
    date_order,
    iter_messages,
    speaker_key,
)


def _messages(text, order=None):
    lines = text.splitlines()
    return list(iter_messages(lines, order=order or date_order(lines).order))


@pytest.mark.parametrize(
    ("document", "first_ts"),
    [
        ("2020/11/02 10:15 - Budi: halo\n", "2020-11-02T10:15:00"),
        ("[2020-11-02 10:15] Budi: halo\n", "2020-11-02T10:15:00"),
        (
            "2/12/15, 8:33:07 PM: Budi: halo\n2/13/15, 8:34:07 PM: Sari: hai\n",
            "2015-02-12T20:33:07",
        ),
        ("13/3/20, 10:36 p.m.  - Budi: halo\n", "2020-03-13T22:36:00"),
        ("1/13/21, 3:22_AM - Budi: halo\n", "2021-01-13T03:22:00"),
        ("\ufeff[30/7/25, 10:35:31\u202fAM] Budi: halo\n", "2025-07-30T10:35:31"),
        ("\u200e31.12.23, 22:15 - Budi: Hallo\n", "2023-12-31T22:15:00"),
        ("31-12-2023 22:15 - Budi: Hallo\n", "2023-12-31T22:15:00"),
        ("[31/12/2023, 12:05:00 a. m.] Budi: hola\n", "2023-12-31T00:05:00"),
        ("12/31/23, 12:05\u202fPM - Budi: hi\n", "2023-12-31T12:05:00"),
    ],
)
def test_every_header_layout_is_read(document, first_ts):
    # when
    messages = _messages(document)
    # then
    assert messages[0].timestamp == first_ts
    assert messages[0].speaker == "Budi"


@pytest.mark.parametrize(
    ("document", "order", "evidence"),
    [
        ("13/2/20, 10:00 - A: x\n", "dmy", "field"),
        ("2/13/20, 10:00 - A: x\n", "mdy", "field"),
        (  # the attachment's name proves 2 November, though the clock has AM/PM
            "11/2/20, 10:15 AM - A: IMG-20201102-WA0001.jpg (file attached)\n",
            "mdy",
            "attachment",
        ),
        ("2/11/20, 10:15 AM - A: IMG-20201102-WA0001.jpg (file attached)\n", "dmy", "attachment"),
        (  # iOS attachment names carry the date too
            "[2/11/20, 10:15:00 AM] A: \u200e<attached: 00000012-PHOTO-2020-11-02-10-15-33.jpg>\n",
            "dmy",
            "attachment",
        ),
        ("3/1/21, 10:15 - A: a\n4/1/21, 10:15 - B: b\n1/2/21, 10:15 - A: c\n", "dmy", "order"),
        (
            "1/3/21, 10:15 AM - A: a\n1/4/21, 10:15 AM - B: b\n2/1/21, 10:15 AM - A: c\n",
            "mdy",
            "order",
        ),
        (  # Indonesian iOS with AM/PM: July, not March
            "[3/7/25, 10:35:31 AM] A: halo\n[3/7/25, 10:36:00 AM] B: \u200egambar tidak disertakan\n",
            "dmy",
            "locale",
        ),
        ("3.7.25, 10:35 - A: hallo\n", "dmy", "locale"),
        ("[3/7/25, 10:35:31 AM] A: halo\n[3/7/25, 10:36:00 AM] B: hi\n", "mdy", None),
        ("3/7/25, 10:35 - A: halo\n", "dmy", None),
        ("5/5/25, 10:35 - A: halo\n", "dmy", "field"),
    ],
)
def test_date_order_is_decided_for_the_whole_file_by_evidence(document, order, evidence):
    # when
    decided = date_order(document.splitlines())
    # then
    assert (decided.order, decided.evidence) == (order, evidence)


def test_words_in_messages_are_no_locale_evidence():
    # given an English chat whose words happen to be Spanish-looking
    document = (
        "[3/7/25, 10:35:31 AM] A: the multimedia omitido promised\n[3/7/25, 10:36 AM] B: ok\n"
    )
    # then the order stays a guess, to be asked
    assert date_order(document.splitlines()).evidence is None


def test_strict_date_order_asks_instead_of_guessing():
    # given a file whose dates read both ways
    document = "[3/7/25, 10:35:31 AM] CS Karib: halo\n[3/7/25, 10:36:00 AM] Dewi: hi\n"
    # when / then
    with pytest.raises(AmbiguousDateOrder) as caught:
        parse(document, fmt="whatsapp", date_order="strict")
    assert caught.value.example == "3/7/25"
    # and the user's choice is used
    turns = parse(document, fmt="whatsapp", date_order="dmy")[0].turns
    assert turns[0].ts == "2025-07-03T10:35:31"


@pytest.mark.parametrize(
    ("body", "kind", "event"),
    [
        ("<Media omitted>", "media", "media"),
        ("<Media tidak disertakan>", "media", "media"),
        ("gambar tidak disertakan", "media", "media"),
        ("image omitted", "media", "media"),
        ("Bild weggelassen", "media", "media"),
        ("<Medien ausgeschlossen>", "media", "media"),
        ("audio omitido", "media", "media"),
        ("<Multimedia omitido>", "media", "media"),
        ("imagem ocultada", "media", "media"),
        ("<Mídia oculta>", "media", "media"),
        ("<Medya dahil edilmedi>", "media", "media"),
        ("görüntü dahil edilmedi", "media", "media"),
        ("<Media weggelaten>", "media", "media"),
        ("afbeelding weggelaten", "media", "media"),
        ("<Médias omis>", "media", "media"),
        ("image absente", "media", "media"),
        ("IMG-20201102-WA0001.jpg (file attached)", "media", "media"),
        ("IMG-20201102-WA0001.jpg (Datei angehängt)", "media", "media"),
        ("<attached: 00000012-PHOTO-2020-11-02-10-15-33.jpg>", "media", "media"),
        ("This message was deleted", "deleted", "deleted"),
        ("You deleted this message", "deleted", "deleted"),
        ("Pesan ini telah dihapus", "deleted", "deleted"),
        ("Diese Nachricht wurde gelöscht.", "deleted", "deleted"),
        ("Se eliminó este mensaje.", "deleted", "deleted"),
        ("Mensagem apagada", "deleted", "deleted"),
        ("Bu mesaj silindi", "deleted", "deleted"),
        ("Dit bericht is verwijderd", "deleted", "deleted"),
        ("Ce message a été supprimé", "deleted", "deleted"),
        ("<View once voice message omitted>", "view_once", "view_once"),
        ("Missed voice call", "call", "missed_call"),
        ("Panggilan suara tak terjawab", "call", "missed_call"),
        ("Verpasster Sprachanruf", "call", "missed_call"),
        ("Cevapsız sesli arama", "call", "missed_call"),
        ("Terima kasih, gambarnya sudah saya terima", "message", ""),
        ("the image was omitted from the report", "message", ""),
    ],
)
def test_placeholders_are_classified_in_every_language(body, kind, event):
    assert classify(body) == (kind, event)


@pytest.mark.parametrize(
    ("line", "event"),
    [
        ("12/03/24 10.15 - Pesan dan panggilan terenkripsi secara end-to-end.", "encryption"),
        ('12/03/24 10.15 - Budi membuat grup "Tim: Jakarta"', "group_created"),
        ('12/03/24 10.15 - Budi created group "Sales: East"', "group_created"),
        ('12/03/24 10.15 - Budi hat die Gruppe "Team" erstellt', "group_created"),
        ("12/03/24 10.15 - Budi added Sari", "added"),
        ("12/03/24 10.15 - Budi menambahkan Sari", "added"),
        ("12/03/24 10.15 - Budi removed Sari", "removed"),
        ("12/03/24 10.15 - Sari left", "left"),
        ("12/03/24 10.15 - Sari keluar", "left"),
        ("12/03/24 10.15 - Sari saiu", "left"),
        ('12/03/24 10.15 - Budi changed the subject from "a" to "b: c"', "subject_changed"),
        ('12/03/24 10.15 - Budi mudou o assunto de "a" para "b"', "subject_changed"),
        ("12/03/24 10.15 - Budi changed this group's icon", "icon_changed"),
        ("[12/03/24 10.15.00] Tim Sales: \u200eBudi added Sari", "added"),
        ("[12/03/24 10.15.00] Tim Sales: \u200e~\u202fBudi created this group", "group_created"),
        ("[12/03/24 10.15.00] ~\u202fBudi created this group", "group_created"),
    ],
)
def test_system_lines_become_events_not_turns(line, event):
    # when
    (message,) = _messages(line + "\n", order="dmy")
    # then
    assert (message.kind, message.event) == ("event", event)
    assert not message.is_spoken


def test_placeholders_are_never_spoken_turns():
    # given a chat with media, a deleted message and a missed call
    document = (
        "12/03/24 10.15 - CS Karib: Halo Kak\n"
        "12/03/24 10.16 - Dewi: Bild weggelassen\n"
        "12/03/24 10.17 - Dewi: Pesan ini telah dihapus\n"
        "12/03/24 10.18 - Dewi: Panggilan suara tak terjawab\n"
        "12/03/24 10.19 - Dewi: iya\n"
    )
    # when
    turns = parse(document)[0].turns
    # then only the two real turns are messages
    assert [t.kind for t in turns] == ["message", "media", "media", "event", "message"]


def test_speakers_with_invisible_marks_and_tilde_can_be_named():
    # given an iOS export with a non-contact "~ Budi" and a phone number wrapped in marks
    document = (
        "[12/03/24 10.15.00] ~\u202fBudi: Selamat pagi\n"
        "[12/03/24 10.16.00] \u202a+62\u00a0812-3456-7890\u202c: pagi\n"
    )
    # when the agent is given as written, with the tilde
    turns = parse(document, agent="~ Budi")[0].turns
    # then both speakers are resolved and shown without the marks
    assert [(t.speaker, t.role) for t in turns] == [
        ("Budi", "agent"),
        ("+62 812-3456-7890", "customer"),
    ]
    assert speaker_key("\u200e~\u202fBudi ") == "budi"


def test_role_error_lists_speakers_exactly_as_shown():
    document = (
        "[12/03/24 10.15.00] ~\u202fBudi: pagi\n[12/03/24 10.16.00] \u202a+62 812\u202c: pagi\n"
    )
    with pytest.raises(RoleError) as caught:
        parse(document)
    assert "'Budi', '+62 812'" in caught.value.message


@pytest.mark.parametrize(
    ("document", "name", "known", "agent"),
    [
        (  # a WhatsApp Business greeting
            (
                "12/03/24 10.15 - Toko Batik: Terima kasih telah menghubungi Toko Batik!\n"
                "12/03/24 10.16 - Dewi: mau tanya\n"
            ),
            "chat.txt",
            (),
            "Toko Batik",
        ),
        (  # an away message in English
            (
                "3/14/24, 9:05 PM - Acme: We're currently away. We'll reply soon.\n"
                "3/14/24, 9:06 PM - Maria: ok\n"
            ),
            "chat.txt",
            (),
            "Acme",
        ),
        (  # iOS names the business on Meta's business notice
            (
                "[12/03/24 10.15.00] Toko Batik: \u200eThis business uses a secure service from Meta "
                "to manage this chat. Tap to learn more.\n[12/03/24 10.16.00] Dewi: mau tanya\n"
                "[12/03/24 10.17.00] Toko Batik: Boleh Kak\n"
            ),
            "chat.txt",
            (),
            "Toko Batik",
        ),
        (  # a known agent (a user of the team)
            "12/03/24 10.15 - Agus Salim: Halo\n12/03/24 10.16 - Dewi: hai\n",
            "chat.txt",
            ("agus salim",),
            "Agus Salim",
        ),
        (  # the file names the other side: the exporter is the agent
            "12/03/24 10.15 - Agus: Halo\n12/03/24 10.16 - Dewi: hai\n",
            "WhatsApp Chat with Dewi.txt",
            (),
            "Agus",
        ),
        (  # the exporting phone's own deleted message
            (
                "12/03/24 10.15 - Agus: You deleted this message\n12/03/24 10.16 - Dewi: hai\n"
                "12/03/24 10.17 - Agus: Halo\n"
            ),
            "chat.txt",
            (),
            "Agus",
        ),
    ],
)
def test_roles_come_from_the_file_without_agent(document, name, known, agent):
    # when
    turns = parse(document, name=name, known_agents=known)[0].turns
    # then
    roles = {t.speaker: t.role for t in turns}
    assert roles[agent] == "agent"
    assert sorted(roles.values()) == ["agent", "customer"]


def test_chat_partner_from_file_names():
    assert chat_partner("exports/WhatsApp Chat with Budi Santoso.txt") == "Budi Santoso"
    assert chat_partner("Chat WhatsApp dengan Ibu Sari.txt") == "Ibu Sari"
    assert chat_partner("chat.txt") is None


def test_invalid_date_in_the_chosen_order_names_the_line():
    document = "[12/03/24 10.15.00] A: x\n[13/03/24 10.15.00] B: y\n"
    with pytest.raises(Exception, match="not a date") as caught:
        parse(document, fmt="whatsapp", agent="A", date_order="mdy")
    assert caught.value.line == 2


@pytest.mark.parametrize(
    "first_line",
    [
        "2/12/15, 8:33:07 PM: Budi: halo",
        "\ufeff[2020-11-02 10:15] Budi: halo",
        "\u200e2020/11/02 10:15 - Budi: halo",
        "12/3/20, 10:36 p.m.  - Budi: halo",
        "[21:41:35, 3/27/22] Budi: halo",
    ],
)
def test_every_layout_is_detected_as_whatsapp(first_line):
    assert detect_format(first_line + "\n") == "whatsapp"
