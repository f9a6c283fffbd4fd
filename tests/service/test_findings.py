"""Which findings exist (the engine's registry), their confidence and the team's threshold,
and redaction of personal data on import."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from django.urls import reverse

from karib import tone
from karib.service import findings, reasons, selectors, services
from karib.service.filters import ConversationFilter
from karib.service.imports import redaction
from karib.service.models import Conversation, Finding, FindingCode, ServiceSettings
from tests.factories import UserFactory

from .factories import (
    PUSHY_ID,
    agent_user,
    conversation_from_text,
    days_ago,
    import_files,
    jsonl_line,
    manager_user,
)

pytestmark = pytest.mark.django_db


def _engine_codes() -> set[str]:
    """The codes the engine's registry declares, one per detector."""
    return {detector.code for detector in tone.REGISTRY}


def test_the_finding_choices_are_the_engines_codes_and_the_playbook_breach(team):
    # then every choice of the filters is an engine finding or the app's playbook breach
    form = ConversationFilter(user=UserFactory()).form
    offered = {value for value, _label in form.fields["finding"].choices if value}
    assert offered == _engine_codes() | {"playbook_breach"}
    # and each has a label and an explanation of its own in the app
    assert offered <= set(FindingCode.values)
    assert offered <= reasons.explained_finding_codes()


def test_a_registry_in_the_engine_decides_the_codes(monkeypatch):
    # given an engine whose registry gains a detector
    monkeypatch.setattr(tone, "FINDING_CODES", (*tone.FINDING_CODES, "ignored_question"))

    # then its codes are the finding codes, labelled even before the app knows them
    assert findings.finding_codes()[-2:] == ("ignored_question", "playbook_breach")
    assert dict(findings.finding_choices())["ignored_question"] == "ignored question"


def _with_confidence(confidences: dict[str, float], monkeypatch) -> None:
    """The engine, with the confidence of some findings set by the test."""
    original = tone.analyze

    def analyze(conversation, **kwargs):
        result = original(conversation, **kwargs)
        found = tuple(
            dataclasses.replace(f, confidence=confidences.get(f.code, 1.0)) for f in result.findings
        )
        return dataclasses.replace(result, findings=found)

    monkeypatch.setattr(tone, "analyze", analyze)


def test_findings_below_the_teams_threshold_are_hidden_everywhere(
    team, lina, client_for, monkeypatch
):
    # given an engine unsure of the tone shift, and a conversation with it
    _with_confidence({"tone_shift": 0.4}, monkeypatch)
    agus = agent_user(team)
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agus, started_at=days_ago(1))
    stored = dict(Finding.objects.values_list("code", "confidence"))
    assert stored["tone_shift"] == 0.4
    assert stored["push_after_refusal"] == 1.0

    # when the team hides findings below 0.8
    services.service_settings_update(
        team=team, min_confidence=Decimal("0.8"), redact_on_import=True, by=manager_user(team)
    )
    client = client_for(lina)
    page = client.get(reverse("service:conversation-detail", args=[conversation.pk]))
    listing = client.get(reverse("service:index"))
    api = client.get(f"/api/conversations/{conversation.pk}").json()
    card = selectors.agent_scorecard(user=lina, agent=agus, period=selectors.Period.last(30))

    # then the tone shift is hidden on the page, the list, the API and the scorecard
    html = page.content.decode()
    assert 'data-code="tone_shift"' not in html
    assert 'id="hidden-findings"' in html
    assert 'data-code="push_after_refusal"' in html
    assert "tone_shift" not in [f["code"] for f in api["finding_details"]]
    assert "tone_shift" not in api["findings"]
    shown = selectors.shown_findings(listing.context["page"].object_list[0])
    assert "tone_shift" not in [f.code for f in shown]
    rates = {rate.code: rate.count for rate in card.finding_rates}
    assert (rates["tone_shift"], rates["push_after_refusal"]) == (0, 1)


def test_only_managers_of_the_team_change_its_qa_settings(team, lina, client_for):
    url = f"{reverse('service:playbook')}?team={team.pk}"
    data = {"team": team.pk, "section": "settings", "min_confidence": "0.7"}

    refused = client_for(lina).post(url, data)
    saved = client_for(manager_user(team)).post(url, {**data, "redact_on_import": "on"})

    assert refused.status_code == 403
    assert saved.status_code == 302
    settings = ServiceSettings.objects.get(team=team)
    assert (settings.min_confidence, settings.redact_on_import) == (Decimal("0.70"), True)


# --- redaction on import ---------------------------------------------------------------


def test_imports_are_redacted_by_default(team, lina):
    # given a transcript with a phone number and an e-mail address
    assert redaction.REDACTION_AVAILABLE
    agent_user(team)
    line = jsonl_line("R-1", "Agus", "Hubungi saya di 0812-3456-7890 atau budi@contoh.co.id ya")

    # when it is imported with the team's default settings
    import_files(lina, team, [("r.jsonl", line.encode())])

    # then neither is stored, and their kinds are recorded
    conversation = Conversation.objects.get()
    assert "3456" not in conversation.transcript_text
    assert "budi@contoh.co.id" not in conversation.transcript_text
    assert set(conversation.redacted_kinds) == {"phone", "email"}
    assert all(
        "3456" not in text
        for text in conversation.analysis.summary.values()
        if isinstance(text, str)
    )


def test_a_team_may_keep_transcripts_as_written(team, lina):
    ServiceSettings.objects.create(team=team, redact_on_import=False)
    agent_user(team)

    import_files(lina, team, [("r.jsonl", jsonl_line("R-2", "Agus", "di 0812-3456-7890").encode())])

    conversation = Conversation.objects.get()
    assert conversation.turns[0]["text"] == "di 0812-3456-7890"
    assert conversation.redacted_kinds == []


def test_without_the_engines_redaction_nothing_is_changed(monkeypatch):
    # given an engine without `redact` (engine 1.x)
    monkeypatch.delattr(tone, "redact")
    monkeypatch.setattr(redaction, "REDACTION_AVAILABLE", False)
    item = tone.parse(b"Agus: 081234567890\nNasabah: ok\n", name="x.txt", agent="Agus")[0]

    assert redaction.redact_conversation(item) == (item, [])
    assert redaction.redact_text("081234567890").text == "081234567890"
