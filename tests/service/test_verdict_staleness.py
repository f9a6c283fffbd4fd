"""A verdict stays tied to what the reviewer saw: a re-analysis (a newer engine) that moves a
reviewed finding to other turns, or drops it, neither re-labels the verdict export nor lets the
old verdict judge the new evidence; the reviewer's page says the review is on an earlier
analysis (secprobe6 F5)."""

from __future__ import annotations

import csv
import io
import json
import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from karib import tone
from karib.core.errors import DomainError
from karib.service import selectors, services
from karib.service.models import Analysis, Conversation, Finding, Review
from karib.service.selectors import Period
from tests.migration_support import migrate_to

from .factories import PUSHY_ID, agent_user, conversation_from_text, days_ago, reviewer_user

pytestmark = pytest.mark.django_db

OLD_ENGINE = "2.5.0"


def _as_older_engine(conversation: Conversation, **turns: list[int]) -> None:
    """Make the stored analysis look like an older engine's, its findings at `turns`."""
    Analysis.objects.filter(conversation=conversation).update(engine_version=OLD_ENGINE)
    for code, at in turns.items():
        updated = Finding.objects.filter(conversation=conversation, code=code).update(turns=at)
        if not updated:
            Finding.objects.create(conversation=conversation, code=code, severity="low", turns=at)


def _rows(user) -> list[selectors.VerdictRow]:
    return list(selectors.verdict_rows(user=user))


@pytest.fixture
def reviewed(team, lina):
    """The probe's story: lina agrees with `curt_language` at turn 2 (engine 2.5.0) and with
    `no_courteous_closure` at turn 9, which the current engine no longer raises."""
    agus = agent_user(team)
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agus, started_at=days_ago(3))
    _as_older_engine(conversation, curt_language=[2], no_courteous_closure=[9])
    services.review_save(
        conversation=conversation,
        verdicts={"curt_language": "agree", "no_courteous_closure": "agree"},
        comment="",
        qa_score=None,
        by=lina,
    )
    return conversation


def test_a_verdict_keeps_the_turns_and_engine_the_reviewer_saw(reviewed, lina):
    review = Review.objects.get()
    assert review.verdict_basis == {
        "curt_language": {"turns": [2], "engine_version": OLD_ENGINE},
        "no_courteous_closure": {"turns": [9], "engine_version": OLD_ENGINE},
    }
    assert [(r.finding_code, r.turn, r.engine_version) for r in _rows(lina)] == [
        ("curt_language", 2, OLD_ENGINE),
        ("no_courteous_closure", 9, OLD_ENGINE),
    ]
    assert review.stale_verdicts == []


