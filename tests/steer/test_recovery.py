"""Recovery plans: started for a blocked relationship, steps ticked by the data and by hand."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from karib.core.errors import DomainError
from karib.core.roles import Role
from karib.people.models import EnvoyAssignment, Interaction, Person
from karib.steer.models import RecoveryPlan, RecoveryStepCode
from karib.steer.recovery import recovery_plan_start, recovery_plan_sync, recovery_step_set
from tests.factories import (
    InteractionFactory,
    OrganizationFactory,
    PersonalFactFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SINCE = datetime.date(2024, 9, 2)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.fixture
def story():
    team = TeamFactory()
    rep = UserFactory(role=Role.SALES, team=team)
    envoy = UserFactory(role=Role.SALES, team=team)
    manager = UserFactory(role=Role.MANAGER, team=team)
    outsider = UserFactory(role=Role.SALES)
    organization = OrganizationFactory(owner=rep)
    official = PersonFactory(
        organization=organization,
        owner=rep,
        influence=5,
        refuses_to_meet_owner=True,
        refusal_reason="Broken promises",
        refusal_since=SINCE,
    )
    return rep, envoy, manager, outsider, organization, official


def _done(plan: RecoveryPlan) -> dict[str, bool]:
    return {step.code: step.done_on is not None for step in plan.steps.all()}


def test_steps_tick_themselves_as_the_story_unfolds(story):
    rep, envoy, _manager, _outsider, organization, official = story
    plan = recovery_plan_start(person=official, by=rep, today=datetime.date(2024, 9, 5))
    assert plan.since == SINCE
    # only the diagnosis (the refusal and its reason) is shown by the data at first
    assert _done(plan) == {
        "diagnose": True,
        "envoy": False,
        "informal_meeting": False,
        "listen": False,
        "settle_promises": True,  # nothing open
        "gesture": False,
        "follow_up": False,
    }
    EnvoyAssignment.objects.create(
        person=official, envoy=envoy, assigned_by=rep, assigned_on=datetime.date(2024, 9, 10)
    )
    visit = InteractionFactory(
        organization=organization,
        kind=Interaction.Kind.SITE_VISIT,
        created_by=envoy,
        participants=[official],
        occurred_at=_at(datetime.date(2024, 10, 15)),
    )
    PersonalFactFactory(person=official, learned_on=datetime.date(2024, 10, 14), is_sensitive=True)
    PersonalFactFactory(person=official, learned_on=datetime.date(2024, 10, 16))
    InteractionFactory(
        organization=organization,
        created_by=envoy,
        participants=[official],
        occurred_at=_at(datetime.date(2024, 11, 1)),
    )
    recovery_plan_sync(plan=plan, today=datetime.date(2024, 11, 2))
    steps = {step.code: step for step in plan.steps.all()}
    assert steps["envoy"].done_on == datetime.date(2024, 9, 10)
    assert steps["informal_meeting"].done_on == datetime.date(2024, 10, 15)
    # a sensitive fact is neither counted nor dated (secprobe12, F4)
    assert steps["listen"].evidence == {"count": 1}
    assert steps["listen"].done_on == datetime.date(2024, 10, 16)
    assert steps["follow_up"].done_on == datetime.date(2024, 11, 1)
    assert not steps["gesture"].is_done
    plan.refresh_from_db()
    assert plan.status == RecoveryPlan.Status.ACTIVE
    # the evidence goes away: the automatic tick goes too
    visit.delete()
    recovery_plan_sync(plan=plan, today=datetime.date(2024, 11, 2))
    assert not plan.steps.get(code=RecoveryStepCode.INFORMAL_MEETING).is_done


def test_a_step_ticked_by_hand_stays_and_completes_the_plan(story):
    rep, _envoy, manager, outsider, _organization, official = story
    plan = recovery_plan_start(person=official, by=rep)
    for step in plan.steps.filter(done_on__isnull=True):
        recovery_step_set(step=step, by=manager, done=True, note="done offline")
    plan.refresh_from_db()
    assert plan.status == RecoveryPlan.Status.COMPLETED
    recovery_plan_sync(plan=plan)
    gesture = plan.steps.get(code=RecoveryStepCode.GESTURE)
    assert gesture.is_done
    assert gesture.done_by == manager
    assert not gesture.is_automatic
    # someone outside the relationship may not tick, and nothing changes
    with pytest.raises(DomainError):
        recovery_step_set(step=gesture, by=outsider, done=False)
    gesture.refresh_from_db()
    assert gesture.is_done


def test_starting_twice_returns_the_plan_in_progress_and_outsiders_may_not(story):
    rep, _envoy, _manager, outsider, _organization, official = story
    first = recovery_plan_start(person=official, by=rep)
    assert recovery_plan_start(person=official, by=rep) == first
    other = PersonFactory(owner=rep, attitude=Person.Attitude.BLOCKER, influence=5)
    with pytest.raises(DomainError):
        recovery_plan_start(person=other, by=outsider)
    assert not RecoveryPlan.objects.filter(person=other).exists()


def test_plan_page_is_visible_to_the_team_manager_not_to_outsiders(story, client_for):
    rep, _envoy, manager, outsider, _organization, official = story
    plan = recovery_plan_start(person=official, by=rep)
    page = client_for(manager).get(f"/steer/recovery/{plan.pk}/")
    assert page.status_code == 200
    assert 'data-code="diagnose" data-done="1"' in page.content.decode()
    assert client_for(outsider).get(f"/steer/recovery/{plan.pk}/").status_code == 404
    step = plan.steps.get(code=RecoveryStepCode.GESTURE)
    assert (
        client_for(outsider).post(f"/steer/recovery/steps/{step.pk}/", {"done": "1"}).status_code
        == 404
    )
    response = client_for(manager).post(
        f"/steer/recovery/steps/{step.pk}/", {"done": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'data-done="1"' in response.content.decode()
    assert "Broken promises" in page.content.decode()
    # the start button answers with the plan in progress
    response = client_for(rep).post(f"/steer/recovery/start/{official.pk}/")
    assert response.headers["Location"] == f"/steer/recovery/{plan.pk}/"


def test_panel_include_for_the_person_page(story, rf):
    from django.template import Context, Template

    rep, _envoy, _manager, _outsider, _organization, official = story
    request = rf.get("/")
    request.user = rep
    html = Template("{% load steer %}{% recovery_panel person %}").render(
        Context({"request": request, "person": official})
    )
    assert f"/steer/recovery/start/{official.pk}/" in html
    plan = recovery_plan_start(person=official, by=rep)
    html = Template("{% load steer %}{% recovery_panel person %}").render(
        Context({"request": request, "person": official})
    )
    assert f"/steer/recovery/{plan.pk}/" in html
