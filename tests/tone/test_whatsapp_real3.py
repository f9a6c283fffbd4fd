"""What the third real-file probe (realfiles2) found WhatsApp exports write (pure Python).

The lines are written for the test from the layouts the probe's real files show (the WhatsR
exports are GPL-3 and are not copied): a person's text that starts with U+200E (WhatsR's
Android and iOS exports, English and German), Russian, Ukrainian and Czech Android
placeholders and notices, German iOS attachments and group events, European Portuguese and
Russian edit marks, and an Android file sent with a caption. The wordings are WhatsApp's as
the corpus's real exports write them, or as starkdmi/whats_json's lib/src/patterns.dart lists
them from WhatsApp's own translation files (strings.xml, Localizable.strings; read as a
reference, nothing copied). The last tests read every export of the corpus and check the KIND
of each message, not only how many there are.
"""

import re
from pathlib import Path

import pytest

from karib.tone import parse
from karib.tone.whatsapp import date_order, iter_messages

LRM = "\u200e"
CORPUS = Path(__file__).parents[1] / "data" / "import_corpus" / "whatsapp"


def _messages(text, order=None):
    lines = text.splitlines()
    return list(iter_messages(lines, order=order or date_order(lines).order))


# --- C1: a person's text that starts with the mark stays the person's ------------------------


@pytest.mark.parametrize(
    "line",
    [
        f"29.01.18, 23:49 - Alice: {LRM}Keine Ahnung, lass uns das doch mal ausprobieren",
        f"[29.01.18, 23:49:03] Alice: {LRM}Keine Ahnung, lass uns das doch mal ausprobieren",
        f"\ufeff[29.01.18, 23:49:03] Alice: {LRM}Keine Ahnung, lass uns das doch mal ausprobieren",
        f"1/30/18, 12:02 AM - Bob: {LRM}Alright, lets go 😌😄",
        f"[1/30/18, 12:02:03 AM] Bob: {LRM}Alright, lets go 😌😄",
        f"[13/06/23 09.15.02] Budi Santoso: {LRM}Pesan ini memakai fitur baru yang belum dikenal.",
    ],
)
def test_a_persons_text_starting_with_the_mark_is_a_message(line):
    # given a line whose body starts with U+200E, Android or iOS, no header mark
    messages = _messages(f"{line}\n")
    # then it is the speaker's message, with the mark taken off
    assert (messages[0].kind, messages[0].event) == ("message", "")
    assert messages[0].text[0] not in (LRM, "\ufeff")
    assert messages[0].is_spoken


def test_the_agents_own_marked_line_keeps_its_role():
    document = (
        "[30.01.18, 00:01:00] Toko Maju: Halo kak, ada yang bisa dibantu?\n"
        f"[30.01.18, 00:02:03] Toko Maju: {LRM}Alles klar, los gehts\n"
        "[30.01.18, 00:03:00] Budi: oke\n"
    )
    turns = parse(document, fmt="whatsapp", agent="Toko Maju")[0].turns
    assert [(t.role, t.kind) for t in turns] == [
        ("agent", "message"),
        ("agent", "message"),
        ("customer", "message"),
    ]


@pytest.mark.parametrize(
    ("body", "kind", "event"),
    [
        # iOS's own notices, marked on the body only: known, so still not words
        (
            (
                "Messages and calls are end-to-end encrypted. No one outside of this chat, "
                "not even WhatsApp, can read or listen to them."
            ),
            "event",
            "encryption",
        ),
        ("Сообщения и звонки защищены сквозным шифрованием.", "event", "encryption"),
        (
            f"{LRM}Your security code with Elon changed. {LRM}Tap to learn more.",
            "event",
            "security_code",
        ),
        ("Ваш код безопасности с контактом Elon изменился. Подробнее.", "event", "security_code"),
        ("Данное сообщение удалено.", "deleted", "deleted"),
        ("Questo messaggio è stato eliminato.", "deleted", "deleted"),
        ("このメッセージは削除されました。", "deleted", "deleted"),
        ("Tin nhắn này đã bị xóa.", "deleted", "deleted"),
        ("Poloha: https://maps.google.com/?q=51.5021456,-0.127397", "media", "media"),
        ("Budi added Sari", "event", "added"),
    ],
)
def test_ios_marked_notices_stay_what_they_are(body, kind, event):
    messages = _messages(f"[3/27/22, 21:54:45] Elon Musk: {LRM}{body}\n", order="mdy")
    assert (messages[0].kind, messages[0].event) == (kind, event)


@pytest.mark.parametrize(
    "body",
    [
        f"{LRM}ไม่มีรูปภาพ",  # Thai "image omitted": no pattern knows it
        f"{LRM}画像は含まれていません",
        f"Some file.txt {LRM}dokument vynechán",
        f"Resume.pdf • {LRM}2 strany {LRM}dokument vynechán",
    ],
)
def test_an_ios_line_marked_on_its_header_too_is_a_file(body):
    # given iOS's file line: the mark before the header and in the body
    messages = _messages(f"{LRM}[3/27/22 21:41:55] Dmitry S: {body}\n", order="mdy")
    # then it is media, not an event and not words
    assert (messages[0].kind, messages[0].event) == ("media", "media")


