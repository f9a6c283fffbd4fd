"""Stored text becomes codes: rows written by the previous version keep their meaning."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from karib.service import reasons
from karib.service.models import Finding, ImportBatch, ImportFile
from tests.migration_support import migrate_to

BEFORE = [("service", "0002_fixes")]
AFTER = [("service", "0003_finding_codes_and_values")]


@pytest.mark.django_db(transaction=True)
def test_stored_explanations_and_reasons_become_codes_with_values(at_latest_afterwards):
    # given rows as the previous version stored them, worded in Indonesian
    old = migrate_to(BEFORE)
    team = old.get_model("core", "Team").objects.create(name="Cards")
    conversation = old.get_model("service", "Conversation").objects.create(
        external_id="OLD-1",
        content_hash="x" * 64,
        team=team,
        channel="phone",
        product="credit_card",
        started_at=datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC),
    )
    old.get_model("service", "Analysis").objects.create(
        conversation=conversation,
        engine_version="1.0",
        summary={
            "first_refusal_turn": 3,
            "pushes_after_refusal": 2,
            "cancellation_request": True,
            "courteous_closure": False,
        },
    )
    old_finding = old.get_model("service", "Finding")
    old_finding.objects.create(
        conversation=conversation,
        code="push_after_refusal",
        severity="high",
        turns=[4, 6],
        explanation="Agen tetap menawarkan retensi 2 kali setelah pelanggan menolak.",
    )
    old_finding.objects.create(
        conversation=conversation,
        code="tone_shift",
        severity="medium",
        explanation="Nada agen berubah: kesantunan turun dari 0.81 ke 0.32.",
        position=1,
    )
    old_finding.objects.create(
        conversation=conversation,
        code="playbook_breach",
        severity="high",
        explanation="2 tawaran retensi setelah penolakan yang jelas; panduan mengizinkan 1.",
        position=2,
    )
    batch = old.get_model("service", "ImportBatch").objects.create(
        team=team,
        channel="phone",
        product="loan",
        report=[
            {"file": "a.txt", "line": None, "conversation_id": "A", "reason": "duplikat: sudah"},
            {
                "file": "a.txt",
                "line": None,
                "conversation_id": "",
                "reason": "agen “Budi” tidak cocok dengan agen layanan mana pun di tim",
            },
            {"file": "b.txt", "line": 2, "conversation_id": "", "reason": "b.txt:2: malformed"},
        ],
    )
    old.get_model("service", "ImportFile").objects.create(
        batch=batch,
        name="c.txt",
        status="needs_roles",
        speakers=["Budi", "Sinta"],
        error="Tidak dapat membedakan agen dan pelanggan di antara pembicara: Budi, Sinta.",
    )

    # when the database is migrated
    migrate_to(AFTER)

    # then each row holds a code and its values, worded in the reader's language
    found = {f.code: f for f in Finding.objects.all()}
    assert found["push_after_refusal"].params == {"count": 2, "first_turn": 3}
    assert found["tone_shift"].params == {"before": "0.81", "after": "0.32"}
    assert found["playbook_breach"].params == {
        "breaches": [
            {"code": "offers_after_refusal", "pushes": 2, "allowed": 1},
            {"code": "closure_missing"},
        ]
    }
    with translation.override("en"):
        assert found["tone_shift"].explanation == (
            "The agent's tone turned curt after the refusal or pressure point: politeness "
            "fell from 0.81 to 0.32."
        )
    report = ImportBatch.objects.get().report
    assert [(e["code"], e["params"]) for e in report] == [
        ("duplicate", {}),
        ("agent_unmatched", {"name": "Budi"}),
        ("engine_unreadable", {}),
    ]
    waiting = ImportFile.objects.only("error_code", "error_params").get()  # columns of 0003
    assert (waiting.error_code, waiting.error_params) == (
        "needs_roles",
        {"speakers": ["Budi", "Sinta"]},
    )
    with translation.override("en"):
        assert reasons.import_reason(waiting.error_code, waiting.error_params) == (
            "Cannot tell the agent from the customer among the speakers: Budi, Sinta."
        )
