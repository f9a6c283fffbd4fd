"""Today: a ranked work list per user; one-click actions; role landings; bounded queries."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from karib.core.roles import Role
from karib.core.services import notification_send
from karib.people.models import ImportantDate, Person
from karib.steer import services
from karib.steer.models import ActionKind, NextAction
from tests.factories import OrganizationFactory, PersonFactory, TeamFactory, UserFactory
from tests.gifts.factories import GiftFactory
from tests.promises.factories import make_promise

pytestmark = pytest.mark.django_db


def _rep_with_work(rep, size: int = 1):
    """A rep with `size` organizations, each with a key person without facts, a birthday
    soon and a promise due this week."""
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=5)
    for number in range(size):
        organization = OrganizationFactory(owner=rep, name=f"Dinas <b>{number}</b>")
        person = PersonFactory(
            organization=organization, owner=rep, influence=4, stage=Person.Stage.CUSTOMER
        )
        ImportantDate.objects.create(
            person=person,
            kind=ImportantDate.Kind.BIRTHDAY,
            month=soon.month,
            day=soon.day,
            created_by=rep,
        )
        make_promise(organization=organization, by=rep, due_date=today + datetime.timedelta(days=3))
    services.next_actions_refresh(owner_ids=[rep.pk])


def test_today_lists_real_work_ranked_and_escaped(client_for):
    rep = UserFactory(role=Role.SALES)
    _rep_with_work(rep)
    notification_send(user=rep, kind="t", title="Call <i>them</i>", dedupe_key="n1")
    page = client_for(rep).get("/today/").content.decode()
    assert "Nothing is waiting" not in page
    assert "Tidak ada yang menunggu" not in page
    assert 'data-kind="informal_meeting"' in page
    assert 'data-kind="important_date"' in page
    assert 'data-category="promise"' in page
    assert "Dinas &lt;b&gt;0&lt;/b&gt;" in page
    assert "Call &lt;i&gt;them&lt;/i&gt;" in page
    # the birthday (urgency 4 x influence 4) ranks above the informal meeting (2 x 4)
    assert page.index('data-kind="important_date"') < page.index('data-kind="informal_meeting"')


def test_today_is_empty_only_when_nothing_waits(client_for):
    page = client_for(UserFactory(role=Role.SALES)).get("/today/").content.decode()
    assert 'class="empty"' in page


def test_one_click_done_from_today_swaps_the_row_and_others_get_404(client_for):
    rep = UserFactory(role=Role.SALES)
    _rep_with_work(rep)
    action = NextAction.objects.get(owner=rep, kind=ActionKind.INFORMAL_MEETING)
    other = UserFactory(role=Role.SALES)
    assert client_for(other).post(f"/steer/actions/{action.pk}/done/").status_code == 404
    action.refresh_from_db()
    assert action.status == NextAction.Status.OPEN
    response = client_for(rep).post(f"/steer/actions/{action.pk}/done/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = response.content.decode()
    assert f'id="action-{action.pk}"' in fragment
    assert 'data-status="done"' in fragment
    action.refresh_from_db()
    assert action.status == NextAction.Status.DONE
    assert f'id="action-{action.pk}"' not in client_for(rep).get("/today/").content.decode()


def test_dismiss_without_reason_answers_422_with_the_row_and_changes_nothing(client_for):
    rep = UserFactory(role=Role.SALES)
    _rep_with_work(rep)
    action = NextAction.objects.get(owner=rep, kind=ActionKind.INFORMAL_MEETING)
    response = client_for(rep).post(
        f"/steer/actions/{action.pk}/dismiss/", {"reason": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode()
    action.refresh_from_db()
    assert action.status == NextAction.Status.OPEN
    response = client_for(rep).post(
        f"/steer/actions/{action.pk}/snooze/", {"days": "7"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.snoozed_until == timezone.localdate() + datetime.timedelta(days=7)


def test_a_get_of_today_writes_nothing(client_for, django_assert_max_num_queries):
    rep = UserFactory(role=Role.SALES)
    _rep_with_work(rep)
    before = NextAction.objects.count()
    client_for(rep).get("/today/")
    assert NextAction.objects.count() == before


@pytest.mark.parametrize("role", [Role.SALES, Role.MANAGER, Role.COMPLIANCE_OFFICER])
def test_today_query_count_does_not_grow_with_the_data(
    role, client_for, django_assert_max_num_queries
):
    team = TeamFactory()
    user = UserFactory(role=role, team=team)
    rep = user if role == Role.SALES else UserFactory(role=Role.SALES, team=team)
    _rep_with_work(rep, size=2)
    for person in Person.objects.filter(owner=rep):
        GiftFactory(recipient=person, requires_approval=True)
    client = client_for(user)
    client.get("/today/")  # warm caches (content types, holidays)
    with django_assert_max_num_queries(30) as small:
        client.get("/today/")
    _rep_with_work(rep, size=12)
    for person in Person.objects.filter(owner=rep)[2:]:
        GiftFactory(recipient=person, requires_approval=True)
    with django_assert_max_num_queries(30) as large:
        client.get("/today/")
    small_sql = [q["sql"][:160] for q in small.captured_queries]
    large_sql = [q["sql"][:160] for q in large.captured_queries]
    assert len(large_sql) == len(small_sql), (small_sql, large_sql)


def test_manager_sees_team_at_risk_relationships_and_acted_report(client_for):
    team = TeamFactory()
    manager = UserFactory(role=Role.MANAGER, team=team)
    rep = UserFactory(role=Role.SALES, team=team)
    outsider = UserFactory(role=Role.SALES)
    blocked = PersonFactory(
        organization=OrganizationFactory(owner=rep),
        owner=rep,
        full_name="Yusuf Hakim",
        attitude=Person.Attitude.BLOCKER,
        influence=4,
    )
    PersonFactory(
        organization=OrganizationFactory(owner=outsider),
        owner=outsider,
        full_name="Not Mine",
        attitude=Person.Attitude.BLOCKER,
        influence=5,
    )
    services.next_actions_refresh()
    action = NextAction.objects.get(owner=rep, kind=ActionKind.START_RECOVERY)
    services.next_action_done(action=action, by=rep)
    page = client_for(manager).get("/today/").content.decode()
    assert "Yusuf Hakim" in page
    assert "Not Mine" not in page
    assert 'data-acted="1"' in page
    assert blocked.pk


def test_landing_is_tailored_to_the_role(client_for):
    team = TeamFactory()
    agent = UserFactory(role=Role.SERVICE_AGENT, team=team)
    reviewer = UserFactory(role=Role.QA_REVIEWER, team=team)
    compliance = UserFactory(role=Role.COMPLIANCE_OFFICER)
    rep = UserFactory(role=Role.SALES, first_name="Sari", last_name="Dewi")
    for user in (agent, reviewer):
        response = client_for(user).get("/")
        assert response.status_code == 200
        assert response.resolver_match.url_name == "home"
        assert "service/conversation_list.html" in [t.name for t in response.templates]
    response = client_for(compliance).get("/")
    assert "gifts/gift_queue.html" in [t.name for t in response.templates]
    page = client_for(rep).get("/").content.decode()
    assert "Welcome, Sari Dewi" in page or "Selamat datang, Sari Dewi" in page
    assert 'class="today-tools"' in page
    # the navigation shows the areas the role works in
    agent_page = client_for(agent).get("/today/").content.decode()
    assert "/conversations/" in agent_page
    assert 'href="/promises/"' not in agent_page


def test_manager_sees_relationships_the_health_band_marks_at_risk(client_for):
    from django.apps import apps

    if not apps.is_installed("karib.health"):
        pytest.skip("karib.health is not installed")
    person_health = apps.get_model("health", "PersonHealth")
    team = TeamFactory()
    manager = UserFactory(role=Role.MANAGER, team=team)
    rep = UserFactory(role=Role.SALES, team=team)
    quiet = PersonFactory(organization=OrganizationFactory(owner=rep), owner=rep, full_name="Ani")
    person_health.objects.create(
        person=quiet,
        on=timezone.localdate(),
        score=20,
        band="at_risk",
        drivers=[],
        policy_version=1,
        computed_at=timezone.now(),
    )
    work_page = client_for(manager).get("/today/").content.decode()
    assert "Ani" in work_page
    api = client_for(manager).get("/api/today").json()
    assert [risk["person"] for risk in api["team_risks"]] == ["Bapak Ani"]
    assert api["team_risks"][0]["band"]


def test_one_click_envoy_sends_the_suggested_colleague_and_finishes_the_action(client_for):
    team = TeamFactory()
    rep = UserFactory(role=Role.SALES, team=team)
    colleague = UserFactory(role=Role.SALES, team=team)
    person = PersonFactory(
        organization=OrganizationFactory(owner=rep),
        owner=rep,
        influence=5,
        refuses_to_meet_owner=True,
        refusal_reason="Broken promises",
        refusal_since=datetime.date(2024, 9, 2),
    )
    services.next_actions_refresh(owner_ids=[rep.pk])
    action = NextAction.objects.get(owner=rep, kind=ActionKind.ASSIGN_ENVOY)
    assert action.reason_params["suggested_ids"] == [colleague.pk]
    page = client_for(rep).get("/today/").content.decode()
    assert f'name="envoy" value="{colleague.pk}"' in page
    # someone outside the team cannot be sent, and nothing changes
    stranger = UserFactory(role=Role.SALES)
    response = client_for(rep).post(
        f"/steer/actions/{action.pk}/envoy/send/", {"envoy": stranger.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    # nor an id that is no id (a 500 before)
    for bad in ("abc", "²", "9" * 40, ""):
        response = client_for(rep).post(
            f"/steer/actions/{action.pk}/envoy/send/", {"envoy": bad}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 422, bad
    person.refresh_from_db()
    assert person.envoy is None
    response = client_for(rep).post(
        f"/steer/actions/{action.pk}/envoy/send/", {"envoy": colleague.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.envoy == colleague
    action.refresh_from_db()
    assert action.status == NextAction.Status.DONE


def test_a_long_today_shows_the_most_urgent_rows_first_and_the_rest_on_request(
    client_for, settings
):
    settings.KARIB_TODAY_FIRST_ROWS = 3
    rep = UserFactory(role=Role.SALES)
    _rep_with_work(rep, size=2)  # 2 birthdays, 2 promises, 2 informal meetings
    first = client_for(rep).get("/today/").content.decode()
    assert first.count('class="today-item"') == 3
    assert 'id="today-more"' in first
    assert "?all=1" in first
    # the most urgent row (a birthday in 5 days for an influence-4 person) is among the first
    assert 'data-kind="important_date"' in first
    everything = client_for(rep).get("/today/?all=1").content.decode()
    assert everything.count('class="today-item"') > 3
    assert 'id="today-more"' not in everything
