"""Year-first dates with one-digit days and months (Chinese and Korean exports), Japanese
午前/午後 before the time, and a clear error for a date layout not read (realfiles3 C2-C4).

The lines are synthetic, written from the formats public parsers document (hellodigua/ChatLab's
WhatsApp TXT parser: "2026/5/7 08:46 - name: text", "2026/4/6 下午1:54 - name: text"; Korean
dates "2024. 2. 1." as Korean writes them); no licensed real CJK export was found."""

import pytest

from karib.tone import detect_format, parse
from karib.tone.cli import main
from karib.tone.whatsapp import UnsupportedDateLayout, date_order, iter_messages


def _messages(text, order=None):
    lines = text.splitlines()
    return list(iter_messages(lines, order=order or date_order(lines).order))


YMD_ANDROID = (
    "2022/7/21 15:11 - Budi: halo\n"
    "2022/7/30 09:00 - Ani: ok\n"
    "2022/8/1 10:00 - Budi: tanggal satu\n"
    "2022/8/2 10:05 - Ani: tanggal dua\n"
    "2022/8/10 11:00 - Budi: tanggal sepuluh\n"
)


def test_a_year_first_day_of_one_digit_begins_a_message():
    # when an export dated 1-9 of a month is read
    messages = _messages(YMD_ANDROID)
    # then each header is a message of its own, on its day
    assert [m.timestamp for m in messages] == [
        "2022-07-21T15:11:00",
        "2022-07-30T09:00:00",
        "2022-08-01T10:00:00",
        "2022-08-02T10:05:00",
        "2022-08-10T11:00:00",
    ]
    assert [m.text for m in messages][2:4] == ["tanggal satu", "tanggal dua"]
    assert date_order(YMD_ANDROID.splitlines()).order == "ymd"


@pytest.mark.parametrize(
    ("document", "first_ts"),
    [
        ("2022/8/1 10:00 - Budi: halo\n", "2022-08-01T10:00:00"),  # a file that starts on one
        ("[2022/8/1 10:00:00] Budi: halo\n", "2022-08-01T10:00:00"),
        ("2022/12/1 10:00 - Budi: halo\n", "2022-12-01T10:00:00"),
        ("2026/5/7 08:46 - Budi: 你好\n", "2026-05-07T08:46:00"),
        ("2026/4/6 下午1:54 - Budi: 你好\n", "2026-04-06T13:54:00"),
        ("[2022/7/1 下午5:11:12] Budi: 你好\n", "2022-07-01T17:11:12"),
        ("2024. 2. 1. 오후 2:20 - Budi: 안녕하세요\n", "2024-02-01T14:20:00"),
        ("[2024. 2. 1. 오전 9:05:11] Budi: 안녕하세요\n", "2024-02-01T09:05:11"),
        ("2024-2-1 14:20 - Budi: halo\n", "2024-02-01T14:20:00"),
    ],
)
def test_year_first_headers_with_one_digit_fields_are_read(document, first_ts):
    # when
    messages = _messages(document)
    # then
    assert [(m.timestamp, m.speaker) for m in messages] == [(first_ts, "Budi")]
    assert detect_format(document) == "whatsapp"
    assert date_order(document.splitlines()).order == "ymd"


@pytest.mark.parametrize(
    "document",
    [
        "1/8/2 10:00 - Budi: halo\n",  # day-first needs a year of two digits at least
        "8/1/2 10:00 - Budi: halo\n",
    ],
)
def test_a_one_digit_year_is_still_not_a_header(document):
    with pytest.raises(UnsupportedDateLayout):
        _messages(document, order="dmy")


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("2024/02/11 午後2:20 - 田中: こんにちは\n", "2024-02-11T14:20:00"),
        ("2024/02/11 午前9:05 - 田中: おはよう\n", "2024-02-11T09:05:00"),
        ("2024/02/11 午前12:05 - 田中: こんばんは\n", "2024-02-11T00:05:00"),
        ("2024/02/11 午後12:30 - 田中: こんにちは\n", "2024-02-11T12:30:00"),
        ("[2024/02/11 午後2:20:05] 田中: こんにちは\n", "2024-02-11T14:20:05"),
        ("2024/2/1 午後2:20 - 田中: こんにちは\n", "2024-02-01T14:20:00"),
    ],
)
def test_japanese_half_of_the_day_before_the_time_is_read(document, expected):
    [message] = _messages(document)
    assert (message.timestamp, message.speaker) == (expected, "田中")


def test_a_day_first_file_keeps_its_order_evidence():
    # a day-first export is read as before: the year last, the order from the fields
    document = "13/2/20, 10:00 - A: x\n1/3/20, 10:00 - B: y\n"
    assert date_order(document.splitlines()).order == "dmy"
    assert [m.timestamp for m in _messages(document)] == [
        "2020-02-13T10:00:00",
        "2020-03-01T10:00:00",
    ]


def test_a_pasted_year_first_line_in_a_day_first_chat_stays_text():
    # the first header fixes the layout: a year-first line inside is a message's own text
    document = "13/2/20, 10:00 - A: lihat ini\n2022/8/1 10:00 - B: lama\n13/2/20, 10:05 - B: ok\n"
    messages = _messages(document)
    assert [m.text for m in messages] == ["lihat ini\n2022/8/1 10:00 - B: lama", "ok"]


UNKNOWN = "2024/02/11 ниже 2:20 - Budi: halo\n2024/02/11 ниже 2:21 - Ani: ok\n"


@pytest.mark.parametrize(
    ("document", "stamp"),
    [
        (UNKNOWN, "2024/02/11 ниже 2:20"),
        ("12/03/2024 14:20 | Budi: halo\n", "12/03/2024 14:20"),
        ("\ufeff[2024. 2. 1. 오후 2:20:11 KST] Budi: halo\n", "[2024. 2. 1. 오후 2:20:11"),
    ],
)
def test_an_unknown_date_layout_is_named_not_read_as_plain_text(document, stamp):
    # when a file whose first line opens with a date and a time in a layout not read is parsed
    with pytest.raises(UnsupportedDateLayout) as caught:
        parse(document.encode(), name="chat.txt")
    # then the error names the layout, the file and the line, and keeps the date and time
    assert "date layout is not supported" in str(caught.value)
    assert (caught.value.file, caught.value.line) == ("chat.txt", 1)
    assert caught.value.stamp == stamp
    assert detect_format(document) == "whatsapp"


def test_a_plain_transcript_that_starts_with_a_date_but_no_time_is_still_text():
    document = "2024-03-01 Agen: Selamat pagi\nPelanggan: pagi\n"
    assert detect_format(document) == "text"


def test_the_cli_names_an_unknown_layout_without_a_traceback(tmp_path, capsys):
    # given
    path = tmp_path / "chat.txt"
    path.write_text(UNKNOWN, encoding="utf-8")
    # when
    code = main(["analyze", str(path)])
    # then
    err = capsys.readouterr().err
    assert code == 1
    assert "date layout is not supported yet (e.g. 2024/02/11 ниже 2:20 - Budi: halo)" in err
    assert f"{path}:1:" in err
    assert "SPEAKER" not in err
    assert "Traceback" not in err
