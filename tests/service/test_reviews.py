"""The QA loop: reviews and verdicts, the agent's response, the answer (uphold or overturn),
reflections, and who is told."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse

from karib.core.errors import DomainError
from karib.core.models import Notification, Profile
from karib.service import selectors, services
from karib.service.models import Dispute, Reflection, Review

from .factories import PUSHY_ID, agent_user, conversation_from_text, manager_user

pytestmark = pytest.mark.django_db


def test_dispute_loop(known_set, django_capture_on_commit_callbacks):
    _team, agus, lina, pushy = known_set

    # a dispute needs a reason
    with pytest.raises(DomainError):
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

    # when the reviewer upholds the result
    with django_capture_on_commit_callbacks(execute=True):
        answered = services.dispute_answer(
            dispute=dispute, outcome="upheld", note="Heard, but the finding stands.", by=lina
        )

    # then it is closed and the agent is told; it cannot be answered twice
    assert (answered.status, answered.outcome) == (Dispute.Status.ANSWERED, "upheld")
    assert answered.answered_by == lina
    assert Notification.objects.filter(user=agus, kind="service.dispute_upheld").count() == 1
    # and the finding is confirmed by the answering reviewer
    assert Review.objects.get(reviewer=lina).verdicts == {"tone_shift": "agree"}
    with pytest.raises(DomainError) as again:
        services.dispute_answer(dispute=dispute, outcome="overturned", note="again", by=lina)
    assert again.value.code == "conflict"


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
            {"outcome": "upheld", "note": "Thanks, noted."},
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


def test_a_second_dispute_waits_for_the_answer(known_set):
    _team, agus, lina, pushy = known_set
    first = services.dispute_open(conversation=pushy, kind="dispute", reason="one", by=agus)
    with pytest.raises(DomainError) as waiting:
        services.dispute_open(conversation=pushy, kind="dispute", reason="two", by=agus)
    assert waiting.value.code == "conflict"
    services.dispute_answer(dispute=first, outcome="upheld", note="ok", by=lina)
    services.dispute_open(conversation=pushy, kind="dispute", reason="two", by=agus)
    assert Dispute.objects.count() == 2


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
    with pytest.raises(DomainError) as refused:
        services.reflection_save(conversation=pushy, text="not mine", by=lina)
    assert refused.value.code == "forbidden"


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


def test_overturning_a_dispute_withdraws_the_finding_from_the_agents_record(
    known_set, django_capture_on_commit_callbacks
):
    # given the reviewer agreed with the push, and the agent disputes it
    _team, agus, lina, pushy = known_set
    services.review_save(
        conversation=pushy,
        verdicts={"push_after_refusal": "agree", "tone_shift": "agree"},
        comment="",
        qa_score=None,
        by=lina,
    )
    dispute = services.dispute_open(
        conversation=pushy,
        kind="dispute",
        reason="The customer asked for the offers.",
        finding_code="push_after_refusal",
        by=agus,
    )
    period = selectors.Period.last(90)
    before = selectors.agent_scorecard(user=lina, agent=agus, period=period)

    # an overturn needs a note
    with pytest.raises(DomainError) as missing:
        services.dispute_answer(dispute=dispute, outcome="overturned", note=" ", by=lina)
    assert missing.value.field == "note"

    # when a manager overturns it with a note
    hendra = manager_user(pushy.team)
    with django_capture_on_commit_callbacks(execute=True):
        services.dispute_answer(
            dispute=dispute, outcome="overturned", note="The recording confirms it.", by=hendra
        )

    # then every agree on that finding is withdrawn, the manager disagrees, the rest stands
    assert Review.objects.get(reviewer=lina).verdicts == {"tone_shift": "agree"}
    assert Review.objects.get(reviewer=hendra).verdicts == {"push_after_refusal": "disagree"}
    after = selectors.agent_scorecard(user=lina, agent=agus, period=period)
    rates_before = {r.code: r.count for r in before.finding_rates}
    rates_after = {r.code: r.count for r in after.finding_rates}
    assert (rates_before["push_after_refusal"], rates_after["push_after_refusal"]) == (1, 0)
    assert rates_after["tone_shift"] == 1
    # and the agent is told it was accepted
    [note] = Notification.objects.filter(user=agus, kind="service.dispute_overturned")
    assert "withdrawn" in note.title or "ditarik" in note.title
    assert note.body == "The recording confirms it."


def test_the_agent_is_told_of_a_review_once_in_their_language(
    known_set, django_capture_on_commit_callbacks
):
    # given an agent who reads Karib in English
    _team, agus, lina, pushy = known_set
    Profile.objects.filter(user=agus).update(language="en")

    # when the reviewer saves a review, then edits it
    with django_capture_on_commit_callbacks(execute=True):
        services.review_save(
            conversation=pushy, verdicts={}, comment="First pass.", qa_score=40, by=lina
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.review_save(
            conversation=pushy, verdicts={}, comment="Second pass.", qa_score=45, by=lina
        )

    # then the agent has one notification, in English, linking to the conversation
    [note] = Notification.objects.filter(user=agus, kind="service.reviewed")
    # stored as a code with its values, worded again for whoever reads it
    assert note.code == "service.reviewed"
    assert note.params["conversation"] == pushy.external_id
    assert (
        note.title
        == f"{lina.get_full_name() or lina.username} reviewed your conversation {pushy.external_id}"
    )
    assert note.url == reverse("service:conversation-detail", args=[pushy.pk])
    assert not Notification.objects.filter(user=lina, kind="service.reviewed").exists()


def test_dispute_answer_over_http_offers_uphold_and_overturn(known_set, client_for):
    _team, agus, lina, pushy = known_set
    services.dispute_open(conversation=pushy, kind="dispute", reason="why", by=agus)

    page = client_for(lina).get(reverse("service:conversation-detail", args=[pushy.pk]))

    html = page.content.decode()
    assert 'name="outcome" value="upheld"' in html
    assert 'name="outcome" value="overturned"' in html