def test_android_attachments_keep_their_kind_without_the_mark_rule():
    document = (
        f"29.01.18, 23:46 - Alice: {LRM}PTT-20180129-WA0025.opus (Datei angehängt)\n"
        f"23.03.22 13:33 - Elon: {LRM}Alex.vcf (soubor byl přiložen)\n"
        f"23.03.2022, 13:33 - Elon: {LRM}Alex.vcf (файл добавлен)\n"
    )
    assert [m.kind for m in _messages(document, order="dmy")] == ["media"] * 3


# --- C2: Russian, Ukrainian and Czech Android placeholders and notices ------------------------


@pytest.mark.parametrize(
    ("body", "kind", "event"),
    [
        ("<Без медиафайлов>", "media", "media"),
        ("<Média vynechány>", "media", "media"),
        ("<Медіа пропущено>", "media", "media"),
        ("Данное сообщение удалено", "deleted", "deleted"),
        ("Вы удалили данное сообщение", "deleted", "deleted"),
        ("Tato zpráva byla odstraněna.", "deleted", "deleted"),
        ("Tuto zprávu jste odstranil/a.", "deleted", "deleted"),
        ("Це повідомлення було видалено", "deleted", "deleted"),
        ("Пропущенный аудиозвонок", "call", "missed_call"),
        ("Пропущенный видеозвонок", "call", "missed_call"),
        ("Пропущений аудіодзвінок", "call", "missed_call"),
        ("Zmeškaný hovor", "call", "missed_call"),
        ("Zmeškaný videohovor", "call", "missed_call"),
        ("IMG-20220323-WA0002.jpg (файл добавлен)", "media", "media"),
        ("IMG-20220323-WA0002.jpg (файл додано)", "media", "media"),
        (
            "местоположение: https://maps.google.com/?q=51.50214569326172,-0.12739796972656",
            "media",
            "media",
        ),
        (
            "poloha: https://maps.google.com/?q=51.50214569326172,-0.12739796972656",
            "media",
            "media",
        ),
        (
            "Pimlico Gardens\nLondon, United Kingdom\nhttps://foursquare.com/v/4e89af95e5fa82ad4c0a",
            "media",
            "media",
        ),
    ],
)
def test_slavic_android_placeholders_are_not_words(body, kind, event):
    messages = _messages(f"27.03.2022, 15:11 - Dmitry S: {body}\n", order="dmy")
    assert (messages[0].kind, messages[0].event) == (kind, event)
    assert not messages[0].is_spoken


@pytest.mark.parametrize(
    "body",
    [
        "Пропущенный звонок от мамы, перезвоню",
        "Данное сообщение удалено по ошибке?",
        "poloha je super",
        "<Без паники>",
    ],
)
def test_sentences_with_their_words_stay_messages(body):
    messages = _messages(f"27.03.2022, 15:11 - Dmitry S: {body}\n", order="dmy")
    assert messages[0].kind == "message"


@pytest.mark.parametrize(
    ("line", "text"),
    [
        (
            "28.10.2025, 23:42 - Татьяна: Фрапировать - охладить <Сообщение изменено>",
            "Фрапировать - охладить",
        ),
        (f"[12/01/2023, 14:33:00] Ana: tá bom {LRM}<Esta mensagem foi editada>", "tá bom"),
    ],
)
def test_russian_and_portuguese_edit_marks_are_taken_off(line, text):
    messages = _messages(f"{line}\n", order="dmy")
    assert (messages[0].kind, messages[0].text, messages[0].edited) == ("message", text, True)


def test_slavic_placeholders_tell_a_day_first_file():
    # given dates that read both ways and only Russian placeholders to tell
    lines = ["03/04/2022, 15:10 - Dmitry S: <Без медиафайлов>", "04/05/2022, 15:11 - Elon: ок"]
    assert (date_order(lines).order, date_order(lines).evidence) == ("dmy", "locale")


# --- C9: German iOS attachments and group events, captions ----------------------------------


def test_german_ios_attachment_is_media():
    messages = _messages(
        f"[29.01.18, 23:46:03] Alice: {LRM}<Anhang: PTT-20180129-WA0025.opus>\n", order="dmy"
    )
    assert (messages[0].kind, messages[0].event) == ("media", "media")


@pytest.mark.parametrize(
    ("body", "event"),
    [
        ('Du hast die Gruppe "Test🙈" erstellt.', "group_created"),
        ("Du hast Mallory hinzugefügt.", "added"),
        ("Du hast Mallory entfernt.", "removed"),
        ("Du hast das Gruppenbild geändert.", "icon_changed"),
        ('Du hast den Gruppennamen von "A" zu "B" geändert.', "subject_changed"),
        ("Du hast die Gruppe verlassen.", "left"),
    ],
)
def test_german_group_events_are_labelled_like_the_english_ones(body, event):
    for line in (f"29.01.18, 12:24 - {body}", f"{LRM}[29.01.18, 12:24:03] {body}"):
        messages = _messages(f"{line}\n", order="dmy")
        assert (messages[0].kind, messages[0].event) == ("event", event)


