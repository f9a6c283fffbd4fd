import csv
import json

import pytest

from karib.tone import RoleError, ToneInputError, iter_conversations, parse

TEXT = "[09:00] Agen: Selamat pagi.\nPelanggan: Halo,\nsaya mau tanya.\n[panggilan diakhiri]\n"


@pytest.mark.parametrize(
    ("document", "fmt", "speakers", "roles"),
    [
        (TEXT, "text", ["Agen", "Pelanggan", "system"], ["agent", "customer", "system"]),
        (
            (
                '{"conversation_id": "c1", "turns": [{"speaker": "agent", "text": "Hi"},'
                ' {"speaker": "customer", "text": "Yo"}, {"speaker": "system", "text": "end"}]}'
            ),
            "json",
            ["agent", "customer", "system"],
            ["agent", "customer", "system"],
        ),
        (
            "conversation_id,speaker,text,role\nc1,Ana,Halo,agent\nc1,Budi,Hai,customer\n",
            "csv",
            ["Ana", "Budi"],
            ["agent", "customer"],
        ),
        (
            "12/03/24 10.15 - CS Bank: Halo\n12/03/24 10.16 - Dewi: Hai\n",
            "whatsapp",
            ["CS Bank", "Dewi"],
            ["agent", "customer"],
        ),
    ],
)
def test_parse_detects_format_and_roles(document, fmt, speakers, roles):
    # given / when
    conversation = parse(document)[0]
    # then
    assert [t.speaker for t in conversation.turns] == speakers
    assert [t.role for t in conversation.turns] == roles


def test_text_multiline_timestamps_and_events():
    # given / when
    turns = parse(TEXT, name="call.txt")[0].turns
    # then
    assert turns[0].ts == "09:00:00"
    assert turns[1].text == "Halo,\nsaya mau tanya."
    assert (turns[2].kind, turns[2].text) == ("event", "panggilan diakhiri")


@pytest.mark.parametrize(
    ("document", "expected_ts", "expected_kinds"),
    [
        (  # Android, Indonesian, day first, dotted time, system and media lines
            (
                "31/12/23 22.15 - Pesan dan panggilan terenkripsi secara end-to-end.\n"
                "31/12/23 22.15 - CS Karib: Halo Kak\n"
                "31/12/23 22.16 - Dewi: <Media tidak disertakan>\n"
                "31/12/23 22.17 - Dewi: baris satu\nbaris dua\n"
            ),
            "2023-12-31T22:15:00",
            ["event", "message", "media", "message"],
        ),
        (  # Android, English, month first, AM/PM
            (
                "3/14/24, 9:05 PM - Karib Support: Hello\n3/14/24, 9:06 PM - Maria: <Media omitted>\n"
                "3/14/24, 9:07 PM - Maria: hi\n"
            ),
            "2024-03-14T21:05:00",
            ["message", "media", "message"],
        ),
        (  # iOS, English, seconds, encryption notice from the chat name
            (
                "[3/12/24, 10:15:02 AM] Karib Support: \u200eMessages and calls are end-to-end "
                "encrypted.\n[3/12/24, 10:15:10 AM] Karib Support: Hello\n"
                "[3/12/24, 10:16:01 AM] John: \u200eimage omitted\n[3/12/24, 10:17:00 AM] John: hi\n"
            ),
            "2024-03-12T10:15:02",
            ["event", "message", "media", "message"],
        ),
        (  # iOS, Indonesian, day first, dotted time
            "[14/03/24 09.05.10] CS Karib Bank: Selamat pagi\n[14/03/24 09.06.02] Andi: Pagi\n",
            "2024-03-14T09:05:10",
            ["message", "message"],
        ),
    ],
)
def test_whatsapp_layouts(document, expected_ts, expected_kinds):
    # given / when
    conversation = parse(document, name="chat.txt")[0]
    # then
    assert conversation.turns[0].ts == expected_ts
    assert [t.kind for t in conversation.turns] == expected_kinds


def test_whatsapp_multiline_message_is_kept_whole():
    # given
    document = "31/12/23 22.15 - CS Karib: Halo\n31/12/23 22.16 - Dewi: satu\ndua\n\ntiga\n"
    # when
    turns = parse(document)[0].turns
    # then
    assert turns[-1].text == "satu\ndua\n\ntiga"


