"""One conversation the engine rejects no longer stops the re-analysis: it is logged with its
pk, counted and skipped; the others are redone and the job's claim is released (secprobe6 F6)."""

from __future__ import annotations

import logging

import pytest

from karib import tone
from karib.service import analysis, services
from karib.service.models import Analysis, Conversation

from .factories import PUSHY_ID, agent_user, conversation_from_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_outdated(team) -> list[Conversation]:
    """Three conversations analysed by an older engine; the first one's stored turn index is
    corrupted (the engine's input cannot be rebuilt from it)."""
    agus = agent_user(team)
    conversations = [conversation_from_text(PUSHY_ID, team=team, agent=agus) for _ in range(3)]
    Analysis.objects.update(engine_version="0.0.1")
    first = conversations[0]
    broken = [dict(turn) for turn in first.turns]
    broken[0]["index"] = "not a number"
    Conversation.objects.filter(pk=first.pk).update(turns=broken)
    return conversations


def _versions() -> dict[int, str]:
    return dict(Analysis.objects.values_list("conversation_id", "engine_version"))


def test_a_conversation_the_engine_rejects_is_reported_and_the_others_are_redone(
    three_outdated, caplog
):
    first, second, third = three_outdated
    # the claim is held, as `reanalysis_ensure` holds it while the task is queued
    assert services.job_claim(key=services.REANALYSIS_JOB, duration=services.REANALYSIS_DEBOUNCE)

    with caplog.at_level(logging.ERROR, logger="karib.service.analysis"):
        result = analysis.reanalysis_run()

    # then 2 and 3 are re-analysed, 1 is reported (and logged with its pk) and stays outdated
    assert (result.reanalysed, result.failed, result.failed_pks) == (2, 1, (first.pk,))
    assert _versions() == {
        first.pk: "0.0.1",
        second.pk: tone.ENGINE_VERSION,
        third.pk: tone.ENGINE_VERSION,
    }
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in failures] == [
        f"re-analysis of conversation pk={first.pk} failed"
    ]
    assert failures[0].exc_info is not None
    # and the claim is released: the next run can be queued at once
    assert services.job_claim(key=services.REANALYSIS_JOB, duration=services.REANALYSIS_DEBOUNCE)


def test_the_next_run_tries_the_failed_conversation_again_and_goes_no_further(three_outdated):
    first = three_outdated[0]
    analysis.reanalysis_run()

    # the count-returning entry point (task, command) counts only what was redone
    again = analysis.reanalysis_run()
    assert (again.reanalysed, again.failed_pks) == (0, (first.pk,))
    assert services.conversations_reanalyse_outdated() == 0
    assert services.outdated_analysis_count() == 1


def test_the_limit_counts_failures_too(three_outdated):
    first, second, _third = three_outdated

    result = analysis.reanalysis_run(limit=2)

    assert (result.reanalysed, result.failed_pks) == (1, (first.pk,))
    assert _versions()[second.pk] == tone.ENGINE_VERSION
    assert services.outdated_analysis_count() == 2


def test_the_claim_is_released_even_when_the_run_itself_breaks(three_outdated, monkeypatch):
    def broken_query():
        raise RuntimeError("database gone")

    monkeypatch.setattr(analysis, "outdated_conversations", broken_query)
    assert services.job_claim(key=services.REANALYSIS_JOB, duration=services.REANALYSIS_DEBOUNCE)

    with pytest.raises(RuntimeError):
        analysis.reanalysis_run()

    assert services.job_claim(key=services.REANALYSIS_JOB, duration=services.REANALYSIS_DEBOUNCE)
