"""Bulk import: the file read as a stream and stored in chunks, the analysis in worker
processes with the same results as in one process, the upload kept in the file storage until
imported; WhatsApp exports with the team's agents and an asked date order."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from karib.service import services
from karib.service.imports import pipeline, rows
from karib.service.models import Analysis, Conversation, Finding, ImportBatch, ImportFile

from .factories import JAKARTA, agent_user, import_files

pytestmark = pytest.mark.django_db

REFUSALS = [
    "Tidak, terima kasih. Saya tetap mau tutup.",
    "No thanks, please close it.",
    "Saya sudah yakin, tolong ditutup saja.",
]
OFFERS = [
    "Kalau Bapak berkenan, kami bisa bebaskan iuran tahunan untuk tahun ini.",
    "We can give you a 30% cashback for three months.",
    "Upgrade ke kartu platinum gratis, pikirkan lagi.",
]


def _conversation(number: int, channel: str = "chat") -> dict[str, object]:
    """A varied conversation (polite or pushy, Indonesian or English), by its number."""
    turns = [
        {"speaker": "Agus", "role": "agent", "text": f"Selamat pagi, dengan Agus ({number})."},
        {"speaker": "Nasabah", "role": "customer", "text": f"Saya mau tutup kartu {number}."},
        {"speaker": "Agus", "role": "agent", "text": OFFERS[number % 3]},
        {"speaker": "Nasabah", "role": "customer", "text": REFUSALS[number % 3]},
    ]
    if number % 2:
        turns.append({"speaker": "Agus", "role": "agent", "text": OFFERS[(number + 1) % 3]})
    turns.append({"speaker": "Agus", "role": "agent", "text": "Baik, terima kasih."})
    return {"conversation_id": f"B-{number:03d}", "channel": channel, "turns": turns}


def _jsonl(conversations: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in conversations).encode()


def _stored_rows() -> list[tuple[object, ...]]:
    """Everything an import stored, by conversation, without ids and times."""
    rows = []
    for conversation in Conversation.objects.order_by("external_id"):
        analysis = Analysis.objects.get(conversation=conversation)
        findings = list(
            Finding.objects.filter(conversation=conversation)
            .order_by("position")
            .values_list("code", "severity", "turns", "evidence", "params", "confidence")
        )
        rows.append(
            (
                conversation.external_id,
                conversation.content_hash,
                conversation.turns,
                conversation.transcript_text,
                conversation.agent_id,
                conversation.channel,
                analysis.summary,
                analysis.turns,
                analysis.score,
                analysis.risk,
                analysis.breaks_playbook,
                findings,
            )
        )
    return rows


def test_the_worker_pool_stores_exactly_what_one_process_stores(team, lina, monkeypatch, settings):
    # given a file of varied conversations and the team's agent
    agent_user(team)
    content = _jsonl([_conversation(n) for n in range(40)])
    monkeypatch.setattr(pipeline, "ANALYSIS_CHUNK", 7)
    monkeypatch.setattr(pipeline, "BULK_SIZE", 9)

    # when it is imported in this process ...
    settings.KARIB_IMPORT_PROCESSES = 1
    in_process = import_files(lina, team, [("b.jsonl", content)])
    alone = _stored_rows()
    Conversation.objects.all().delete()

    # ... and again with two worker processes (the pool taken for any file size)
    settings.KARIB_IMPORT_PROCESSES = 2
    monkeypatch.setattr(pipeline, "POOL_MIN_BYTES", 0)
    started: list[int] = []
    pool_class = pipeline.AnalysisPool

    def counted(processes: int) -> pipeline.AnalysisPool:
        started.append(processes)
        return pool_class(processes)

    monkeypatch.setattr(pipeline, "AnalysisPool", counted)
    pooled = import_files(lina, team, [("b.jsonl", content)])

    # then the pool ran, and every row is the same as in one process
    assert started == [2]
    assert in_process.imported_count == pooled.imported_count == 40
    assert len(alone) == 40
    assert _stored_rows() == alone
    assert Finding.objects.exists()


def test_a_file_is_stored_chunk_by_chunk_with_duplicates_across_chunks_skipped(
    team, lina, monkeypatch
):
    # given chunks of 2 conversations and a file repeating its first conversation at the end
    agent_user(team)
    monkeypatch.setattr(pipeline, "ANALYSIS_CHUNK", 2)
    monkeypatch.setattr(pipeline, "BULK_SIZE", 2)
    conversations = [_conversation(n, channel=("chat", "email")[n % 2]) for n in range(7)]
    again = {**conversations[0], "conversation_id": "B-again"}

    # when it is imported
    batch = import_files(lina, team, [("c.jsonl", _jsonl([*conversations, again]))])

    # then the seven are stored, each with the channel of its own line, the repeat reported
    assert (batch.imported_count, batch.duplicate_count) == (7, 1)
    channels = dict(Conversation.objects.values_list("external_id", "channel"))
    assert channels == {f"B-{n:03d}": ("chat", "email")[n % 2] for n in range(7)}
    assert [(e["conversation_id"], e["code"], e["line"]) for e in batch.report] == [
        ("B-again", "duplicate", 8)
    ]
    assert Analysis.objects.count() == 7


def test_a_database_error_in_a_later_chunk_stores_nothing_of_the_file(team, lina, monkeypatch):
    # given the third bulk insert of conversations fails
    agent_user(team)
    monkeypatch.setattr(pipeline, "BULK_SIZE", 2)
    original = rows.conversations_insert
    calls = {"n": 0}

    def failing(connection, values):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return original(connection, values)

    monkeypatch.setattr(rows, "conversations_insert", failing)

    # when a file of six conversations is imported
    batch = import_files(lina, team, [("d.jsonl", _jsonl([_conversation(n) for n in range(6)]))])

    # then the file is rejected whole: the first chunks are rolled back too
    assert batch.files.get().status == ImportFile.Status.REJECTED
    assert not Conversation.objects.exists()
    assert not Analysis.objects.exists()


def test_the_upload_waits_in_the_file_storage_and_is_dropped_once_imported(team, lina):
    # given an upload stored but not yet imported
    agent_user(team)
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="loan",
        files=[services.UploadedFile("e.jsonl", _jsonl([_conversation(1)]))],
        by=lina,
    )
    import_file = batch.files.get()
    name = import_file.upload.name
    assert default_storage.exists(name)
    assert bytes(import_file.content) == b""  # not in the database row

    # when it is imported
    services.import_batch_start(batch=batch)

    # then its bytes are gone from the storage
    assert batch.files.get().status == ImportFile.Status.IMPORTED
    assert not default_storage.exists(name)


AMBIGUOUS_WHATSAPP = b"""03/04/2026 09.15 - Budi: Halo, saya mau tutup kartu kredit saya
03/04/2026 09.16 - Sinta: Baik Bapak, boleh tahu alasannya?
03/04/2026 09.17 - Budi: Sudah tidak dipakai
05/04/2026 09.18 - Sinta: Baik, kartu sudah kami tutup. Terima kasih, selamat beraktivitas.
"""


@pytest.fixture
def sinta(team):
    return agent_user(team, username="sinta", first_name="Sinta")


def test_whatsapp_dates_that_read_both_ways_are_asked_not_guessed(team, lina, sinta):
    # when a WhatsApp export whose dates read day-first and month-first is imported
    batch = import_files(lina, team, [("wa.txt", AMBIGUOUS_WHATSAPP)])

    # then nothing is stored; the file waits for the date order in the mapping step
    import_file = batch.files.get()
    assert import_file.status == ImportFile.Status.NEEDS_DATE_ORDER
    assert import_file.error_params == {"example": "03/04/2026"}
    assert batch.status == ImportBatch.Status.NEEDS_ROLES
    assert not Conversation.objects.exists()


def test_the_chosen_date_order_is_stored_and_used_and_team_agents_are_known(
    team, lina, sinta, client_for, django_capture_on_commit_callbacks
):
    # given an import waiting for the date order of a WhatsApp export
    batch = import_files(lina, team, [("wa.txt", AMBIGUOUS_WHATSAPP)])
    import_file = batch.files.get()
    client = client_for(lina)
    url = reverse("service:import-map-roles", args=[batch.pk, import_file.pk])

    # the page asks for it, with the file's example
    page = client.get(reverse("service:import-detail", args=[batch.pk])).content.decode()
    assert f'id="mapping-{import_file.pk}"' in page
    assert "03/04/2026" in page
    assert f'name="file{import_file.pk}-date_order" value="mdy"' in page

    # an answer that is not an order is refused next to the field, nothing changes
    refused = client.post(url, {f"file{import_file.pk}-date_order": "ymd"})
    assert refused.status_code == 422
    assert batch.files.get().status == ImportFile.Status.NEEDS_DATE_ORDER

    # when the reviewer says month first
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {f"file{import_file.pk}-date_order": "mdy"})

    # then the choice is stored with the file and the file imported with it: 3 April is read
    # as 4 March, and Sinta (a team agent, unknown to the engine by role) is the agent
    assert response.status_code == 302
    import_file.refresh_from_db()
    assert (import_file.status, import_file.date_order) == (ImportFile.Status.IMPORTED, "mdy")
    conversation = Conversation.objects.get()
    assert conversation.started_at == datetime.datetime(2026, 3, 4, 9, 15, tzinfo=JAKARTA)
    assert (conversation.agent, conversation.customer_name) == (sinta, "Budi")


def test_the_api_chooses_the_date_order_too(
    team, lina, sinta, client_for, django_capture_on_commit_callbacks
):
    # given an import waiting for the date order, seen through the API
    batch = import_files(lina, team, [("wa.txt", AMBIGUOUS_WHATSAPP)])
    client = client_for(lina)
    body = client.get(f"/api/conversations/imports/{batch.pk}").json()
    [waiting] = body["files"]
    assert waiting["status"] == "needs_dates"
    assert waiting["error"]  # the reason it waits, worded (not a blank)
    url = f"/api/conversations/imports/{batch.pk}/files/{waiting['id']}/date-order"

    # an unknown order is a 422 naming the field; a user outside the team gets a 404
    bad = client.post(url, {"date_order": "ymd"}, content_type="application/json")
    assert bad.status_code == 422
    other = client_for(agent_user(team, username="omar", first_name="Omar"))
    outside = other.post(url, {"date_order": "dmy"}, content_type="application/json")
    assert outside.status_code == 404
    assert batch.files.get().status == ImportFile.Status.NEEDS_DATE_ORDER

    # when the reviewer chooses day first (the import runs after the commit)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"date_order": "dmy"}, content_type="application/json")

    # then the file is imported with 3 April read as 3 April
    assert response.status_code == 200
    assert client.get(f"/api/conversations/imports/{batch.pk}").json()["status"] == "done"
    conversation = Conversation.objects.get()
    assert conversation.started_at == datetime.datetime(2026, 4, 3, 9, 15, tzinfo=JAKARTA)
    assert batch.files.get().date_order == "dmy"
