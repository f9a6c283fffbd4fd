import pytest
from golden import GoldenCase, load_cases

from karib.tone import analyze, parse

CASES = load_cases()
SUMMARY_KEYS = {
    "cancel": "cancellation_request",
    "refusal": "first_refusal_turn",
    "offers": "retention_offers",
    "pushes": "pushes_after_refusal",
    "shift": "tone_shift",
    "closure": "courteous_closure",
    "cutoff": "customer_cut_off",
    "state": "conversation_state",
}


def _expected(key: str, raw: str) -> object:
    if key in ("cancel", "shift", "closure", "cutoff"):
        return raw == "true"
    if key == "refusal":
        return None if raw == "null" else int(raw)
    if key == "state":
        return raw
    if key == "offers":
        return [int(x) for x in raw.split(",") if x]
    return int(raw)


def test_golden_set_has_at_least_forty_conversations_of_every_kind():
    # given / when
    formats = {case.fmt for case in CASES}
    # then
    assert len(CASES) >= 40
    assert {"text", "whatsapp", "json"} <= formats


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_conversation_summary(case: GoldenCase):
    # given
    conversation = parse(case.document, fmt=case.fmt, name=case.name)[0]
    # when
    summary = analyze(conversation).to_dict()["summary"]
    # then
    for key, raw in case.expect.items():
        if key.endswith(">="):
            assert summary["score"] >= int(raw), (key, summary)
        elif key.endswith("<="):
            assert summary["score"] <= int(raw), (key, summary)
        else:
            assert summary[SUMMARY_KEYS[key]] == _expected(key, raw), (key, summary)
