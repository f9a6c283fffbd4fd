"""Regression tests for the review of the tone engine's input and CLI (issue 3 review, C)."""

from __future__ import annotations

import io
import json

import pytest

from karib.tone import RoleError, ToneInputError, iter_conversations, parse
from karib.tone.cli import main

# --- C12/C13: CSV quotes ---------------------------------------------------------------------

UNTERMINATED = (
    "conversation_id,speaker,text\n"
    "c1,Agen,Halo kak\n"
    "c1,Pelanggan,mau tutup kartu\n"
    'c2,Pelanggan,"unterminated, quote\n'
    "c2,Agen,ok\n"
    "c3,Agen,Halo\n"
    "c3,Pelanggan,mau cancel\n"
)


@pytest.mark.parametrize(
    ("document", "ids", "errors"),
    [
        (UNTERMINATED, ["c1", "c3"], [4]),
        (UNTERMINATED.replace("c2,Agen,ok\n", ""), ["c1", "c3"], [4]),
        (
            (
                'conversation_id,speaker,text\nc1,Agen,"Halo kak\nada yang bisa dibantu?"\n'
                'c1,Pelanggan,"mau tutup\r\nkartu"\n'
            ),
            ["c1"],
            [],
        ),
    ],
)
def test_csv_unterminated_quote_is_an_error_at_its_line(tmp_path, document, ids, errors):
    path = tmp_path / "batch.csv"
    path.write_bytes(document.encode())
    items = list(iter_conversations(path))
    assert [i.conversation_id for i in items if not isinstance(i, ToneInputError)] == ids
    assert [i.line for i in items if isinstance(i, ToneInputError)] == errors


def test_csv_multiline_field_keeps_its_newline_and_start_line():
    document = (
        "conversation_id,speaker,text\n"
        'c1,Agen,"Halo kak\nada yang bisa dibantu?"\n'
        'c1,Pelanggan,"mau tutup\nkartu"\n'
        "c1,Agen,Baik kak\n"
    )
    turns = parse(document, fmt="csv")[0].turns
    assert [t.text for t in turns] == [
        "Halo kak\nada yang bisa dibantu?",
        "mau tutup\nkartu",
        "Baik kak",
    ]
    assert [t.line for t in turns] == [2, 4, 6]


# --- C14: --agent / --customer that name nobody ----------------------------------------------

NAMES = "Rina: Halo Bu, ada yang bisa dibantu?\nSiti: Mau tutup kartu\nRina: Baik Bu\n"


@pytest.mark.parametrize(
    ("agent", "customer", "message"),
    [
        ("Nobody", None, "--agent 'Nobody' names no speaker"),
        (None, "Nobody", "--customer 'Nobody' names no speaker"),
        ("Rina", "rina", "name the same speaker"),
    ],
)
def test_role_flags_must_name_distinct_speakers(agent, customer, message):
    with pytest.raises(RoleError, match=message):
        parse(NAMES, fmt="text", agent=agent, customer=customer)


# --- C15: continuation lines in timed text ---------------------------------------------------


@pytest.mark.parametrize(
    ("document", "texts"),
    [
        (
            (
                "[10:00] Agen: Selamat pagi Bu\n[10:01] Pelanggan: Saya mau tutup kartu.\n"
                "Alasan: iurannya mahal.\n[10:02] Agen: Baik Bu, terima kasih\n"
            ),
            [
                "Selamat pagi Bu",
                "Saya mau tutup kartu.\nAlasan: iurannya mahal.",
                "Baik Bu, terima kasih",
            ],
        ),
        (  # a known speaker or role label without the prefix still starts a turn
            "[10:00] Agen: Selamat pagi\nPelanggan: Halo\nAgen: Ya\n",
            ["Selamat pagi", "Halo", "Ya"],
        ),
    ],
)
def test_timed_text_continuations(document, texts):
    assert [t.text for t in parse(document, fmt="text")[0].turns] == texts


# --- C16: JSON output shape ------------------------------------------------------------------

ONE = '{"conversation_id":"j1","turns":[{"speaker":"agent","text":"Halo kak"},{"speaker":"customer","text":"hi"}]}'


@pytest.mark.parametrize(
    ("files", "shape"),
    [
        ({"a.json": ONE}, dict),
        ({"a.json": ONE, "b.json": ONE.replace("j1", "j2")}, list),
        ({"a.jsonl": ONE + "\n"}, list),
        ({"a.csv": "conversation_id,speaker,text\nc1,Agen,Halo\nc1,Pelanggan,hi\n"}, list),
        ({"a.json": "[" + ONE + "]"}, list),
    ],
)
def test_json_output_shape(tmp_path, monkeypatch, files, shape):
    paths = []
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
        paths.append(str(tmp_path / name))
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert main(["analyze", "--format", "json", *paths]) == 0
    assert isinstance(json.loads(out.getvalue()), shape)


# --- C17: timestamps, iOS marks, duplicate ids -----------------------------------------------


@pytest.mark.parametrize("ts", ["2024-13-45T99:99", "12345", "yesterday"])
def test_invalid_timestamps_are_errors(ts):
    document = json.dumps(
        {"conversation_id": "j", "turns": [{"speaker": "agent", "text": "Hi", "ts": ts}]}
    )
    with pytest.raises(ToneInputError, match="not an ISO 8601"):
        parse(document, fmt="json")


@pytest.mark.parametrize("ts", ["2024-03-01T09:00:00Z", "2024-03-01 09:00", "09:15"])
def test_valid_timestamps(ts):
    document = json.dumps(
        {
            "conversation_id": "j",
            "turns": [
                {"speaker": "agent", "text": "Hi", "ts": ts},
                {"speaker": "customer", "text": "Yo"},
            ],
        }
    )
    assert parse(document, fmt="json")[0].turns[0].ts == ts


def test_ios_left_to_right_marks_are_stripped():
    document = (
        "[3/12/24, 9:15:10 AM] Karib Support: Hi! How can I help?\n"
        "\u200e[3/12/24, 9:16:44 AM] Jane Doe: \u200eI want to cancel my plan.\n"
    )
    turns = parse(document, fmt="whatsapp")[0].turns
    assert [t.text for t in turns] == ["Hi! How can I help?", "I want to cancel my plan."]


def test_duplicate_conversation_ids_are_reported_and_skipped(tmp_path):
    line = '{"conversation_id": "%s", "turns": [{"speaker": "agent", "text": "Halo"}, {"speaker": "customer", "text": "hi"}]}\n'
    path = tmp_path / "batch.jsonl"
    path.write_text(line % "c1" + line % "c2" + line % "c1", encoding="utf-8")
    items = list(iter_conversations(path))
    errors = [i for i in items if isinstance(i, ToneInputError)]
    assert [i.conversation_id for i in items if not isinstance(i, ToneInputError)] == ["c1", "c2"]
    assert len(errors) == 1 and errors[0].line == 3 and "duplicate" in errors[0].message
