"""Scorecards on a known set, the dispute loop, the playbook flag, reflections, re-analysis."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from karib.core.models import Notification
from karib.service import selectors, services
from karib.service.models import Analysis, Dispute, Finding, Reflection, Review

from .factories import (
    JAKARTA,
    POLITE_EN,
    POLITE_ID,
    PUSHY_ID,
    agent_user,
    conversation_from_text,
    manager_user,
    reviewer_user,
    service_team,
)

pytestmark = pytest.mark.django_db


def _days_ago(days: int) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=JAKARTA)


@pytest.fixture
def known_set():
    """Agus: three conversations in the period with engine scores 20, 80, 90, one old one."""
    team = service_team()
    agus, lina = agent_user(team), reviewer_user(team)
    pushy = conversation_from_text(PUSHY_ID, team=team, agent=agus, started_at=_days_ago(20))
    polite = conversation_from_text(POLITE_ID, team=team, agent=agus, started_at=_days_ago(10))
    english = conversation_from_text(POLITE_EN, team=team, agent=agus, started_at=_days_ago(2))
    old = conversation_from_text(PUSHY_ID, team=team, agent=agus, started_at=_days_ago(200))
    for conversation, score in ((pushy, 20), (polite, 80), (english, 90), (old, 0)):
        Analysis.objects.filter(conversation=conversation).update(score=score)
    return team, agus, lina, pushy


def test_scorecard_figures_on_a_known_set(known_set):
    _team, agus, lina, pushy = known_set
    period = selectors.Period.last(90)

    # when the manager opens Agus's scorecard for the last 90 days
    card = selectors.agent_scorecard(user=lina, agent=agus, period=period)

    # then the old conversation is outside the period and the figures are exact
    assert card.conversations == 3
    assert card.average_score == pytest.approx(63.3)
    assert card.reviewed == 0
    assert card.flagged == 1
    rates = {rate.code: rate for rate in card.finding_rates}
    assert rates["push_after_refusal"].count == 1
    assert rates["push_after_refusal"].rate == pytest.approx(1 / 3)
    assert rates["playbook_breach"].count == 1
    # "Ya sudah, terserah. Kan sudah saya bilang rugi sendiri." in the pushy call: curt language
    assert rates["curt_language"].count == 1
    assert rates["curt_language"].rate == pytest.approx(1 / 3)
    by_score = {c.pk: c.analysis.score for c in card.worst}
    assert [by_score[c.pk] for c in card.worst] == [20, 80, 90]
    assert card.worst[0].pk == pushy.pk
    assert [c.analysis.score for c in card.best] == [90, 80, 20]
    assert card.best[-1].pk == pushy.pk
    assert sum(p.conversations for p in card.trend) == 3
    assert len(card.trend) == 13  # weekly buckets over 90 days


def test_review_changes_the_scorecard(known_set):
    _team, agus, lina, pushy = known_set
    period = selectors.Period.last(90)

    # when the reviewer agrees with the push, disagrees with the tone shift and scores 50
    services.review_save(
        conversation=pushy,
        verdicts={"push_after_refusal": "agree", "tone_shift": "disagree"},
        comment="",
        qa_score=50,
        by=lina,
    )
    card = selectors.agent_scorecard(user=lina, agent=agus, period=period)

    # then the final QA score replaces the engine score, the disagreed finding no longer counts
    assert card.average_score == pytest.approx(73.3)
    assert card.reviewed == 1
    rates = {rate.code: rate for rate in card.finding_rates}
    assert (rates["push_after_refusal"].count, rates["push_after_refusal"].confirmed) == (1, 1)
    assert rates["tone_shift"].count == 0


def test_team_view_compares_agents(known_set, client_for):
    team, agus, _lina, _pushy = known_set
    rina = agent_user(team, username="rina", first_name="Rina")
    conversation_from_text(POLITE_ID, team=team, agent=rina, started_at=_days_ago(5))
    hendra = manager_user(team)

    response = client_for(hendra).get(reverse("service:team"))

    cards = {card.agent.username: card for card in response.context["cards"]}
    assert cards["agus"].conversations == 3
    assert cards["rina"].conversations == 1
    assert "<svg" not in response.content.decode()  # the chart is on the agent page
    agent_page = client_for(hendra).get(reverse("service:scorecard", args=[agus.pk]))
    assert "<polyline" in agent_page.content.decode()


def test_dispute_loop(known_set, django_capture_on_commit_callbacks):
    _team, agus, lina, pushy = known_set

    # a dispute needs a reason
    with pytest.raises(ValidationError):
        services.dispute_open(conversation=pushy, kind="dispute", reason=" ", by=agus)

    # when the agent disputes the tone-shift finding with a reason
    with django_capture_on_commit_callbacks(execute=True):
        dispute = services.dispute_open(
            conversation=pushy,
            kind="dispute",
            reason="The customer interrupted me twice.",
            finding_code="tone_shift",
            by=agus,
        )

    # then it is open and the team's reviewer is told
    assert dispute.status == Dispute.Status.OPEN
    assert Notification.objects.filter(user=lina, kind="service.dispute").count() == 1

    # when the reviewer answers
    with django_capture_on_commit_callbacks(execute=True):
        answered = services.dispute_answer(
            dispute=dispute, answer="Heard, but the finding stands.", by=lina
        )

    # then it is closed and the agent is told; it cannot be answered twice
    assert answered.status == Dispute.Status.ANSWERED
    assert answered.answered_by == lina
    assert Notification.objects.filter(user=agus, kind="service.dispute_answered").count() == 1
    with pytest.raises(ValidationError):
        services.dispute_answer(dispute=dispute, answer="again", by=lina)


def test_dispute_loop_over_http(known_set, client_for, django_capture_on_commit_callbacks):
    _team, agus, lina, pushy = known_set
    url = reverse("service:conversation-detail", args=[pushy.pk])

    missing_reason = client_for(agus).post(
        reverse("service:dispute", args=[pushy.pk]), {"kind": "dispute", "reason": ""}
    )
    assert missing_reason.status_code == 422
    assert "field-error" in missing_reason.content.decode()
    assert not Dispute.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(agus).post(
            reverse("service:dispute", args=[pushy.pk]),
            {"kind": "dispute", "reason": "Customer <b>rude</b>"},
        )
    dispute = Dispute.objects.get()
    page = client_for(lina).get(url).content.decode()
    assert "Customer &lt;b&gt;rude&lt;/b&gt;" in page

    with django_capture_on_commit_callbacks(execute=True):
        answer = client_for(lina).post(
            reverse("service:dispute-answer", args=[dispute.pk]),
            {"answer": "Thanks, noted."},
            HTTP_HX_REQUEST="true",
        )
    assert answer.status_code == 200
    assert 'id="responses"' in answer.content.decode()
    dispute.refresh_from_db()
    assert dispute.status == Dispute.Status.ANSWERED


def test_agent_acknowledges(known_set):
    _team, agus, _lina, pushy = known_set
    acknowledged = services.dispute_open(conversation=pushy, kind="acknowledge", reason="", by=agus)
    assert acknowledged.status == Dispute.Status.ANSWERED
    assert not Notification.objects.exists()


def test_playbook_flag(known_set):
    team, _agus, _lina, pushy = known_set

    # the pushy call breaks the default playbook (1 offer after refusal, closure required)
    assert pushy.analysis.breaks_playbook
    breach = Finding.objects.get(conversation=pushy, code="playbook_breach")
    assert breach.explanation == (
        "2 tawaran retensi setelah penolakan yang jelas; panduan mengizinkan 1. "
        "Penutup santun yang diwajibkan tidak ada."
    )
    others = Analysis.objects.exclude(conversation=pushy).filter(breaks_playbook=True)
    assert others.count() == 1  # only the old pushy one, not the polite ones

    # when the manager allows two offers and no closure, the flag goes away
    hendra = manager_user(team)
    services.playbook_update(
        team=team,
        max_offers_after_refusal=2,
        requires_courteous_closure=False,
        required_closure="",
        guidance="",
        by=hendra,
    )
    pushy.refresh_from_db()
    assert not Analysis.objects.get(conversation=pushy).breaks_playbook
    assert not Finding.objects.filter(conversation=pushy, code="playbook_breach").exists()


def test_agent_reads_but_cannot_edit_the_playbook(known_set, client_for):
    team, agus, _lina, _pushy = known_set
    client = client_for(agus)
    page = client.get(reverse("service:playbook"))
    assert page.status_code == 200
    assert page.context["form"] is None
    denied = client.post(reverse("service:playbook"), {"max_offers_after_refusal": "5"})
    assert denied.status_code == 403
    with pytest.raises(PermissionDenied):
        services.playbook_update(
            team=team,
            max_offers_after_refusal=5,
            requires_courteous_closure=False,
            required_closure="",
            guidance="",
            by=agus,
        )


def test_self_evaluation_lists_flagged_first_and_reflection_is_seen_by_reviewer(
    known_set, client_for
):
    _team, agus, lina, pushy = known_set

    page = client_for(agus).get(reverse("service:self-evaluation"))
    first = page.context["page"].object_list[0]
    assert first.is_flagged

    client_for(agus).post(
        reverse("service:reflection", args=[pushy.pk]), {"text": "I pushed too hard."}
    )
    assert Reflection.objects.get().author == agus
    assert (
        "I pushed too hard."
        in client_for(lina)
        .get(reverse("service:conversation-detail", args=[pushy.pk]))
        .content.decode()
    )
    with pytest.raises(PermissionDenied):
        services.reflection_save(conversation=pushy, text="not mine", by=lina)


def test_outdated_analyses_are_redone_with_the_current_engine(known_set):
    # given an analysis by an older engine, with a stale finding, and a reviewer's review
    _team, _agus, lina, pushy = known_set
    Analysis.objects.filter(conversation=pushy).update(engine_version="0.0.1", score=1)
    Finding.objects.filter(conversation=pushy).delete()
    Finding.objects.create(
        conversation=pushy, code="curt_language", severity="low", explanation="old engine"
    )
    services.review_save(
        conversation=pushy, verdicts={}, comment="Listened to it.", qa_score=40, by=lina
    )
    assert services.outdated_analysis_count() == 1

    # when the outdated analyses are redone
    count = services.conversations_reanalyse_outdated()

    # then the analysis and its findings are the current engine's, the review is kept
    assert count == 1
    analysis = Analysis.objects.get(conversation=pushy)
    assert analysis.engine_version == services.tone.ENGINE_VERSION
    assert analysis.score != 1
    codes = set(Finding.objects.filter(conversation=pushy).values_list("code", flat=True))
    assert "push_after_refusal" in codes
    assert "playbook_breach" in codes
    assert not Finding.objects.filter(conversation=pushy, explanation="old engine").exists()
    review = Review.objects.get(conversation=pushy)
    assert (review.reviewer, review.comment, review.qa_score) == (lina, "Listened to it.", 40)
    assert services.outdated_analysis_count() == 0


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
    assert '<mark class="m-polite" title="greeting">Selamat pagi</mark>' in html


def test_segments_follow_spans_and_skip_overlaps():
    segments = selectors._segments(
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


def test_reanalyse_command_updates_outdated_analyses(known_set):
    from io import StringIO

    from django.core.management import call_command

    _team, _agus, _lina, pushy = known_set
    Analysis.objects.filter(conversation=pushy).update(engine_version="0.9")
    out = StringIO()

    call_command("service_reanalyse", stdout=out)  # the ImmediateBackend runs the task now

    assert "1 conversation" in out.getvalue()
    assert services.outdated_analysis_count() == 0


def test_htmx_form_errors_come_back_in_the_fragment(known_set, client_for):
    _team, agus, _lina, pushy = known_set
    response = client_for(agus).post(
        reverse("service:dispute", args=[pushy.pk]),
        {"kind": "dispute", "reason": ""},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200  # htmx swaps only 2xx
    assert html.lstrip().startswith('<section class="card" id="responses">')
    assert "field-error" in html
    assert not Dispute.objects.exists()


def test_a_second_dispute_waits_for_the_answer(known_set):
    _team, agus, lina, pushy = known_set
    first = services.dispute_open(conversation=pushy, kind="dispute", reason="one", by=agus)
    with pytest.raises(ValidationError):
        services.dispute_open(conversation=pushy, kind="dispute", reason="two", by=agus)
    services.dispute_answer(dispute=first, answer="ok", by=lina)
    services.dispute_open(conversation=pushy, kind="dispute", reason="two", by=agus)
    assert Dispute.objects.count() == 2
