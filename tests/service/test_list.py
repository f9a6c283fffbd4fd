"""The review queue: search within scope, filters, queries that do not grow with rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from karib.service.models import Conversation

from .factories import agent_user, import_files, jsonl_line

pytestmark = pytest.mark.django_db


def test_search_finds_non_ascii_words_and_ignores_json_keys(team, lina, client_for):
    # given an imported transcript with "café crème"
    agent_user(team)
    import_files(
        lina, team, [("u.jsonl", jsonl_line("U-1", "Agus", "Terima kasih, café crème").encode())]
    )
    client = client_for(lina)

    def count(q: str) -> int:
        return client.get(reverse("service:index"), {"q": q}).context["page"].paginator.count

    # then the words are found, the JSON keys of the stored transcript are not
    assert (
        Conversation.objects.get().transcript_text == "Agus: Terima kasih, café crème\nMr Tan: ok"
    )
    assert count("café") == 1
    assert count("crème") == 1
    assert count("speaker") == 0
    assert count("role") == 0
