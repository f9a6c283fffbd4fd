"""Codes stored, words translated when shown: every finding explanation and import reason in
both languages, and a reader never sees the other language's system text."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from karib.core.models import Profile
from karib.service import findings, reasons
from karib.service.models import Finding, ImportBatch, ImportFile

from .factories import PUSHY_ID, agent_user, conversation_from_text

pytestmark = pytest.mark.django_db

# Words that only one of the two languages uses in system text (function words).
INDONESIAN = {"yang", "tidak", "dan", "ini", "dari", "setelah", "agen", "berkas", "percakapan"}
ENGLISH = {"the", "and", "this", "from", "after", "agent", "file", "was", "not", "could"}

#: Values for every code, so each sentence is worded whole.
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
REASON_VALUES = {
    "name": "Budi",
    "file": "chat.txt",
    "minutes": 10,
    "speakers": ["Budi", "Sinta"],
    "columns": "speaker",
}


def _words(text: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"[^\W\d_]+", text)}


def _worded(code_texts: dict[str, str], foreign: set[str]) -> dict[str, set[str]]:
    """Per code, the foreign words its text contains (empty sets when clean)."""
    return {code: _words(text) & foreign for code, text in code_texts.items()}


def test_every_finding_code_is_worded_in_each_language_only():
    codes = findings.finding_codes()
    # every code the engine raises, and the playbook breach, has its own explanation
    assert set(codes) <= reasons.explained_finding_codes()

    with translation.override("en"):
        english = {c: reasons.finding_explanation(c, FINDING_VALUES.get(c)) for c in codes}
    with translation.override("id"):
        indonesian = {c: reasons.finding_explanation(c, FINDING_VALUES.get(c)) for c in codes}

    assert all(_words(text) for text in english.values())
    assert _worded(english, INDONESIAN) == {c: set() for c in codes}
    assert _worded(indonesian, ENGLISH) == {c: set() for c in codes}
    assert all(english[c] != indonesian[c] for c in codes)


def test_every_import_reason_code_is_worded_in_each_language_only():
    codes = reasons.import_reason_codes()

    with translation.override("en"):
        english = {c: reasons.import_reason(c, REASON_VALUES) for c in codes}
    with translation.override("id"):
        indonesian = {c: reasons.import_reason(c, REASON_VALUES) for c in codes}

    # values that are file or person names are not words of either language
    assert _worded(english, INDONESIAN) == {c: set() for c in codes}
    assert _worded(indonesian, ENGLISH) == {c: set() for c in codes}
    assert all(english[c] != indonesian[c] for c in codes)


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_pages_show_stored_codes_in_the_readers_language(team, lina, client_for, language):
    # given a conversation with every finding and an import whose report has every reason
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agent_user(team))
    Finding.objects.filter(conversation=conversation).delete()
    for position, code in enumerate(findings.finding_codes()):
        Finding.objects.create(
            conversation=conversation,
            code=code,
            severity="medium",
            params=FINDING_VALUES.get(code, {}),
            position=position,
        )
    batch = ImportBatch.objects.create(
        team=team,
        channel="phone",
        product="loan",
        created_by=lina,
        status=ImportBatch.Status.DONE,
        report=[
            {"file": "f.txt", "line": 1, "conversation_id": "", "code": c, "params": REASON_VALUES}
            for c in reasons.import_reason_codes()
        ],
    )
    ImportFile.objects.create(
        batch=batch,
        name="f.txt",
        status=ImportFile.Status.REJECTED,
        error_code="engine_json",
        error_params={},
    )
    # and a reviewer who reads Karib in one language
    Profile.objects.filter(user=lina).update(language=language)
    client = client_for(lina)

    # when she opens the conversation and the import
    conversation_page = client.get(reverse("service:conversation-detail", args=[conversation.pk]))
    import_page = client.get(reverse("service:import-detail", args=[batch.pk]))

    # then each explanation and reason is in her language, none in the other
    with translation.override(language):
        expected = [
            reasons.finding_explanation(c, FINDING_VALUES.get(c)) for c in findings.finding_codes()
        ]
        expected_reasons = [
            reasons.import_reason(c, REASON_VALUES) for c in reasons.import_reason_codes()
        ]
    html = conversation_page.content.decode()
    for text in expected:
        assert text.replace("'", "&#x27;") in html
    page = import_page.content.decode()
    for text in expected_reasons:
        assert text.replace("'", "&#x27;").replace('"', "&quot;") in page
    foreign = INDONESIAN if language == "en" else ENGLISH
    assert _worded(dict(enumerate(expected + expected_reasons)), foreign) == {
        n: set() for n in range(len(expected) + len(expected_reasons))
    }
