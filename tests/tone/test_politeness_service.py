"""The labelled politeness service turns keep their promised shape (sources, licences,
labels, the fixed held-out split), and the evaluation script reads them."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent / "politeness"
LABELS = {"polite", "impolite", "neither"}
LICENCES = {"tm4": "CC BY 4.0", "abcd": "MIT", "indosmd": "CC BY-SA 4.0", "smd": "CC BY-SA 4.0"}


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def _turns() -> list[dict[str, str]]:
    with (HERE / "service_turns.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_turns_have_a_label_a_source_and_the_licence_of_their_corpus():
    # when
    turns = _turns()
    # then
    assert len({t["id"] for t in turns}) == len(turns)
    for turn in turns:
        assert turn["label"] in LABELS
        assert turn["language"] in {"en", "id"}
        assert turn["source"].startswith("https://github.com/")
        assert turn["licence"] == LICENCES[turn["id"].split("-", 1)[0]]
        assert not re.search(r"[\w.+-]+@[\w-]+\.\w|\b\d{3}[ -]\d{3}-\d{4}\b", turn["text"])


def test_both_classes_are_well_represented_in_both_parts():
    # when
    turns = [t for t in _turns() if t["label"] != "neither"]
    # then
    assert len(turns) >= 200
    for part in ("development", "held_out"):
        labels = [t["label"] for t in turns if t["part"] == part]
        assert labels.count("polite") >= 30
        assert labels.count("impolite") >= 30


def test_the_held_out_part_is_the_fixed_hash_split():
    # given
    extract = _module("politeness_extract_turns", HERE / "extract_turns.py")
    # then
    for turn in _turns():
        assert (turn["part"] == "held_out") == extract.held_out(turn["id"])


def test_the_evaluation_reports_both_parts_and_both_languages():
    # given
    evaluate = _module("politeness_service_eval", ROOT / "scripts" / "politeness_service_eval.py")
    turns = _turns()
    # when
    rows = evaluate.evaluate(turns, evaluate.se_threshold())
    # then
    threshold = [r for r in rows if r["reading"] == "threshold"]
    assert {(r["part"], r["language"]) for r in threshold} == {
        (part, language) for part in ("development", "held_out") for language in ("en", "id", "all")
    }
    held_out = next(r for r in threshold if r["part"] == "held_out" and r["language"] == "all")
    assert held_out["items"] == sum(
        t["part"] == "held_out" and t["label"] != "neither" for t in turns
    )
    assert 0.0 <= held_out["accuracy"] <= 1.0


def test_the_report_gives_both_parts_languages_and_readings_with_both_classes():
    # given
    select = _module("politeness_cv_select", HERE / "cv_select.py")
    # when
    rows = select.report_rows(_turns())
    # then
    assert {(r[0], r[1], r[2].split()[0]) for r in rows} == {
        (part, language, reading)
        for part in ("development", "held out")
        for language in ("en", "id", "all")
        for reading in ("per-language", "one")
    }
    header = ["accuracy", "polite P", "polite R", "impolite P", "impolite R"]
    assert all(len(r) == 4 + len(header) for r in rows)
