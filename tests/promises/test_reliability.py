"""Reliability: kept on time ÷ due over the last 12 months, with the figure per quarter."""

from __future__ import annotations

import datetime

from karib.promises import services
from karib.promises.selectors import reliability, reliability_table
from tests.factories import InteractionFactory, OrganizationFactory
from tests.support.api import error_fields, token_client

from .factories import make_promise, plan

TODAY = datetime.date(2026, 6, 15)
JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 12, tzinfo=JAKARTA)


def _promise(organization, due: datetime.date, outcome: str, kept_on=None, by=None):
    made_on = due - datetime.timedelta(days=60)
    by = by or organization.owner
    promise = make_promise(
        organization=organization, by=by, made_on=made_on, due_date=due, at=_at(made_on)
    )
    if outcome == "kept":
        services.promise_mark_kept(
            promise=promise, by=by, kept_on=kept_on or due, at=_at(kept_on or due)
        )
    elif outcome == "broken":
        services.promise_mark_at_risk(
            promise=promise, by=by, at=_at(made_on), **plan(by, communication_due=made_on)
        )
        services.promise_mark_broken(promise=promise, by=by, reason="no", at=_at(due))
    elif outcome == "withdrawn":
        services.promise_withdraw(promise=promise, by=by, customer_agreement="ok", at=_at(made_on))
    return promise


def _known_set(organization, colleague):
    # due in the window (16 Jun 2025 .. 14 Jun 2026)
    _promise(organization, datetime.date(2025, 7, 10), "kept", datetime.date(2025, 7, 1))  # Q3 ok
    _promise(organization, datetime.date(2025, 11, 20), "kept", datetime.date(2025, 11, 25))  # late
    _promise(organization, datetime.date(2026, 2, 3), "broken")  # Q1 2026
    _promise(organization, datetime.date(2026, 5, 2), "kept", datetime.date(2026, 5, 2))  # Q2 ok
    _promise(organization, datetime.date(2026, 6, 1), "open")  # Q2, overdue, not kept
    _promise(organization, datetime.date(2026, 3, 3), "kept", by=colleague)  # Q1 ok, colleague
    # left out: withdrawn, due today, due before the window, no due date
    _promise(organization, datetime.date(2026, 4, 4), "withdrawn")
    _promise(organization, TODAY, "open")
    _promise(organization, datetime.date(2025, 6, 14), "kept", datetime.date(2025, 6, 1))
    make_promise(organization=organization, made_on=datetime.date(2026, 1, 1))


def test_reliability_on_a_known_set(db, organization, owner, manager):
    # given the known set: 6 due, 3 kept on time
    colleague = manager
    _known_set(organization, colleague)

    # when the owner's manager asks for the organization's reliability
    figure = reliability(user=manager, organization=organization, today=TODAY)

    # then it is 3 / 6 overall, with the quarters
    assert (figure.overall.kept_on_time, figure.overall.due) == (3, 6)
    assert figure.overall.percent == 50
    by_quarter = {q.label: (q.kept_on_time, q.due) for q in figure.quarters}
    assert by_quarter == {
        "2025 Q2": (0, 0),
        "2025 Q3": (1, 1),
        "2025 Q4": (0, 1),
        "2026 Q1": (1, 2),
        "2026 Q2": (1, 2),
    }
    assert figure.trend == 0  # 50% → 50%


def test_reliability_per_owner(db, organization, owner, manager):
    # given the known set
    _known_set(organization, manager)

    # when split per user
    rows = {
        row.label: row.reliability.overall
        for row in reliability_table(user=manager, by="owner", today=TODAY)
    }

    # then the owner kept 2 of 5 on time, the colleague 1 of 1
    owner_label = f"{owner.first_name} {owner.last_name}".strip()
    manager_label = f"{manager.first_name} {manager.last_name}".strip()
    assert (rows[owner_label].kept_on_time, rows[owner_label].due) == (2, 5)
    assert (rows[manager_label].kept_on_time, rows[manager_label].due) == (1, 1)


def test_reliability_is_scoped(db, organization, outsider):
    # given promises of an organization the outsider cannot see
    _promise(organization, datetime.date(2026, 5, 2), "kept", datetime.date(2026, 5, 2))
    _promise(OrganizationFactory(owner=outsider), datetime.date(2026, 5, 2), "open")

    # then the outsider's figures only count their own
    figure = reliability(user=outsider, today=TODAY)
    assert (figure.overall.kept_on_time, figure.overall.due) == (0, 1)
    assert figure.overall.percent == 0
    assert reliability(user=outsider, organization=organization, today=TODAY).overall.due == 0


