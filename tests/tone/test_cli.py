import io
import json
import sys
from pathlib import Path

import pytest

from karib.tone.cli import main

CURT = Path(__file__).parent / "cases" / "golden.txt"
CALL = (
    "Agent: Good morning, how can I help?\nCustomer: Please close my card.\n"
    "Agent: Of course, sir. Done. Thank you and have a nice day.\n"
)


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_analyze_json_single_file_gives_one_object(tmp_path, capsys):
    # given
    path = _write(tmp_path, "call.txt", CALL)
    # when
    code = main(["analyze", "--format", "json", path])
    # then
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert result["conversation_id"] == "call"
    assert result["summary"]["cancellation_request"] is True
    turn = result["turns"][0]
    assert {
        "index",
        "role",
        "speaker",
        "text",
        "politeness",
        "sentiment",
        "acts",
        "markers",
    } <= set(turn)


def test_analyze_several_files_gives_a_list(tmp_path, capsys):
    # given
    paths = [_write(tmp_path, f"c{n}.txt", CALL) for n in range(3)]
    # when
    code = main(["analyze", "--format", "json", *paths])
    # then
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["conversation_id"] for r in result] == ["c0", "c1", "c2"]


def test_analyze_text_report_shows_findings_and_politeness(tmp_path, capsys):
    # given
    path = _write(
        tmp_path,
        "curt.txt",
        CALL.replace("Of course, sir. Done. Thank you and have a nice day.", "Whatever. Done."),
    )
    # when
    code = main(["analyze", "--lang", "en", path])
    # then
    out = capsys.readouterr().out
    assert code == 0
    assert "== curt" in out
    assert "no_courteous_closure" in out
    assert '"Whatever. Done."' in out


def test_batch_with_a_bad_item_analyses_the_rest_and_fails(tmp_path, capsys):
    # given
    good = {
        "conversation_id": "a",
        "turns": [{"speaker": "agent", "text": "Halo"}, {"speaker": "customer", "text": "Hai"}],
    }
    path = _write(
        tmp_path,
        "batch.jsonl",
        json.dumps(good) + "\nnot json\n" + json.dumps({**good, "conversation_id": "b"}) + "\n",
    )
    # when
    code = main(["analyze", "--format", "json", path])
    # then
    captured = capsys.readouterr()
    assert code == 1
    assert [r["conversation_id"] for r in json.loads(captured.out)] == ["a", "b"]
    assert f"{path}:2: malformed JSON line" in captured.err
    assert "Traceback" not in captured.err


def test_role_error_is_one_line_without_traceback(tmp_path, capsys):
    # given
    path = _write(tmp_path, "roles.txt", "Ana: Halo\nBudi: Hai\n")
    # when
    code = main(["analyze", path])
    # then
    err = capsys.readouterr().err
    assert code == 1
    assert "--agent NAME" in err
    assert "Traceback" not in err
    # and the override fixes it
    assert main(["analyze", "--agent", "Ana", path]) == 0


def test_jobs_two_gives_the_same_output_in_order(tmp_path, capsys):
    # given
    lines = [
        json.dumps(
            {
                "conversation_id": f"c{n}",
                "turns": [
                    {"speaker": "agent", "text": "Halo Kak"},
                    {"speaker": "customer", "text": f"mau tutup akun {n}"},
                ],
            }
        )
        for n in range(40)
    ]
    path = _write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    main(["analyze", "--format", "json", path])
    single = capsys.readouterr().out
    # when
    code = main(["analyze", "--format", "json", "--jobs", "2", path])
    # then
    assert code == 0
    assert capsys.readouterr().out == single


def test_score_reads_stdin_and_writes_json_lines(monkeypatch, capsys):
    # given
    stdin = io.TextIOWrapper(io.BytesIO(b"Terima kasih banyak, Bapak.\nTerserah.\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    # when
    code = main(["score"])
    # then
    rows = [json.loads(r) for r in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert [r["text"] for r in rows] == ["Terima kasih banyak, Bapak.", "Terserah."]
    assert rows[0]["politeness"] > rows[1]["politeness"]
    assert rows[1]["markers"][0]["label"] == "dismissive"
    assert set(rows[0]) == {
        "text",
        "politeness",
        "sentiment",
        "sentiment_scores",
        "markers",
        "acts",
    }


def test_usage_names_the_program(capsys):
    # given / when
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    # then
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("usage: karib tone")


# --- JSON output shape --------------------------------------------------------------------

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
