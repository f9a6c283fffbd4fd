"""The import's bulk rows: JSONL read by the workers as the engine reads it, the rows the same
as a re-analysis stores, JSON columns stored as JSON, the people linked as customers marked
for their relationship health to be recomputed."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from karib import tone
from karib.health.models import HealthDirtyPerson
from karib.service import reasons
from karib.service.analysis import conversation_analyse
from karib.service.imports import pipeline, rows
from karib.service.models import Analysis, Conversation, Finding, ImportBatch, ImportFile
from tests.factories import OrganizationFactory, PersonFactory

from .factories import DATA, agent_user, import_files, jsonl_line

pytestmark = pytest.mark.django_db

GOOD = jsonl_line("J-1", "Agus", "Selamat pagi, ada yang bisa saya bantu?").encode()
GOOD_2 = jsonl_line("J-2", "Agus", "Baik, terima kasih.").encode()


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (GOOD + b'{"conversation_id": "J-2", "turns": [\n', 2),  # malformed JSON
        (GOOD + b"\n\n" + GOOD.replace(b'"ok"', b'"\x00"'), 4),  # NUL bytes, after blank lines
        (GOOD + "caf\u00e9\n".encode("latin-1"), 2),  # not UTF-8
        (GOOD + b'{"conversation_id": "J-2"}\n', 2),  # no turns
        (GOOD + GOOD_2 + GOOD_2.replace(b"terima", b"makasih"), 3),  # J-2 twice
        (b"", None),  # empty
    ],
)
def test_a_bad_jsonl_line_is_rejected_as_the_engine_reads_it(team, lina, tmp_path, content, line):
    # given a JSONL file with a bad line, and what the engine says reading it
    agent_user(team)
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    engine_error = next(
        item
        for item in tone.iter_conversations(path, name="bad.jsonl")
        if isinstance(item, tone.ToneInputError)
    )

    # when it is imported (its lines parsed by the analysis, not by the engine's reader)
    batch = import_files(lina, team, [("bad.jsonl", content)])

    # then it is rejected for the same reason and line, nothing stored
    [entry] = batch.report
    assert (entry["code"], entry["line"]) == (reasons.engine_error_reason(engine_error)[0], line)
    assert engine_error.line == line
    assert batch.files.get().status == ImportFile.Status.REJECTED
    assert not Conversation.objects.exists()


def test_blank_lines_and_a_bom_are_read_as_the_engine_reads_them(team, lina):
    # given a JSONL file starting with a byte order mark, with blank lines between
    agent_user(team)
    content = b"\xef\xbb\xbf" + GOOD + b"\n   \n" + GOOD_2

    # when it is imported
    batch = import_files(lina, team, [("bom.jsonl", content)])

    # then both conversations are stored, each with its own line
    assert batch.imported_count == 2
    assert batch.files.get().status == ImportFile.Status.IMPORTED
    lines = {c.external_id: c.turns for c in Conversation.objects.all()}
    assert set(lines) == {"J-1", "J-2"}


def test_jsonl_speakers_the_engine_cannot_place_are_asked_for(team, lina):
    # given a JSONL conversation without roles between two unknown speakers
    turns = [
        {"speaker": "Budi", "text": "Halo, saya mau tutup kartu."},
        {"speaker": "Sinta", "text": "Baik, boleh tahu alasannya?"},
    ]
    content = json.dumps({"conversation_id": "R-1", "turns": turns}).encode() + b"\n"

    # when it is imported
    batch = import_files(lina, team, [("roles.jsonl", content)])

    # then the file waits for the speakers to be mapped
    assert batch.status == ImportBatch.Status.NEEDS_ROLES
    assert batch.files.get().speakers == ["Budi", "Sinta"]


def _stored(conversation: Conversation) -> tuple[object, ...]:
    analysis = Analysis.objects.get(conversation=conversation)
    findings = list(
        Finding.objects.filter(conversation=conversation)
        .order_by("position")
        .values_list("code", "severity", "turns", "evidence", "params", "confidence", "position")
    )
    return (
        analysis.engine_version,
        analysis.language,
        analysis.summary,
        analysis.turns,
        analysis.score,
        analysis.risk,
        analysis.tone_shift,
        analysis.pushes_after_refusal,
        analysis.customer_cut_off,
        analysis.breaks_playbook,
        findings,
    )


PUSHY_TURNS = [
    ("agent", "Selamat pagi, dengan Agus. Ada yang bisa saya bantu?"),
    ("customer", "Saya mau tutup kartu kredit saya."),
    ("agent", "Kalau Bapak berkenan, kami bisa bebaskan iuran tahunan untuk tahun ini."),
    ("customer", "Tidak, terima kasih. Saya tetap mau tutup."),
    ("agent", "Kami juga bisa kasih cashback 10% untuk transaksi bulan depan."),
    ("customer", "Tidak. Tutup saja."),
    ("agent", "Upgrade ke kartu platinum gratis, pikirkan lagi."),
    ("customer", "Tidak."),
    ("agent", "Ya sudah, terserah."),
]


def _pushy() -> bytes:
    turns = [
        {"speaker": "Agus" if role == "agent" else "Nasabah", "role": role, "text": text}
        for role, text in PUSHY_TURNS
    ]
    return json.dumps({"conversation_id": "P-1", "turns": turns}).encode() + b"\n"


def test_imported_rows_are_what_a_reanalysis_stores(team, lina):
    # given conversations imported in bulk, one breaking the playbook
    agent_user(team)
    content = (DATA / "three.jsonl").read_bytes() + _pushy()
    batch = import_files(lina, team, [("four.jsonl", content)])
    assert batch.imported_count == 4
    imported = {c.pk: _stored(c) for c in Conversation.objects.all()}
    assert any(row[9] for row in imported.values())  # a playbook breach among them

    # when each is analysed again, one by one through the models
    for conversation in Conversation.objects.all():
        conversation_analyse(conversation=conversation, force=True)

    # then every value is the same
    assert {c.pk: _stored(c) for c in Conversation.objects.all()} == imported


def test_json_columns_are_stored_as_json_and_queried_as_json(team, lina):
    # when a file is imported
    agent_user(team)
    import_files(lina, team, [("three.jsonl", (DATA / "three.jsonl").read_bytes())])

    # then the JSON columns hold JSON (lists and objects), which JSON lookups read
    conversation = Conversation.objects.get(external_id="L-1")
    assert isinstance(conversation.turns, list)
    assert isinstance(conversation.redacted_kinds, list)
    analysis = conversation.analysis
    assert isinstance(analysis.summary, dict)
    assert isinstance(analysis.turns, list)
    assert Analysis.objects.filter(summary__score=analysis.summary["score"]).exists()
    assert Conversation.objects.filter(turns__0__speaker="Agus").count() == 3
    assert all(isinstance(f.params, dict) for f in Finding.objects.all())


def test_the_rows_name_every_column_of_their_tables():
    # then a column added to a model is not silently left to its default by the import
    for model, columns in (
        (Conversation, rows.CONVERSATION_COLUMNS),
        (Analysis, rows.ANALYSIS_COLUMNS),
        (Finding, rows.FINDING_COLUMNS),
    ):
        fields = {f.attname for f in model._meta.concrete_fields if not f.primary_key}
        assert set(columns) == fields, model


def _person(lina, name):
    return PersonFactory(full_name=name, owner=lina, organization=OrganizationFactory(owner=lina))


def test_people_linked_as_customers_are_marked_for_health_in_one_write(team, lina):
    # given two people the importer sees, named as customers in a file, and nobody marked
    agent_user(team)
    tan, siti = _person(lina, "Mr Tan"), _person(lina, "Siti Rahma")
    _person(lina, "Nobody Named")
    HealthDirtyPerson.objects.all().delete()
    lines = [
        jsonl_line(f"H-{n}", "Agus", f"Selamat pagi ({n}).", customer=name)
        for n, name in enumerate(["Mr Tan", "Siti Rahma", "Mr Tan", "Somebody Else"])
    ]

    # when the file is imported
    with CaptureQueriesContext(connection) as queries:
        batch = import_files(lina, team, [("h.jsonl", "".join(lines).encode())])

    # then the conversations link them and exactly they are marked, in one query
    assert batch.imported_count == 4
    assert set(Conversation.objects.exclude(customer=None).values_list("customer_id", flat=True))
    assert set(HealthDirtyPerson.objects.values_list("person_id", flat=True)) == {tan.pk, siti.pk}
    marking = [q for q in queries.captured_queries if "healthdirtyperson" in q["sql"].lower()]
    assert len(marking) == 1


def test_a_rejected_file_marks_nobody(team, lina, monkeypatch):
    # given a person named as a customer, and the store failing after the rows are written
    agent_user(team)
    _person(lina, "Mr Tan")
    HealthDirtyPerson.objects.all().delete()
    original = pipeline.health_mark_dirty

    def failing(person_ids):
        original(person_ids)
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "health_mark_dirty", failing)

    # when the file is imported
    batch = import_files(lina, team, [("t.jsonl", jsonl_line("T-1", "Agus", "Halo").encode())])

    # then the file is rejected whole, the marker rolled back with it
    assert batch.files.get().status == ImportFile.Status.REJECTED
    assert not Conversation.objects.exists()
    assert not HealthDirtyPerson.objects.exists()
