"""Import: every format, broken and duplicate files, role mapping, the background path."""

from __future__ import annotations

import pytest
from django.utils import translation

from karib import tone
from karib.core.errors import DomainError
from karib.core.models import AuditEvent
from karib.service import reasons, services
from karib.service.imports import pipeline
from karib.service.models import Conversation, ImportBatch, ImportFile

from .factories import DATA, agent_user, service_team

pytestmark = pytest.mark.django_db


def _import(by, team, *names: str, content: dict[str, bytes] | None = None) -> ImportBatch:
    files = [
        services.UploadedFile(
            name=name, content=(content or {}).get(name) or (DATA / name).read_bytes()
        )
        for name in names
    ]
    batch = services.import_batch_create(
        team=team, channel="phone", product="credit_card", files=files, by=by
    )
    return services.import_batch_start(batch=batch)


@pytest.fixture
def agus(team):
    user = agent_user(team)
    user.profile.aliases = "CS Agus, Agent Agus"
    user.profile.save()
    return user


@pytest.mark.parametrize(
    ("name", "expected_ids"),
    [
        ("pushy_id.txt", ["pushy_id"]),
        ("whatsapp_chat.txt", ["whatsapp_chat"]),
        ("two.json", ["J-1", "J-2"]),
        ("three.jsonl", ["L-1", "L-2", "L-3"]),
        ("two.csv", ["C-1", "C-2"]),
    ],
)
def test_import_reads_every_format_and_links_the_agent(team, agus, lina, name, expected_ids):
    # given a reviewer of the team and a file in one of the formats
    # when she imports it
    batch = _import(lina, team, name)

    # then every conversation is stored, analysed and linked to the agent by name or alias
    assert batch.status == ImportBatch.Status.DONE
    assert batch.imported_count == len(expected_ids)
    conversations = Conversation.objects.filter(batch=batch).order_by("external_id")
    assert [c.external_id for c in conversations] == sorted(expected_ids)
    for conversation in conversations:
        assert conversation.agent == agus
        assert conversation.analysis.engine_version == tone.ENGINE_VERSION
        assert conversation.imported_by == lina


def test_json_metadata_sets_channel_product_and_start(team, agus, lina):
    # when a JSON file carries channel, product and started_at per conversation
    _import(lina, team, "two.json")

    # then they are used instead of the upload's defaults
    conversation = Conversation.objects.get(external_id="J-1")
    assert (conversation.channel, conversation.product) == ("chat", "loan")
    assert conversation.started_at.isoformat() == "2026-11-18T03:00:00+00:00"


def test_reimporting_the_same_file_skips_duplicates_and_reports_them(team, agus, lina):
    # given a file imported once
    _import(lina, team, "three.jsonl")

    # when it is imported again, together with a copy of itself
    again = _import(
        lina,
        team,
        "three.jsonl",
        "copy.jsonl",
        content={"copy.jsonl": (DATA / "three.jsonl").read_bytes()},
    )

    # then nothing is duplicated and each skipped conversation is reported
    assert Conversation.objects.count() == 3
    assert again.imported_count == 0
    assert again.duplicate_count == 6
    reasons = {(entry["file"], entry["conversation_id"]) for entry in again.report}
    assert ("three.jsonl", "L-2") in reasons
    assert ("copy.jsonl", "L-3") in reasons


def test_broken_jsonl_file_is_rejected_whole_with_file_and_line(team, agus, lina):
    # given a JSONL file whose second line is malformed, uploaded with a good file
    batch = _import(lina, team, "broken.jsonl", "polite_en.txt")

    # then the broken file stores nothing (not even its good first line) ...
    assert not Conversation.objects.filter(external_id__startswith="B-").exists()
    broken = batch.files.get(name="broken.jsonl")
    assert broken.status == ImportFile.Status.REJECTED
    # ... the report names the file and the line, and the good file is imported
    entry = next(e for e in batch.report if e["file"] == "broken.jsonl")
    assert entry["line"] == 2
    assert entry["code"] == "engine_json"
    assert batch.imported_count == 1
    assert batch.failed_count == 1


@pytest.mark.parametrize(
    ("name", "content", "line", "code", "words"),
    [
        ("broken.csv", None, 3, "engine_csv_row", "fields"),
        ("empty.txt", b"   \n", None, "engine_empty", "empty"),
        ("binary.txt", b"\x00\x01\x02PK", None, "engine_binary", "binary"),
        ("latin1.txt", "Agus: café\n".encode("latin-1"), 1, "engine_encoding", "UTF-8"),
        ("noise.txt", b"just some words\nwithout speakers\n", 1, "engine_text_line", "SPEAKER"),
    ],
)
def test_bad_files_are_rejected_with_a_clear_reason(
    team, agus, lina, name, content, line, code, words
):
    # when a bad file is imported
    batch = _import(lina, team, name, content={name: content} if content else None)

    # then the batch fails cleanly, with the reason and the line where known
    assert batch.status == ImportBatch.Status.FAILED
    assert Conversation.objects.count() == 0
    [entry] = batch.report
    assert (entry["file"], entry["line"], entry["code"]) == (name, line, code)
    # and the reason is worded for the reader, never the engine's own sentence
    with translation.override("en"):
        assert words in reasons.import_reason(entry["code"], entry["params"])