@pytest.mark.parametrize(
    "first",
    ["IMG-20220323-WA0002.jpg (file attached)", "<Media omitted>", "<Без медиафайлов>"],
)
def test_an_android_file_with_a_caption_keeps_the_caption_as_words(first):
    # given an Android file line and its caption on the next line
    messages = _messages(f"18/03/2022, 15:10 - Budi: {first}\nIni bukti transfernya kak\n")
    # then the caption is Budi's message, marked as sent with a file, without the file line
    assert len(messages) == 1
    message = messages[0]
    assert (message.kind, message.text, message.attached) == (
        "message",
        "Ini bukti transfernya kak",
        True,
    )


def test_a_document_name_under_media_omitted_is_no_caption():
    messages = _messages("27/03/2022, 21:50 - Budi: <Media omitted>\nResume-Budi.pdf\n")
    assert (messages[0].kind, messages[0].attached) == ("media", False)


# --- the corpus: every export, every message's kind -----------------------------------------

# WhatsApp's placeholders and notices as whole bodies, written out here (not taken from the
# reader's patterns): the corpus's own wordings, casefolded, without a final full stop.
_NOT_WORDS = {
    "this message was deleted",
    "you deleted this message",
    "missed voice call",
    "missed video call",
    "данное сообщение удалено",
    "вы удалили данное сообщение",
    "пропущенный аудиозвонок",
    "tato zpráva byla odstraněna",
    "tuto zprávu jste odstranil/a",
    "tato zpráva byla smazána",
    "tuto zprávu jste smazal/a",
    "zmeškaný hovor",
    "це повідомлення було видалено",
    "ви видалили це повідомлення",
    "questo messaggio è stato eliminato",
    "hai eliminato questo messaggio",
    "यह मैसेज डिलीट कर दिया गया है",
    "आपने यह मैसेज डिलीट किया",
    "このメッセージは削除されました",
    "このメッセージを削除しました",
    "ข้อความนี้ถูกลบแล้ว",
    "คุณได้ลบข้อความนี้",
    "tin nhắn này đã bị xóa",
    "bạn đã xoá tin nhắn này",
    "anda telah menghapus pesan ini",
    "u hebt dit bericht verwijderd",
    "تم حذف هذه الرسالة",
    "لقد حذَفت هذه الرسالة",
    "أنت حذفت هذه الرسالة",
    "لم يتم إدراج الصورة",
    "لم يتم إدراج الفيديوهات",
    "تم حذف الملصقات",
    "null",
}
_WRAPPED_RE = re.compile(r"<[^<>\n]{3,60}>")  # "<Media omitted>", "<Без медиафайлов>"
_FILE_LINE_RE = re.compile(r"\S+\.[A-Za-z0-9]{2,5} \([^()\n]{4,30}\)")  # "X.jpg (file attached)"
_PLACE_RE = re.compile(
    r"(?:^|\n)[^\n]{0,80}:? ?https://(?:maps\.google\.com/\?q=|foursquare\.com/v/)"
)


def _files():
    return sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_no_placeholder_or_notice_of_the_corpus_is_read_as_words(path):
    # given a real export
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    # when it is read
    messages = list(iter_messages(lines, order=date_order(lines).order, file=path.name))
    # then no message is a placeholder, a file's line, a shared place or a notice
    for message in messages:
        if message.kind != "message":
            continue
        text = message.text
        where = f"{path.name}:{message.line}: {text[:60]!r}"
        assert text.casefold().rstrip(".。") not in _NOT_WORDS, where
        assert not _WRAPPED_RE.fullmatch(text.split("\n")[0]), where
        assert not any(_FILE_LINE_RE.fullmatch(part) for part in text.split("\n")), where
        assert not _PLACE_RE.search(text), where
        raw = lines[message.line - 1].lstrip("\ufeff")
        assert not (raw[:1] in "\u200e\u200f" and raw[1:2] == "["), where  # iOS's file line


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_no_speaker_line_of_the_corpus_is_an_unknown_event(path):
    # every line under a speaker's name that is no message is a known kind or event
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    messages = list(iter_messages(lines, order=date_order(lines).order, file=path.name))
    unknown = [m for m in messages if m.speaker and (m.kind, m.event) == ("event", "system")]
    assert unknown == []


def test_whatsr_marked_texts_in_the_corpus_are_their_speakers_messages():
    # the corpus's WhatsR exports (Android and iOS, German): four texts start with U+200E
    for name, numbers in (
        ("unique__chat_0a1901_gesiscss.txt", (23, 27, 31, 38)),
        ("unique__chat_7586ca_gesiscss.txt", (23, 27, 31, 37)),
    ):
        lines = (CORPUS / name).read_text(encoding="utf-8-sig").splitlines()
        messages = {m.line: m for m in iter_messages(lines, order="dmy", file=name)}
        assert all(LRM in lines[n - 1] for n in numbers)
        assert [messages[n].kind for n in numbers] == ["message"] * 4
        assert all(messages[n].speaker.startswith("Person ") for n in numbers)