@pytest.mark.parametrize(
    ("data", "line", "fragment"),
    [
        (b"\x00\x01\x02binary", None, "binary"),
        (b"Agent: hi\nCustomer: caf\xe9\n", 2, "not UTF-8"),
        (b"   \n\n", None, "empty"),
        (b"just some prose without speakers\n", 1, "expected a turn"),
        (b'{"conversation_id": "x", "turns": [', 1, "malformed JSON"),
        (b'{"conversation_id": "x"}', None, "missing 'turns'"),
    ],
)
def test_bad_input_names_file_and_line(data, line, fragment):
    # given / when
    with pytest.raises(ToneInputError) as caught:
        parse(data, name="bad.txt")
    # then
    assert caught.value.file == "bad.txt"
    assert caught.value.line == line
    assert fragment in caught.value.message
    assert str(caught.value).startswith("bad.txt")


def test_file_over_fifty_megabytes_is_refused(tmp_path):
    # given
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    # when
    with pytest.raises(ToneInputError) as caught:
        parse(big)
    # then
    assert "50 MB" in str(caught.value)
    assert str(big) in str(caught.value)


def test_jsonl_batch_reports_bad_lines_and_keeps_the_rest(tmp_path):
    # given
    good = {
        "conversation_id": "a",
        "turns": [{"speaker": "agent", "text": "Halo"}, {"speaker": "customer", "text": "Hai"}],
    }
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps(good) + "\n{broken\n" + json.dumps({**good, "conversation_id": "b"}) + "\n",
        encoding="utf-8",
    )
    # when
    items = list(iter_conversations(path))
    # then
    assert [getattr(i, "conversation_id", None) for i in items] == ["a", None, "b"]
    assert isinstance(items[1], ToneInputError)
    assert items[1].line == 2


def test_csv_batch_reports_bad_row_and_keeps_the_rest(tmp_path):
    # given
    path = tmp_path / "batch.csv"
    path.write_text(
        "conversation_id,speaker,text\nc1,Agent,Halo\nc1,Customer,Hai\n"
        "c2,Agent,Halo,extra\nc3,Agent,Hi\nc3,Customer,Hello\n",
        encoding="utf-8",
    )
    # when
    items = list(iter_conversations(path))
    # then
    assert [type(i).__name__ for i in items] == ["Conversation", "ToneInputError", "Conversation"]
    assert items[1].line == 4


def test_csv_undecodable_line_is_reported_with_its_number(tmp_path):
    # given
    path = tmp_path / "batch.csv"
    path.write_bytes(b"conversation_id,speaker,text\nc1,Agent,Halo\nc1,Customer,caf\xe9\n")
    # when
    errors = [i for i in iter_conversations(path) if isinstance(i, ToneInputError)]
    # then
    assert errors[0].line == 3


@pytest.mark.parametrize(
    ("document", "agent", "customer", "roles"),
    [
        ("Ana: Halo\nBudi: Hai\n", "Ana", None, ["agent", "customer"]),
        ("Ana: Halo\nBudi: Hai\n", None, "ana", ["customer", "agent"]),
        ("Petugas: Halo\nBudi: Hai\n", None, None, ["agent", "customer"]),
        ("Ana: Halo\nNasabah: Hai\n", None, None, ["agent", "customer"]),
        ("Customer Service: Halo\nBudi: Hai\n", None, None, ["agent", "customer"]),
    ],
)
def test_role_resolution_and_overrides(document, agent, customer, roles):
    # given / when
    turns = parse(document, agent=agent, customer=customer)[0].turns
    # then
    assert [t.role for t in turns] == roles


def test_role_error_names_speakers_and_the_fix():
    # given / when
    with pytest.raises(RoleError) as caught:
        parse("Ana: Halo\nBudi: Hai\n", name="chat.txt")
    # then
    message = str(caught.value)
    assert "'Ana'" in message
    assert "'Budi'" in message
    assert "--agent NAME" in message
    assert isinstance(caught.value, ValueError)


# --- role labels in a role column ---------------------------------------------------------


@pytest.mark.parametrize(
    ("agent_label", "customer_label"),
    [
        ("Agen", "Pelanggan"),
        ("CS", "nasabah"),
        ("Customer Service", "Customer"),
        ("agent", "customer"),
        ("Petugas", "Member"),
    ],
)
def test_role_column_labels_map_like_speaker_names(agent_label, customer_label):
    csv_doc = (
        "conversation_id,speaker,text,role\n"
        f"c1,Rina,Halo kak,{agent_label}\n"
        f"c1,Budi,mau cancel,{customer_label}\n"
    )
    json_doc = json.dumps(
        {
            "conversation_id": "j1",
            "turns": [
                {"speaker": "Rina", "role": agent_label, "text": "Halo kak"},
                {"speaker": "Budi", "role": customer_label, "text": "mau cancel"},
            ],
        }
    )
    for document, fmt in ((csv_doc, "csv"), (json_doc, "json")):
        turns = parse(document, fmt=fmt)[0].turns
        assert [(t.speaker, t.role) for t in turns] == [
            ("Rina", "agent"),
            ("Budi", "customer"),
        ], fmt


