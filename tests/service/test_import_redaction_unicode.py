"""Redaction on import, end to end, of the numbers that bypassed the engine's redaction
(secprobe11, F1): a NIK grouped with spaces or dashes (also after "NIK saya"), card numbers
split by NBSP or zero-width spaces, full-width digits, phones split by NBSP or zero-width
spaces. In JSONL, CSV and WhatsApp exports none of them is stored: not in the turns, the
transcript text, the speakers, the conversation id, the analysis, the file's rows, nor the
export."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from karib.service.models import Analysis, Conversation, Finding, ImportBatch, ImportFile

from .factories import agent_user, import_files

pytestmark = pytest.mark.django_db

NBSP, ZWSP = "\u00a0", "\u200b"
WIDE = str.maketrans({str(d): chr(0xFF10 + d) for d in range(10)} | {"+": "\uff0b"})
FORMS = {
    "nik-space": "3175 0625 0990 0004",
    "nik-dash": "3175-0625-0990-0004",
    "nik-word": "NIK saya adalah 3271 0141 0790 0001",
    "nik-wide": "3175062509900004".translate(WIDE),
    "card-nbsp": f"4000{NBSP}0000{NBSP}0000{NBSP}0002",
    "card-zw": f"4111{ZWSP}1111{ZWSP}1111{ZWSP}1111",
    "card-zw-one": f"5{ZWSP}555555555554444",
    "card-wide": "3782 822463 10005".translate(WIDE),
    "phone-zw": f"0812{ZWSP}3456{ZWSP}7890",
    "phone-nbsp": f"08{NBSP}1398{NBSP}7654{NBSP}321",
    "phone-wide": "+62 857-1234-5678".translate(WIDE),
}
# The planted numbers' digits: none may be stored, however its separators are read.
SECRETS = (
    "3175062509900004",
    "3271014107900001",
    "4000000000000002",
    "4111111111111111",
    "5555555555554444",
    "378282246310005",
    "81234567890",
    "81398765432",
    "85712345678",
)


def _digits_only(value: str) -> str:
    """Every digit as ASCII, every separator (spaces, dots, dashes, invisible marks) removed."""
    ascii_digits = "".join(
        str(unicodedata.decimal(c)) if unicodedata.category(c) == "Nd" else c for c in value
    )
    plain = unicodedata.normalize("NFKC", ascii_digits)
    return "".join(
        c for c in plain if not (c.isspace() or c in ".-" or unicodedata.category(c) in "CfPd")
    )


def _assert_no_secret(where: str, value: str) -> None:
    flat = _digits_only(value)
    for secret in SECRETS:
        assert secret not in flat, f"{secret} stored in {where}: {value[:300]!r}"


def _row_values(row: object) -> str:
    """Every column of a row as text (bytes decoded: an upload's content, if kept)."""
    values = {}
    for field in type(row)._meta.concrete_fields:  # type: ignore[attr-defined]
        value = getattr(row, field.attname)
        if isinstance(value, bytes | memoryview):
            value = bytes(value).decode("utf-8", "replace")
        values[field.attname] = value
    return json.dumps(values, default=str, ensure_ascii=False)


def _jsonl(agent: str) -> bytes:
    lines = ""
    for key, form in FORMS.items():
        turns = [
            {"speaker": agent, "role": "agent", "text": "Selamat pagi, ada yang bisa dibantu?"},
            {"speaker": "Tan", "role": "customer", "text": f"ini {form} ya"},
            {"speaker": agent, "role": "agent", "text": "Baik, terima kasih."},
        ]
        lines += json.dumps({"conversation_id": f"j-{key}", "turns": turns}) + "\n"
    # a customer named by a number split by NBSP, and an id holding a dashed NIK
    turns = [
        {"speaker": agent, "role": "agent", "text": "Halo, ada yang bisa dibantu?"},
        {"speaker": FORMS["phone-nbsp"], "role": "customer", "text": "Tagihan saya dobel."},
    ]
    lines += json.dumps({"conversation_id": f"j-{FORMS['nik-dash']}", "turns": turns}) + "\n"
    return lines.encode()


def _csv(agent: str) -> bytes:
    rows = "".join(
        f"c-{key},{agent},agent,Halo kak\nc-{key},Tan,customer,ini {form} ya\n"
        for key, form in FORMS.items()
    )
    return ("conversation_id,speaker,role,text\n" + rows).encode()


def _whatsapp() -> bytes:
    """A chat with an unsaved contact: the customer is named by a number split by NBSP."""
    customer = FORMS["phone-nbsp"]
    lines = "20/11/2026 09.00 - CS Agus: Selamat pagi, ada yang bisa dibantu?\n"
    for minute, form in enumerate(FORMS.values(), start=1):
        lines += f"20/11/2026 09.{minute:02d} - {customer}: ini {form} ya\n"
    lines += "20/11/2026 09.31 - CS Agus: Baik kak, terima kasih.\n"
    return lines.encode()


def test_no_bypass_form_survives_an_import_in_any_format(team, lina, client_for):
    # given a team that redacts on import (the default) and its agent
    agus = agent_user(team)
    agus.profile.aliases = "CS Agus"
    agus.profile.save()
    files = [
        ("a.jsonl", _jsonl(agus.username)),
        ("b.csv", _csv(agus.username)),
        ("w.txt", _whatsapp()),
    ]
    # when each format is imported
    batch = import_files(lina, team, files)
    # then every file is imported, each form in a conversation of its own
    assert sorted(ImportFile.objects.values_list("status", flat=True)) == ["imported"] * 3
    stored = list(Conversation.objects.all())
    # (forms redacted alike are duplicates of one another once redacted: skipped, not stored)
    assert sum(ImportFile.objects.values_list("imported_count", flat=True)) == len(stored)
    kinds = {kind for c in stored for kind in c.redacted_kinds}
    assert kinds == {"nik", "card", "phone"}
    # and no planted number is stored in a conversation, its analysis or its findings
    for c in stored:
        for field in ("external_id", "agent_name", "customer_name", "transcript_text"):
            _assert_no_secret(f"{c.external_id} {field}", getattr(c, field))
        _assert_no_secret(f"{c.external_id} turns", json.dumps(c.turns, ensure_ascii=False))
        assert not re.search(r"[0-9]{13,}", _digits_only(c.transcript_text))
    for analysis in Analysis.objects.all():
        _assert_no_secret("analysis", json.dumps([analysis.summary, analysis.turns]))
    for finding in Finding.objects.all():
        _assert_no_secret("finding", json.dumps([finding.evidence, finding.params]))
    # nor in the file rows or the batch (the file names are ours and hold no number)
    for import_file in ImportFile.objects.all():
        _assert_no_secret(f"file {import_file.name}", _row_values(import_file))
    _assert_no_secret("batch", _row_values(ImportBatch.objects.get(pk=batch.pk)))
    # nor in the export
    export = b"".join(client_for(lina).get("/conversations/export.csv").streaming_content)
    _assert_no_secret("export", export.decode())


def test_each_form_carries_a_planted_number():
    """The check above is not vacuous: each form holds one of the secrets it looks for."""
    for form in FORMS.values():
        assert any(secret in _digits_only(form) for secret in SECRETS), form
