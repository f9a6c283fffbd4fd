"""The transcript as the page shows it: markers highlighted, text escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from karib.service import presentation

from .factories import conversation_from_text

pytestmark = pytest.mark.django_db


def test_transcript_highlights_markers_and_escapes_text(known_set, client_for):
    team, agus, lina, _pushy = known_set
    hostile = conversation_from_text(
        "Agus: Selamat pagi Bapak <script>alert(1)</script>, ada yang bisa saya bantu?\n"
        "Nasabah: Terima kasih, sudah cukup.\n"
        "Agus: Terima kasih Bapak, selamat beraktivitas.\n",
        team=team,
        agent=agus,
    )
    html = (
        client_for(lina)
        .get(reverse("service:conversation-detail", args=[hostile.pk]))
        .content.decode()
    )
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<mark class="m-polite" title="greeting">Selamat pagi</mark>' in html


def test_segments_follow_spans_and_skip_overlaps():
    segments = presentation.segments(
        "abc def ghi",
        [
            {"kind": "polite", "label": "x", "span": [0, 3]},
            {"kind": "curt", "label": "y", "span": [2, 6]},
            {"kind": "act", "label": "z", "span": [8, 11]},
        ],
    )
    assert [(s.text, s.kind) for s in segments] == [
        ("abc", "polite"),
        (" def ", ""),
        ("ghi", "act"),
    ]