# --- CSV quotes ---------------------------------------------------------------------------

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


@pytest.fixture
def default_csv_limit():
    """The csv module's default cell limit (the app raises it for its own importers, process
    wide, so a test run that imported contacts first would not see it)."""
    before = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(before)


def test_csv_field_over_the_csv_limit_is_an_error_at_its_line(tmp_path, default_csv_limit):
    # given a batch whose second conversation has a 200,000-character cell
    path = tmp_path / "batch.csv"
    path.write_text(
        "conversation_id,speaker,text\nc1,Agen,Halo\nc1,Pelanggan,Hai\n"
        f'c2,Agen,"{"a" * 200_000}"\nc3,Agen,Halo\n',
        encoding="utf-8",
    )
    # when
    items = list(iter_conversations(path))
    # then that conversation fails at its line and the others are read
    assert [type(i).__name__ for i in items] == ["Conversation", "ToneInputError", "Conversation"]
    assert items[1].line == 4
    assert "CSV field over" in items[1].message


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


# --- --agent / --customer that name nobody ------------------------------------------------

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


# --- continuation lines in timed text -----------------------------------------------------


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


@pytest.mark.parametrize(
    ("document", "texts"),
    [
        (  # an agent's price list, one item a line, each with a colon
            (
                "Agen: Harga paket bulan ini:\n- Paket A: 150rb\n• Paket B: 250rb\n"
                "1. Biaya admin: gratis\n2) Pemasangan: 3 hari\nPelanggan: Oke kak, makasih\n"
            ),
            [
                (
                    "Harga paket bulan ini:\n- Paket A: 150rb\n• Paket B: 250rb\n"
                    "1. Biaya admin: gratis\n2) Pemasangan: 3 hari"
                ),
                "Oke kak, makasih",
            ],
        ),
        (  # a time before a name is no list number
            "10.15 Agen: Selamat pagi\n10.16 Pelanggan: Pagi\n",
            ["Selamat pagi", "Pagi"],
        ),
        (  # a phone number as a speaker (an unsaved WhatsApp contact) is no list item
            "Agen: Selamat pagi\n+62 812-3456-7890: Pagi kak\n",
            ["Selamat pagi", "Pagi kak"],
        ),
    ],
)
def test_list_items_continue_the_turn_before(document, texts):
    conversation = parse(document, fmt="text")[0]
    assert [t.text for t in conversation.turns] == texts
    assert len({t.speaker for t in conversation.turns}) == 2


def test_a_file_opening_with_a_list_item_is_still_read_as_turns():
    document = "- Agen: Selamat pagi\n- Pelanggan: Pagi\n"
    assert [t.speaker for t in parse(document, fmt="text")[0].turns] == ["- Agen", "- Pelanggan"]


# --- timestamps, iOS marks, duplicate ids -------------------------------------------------


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


def test_csv_header_of_too_many_columns_is_refused_at_its_line(tmp_path):
    # given a transcript whose header goes on for 600 columns
    path = tmp_path / "wide.csv"
    extra = ",".join(f"c{n}" for n in range(597))
    path.write_text(
        f"conversation_id,speaker,text,{extra}\nc1,Agen,Halo{',' * 597}\n", encoding="utf-8"
    )
    # when
    items = list(iter_conversations(path))
    # then one error names the line and the count, and nothing is read
    assert len(items) == 1
    assert isinstance(items[0], ToneInputError)
    assert items[0].line == 1
    assert "600 columns" in items[0].message


def test_csv_repeated_column_name_reads_its_first_column(tmp_path):
    # given a header that names "text" twice
    path = tmp_path / "twice.csv"
    path.write_text(
        "conversation_id,speaker,text,text\nc1,Agen,Halo kak,x\nc1,Pelanggan,Hai,y\n",
        encoding="utf-8",
    )
    # when
    (conversation,) = list(iter_conversations(path))
    # then
    assert [turn.text for turn in conversation.turns] == ["Halo kak", "Hai"]


@pytest.mark.parametrize("suffix", ["json", "jsonl"])
def test_json_nested_too_deeply_is_an_input_error(tmp_path, suffix):
    # given a file of 100,000 nested brackets (json.loads raises RecursionError on it)
    path = tmp_path / f"deep.{suffix}"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    # when
    if suffix == "json":
        with pytest.raises(ToneInputError) as caught:
            parse(path)
        error = caught.value
    else:
        (error,) = list(iter_conversations(path))
    # then
    assert isinstance(error, ToneInputError)
    assert "nested too deeply" in error.message
