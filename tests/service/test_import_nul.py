"""A NUL character is refused in every conversation format with the clear "binary" reason on
its line (secprobe7 F8): PostgreSQL stores no NUL in text nor JSON, so a UTF-16 text file with
one was stored on SQLite and rejected as an internal error on PostgreSQL. Runs on both."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from karib.service import reasons, services
from karib.service.models import Conversation, ImportBatch, ImportFile

from .factories import DATA, agent_user, jsonl_line

pytestmark = pytest.mark.django_db

TEXT = "Agus: Selamat pagi, ada yang bisa dibantu?\nNasabah: saya mau berhenti{nul}\nAgus: baik\n"
WHATSAPP = (
    "20/11/2026 09.15 - Nasabah: Halo kak, tagihan saya dobel\n"
    "20/11/2026 09.16 - CS Agus: Mohon maaf kak, boleh dibantu?\n"
    "20/11/2026 09.17 - Nasabah: 4411{nul} kak\n"
)
LONG = "".join(f"Agus: baris {n} untuk mengisi delapan kilobyte pertama\n" for n in range(200))


def _json_with(nul: str, *, field: str) -> bytes:
    conversations = json.loads((DATA / "two.json").read_bytes())
    if field == "text":
        conversations[1]["turns"][1]["text"] += nul
    else:
        conversations[0][field] += nul
    return json.dumps(conversations).encode()


# (file name, content with its NUL, the same without, the line named)
CASES = {
    "utf16_text": ("utf16.txt", lambda nul: TEXT.format(nul=nul).encode("utf-16"), 2),
    "utf16_whatsapp": ("wa.txt", lambda nul: WHATSAPP.format(nul=nul).encode("utf-16"), 3),
    "utf8_text_past_8k": (
        "long.txt",
        lambda nul: (LONG + TEXT.format(nul=nul)).encode(),
        len(LONG.splitlines()) + 2,
    ),
    "jsonl_escape": (
        "escaped.jsonl",
        lambda nul: (
            jsonl_line("L-1", "Agus", "Selamat pagi") + jsonl_line("L-2", "Agus", "Baik" + nul)
        ).encode(),
        2,
    ),
    "json_escape_in_text": ("turns.json", lambda nul: _json_with(nul, field="text"), None),
    "json_escape_in_channel": ("meta.json", lambda nul: _json_with(nul, field="channel"), None),
}


def _import(by, team, name: str, content: bytes) -> ImportBatch:
    good = services.UploadedFile(
        name="polite_en.txt", content=(DATA / "polite_en.txt").read_bytes()
    )
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="credit_card",
        files=[services.UploadedFile(name=name, content=content), good],
        by=by,
    )
    return services.import_batch_start(batch=batch)


@pytest.mark.parametrize("case", CASES)
def test_a_nul_character_is_refused_as_binary_data_on_its_line(team, lina, case):
    agent_user(team)
    name, content, line = CASES[case]
    # when a file with a NUL character is imported with a good file
    batch = _import(lina, team, name, content("\x00"))
    # then that file is rejected whole with the binary reason on the NUL's line (not an
    # internal error), and the good file is imported
    rejected = batch.files.get(name=name)
    assert rejected.status == ImportFile.Status.REJECTED
    [entry] = [e for e in batch.report if e["file"] == name]
    assert (entry["code"], entry["line"]) == ("engine_binary", line)
    with translation.override("en"):
        assert "binary" in reasons.import_reason(entry["code"], entry["params"])
    assert batch.imported_count == 1
    assert not Conversation.objects.exclude(batch=batch, external_id="polite_en").exists()
    assert not any("\x00" in turn["text"] for c in Conversation.objects.all() for turn in c.turns)


@pytest.mark.parametrize("case", CASES)
def test_the_same_file_without_the_nul_is_imported(team, lina, case):
    agent_user(team)
    name, content, _line = CASES[case]
    batch = _import(lina, team, name, content(""))
    assert batch.files.get(name=name).status == ImportFile.Status.IMPORTED
    assert batch.status == ImportBatch.Status.DONE
