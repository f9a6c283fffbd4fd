"""The demo: every role's Today shows real work; the official's recovery plan shows its steps
done."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from karib.demo.loader import load_demo
from karib.people.models import Person
from karib.steer.models import ActionKind, NextAction, RecoveryPlan
from karib.steer.selectors import today_for_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(tmp_path):
    with override_settings(VAR_DIR=tmp_path):
        load_demo(stdout=io.StringIO())
        load_demo(stdout=io.StringIO())  # idempotent


def test_every_demo_role_has_real_work_today(demo):
    for username in ("rudi", "dewi", "budi", "maya", "hendra", "lina", "agus"):
        today = today_for_user(user=User.objects.get(username=username))
        assert not today.is_empty, username
    rudi = User.objects.get(username="rudi")
    assert NextAction.objects.filter(owner=rudi, kind=ActionKind.OWN_UP, status="open").exists()
    dewi = User.objects.get(username="dewi")
    kinds = set(NextAction.objects.filter(owner=dewi).values_list("kind", flat=True))
    assert {ActionKind.IMPORTANT_DATE, ActionKind.KPK_REPORT} <= kinds
    budi = today_for_user(user=User.objects.get(username="budi"))
    assert "Suryo Wibowo" in [risk.person.full_name for risk in budi.team_risks]
    assert budi.team_silent_breaks
    lina = today_for_user(user=User.objects.get(username="lina"))
    assert any(item.category == "review" for item in lina.items)
    agus = User.objects.get(username="agus")
    assert NextAction.objects.filter(owner=agus, kind=ActionKind.REVIEW_RESPOND).exists()
    assert NextAction.objects.filter(dedupe_key__startswith="own-up:").count() == 1


def test_the_officials_recovery_plan_shows_its_steps_done(demo, client):
    official = Person.objects.get(full_name="Suryo Wibowo")
    plan = RecoveryPlan.objects.get(person=official)
    assert plan.status == RecoveryPlan.Status.COMPLETED
    steps = {step.code: step for step in plan.steps.all()}
    assert all(step.is_done for step in steps.values())
    assert str(steps["envoy"].done_on) == "2024-09-10"
    assert str(steps["informal_meeting"].done_on) == "2024-10-15"
    assert str(steps["listen"].done_on) == "2024-10-16"
    assert str(steps["gesture"].done_on) == "2025-01-20"
    client.force_login(User.objects.get(username="budi"))  # the team's manager
    page = client.get(f"/steer/recovery/{plan.pk}/").content.decode()
    assert 'data-done="7" data-total="7"' in page