def test_a_silent_break_always_counts_and_its_rep_is_on_the_page(db, organization, manager):
    # given a rep whose only promise broke silently two years ago (long before the window),
    # and a colleague who kept one on time in the window
    rep = manager
    _promise(organization, datetime.date(2024, 8, 15), "broken", by=rep)
    _promise(organization, datetime.date(2026, 3, 3), "kept")

    # then the organization's figure counts the silent break: 1 kept of 2 due, not 100%
    figure = reliability(user=organization.owner, organization=organization, today=TODAY)
    assert (figure.overall.kept_on_time, figure.overall.due) == (1, 2)
    assert figure.overall.earlier_silent_breaks == 1
    # and the rep who broke it is in the table, at 0%
    rows = {
        row.pk: row.reliability.overall
        for row in reliability_table(user=organization.owner, by="owner", today=TODAY)
    }
    assert (rows[rep.pk].kept_on_time, rows[rep.pk].due) == (0, 1)


def test_a_break_the_customer_was_told_about_falls_out_with_its_window(
    db, organization, manager, person
):
    # given a promise broken two years ago, but the customer was told (an interaction)
    broken = _promise(organization, datetime.date(2024, 8, 15), "broken", by=manager)
    InteractionFactory(
        organization=organization,
        participants=[person],
        occurred_at=_at(datetime.date(2024, 8, 16)),
    )
    assert not type(broken).objects.silent_breaks().filter(pk=broken.pk).exists()

    # then it is not in today's figure (its due date is outside the window)
    figure = reliability(user=organization.owner, organization=organization, today=TODAY)
    assert figure.overall.due == 0


def test_the_reliability_page_shows_the_window_and_the_chart(client_for, owner, organization):
    _promise(organization, datetime.date(2024, 8, 15), "broken")
    content = client_for(owner).get("/promises/reliability/").content.decode()
    assert 'id="reliability-window"' in content
    assert "<svg" in content
    assert 'class="table chart-data"' in content


def test_the_api_serves_the_pages_figure_for_an_organization_and_a_user(
    db, organization, owner, manager, monkeypatch
):
    # given the known set, on the known day
    _known_set(organization, manager)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    client = token_client(manager)

    # when the manager asks the API for the organization's reliability
    body = client.get(f"/api/promises/reliability?organization={organization.pk}").json()

    # then it is the page's figure over the page's window
    assert (body["window_start"], body["window_end"]) == ("2025-06-15", "2026-06-14")
    assert (body["overall"]["kept_on_time"], body["overall"]["due"]) == (3, 6)
    assert body["overall"]["percent"] == 50
    assert {q["label"]: (q["kept_on_time"], q["due"]) for q in body["quarters"]} == {
        "2025 Q2": (0, 0),
        "2025 Q3": (1, 1),
        "2025 Q4": (0, 1),
        "2026 Q1": (1, 2),
        "2026 Q2": (1, 2),
    }
    assert body["trend"] == 0
    # and per user, as the page's table splits it
    mine = client.get(f"/api/promises/reliability?user={owner.pk}").json()
    assert (mine["overall"]["kept_on_time"], mine["overall"]["due"]) == (2, 5)
    assert mine["user_id"] == owner.pk


def test_the_reliability_api_is_scoped_like_the_page(db, organization, owner, outsider):
    # given a kept promise of an organization the outsider cannot see
    _promise(organization, datetime.date(2026, 5, 2), "kept", datetime.date(2026, 5, 2))
    client = token_client(outsider)

    # then neither the organization nor its owner can be asked about (same answer as unknown)
    for query, field in (
        (f"organization={organization.pk}", "organization"),
        (f"user={owner.pk}", "user"),
        ("organization=999999", "organization"),
        (f"user={2**63}", "user"),
    ):
        response = client.get(f"/api/promises/reliability?{query}")
        assert response.status_code == 422, query
        assert error_fields(response) == {field: "invalid"}
    # and their own figure counts nothing of it
    assert client.get("/api/promises/reliability").json()["overall"]["due"] == 0