def test_ambiguous_speakers_ask_for_a_mapping_then_import(
    team, agus, lina, django_capture_on_commit_callbacks
):
    # given a transcript where neither speaker is recognisably the agent
    batch = _import(lina, team, "ambiguous.txt")
    pending = batch.files.get()
    assert batch.status == ImportBatch.Status.NEEDS_ROLES
    assert pending.speakers == ["Budi", "Sinta"]
    assert Conversation.objects.count() == 0

    # when the reviewer says Budi is the agent
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = services.import_file_map_roles(import_file=pending, agent_speaker="Budi", by=lina)

    # then nothing is imported inside the request: the file waits for the background task
    assert batch.status == ImportBatch.Status.PENDING
    assert batch.files.get().status == ImportFile.Status.PENDING
    assert Conversation.objects.count() == 0
    assert len(callbacks) == 1

    # when the task runs after the commit
    callbacks[0]()
    batch.refresh_from_db()

    # then the file is imported with Budi as agent (not a known user: reported, not assigned)
    assert batch.status == ImportBatch.Status.DONE
    conversation = Conversation.objects.get()
    assert conversation.agent_name == "Budi"
    assert conversation.agent is None
    assert [t["role"] for t in conversation.turns] == ["agent", "customer", "agent"]
    assert {"code": "agent_unmatched", "name": "Budi"} in [
        {"code": e["code"], **e["params"]} for e in batch.report
    ]


def test_role_mapping_rejects_a_speaker_not_in_the_file(team, lina):
    batch = _import(lina, team, "ambiguous.txt")
    with pytest.raises(DomainError):
        services.import_file_map_roles(import_file=batch.files.get(), agent_speaker="Eve", by=lina)
    assert batch.files.get().status == ImportFile.Status.NEEDS_ROLES


def test_large_import_runs_as_background_task_with_progress(
    team, agus, lina, monkeypatch, django_capture_on_commit_callbacks
):
    # given uploads above the inline limit go to the background task
    monkeypatch.setattr(pipeline, "INLINE_IMPORT_MAX_BYTES", 10)
    monkeypatch.setattr(pipeline, "PROGRESS_EVERY", 1)
    files = [services.UploadedFile("three.jsonl", (DATA / "three.jsonl").read_bytes())]
    batch = services.import_batch_create(
        team=team, channel="chat", product="loan", files=files, by=lina
    )

    # when it is started, nothing is imported until the task runs after the commit
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        started = services.import_batch_start(batch=batch)
    assert started.status == ImportBatch.Status.PENDING
    assert Conversation.objects.count() == 0
    for callback in callbacks:
        callback()  # the ImmediateBackend runs the task now

    # then the task imported everything and stored its progress
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.files_done, batch.files_total, batch.imported_count) == (1, 1, 3)
    assert batch.percent == 100


def test_only_reviewers_managers_and_admins_import(team, agus):
    with pytest.raises(DomainError):
        _import(agus, team, "pushy_id.txt")
    assert ImportBatch.objects.count() == 0


def test_reviewer_cannot_import_into_another_team(team, lina):
    other = service_team("Loans")
    with pytest.raises(DomainError):
        _import(lina, other, "pushy_id.txt")
    assert ImportBatch.objects.count() == 0


def test_import_is_audited(team, agus, lina):
    batch = _import(lina, team, "pushy_id.txt")
    assert AuditEvent.objects.filter(object_id=str(batch.pk), action="create", actor=lina).exists()


def test_an_unexpected_error_rejects_the_file_and_finishes_the_batch(
    team, agus, lina, monkeypatch, caplog
):
    # given the engine fails unexpectedly on one file
    original = tone.parse

    def flaky(content, **kwargs):
        if kwargs.get("name") == "two.json":
            raise RuntimeError("engine crashed")
        return original(content, **kwargs)

    monkeypatch.setattr(tone, "parse", flaky)

    # when a batch with that file and a good one runs
    batch = _import(lina, team, "two.json", "pushy_id.txt")

    # then the batch finishes, the bad file is rejected with a generic reason naming it (the
    # exception text goes to the log, never to the user), the good one is imported
    assert batch.status == ImportBatch.Status.DONE
    assert batch.files.get(name="two.json").status == ImportFile.Status.REJECTED
    [entry] = [e for e in batch.report if e["file"] == "two.json"]
    assert (entry["code"], entry["params"]) == ("internal_error", {"file": "two.json"})
    with translation.override("en"):
        shown = reasons.import_reason(entry["code"], entry["params"])
    assert shown.startswith("two.json could not be imported because of an internal error")
    assert "engine crashed" not in shown
    assert batch.files.get(name="two.json").error_code == "internal_error"
    assert "engine crashed" in caplog.text
    assert Conversation.objects.count() == 1
