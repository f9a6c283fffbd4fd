"""The transcript as the page shows it: markers highlighted, text escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

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
    assert '<mark class="m-polite" title="salam">Selamat pagi</mark>' in html


def test_highlighted_cues_are_labelled_in_the_readers_language_and_strategies_are_not_marked():
    markers = [
        {"kind": "polite", "label": "offer_help", "span": [0, 3]},
        {"kind": "curt", "label": "dropped_address", "span": [4, 7]},
        {"kind": "act", "label": "retention_offer", "span": [8, 11]},
        {"kind": "strategy", "label": "second_person", "span": [12, 15]},
        {"kind": "curt", "label": "new_cue", "span": [16, 19]},
    ]
    with translation.override("en"):
        english = presentation.segments("abc def ghi jkl mno", markers)
    with translation.override("id"):
        indonesian = presentation.segments("abc def ghi jkl mno", markers)
    assert [(s.kind, s.label) for s in english if s.kind] == [
        ("polite", "offer of help"),
        ("curt", "form of address dropped"),
        ("act", "retention offer"),
        ("curt", "new cue"),
    ]
    assert [s.label for s in indonesian if s.kind][:3] == [
        "tawaran bantuan",
        "sapaan hormat dihilangkan",
        "tawaran retensi",
    ]
    assert "jkl" in [s.text.strip() for s in english if not s.kind][-1]


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
