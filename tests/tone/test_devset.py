"""The labelled development set stays loadable and keeps its promised shape."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEVSET = Path(__file__).parent / "devset"
STATES = {"ended_by_agent", "ended_by_customer", "open"}


def _eval_module():
    spec = importlib.util.spec_from_file_location("tone_eval", ROOT / "bench" / "tone_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("tone_eval", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_devset_has_200_conversations_half_public_with_sources_and_licences():
    # when
    cases = _eval_module().load(DEVSET)
    # then
    assert len(cases) >= 200
    public = [c for c in cases if c.source == "public"]
    assert len(public) * 2 >= len(cases)
    assert all(c.state in STATES for c in cases)
    assert {c.part for c in cases} == {"tuning", "held_out"}
    for line in (DEVSET / "public.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert row["source"].startswith("https://github.com/")
        assert row["licence"] in {"CC BY 4.0", "CC BY-SA 4.0", "MIT"}


def test_public_conversations_carry_no_emails_or_phone_numbers():
    # given
    from karib.tone import redact

    # when
    kinds = {
        kind
        for line in (DEVSET / "public.jsonl").read_text(encoding="utf-8").splitlines()
        for turn in json.loads(line)["turns"]
        for kind in redact(turn["text"]).kinds
    }
    # then
    assert not kinds & {"email", "phone", "card", "nik"}


def test_tuning_part_keeps_the_issue_aims_per_finding_and_per_conversation():
    # given (the tuning part only: the held-out part stays out of every check and decision)
    module = _eval_module()
    cases = [c for c in module.load(DEVSET) if c.part == "tuning"]
    # when
    figures = module.evaluate("tuning", cases)
    # then
    for code in figures.true_pos | figures.false_pos:
        found = figures.true_pos[code] + figures.false_pos[code]
        assert figures.true_pos[code] / found >= 0.95, code
    assert figures.exact / figures.cases >= 0.90
