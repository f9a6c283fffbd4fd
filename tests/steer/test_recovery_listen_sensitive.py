"""A recovery plan's "listen" step counts and dates only facts every reader of the plan may
read: not sensitive ones (secprobe12, F4), as health does (secprobe6)."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from karib.people.models import PersonalFact
from karib.steer.models import RecoveryStepCode
from karib.steer.recovery import recovery_plan_start, recovery_plan_sync
from tests.core.access_world import seed_matrix_world
from tests.factories import PersonalFactFactory

pytestmark = pytest.mark.django_db


def _listen(plan):
    return plan.steps.get(code=RecoveryStepCode.LISTEN)


def test_a_sensitive_fact_alone_does_not_tick_listen():
    world = seed_matrix_world()
    person = world.person
    PersonalFact.objects.filter(person=person).update(learned_on=datetime.date(2025, 1, 1))
    owner = world.user("owner")
    plan = recovery_plan_start(person=person, by=owner, since=datetime.date(2026, 1, 1))
    PersonalFactFactory(person=person, learned_on=datetime.date(2026, 2, 3), is_sensitive=True)
    recovery_plan_sync(plan=plan)
    step = _listen(plan)
    assert (step.done_on, step.evidence) == (None, {})
    # a fact anyone who sees the person may read ticks it, on its own date and count
    PersonalFactFactory(person=person, learned_on=datetime.date(2026, 3, 4))
    recovery_plan_sync(plan=plan)
    step = _listen(plan)
    assert (step.done_on, step.evidence) == (datetime.date(2026, 3, 4), {"count": 1})


def test_the_plan_tells_a_reader_who_may_not_list_sensitive_facts_only_the_others():
    # given the seeded plan on Suryo: one fact and one sensitive fact learned since
    world = seed_matrix_world()
    recovery_plan_sync(plan=world.plan)
    through_one = Client()
    through_one.force_login(world.user("through_one"))
    facts = through_one.get("/api/people/facts", {"person": world.person.pk}).json()
    assert len(facts["items"]) == 1  # they may list the one that is not sensitive
    # then the plan they read counts that one only
    assert _listen(world.plan).evidence == {"count": 1}
    page = through_one.get(reverse("steer:recovery-detail", args=[world.plan.pk]))
    assert page.status_code == 200
    with translation.override(settings.LANGUAGE_CODE):
        one, two = (
            ngettext("%(counter)s fact recorded", "%(counter)s facts recorded", n) % {"counter": n}
            for n in (1, 2)
        )
    html = page.content.decode()
    assert one in html
    assert two not in html
