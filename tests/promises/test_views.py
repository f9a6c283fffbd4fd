"""Pages: board, detail, in-place transitions, capture, export, reliability; scoping."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory

from karib.promises import services
from karib.promises.models import Promise, PromiseStatus
from tests.factories import InteractionFactory, OrganizationFactory, PersonFactory

from .factories import make_promise, plan

FUTURE = datetime.date(2099, 1, 1)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def promise(organization, person):
    return make_promise(
        organization=organization, people=[person], text="Train the operators", due_date=FUTURE
    )


@pytest.mark.parametrize(
    "url_name", ["promises:index", "promises:create", "promises:export", "promises:reliability"]
)
def test_anonymous_is_sent_to_login(db, url_name):
    from django.urls import reverse

    response = Client().get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize(("who", "status"), [("owner", 200), ("manager", 200), ("outsider", 404)])
def test_detail_permission_matrix(client_for, request, promise, who, status):
    response = client_for(request.getfixturevalue(who)).get(f"/promises/{promise.pk}/")
    assert response.status_code == status
    if status == 200:
        assert "Train the operators" in response.content.decode()


def test_detail_anonymous_and_missing(db, client_for, promise, owner):
    assert Client().get(f"/promises/{promise.pk}/").status_code == 302
    assert client_for(owner).get("/promises/999999/").status_code == 404


@pytest.mark.parametrize(("who", "status"), [("owner", 302), ("manager", 302), ("outsider", 404)])
def test_transition_permission_matrix(client_for, request, promise, who, status):
    # when someone marks the promise kept
    response = client_for(request.getfixturevalue(who)).post(
        f"/promises/{promise.pk}/kept/", {"kept-reason": "Done"}
    )

    # then only those who see it can; a denied attempt changes nothing
    assert response.status_code == status
    promise.refresh_from_db()
    assert promise.status == (PromiseStatus.KEPT if status == 302 else PromiseStatus.OPEN)


def test_transition_anonymous_changes_nothing(db, promise):
    response = Client().post(f"/promises/{promise.pk}/kept/", {})
    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.OPEN


def test_at_risk_in_place_shows_errors_next_to_the_fields(client_for, owner, promise):
    # when the at-risk form is sent by htmx without a communication plan
    response = client_for(owner).post(
        f"/promises/{promise.pk}/at-risk/", {"at-risk-reason": "Trainer ill"}, **HTMX
    )

    # then the fragment comes back with the errors by the fields, and nothing changed
    assert response.status_code == 422
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="id_at-risk-communication_message-error"' in body
    assert 'id="id_at-risk-communication_due-error"' in body
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.OPEN


def test_at_risk_then_renegotiate_in_place(client_for, owner, promise):
    client = client_for(owner)
    # when the owner marks it at risk with a plan
    response = client.post(
        f"/promises/{promise.pk}/at-risk/",
        {
            "at-risk-reason": "Trainer ill",
            "at-risk-communication_message": "Call Pak Suryo",
            "at-risk-communication_due": "2098-12-01",
            "at-risk-communication_owner": owner.pk,
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert "Call Pak Suryo" in response.content.decode()

    # and renegotiates a past date: the error is next to the date
    response = client.post(
        f"/promises/{promise.pk}/renegotiate/",
        {
            "renegotiate-new_text": "Online",
            "renegotiate-new_due_date": "2020-01-01",
            "renegotiate-reason": "Agreed",
        },
        **HTMX,
    )
    assert response.status_code == 422
    assert 'id="id_renegotiate-new_due_date-error"' in response.content.decode()

    # and then a future one
    response = client.post(
        f"/promises/{promise.pk}/renegotiate/",
        {
            "renegotiate-new_text": "Online",
            "renegotiate-new_due_date": "2099-02-01",
            "renegotiate-reason": "Agreed",
        },
        **HTMX,
    )

    # then the promise is renegotiated, with the old terms kept
    assert response.status_code == 200
    promise.refresh_from_db()
    assert (promise.status, promise.text, promise.original_text) == (
        PromiseStatus.RENEGOTIATED,
        "Online",
        "Train the operators",
    )


def test_refused_transition_is_shown_not_applied(client_for, owner, promise):
    # when someone tries to break an open promise (only at-risk ones can break)
    response = client_for(owner).post(
        f"/promises/{promise.pk}/broken/", {"broken-reason": "x"}, **HTMX
    )

    # then the error is shown and nothing changed
    assert response.status_code == 422
    assert "cannot become" in response.content.decode() or "tidak" in response.content.decode()
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.OPEN


def test_board_is_scoped_filterable_and_marks_silent_breaks(
    client_for, owner, manager, outsider, organization, django_assert_max_num_queries
):
    # given promises in many states, one of them a silent break, and another team's promise
    for index in range(12):
        make_promise(
            organization=organization,
            text=f"Promise {index}",
            due_date=FUTURE - datetime.timedelta(days=7 * index),
        )
    silent = make_promise(organization=organization, text="Silent one", due_date=FUTURE)
    services.promise_mark_at_risk(promise=silent, by=owner, **plan(owner))
    services.promise_mark_broken(promise=silent, by=owner, reason="Never done")
    make_promise(organization=OrganizationFactory(owner=outsider), text="Other team's")

    # when the manager opens the board
    client = client_for(manager)
    with django_assert_max_num_queries(14):
        response = client.get("/promises/")

    # then they see their team's promises, the silent break in red, not the other team's
    body = response.content.decode()
    assert "Promise 11" in body
    assert "Other team" not in body
    assert f'class="promise-card silent-break" href="/promises/{silent.pk}/"' in body

    # and the silent-break filter keeps only that one (htmx: the board fragment)
    response = client_for(manager).get("/promises/?silent_break=on", **HTMX)
    body = response.content.decode()
    assert "Silent one" in body
    assert "Promise 1<" not in body
    assert "<html" not in body


def test_board_filters_overdue_and_owner(client_for, owner, manager, organization):
    late = make_promise(
        organization=organization,
        text="Late one",
        made_on=datetime.date(2024, 1, 1),
        due_date=datetime.date(2024, 2, 1),
    )
    make_promise(organization=organization, text="Future one", due_date=FUTURE)
    body = client_for(owner).get("/promises/?overdue=on").content.decode()
    assert "Late one" in body
    assert "Future one" not in body
    body = client_for(owner).get(f"/promises/?owner={manager.pk}").content.decode()
    assert "Late one" not in body
    assert late.made_by == owner


def test_capture_from_an_interaction_in_one_step(client_for, owner, organization, person):
    # given a meeting with the official
    meeting = InteractionFactory(organization=organization, participants=[person])

    # when the owner records a promise "promised in this meeting"
    client = client_for(owner)
    assert client.get(f"/promises/new/?interaction={meeting.pk}").status_code == 200
    response = client.post(
        f"/promises/new/?interaction={meeting.pk}",
        {"text": "Send the SLA draft", "due_date": "2099-01-10"},
    )

    # then it is linked to the meeting and its people
    promise = Promise.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/promises/{promise.pk}/"
    assert (promise.interaction, list(promise.people.all())) == (meeting, [person])


def test_capture_from_someone_elses_interaction_is_404(client_for, outsider, organization):
    meeting = InteractionFactory(organization=organization)
    response = client_for(outsider).post(f"/promises/new/?interaction={meeting.pk}", {"text": "x"})
    assert response.status_code == 404
    assert not Promise.objects.exists()


def test_create_form_refuses_an_organization_the_user_cannot_see(
    client_for, outsider, organization
):
    response = client_for(outsider).post(
        "/promises/new/", {"organization": organization.pk, "text": "x"}
    )
    assert response.status_code == 200
    assert "field-error" in response.content.decode()
    assert not Promise.objects.exists()


def test_create_form_names_the_bad_field(client_for, owner, organization):
    response = client_for(owner).post(
        "/promises/new/",
        {
            "organization": organization.pk,
            "text": "x",
            "made_on": "2025-05-01",
            "due_date": "2025-04-01",
        },
    )
    assert response.status_code == 200
    assert "before the day it was promised" in response.content.decode() or (
        "sebelum" in response.content.decode()
    )
    assert not Promise.objects.exists()


def test_csv_export_is_scoped_and_safe(client_for, owner, outsider, organization):
    # given a promise whose text looks like a spreadsheet formula, and another team's promise
    make_promise(organization=organization, text='=HYPERLINK("x")', due_date=FUTURE)
    make_promise(organization=OrganizationFactory(owner=outsider), text="Other team's")

    # when the owner exports the ledger
    response = client_for(owner).get("/promises/export.csv")

    # then only their promise is in it, neutralised
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][:3] == ["id", "status", "silent_break"]
    assert [row[4] for row in rows[1:]] == ['\'=HYPERLINK("x")']


def test_reliability_page(client_for, owner, organization):
    promise = make_promise(
        organization=organization,
        made_on=datetime.date(2024, 1, 1),
        due_date=datetime.date(2024, 2, 1),
    )
    services.promise_mark_kept(promise=promise, by=owner, kept_on=datetime.date(2024, 1, 20))
    response = client_for(owner).get("/promises/reliability/")
    assert response.status_code == 200
    assert 'id="reliability-organizations"' in response.content.decode()


def test_promise_block_shows_a_persons_promises_to_those_who_see_them(
    db, owner, outsider, organization, person
):
    # given a silent break promised to the person, and a promise to someone else
    silent = make_promise(organization=organization, people=[person], text="Operator training")
    services.promise_mark_at_risk(promise=silent, by=owner, **plan(owner))
    services.promise_mark_broken(promise=silent, by=owner, reason="Not done")
    make_promise(
        organization=organization,
        people=[PersonFactory(organization=organization)],
        text="For someone else",
    )
    template = Template("{% load promises %}{% promise_block person=person %}")

    def render(user):
        request = RequestFactory().get("/")
        request.user = user
        return template.render(Context({"request": request, "person": person}))

    # when the owner sees the person's page, then the block lists it in red
    html = render(owner)
    assert "Operator training" in html
    assert "For someone else" not in html
    assert 'class="silent-break"' in html

    # when an outsider sees it, the block is empty
    assert "Operator training" not in render(outsider)


def test_promise_block_for_an_organization_has_its_reliability(db, owner, organization):
    make_promise(organization=organization, text="Deliver servers")
    request = RequestFactory().get("/")
    request.user = owner
    html = Template("{% load promises %}{% promise_block organization=org %}").render(
        Context({"request": request, "org": organization})
    )
    assert "Deliver servers" in html
    assert "reliability-figure" in html