def test_a_reanalysis_does_not_move_the_exported_label_to_other_turns(reviewed, lina, client_for):
    before = _rows(lina)

    # when a newer engine re-analyses the conversation (curt_language now at turn 8; the
    # closure finding no longer raised)
    assert services.conversations_reanalyse_outdated() == 1
    assert Finding.objects.get(conversation=reviewed, code="curt_language").turns == [8]
    assert not Finding.objects.filter(conversation=reviewed, code="no_courteous_closure").exists()

    # then the labelled data still says what the reviewer judged: turn 2 and turn 9 of 2.5.0
    assert _rows(lina) == before
    texts = {int(t["index"]): t["text"] for t in reviewed.turns}
    response = client_for(lina).get(reverse("service:verdicts-export", args=["jsonl"]))
    records = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert [(r["finding_code"], r["verdict"], r["turn"]) for r in records] == [
        ("curt_language", "agree", 2),
        ("no_courteous_closure", "agree", 9),
    ]
    assert records[0]["text"] == texts[2]
    as_csv = client_for(lina).get(reverse("service:verdicts-export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(as_csv.streaming_content).decode())))
    assert [(r["finding_code"], r["turn"]) for r in rows] == [
        ("curt_language", "2"),
        ("no_courteous_closure", "9"),
    ]


def test_the_verdicts_of_a_moved_or_dropped_finding_are_stale(reviewed):
    services.conversations_reanalyse_outdated()

    review = Review.objects.get()
    stale = {item.code: item for item in review.stale_verdicts}
    assert set(stale) == {"curt_language", "no_courteous_closure"}
    assert (stale["curt_language"].turns, stale["curt_language"].current_turns) == ([2], [8])
    assert stale["curt_language"].engine_version == OLD_ENGINE
    assert stale["no_courteous_closure"].current_turns is None
    assert review.is_stale


def test_a_reanalysis_that_keeps_the_turns_leaves_the_verdict_current(team, lina):
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agent_user(team))
    _as_older_engine(conversation, curt_language=[8])  # the turn the current engine finds
    services.review_save(
        conversation=conversation,
        verdicts={"curt_language": "disagree"},
        comment="",
        qa_score=None,
        by=lina,
    )

    services.conversations_reanalyse_outdated()

    assert Analysis.objects.get().engine_version == tone.ENGINE_VERSION
    assert Review.objects.get().stale_verdicts == []
    assert [(r.turn, r.engine_version) for r in _rows(lina)] == [(8, OLD_ENGINE)]


def test_the_reviewers_page_says_the_review_is_on_an_earlier_analysis(reviewed, lina, client_for):
    page = reverse("service:conversation-detail", args=[reviewed.pk])
    fresh = client_for(lina).get(page).content.decode()
    assert 'class="stale-review"' not in fresh
    assert 'id="stale-own-review"' not in fresh

    services.conversations_reanalyse_outdated()

    html = client_for(lina).get(page).content.decode()
    assert html.count('class="stale-review"') == 1
    assert 'id="stale-own-review"' in html  # her own review: told next to the form
    stale = html.split('class="stale-review"', 1)[1].split("</div>", 1)[0]
    curt = stale.split('<li data-code="curt_language">', 1)[1].split("</li>", 1)[0]
    assert OLD_ENGINE in curt  # what she judged: engine 2.5.0's turn 2 (words: either language)
    assert "#2" in curt
    assert '<a href="#turn-8">#8</a>' in curt  # where the current analysis points
    closure = stale.split('<li data-code="no_courteous_closure">', 1)[1].split("</li>", 1)[0]
    assert "#9" in closure
    assert "#turn-" not in closure  # the current analysis has nothing to point at


def test_saving_the_review_again_ties_it_to_the_current_analysis(reviewed, lina):
    services.conversations_reanalyse_outdated()

    services.review_save(
        conversation=reviewed,
        verdicts={"curt_language": "agree"},
        comment="Checked again on the new engine.",
        qa_score=None,
        by=lina,
    )

    review = Review.objects.get()
    assert review.stale_verdicts == []
    assert [(r.finding_code, r.turn, r.engine_version) for r in _rows(lina)] == [
        ("curt_language", 8, tone.ENGINE_VERSION)
    ]


def test_a_stale_verdict_no_longer_judges_the_finding_in_scorecards(team, lina):
    agus = agent_user(team)
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agus, started_at=days_ago(3))
    _as_older_engine(conversation, curt_language=[2])
    services.review_save(
        conversation=conversation,
        verdicts={"curt_language": "disagree"},
        comment="",
        qa_score=None,
        by=lina,
    )

    def curt_count() -> int:
        card = selectors.agent_scorecard(user=lina, agent=agus, period=Period.last(30))
        return next(rate.count for rate in card.finding_rates if rate.code == "curt_language")

    assert curt_count() == 0  # dismissed by the reviewer, on the evidence she saw
    services.conversations_reanalyse_outdated()
    assert curt_count() == 1  # the finding at turn 8 was never judged: it counts


def test_overturning_a_dispute_withdraws_the_evidence_with_the_verdict(team, lina):
    agus = agent_user(team)
    hendra = reviewer_user(team, username="hendra")
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agus)
    services.review_save(
        conversation=conversation,
        verdicts={"curt_language": "agree", "tone_shift": "agree"},
        comment="",
        qa_score=None,
        by=lina,
    )
    dispute = services.dispute_open(
        conversation=conversation,
        kind="dispute",
        reason="The customer was rude first.",
        finding_code="curt_language",
        by=agus,
    )

    services.dispute_answer(dispute=dispute, outcome="overturned", note="Agreed.", by=hendra)

    lina_review = Review.objects.get(reviewer=lina)
    assert set(lina_review.verdict_basis) == set(lina_review.verdicts) == {"tone_shift"}
    hendra_review = Review.objects.get(reviewer=hendra)
    assert hendra_review.verdicts == {"curt_language": "disagree"}
    assert hendra_review.verdict_basis == {
        "curt_language": {"turns": [8], "engine_version": tone.ENGINE_VERSION}
    }


def test_a_review_created_directly_is_on_the_current_findings(team, lina):
    # the demo and fixtures create reviews without the service
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agent_user(team))
    review = Review.objects.create(
        conversation=conversation, reviewer=lina, verdicts={"tone_shift": "agree"}
    )
    assert review.verdict_basis == {
        "tone_shift": {"turns": [8], "engine_version": tone.ENGINE_VERSION}
    }
    # a later save never fills a missing entry: that would tie an old verdict to new evidence
    Review.objects.filter(pk=review.pk).update(verdict_basis={})
    review.refresh_from_db()
    review.save()
    review.refresh_from_db()
    assert review.verdict_basis == {}
    assert [item.code for item in review.stale_verdicts] == ["tone_shift"]
    assert _rows(lina) == []  # unknown evidence is never a label


# --- existing reviews: the data migration ---------------------------------------------------

BEFORE = [("service", "0005_lz4_transcripts")]
AFTER = [("service", "0006_review_verdict_basis")]


