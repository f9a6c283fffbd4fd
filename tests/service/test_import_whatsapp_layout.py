"""A WhatsApp export whose dates are in a layout the engine does not read is rejected with
that reason, its example date and line (realfiles3 C4), not as a "SPEAKER: text" transcript;
a year-first export with one-digit days (C2) is imported whole."""

from __future__ import annotations

import pytest
from django.utils import translation

from karib.service import presentation
from karib.service.models import Conversation, ImportFile

from .factories import agent_user, import_files

pytestmark = pytest.mark.django_db

UNKNOWN = (
    "2024/02/11 ниже 2:20 - Budi: Halo, saya mau tutup kartu kredit saya\n"
    "2024/02/11 ниже 2:21 - Sinta: Baik Bapak, boleh tahu alasannya?\n"
).encode()

YEAR_FIRST = (
    b"2026/4/6 09:15 - Budi: Halo, saya mau tutup kartu kredit saya\n"
    b"2026/4/6 09:16 - Sinta: Baik Bapak, boleh tahu alasannya?\n"
    b"2026/4/7 09:17 - Budi: Sudah tidak dipakai\n"
    b"2026/4/7 09:18 - Sinta: Baik, kartu sudah kami tutup. Terima kasih.\n"
)


def test_an_unknown_whatsapp_date_layout_is_the_reason_given(team, lina):
    # when an export in a date layout not read is imported
    agent_user(team, username="sinta", first_name="Sinta")
    batch = import_files(lina, team, [("wa.txt", UNKNOWN)])

    # then it is rejected for its layout, with the line and the date and time only
    import_file = batch.files.get()
    assert import_file.status == ImportFile.Status.REJECTED
    assert import_file.error_code == "engine_whatsapp_layout"
    assert import_file.error_params == {
        "file": "wa.txt",
        "line": 1,
        "example": "2024/02/11 ниже 2:20",
    }
    [entry] = batch.report
    assert (entry["code"], entry["line"]) == ("engine_whatsapp_layout", 1)
    with translation.override("en"):
        reason = presentation.file_error(import_file)
    assert reason == (
        "wa.txt, line 1: this WhatsApp export writes its dates in a layout Karib does not "
        "read yet (2024/02/11 ниже 2:20)."
    )
    with translation.override("id"):
        assert "belum bisa dibaca Karib" in presentation.file_error(import_file)
    assert not Conversation.objects.exists()


def test_a_year_first_export_with_one_digit_days_is_imported(team, lina):
    # when a Chinese-Android-style export (2026/4/6) is imported with the agent known
    agent_user(team, username="sinta", first_name="Sinta")
    batch = import_files(lina, team, [("wa.txt", YEAR_FIRST)])

    # then its one conversation holds every message, on its own day
    import_file = batch.files.get()
    assert import_file.status == ImportFile.Status.IMPORTED, import_file.error_params
    conversation = Conversation.objects.get()
    assert [turn.get("ts") for turn in conversation.turns] == [
        "2026-04-06T09:15:00",
        "2026-04-06T09:16:00",
        "2026-04-07T09:17:00",
        "2026-04-07T09:18:00",
    ]
