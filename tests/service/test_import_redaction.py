"""Redaction on import covers what names the customer, not only what they said: a speaker that
is a phone number (a WhatsApp export from an unsaved contact) or an e-mail address, and a
conversation id holding one (secprobe5, F3). Pages, exports and the API then never show it."""

from __future__ import annotations

import json

import pytest

from karib.core.models import AuditEvent
from karib.service import services
from karib.service.models import Conversation, ImportFile

from .factories import agent_user, import_files

pytestmark = pytest.mark.django_db

PHONE, EMAIL, NIK = "+62 812-3456-7890", "budi.santoso@example.co.id", "3175062509900001"

WHATSAPP = (
    f"20/11/2026 09.15 - {PHONE}: Halo kak, kartu saya ditagih dua kali\n"
    "20/11/2026 09.16 - CS Agus: Baik kak, kami cek dulu ya. Terima kasih.\n"
    f"20/11/2026 09.17 - {PHONE}: Oke kak, makasih\n"
)
JSONL = (
    json.dumps(
        {
            "conversation_id": f"{EMAIL}-{NIK}",
            "turns": [
                {"speaker": "Agus", "role": "agent", "text": "Good morning, how can I help?"},
                {"speaker": EMAIL, "role": "customer", "text": "I was charged twice."},
                {"speaker": "Agus", "role": "agent", "text": "Sorted, have a good day."},
            ],
        }
    )
    + "\n"
)


def test_speakers_and_ids_holding_personal_data_are_redacted(team, lina, client_for):
    # given a team that redacts on import (the default) and its agent
    agus = agent_user(team)
    agus.profile.aliases = "CS Agus"
    agus.profile.save()
    # when a WhatsApp export and a JSONL file are imported
    import_files(lina, team, [("wa.txt", WHATSAPP.encode()), ("c.jsonl", JSONL.encode())])
    # then nothing stored names the phone, the address or the NIK
    stored = list(Conversation.objects.order_by("pk"))
    assert len(stored) == 2
    for conversation in stored:
        values = (
            json.dumps([conversation.external_id, conversation.customer_name, conversation.turns])
            + conversation.transcript_text
        )
        for secret in (PHONE, EMAIL, NIK):
            assert secret not in values
    whatsapp, jsonl = stored
    assert whatsapp.customer_name == "[phone]"
    assert "phone" in whatsapp.redacted_kinds
    assert "email" in jsonl.redacted_kinds
    assert jsonl.external_id.startswith("[email]")
    # and the pages and the export show none of it either
    detail = client_for(agus).get(f"/conversations/{whatsapp.pk}/").content.decode()
    export = b"".join(client_for(lina).get("/conversations/export.csv").streaming_content)
    for secret in (PHONE, EMAIL, NIK):
        assert secret not in detail
        assert secret not in export.decode()


def test_two_ids_redacted_alike_stay_apart(team, lina):
    # given two conversations whose ids differ only in the address
    lines = "".join(
        json.dumps(
            {
                "conversation_id": f"{address}-1",
                "turns": [
                    {"speaker": "Agus", "role": "agent", "text": "Hello, how can I help?"},
                    {"speaker": "Tan", "role": "customer", "text": f"Just checking {address[0]}."},
                ],
            }
        )
        + "\n"
        for address in ("a@example.com", "b@example.com")
    )
    # when imported
    import_files(lina, team, [("two.jsonl", lines.encode())])
    # then each keeps an id of its own
    ids = sorted(Conversation.objects.values_list("external_id", flat=True))
    assert len(set(ids)) == 2
    assert all(i.startswith("[email]") for i in ids)


def test_raw_speaker_names_go_once_the_mapping_is_answered(
    team, lina, django_capture_on_commit_callbacks
):
    # given a transcript whose speakers the engine cannot place, one a customer's phone
    transcript = f"Budi: Halo, selamat siang.\n{PHONE}: Siang, saya mau tanya tagihan.\n"
    batch = import_files(lina, team, [("chat.txt", transcript.encode())])
    pending = batch.files.get()
    # the importer is offered the names as written, to pick the agent
    assert pending.speakers == ["Budi", PHONE]
    # when the importer says Budi is the agent and the import runs
    with django_capture_on_commit_callbacks(execute=True):
        services.import_file_map_roles(import_file=pending, agent_speaker="Budi", by=lina)
    pending.refresh_from_db()
    # then the file is imported and keeps no raw speaker name
    assert pending.status == ImportFile.Status.IMPORTED
    assert pending.speakers == []
    assert Conversation.objects.get().customer_name == "[phone]"


def test_the_audit_log_names_a_mapped_speaker_redacted(team, lina):
    # given a file whose agent speaker is written as a phone number (an unsaved contact)
    transcript = f"{PHONE}: Halo, selamat siang.\nSinta: Siang, saya mau tanya tagihan.\n"
    pending = import_files(lina, team, [("chat.txt", transcript.encode())]).files.get()
    # when it is mapped as the agent
    services.import_file_map_roles(import_file=pending, agent_speaker=PHONE, by=lina)
    # then the audit event says the agent was mapped without the number
    summary = AuditEvent.objects.filter(summary__startswith="speakers mapped").get().summary
    assert PHONE not in summary
    assert "[phone]" in summary


def test_a_file_named_after_the_customer_is_stored_and_shown_without_the_number(
    team, lina, client_for
):
    # given two WhatsApp exports named, as WhatsApp names them, after unsaved contacts
    agus = agent_user(team)
    agus.profile.aliases = "CS Agus"
    agus.profile.save()
    other = "+62 813-9999-0000"
    files = [
        (f"WhatsApp Chat with {PHONE}.txt", WHATSAPP.encode()),
        (
            f"WhatsApp Chat with {other}.txt",
            WHATSAPP.replace(PHONE, other).replace("dua kali", "tiga kali").encode(),
        ),
    ]
    # when they are imported by a team that redacts (the default)
    batch = import_files(lina, team, files)
    # then no stored file name, report or page holds the numbers, each file keeps a name of
    # its own with its suffix, and both chats are imported
    names = list(ImportFile.objects.order_by("pk").values_list("name", flat=True))
    assert len(set(names)) == 2
    assert all(n.startswith("WhatsApp Chat with [phone] #") and n.endswith(".txt") for n in names)
    assert Conversation.objects.count() == 2
    page = client_for(lina).get(f"/conversations/import/{batch.pk}/").content.decode()
    for secret in (PHONE, other):
        assert secret not in json.dumps(names) + json.dumps(batch.report) + page
    # and the same file imported again is named alike (its conversations are found again)
    again = import_files(lina, team, files[:1])
    assert again.files.get().name == names[0]


def test_a_team_that_does_not_redact_keeps_the_file_name(team, lina):
    settings = services.settings_for_team(team.pk)
    settings.redact_on_import = False
    settings.save()
    import_files(lina, team, [(f"WhatsApp Chat with {PHONE}.txt", WHATSAPP.encode())])
    assert ImportFile.objects.get().name == f"WhatsApp Chat with {PHONE}.txt"


def test_the_files_own_agent_field_is_redacted_too(team, lina):
    # given a JSONL conversation whose "agent" field is a WhatsApp Business number
    line = json.loads(JSONL)
    line["agent"] = "0812 3456 7890"
    import_files(lina, team, [("c.jsonl", (json.dumps(line) + "\n").encode())])
    # then the stored agent name holds no number
    assert Conversation.objects.get().agent_name == "[phone]"
