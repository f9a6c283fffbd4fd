"""Codes stored, words translated when shown (issue #10, "Done when"): every notification
code, finding code and import reason code renders in both languages, and an English reader
never sees Indonesian system text and vice versa."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from karib.core.notifications import registered, registered_codes, render
from karib.service import findings, reasons

# Words only one of the two languages uses in system text (function words and common nouns).
INDONESIAN = {
    "yang", "tidak", "dan", "ini", "dari", "setelah", "agen", "berkas", "percakapan", "janji",
    "untuk", "oleh", "pada", "kepada", "hadiah", "tenggat", "belum", "sudah", "dengan", "atau",
}  # fmt: skip
ENGLISH = {
    "the", "and", "this", "from", "after", "agent", "file", "was", "not", "could", "promise",
    "for", "by", "on", "gift", "due", "your", "with", "of", "is", "customer", "must",
}  # fmt: skip

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
#: A value that is no word of either language, for every placeholder of every code.
NEUTRAL = "Xq7"
#: Values a code needs beyond names (an important date names its kind).
CODE_VALUES = {"people.important_date": {"kind": "birthday", "holiday": "", "label": ""}}

FINDING_VALUES = {
    "push_after_refusal": {"count": 2, "first_turn": 3},
    "tone_shift": {"before": "0.80", "after": "0.31"},
    "playbook_breach": {
        "breaches": [
            {"code": "offers_after_refusal", "pushes": 2, "allowed": 1},
            {"code": "closure_missing"},
        ]
    },
}
REASON_VALUES = {"name": NEUTRAL, "file": NEUTRAL, "minutes": 10, "speakers": [NEUTRAL]}


def _words(text: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"[^\W\d_]+", text)} - {NEUTRAL.casefold()}


def _values(code: str) -> dict[str, object]:
    entry = registered(code)
    assert entry is not None
    names = _PLACEHOLDER.findall(f"{entry.title} {entry.body or ''}")
    return {**dict.fromkeys(names, NEUTRAL), **CODE_VALUES.get(code, {})}


def _notification_text(code: str, language: str) -> str:
    with translation.override(language):
        rendered = render(code, _values(code))
    assert rendered is not None
    return " ".join(rendered)


def _both(word) -> tuple[dict[str, str], dict[str, str]]:
    """(english, indonesian) texts of every code `word` knows, keyed by code."""
    texts: list[dict[str, str]] = []
    for language in ("en", "id"):
        with translation.override(language):
            texts.append(word())
    return texts[0], texts[1]


def _assert_each_language_only(english: dict[str, str], indonesian: dict[str, str]) -> None:
    assert {code: _words(text) & INDONESIAN for code, text in english.items()} == {
        code: set() for code in english
    }
    assert {code: _words(text) & ENGLISH for code, text in indonesian.items()} == {
        code: set() for code in indonesian
    }
    assert [code for code in english if english[code] == indonesian[code]] == []


def test_every_notification_code_is_worded_in_each_language_only():
    codes = registered_codes()
    # the codes of every app that notifies: promises, gifts, service, people's dates
    assert {
        "promise_overdue",
        "promise_escalation",
        "promise_communication",
        "gifts.approval",
        "gifts.kpk_report",
        "gifts.approved",
        "gifts.rejected",
        "people.important_date",
    } <= set(codes)
    english = {code: _notification_text(code, "en") for code in codes}
    indonesian = {code: _notification_text(code, "id") for code in codes}
    assert all(_words(text) for text in english.values())
    _assert_each_language_only(english, indonesian)


def test_every_finding_code_is_worded_in_each_language_only():
    codes = findings.finding_codes()
    assert set(codes) <= reasons.explained_finding_codes()
    english, indonesian = _both(
        lambda: {c: reasons.finding_explanation(c, FINDING_VALUES.get(c)) for c in codes}
    )
    _assert_each_language_only(english, indonesian)


def test_every_import_reason_code_is_worded_in_each_language_only():
    codes = reasons.import_reason_codes()
    english, indonesian = _both(lambda: {c: reasons.import_reason(c, REASON_VALUES) for c in codes})
    _assert_each_language_only(english, indonesian)


@pytest.mark.parametrize(("language", "expected"), [("en", "birthday"), ("id", "ulang tahun")])
def test_an_important_date_reminder_stored_as_text_names_the_date_in_the_readers_language(
    language, expected
):
    # given a reminder sent as Indonesian text before codes (its values recovered from it)
    with translation.override("id"):
        sent_as = str(_names_of_birthday())
    with translation.override(language):
        title, _body = render(
            "people.important_date", {"date": sent_as, "person": "Pak Xq7", "day": "01-02-2027"}
        )
    assert title.casefold().startswith(expected)


def _names_of_birthday() -> str:
    from karib.people.models import ImportantDate

    return str(ImportantDate.Kind.BIRTHDAY.label)