@pytest.mark.django_db(transaction=True)
def test_existing_reviews_are_tied_to_the_findings_unless_reanalysed_since(at_latest_afterwards):
    import datetime

    old = migrate_to(BEFORE)
    team = old.get_model("core", "Team").objects.create(name="Cards")
    user = old.get_model("auth", "User").objects.create(username="lina")
    conversation_model = old.get_model("service", "Conversation")
    analysis_model = old.get_model("service", "Analysis")
    finding_model = old.get_model("service", "Finding")
    review_model = old.get_model("service", "Review")
    started = datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)
    kept, redone = (
        conversation_model.objects.create(
            external_id=name,
            content_hash=name * 32,
            team=team,
            channel="phone",
            product="credit_card",
            started_at=started,
        )
        for name in ("K1", "R1")
    )
    for conversation in (kept, redone):
        analysis_model.objects.create(conversation=conversation, engine_version="2.5.0")
        finding_model.objects.create(
            conversation=conversation, code="curt_language", severity="low", turns=[2]
        )
    verdicts = {"curt_language": "agree", "tone_shift": "disagree"}  # tone_shift: no finding
    kept_review = review_model.objects.create(conversation=kept, reviewer=user, verdicts=verdicts)
    redone_review = review_model.objects.create(
        conversation=redone, reviewer=user, verdicts=verdicts
    )
    # the second conversation was re-analysed after its review was saved
    later = redone_review.updated_at + datetime.timedelta(minutes=5)
    analysis_model.objects.filter(conversation=redone).update(analysed_at=later)
    saved_at = kept_review.updated_at

    new = migrate_to(AFTER)
    review = new.get_model("service", "Review")

    assert review.objects.get(pk=kept_review.pk).verdict_basis == {
        "curt_language": {"turns": [2], "engine_version": "2.5.0"}
    }
    assert review.objects.get(pk=kept_review.pk).updated_at == saved_at
    assert review.objects.get(pk=redone_review.pk).verdict_basis == {}


# --- the lock: review_save waits for a running re-analysis (PostgreSQL) -----------------------


@pytest.mark.django_db(transaction=True)
def test_review_save_waits_for_the_conversation_lock_of_a_reanalysis(team, lina):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (SQLite serialises whole transactions)")
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agent_user(team))
    outcome: dict[str, object] = {}

    def review() -> None:
        try:
            services.review_save(
                conversation=conversation,
                verdicts={"curt_language": "agree"},
                comment="",
                qa_score=None,
                by=lina,
            )
            outcome["saved"] = True
        except DomainError as error:
            outcome["error"] = error
        finally:
            connections.close_all()

    with transaction.atomic():
        # a re-analysis holds the conversation's lock and is about to drop curt_language
        Conversation.objects.select_for_update().get(pk=conversation.pk)
        reviewer = threading.Thread(target=review)
        reviewer.start()
        waiting = False
        while not waiting and reviewer.is_alive():  # until the reviewer waits for a lock
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
                waiting = cursor.fetchone()[0] > 0
        Finding.objects.filter(conversation=conversation, code="curt_language").delete()
    reviewer.join(timeout=60)

    # then the review waited, read the findings after the re-analysis, and refused the code
    assert waiting, "review_save did not wait for the conversation lock"
    assert "saved" not in outcome
    assert isinstance(outcome.get("error"), DomainError)
    assert not Review.objects.filter(verdicts__has_key="curt_language").exists()


def test_showing_staleness_costs_no_query_per_review(reviewed, lina, team, client_for):
    services.conversations_reanalyse_outdated()
    page = reverse("service:conversation-detail", args=[reviewed.pk])
    client = client_for(lina)
    client.get(page)  # warm the session and caches

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page).status_code == 200
        return len(captured)

    one_review = queries()
    for name in ("omar", "sari"):
        Review.objects.create(
            conversation=reviewed,
            reviewer=reviewer_user(team, username=name),
            verdicts={"curt_language": "disagree"},
            verdict_basis={"curt_language": {"turns": [2], "engine_version": OLD_ENGINE}},
        )
    html = client.get(page).content.decode()
    assert html.count('class="stale-review"') == 3
    assert queries() == one_review


def test_the_exports_the_api_and_the_form_tell_a_stale_verdict(reviewed, lina, client_for):
    # given the reviewed conversation re-analysed by a newer engine
    services.conversations_reanalyse_outdated()
    client = client_for(lina)
    # then the CSV export names the engine whose finding was judged
    as_csv = client.get(reverse("service:verdicts-export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(as_csv.streaming_content).decode())))
    assert {row["engine_version"] for row in rows} == {OLD_ENGINE}
    # and the API's review carries the evidence judged and which verdicts are stale
    detail = client.get(f"/api/conversations/{reviewed.pk}").json()
    (review,) = detail["reviews"]
    assert review["verdict_basis"]["curt_language"] == {
        "turns": [2],
        "engine_version": OLD_ENGINE,
    }
    assert sorted(review["stale_codes"]) == ["curt_language", "no_courteous_closure"]
    # and the reviewer's form does not offer the old verdict on the moved finding again
    from karib.service.forms import ReviewForm

    findings = list(Finding.objects.filter(conversation=reviewed))
    form = ReviewForm(findings=findings, review=Review.objects.get())
    assert form.fields["verdict_curt_language"].initial == ""
