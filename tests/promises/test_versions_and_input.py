"""No lost updates and no 500s: the promise's version guards every write (page, service, API);
bad input is a 4xx in the one error shape, naming the field."""

from __future__ import annotations

import datetime
import re

import pytest

from karib.core.errors import DomainError, ErrorCode
from karib.promises import services
from karib.promises.models import Promise, PromiseStatus
from tests.factories import PersonFactory

from .factories import ProjectFactory, make_promise, plan
from .support import api_client, error_of

FUTURE = datetime.date(2099, 1, 1)


@pytest.fixture
def promise(organization, person, owner):
    return make_promise(organization=organization, by=owner, people=[person], due_date=FUTURE)


def test_a_write_based_on_an_old_version_is_a_conflict_naming_who_and_when(promise, owner, manager):
    # given Rudi read version 1, then his manager Budi marked it at risk (version 2)
    services.promise_mark_at_risk(promise=promise, by=manager, expected_version=1, **plan(manager))

    # when Rudi marks it kept from what he read
    with pytest.raises(DomainError) as conflict:
        services.promise_mark_kept(promise=promise, by=owner, expected_version=1)

    # then it is a conflict that names Budi, and Budi's change stands
    assert conflict.value.code == ErrorCode.CONFLICT
    assert "Budi" in conflict.value.message
    promise.refresh_from_db()
    assert (promise.status, promise.version, promise.updated_by) == (
        PromiseStatus.AT_RISK,
        2,
        manager,
    )


def test_the_api_takes_if_match_or_a_version_field_and_answers_409(promise, owner, manager):
    client = api_client(owner)
    assert client.get(f"/api/promises/{promise.pk}").json()["version"] == 1
    services.promise_mark_at_risk(promise=promise, by=manager, **plan(manager))

    stale = client.post(
        f"/api/promises/{promise.pk}/kept",
        {},
        content_type="application/json",
        headers={"If-Match": '"1"'},
    )
    assert stale.status_code == 409
    assert error_of(stale)["code"] == "conflict"
    in_body = client.post(
        f"/api/promises/{promise.pk}/kept", {"version": 1}, content_type="application/json"
    )
    assert in_body.status_code == 409

    fresh = client.post(
        f"/api/promises/{promise.pk}/kept",
        {},
        content_type="application/json",
        headers={"If-Match": '"2"'},
    )
    assert fresh.status_code == 200
    assert fresh.json()["version"] == 3


def test_a_stale_page_form_shows_the_conflict_and_keeps_the_input(
    promise, owner, manager, client_for
):
    # given the page was opened at version 1, then Budi marked the promise at risk
    services.promise_mark_at_risk(promise=promise, by=manager, **plan(manager))

    # when Rudi sends the "kept" form he opened before
    response = client_for(owner).post(
        f"/promises/{promise.pk}/kept/",
        {"kept-version": "1", "kept-reason": "Handed over on site"},
        HTTP_HX_REQUEST="true",
    )

    # then he reads who changed it, his note is still there (now at version 2), nothing lost
    assert response.status_code == 422
    content = response.content.decode()
    error = re.search(r'id="transition-error">([^<]*)<', content)
    assert error is not None
    assert "Budi" in error.group(1)
    assert re.search(r'id="id_kept-reason">\s*Handed over on site</textarea>', content)
    assert re.search(r'name="kept-version" value="2"', content)
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.AT_RISK


def test_patch_changes_only_what_is_sent_and_null_clears_the_project(promise, owner, organization):
    project = ProjectFactory(organization=organization)
    client = api_client(owner)
    url = f"/api/promises/{promise.pk}"

    set_project = client.patch(url, {"project_id": project.pk}, content_type="application/json")
    assert set_project.status_code == 200
    assert set_project.json()["project_id"] == project.pk
    assert set_project.json()["people"] == [p.pk for p in promise.people.all()]

    cleared = client.patch(url, {"project_id": None}, content_type="application/json")
    assert cleared.status_code == 200
    assert cleared.json()["project_id"] is None
    assert cleared.json()["version"] == 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"people_ids": None}, "people_ids"),
        ({"due_date": None}, "due_date"),
        ({"due_date": "2099-02-01"}, "due_date"),  # agreed terms change by renegotiation
        ({"people_ids": [2**63]}, "people_ids"),
        ({"project_id": 2**63 + 5}, "project_id"),
    ],
)
def test_patch_refuses_bad_values_by_field(promise, owner, body, field):
    response = api_client(owner).patch(
        f"/api/promises/{promise.pk}", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert error_of(response)["field"] == field
    promise.refresh_from_db()
    assert (promise.version, promise.due_date) == (1, FUTURE)


def test_a_patch_body_that_is_not_an_object_is_a_422(promise, owner):
    response = api_client(owner).patch(
        f"/api/promises/{promise.pk}", "12345", content_type="application/json"
    )
    assert response.status_code == 422
    promise.refresh_from_db()
    assert promise.version == 1


def test_a_patch_with_a_stale_if_match_changes_nothing(promise, owner, organization):
    person = PersonFactory(organization=organization)
    services.promise_update(promise=promise, by=owner, people=[person])
    response = api_client(owner).patch(
        f"/api/promises/{promise.pk}",
        {"people_ids": []},
        content_type="application/json",
        headers={"If-Match": "1"},
    )
    assert response.status_code == 409
    assert list(Promise.objects.get(pk=promise.pk).people.all()) == [person]


@pytest.mark.parametrize(
    "query",
    ["organization=9223372036854775808", "person=-1", "owner=0", "page=99999999999999999999"],
)
def test_out_of_range_filters_and_pages_are_422_in_the_one_shape(promise, owner, query):
    response = api_client(owner).get(f"/api/promises/?{query}")
    assert response.status_code == 422
    assert error_of(response)["field"] in {"organization", "person", "owner", "page"}


def test_an_id_beyond_any_database_integer_names_no_promise(owner):
    response = api_client(owner).get(f"/api/promises/{2**64}")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_the_schema_documents_the_error_shape_for_every_promise_and_gift_operation(
    owner, client_for
):
    schema = client_for(owner).get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        if not path.startswith(("/api/promises", "/api/gifts")):
            continue
        for method, operation in operations.items():
            for status in ("403", "404", "409", "422"):
                content = operation["responses"][status]["content"]["application/json"]
                assert content["schema"]["$ref"].endswith("/ErrorsOut"), (method, path, status)


@pytest.mark.parametrize("query", ["organization=99999999999999999999", "owner=-5", "project=x"])
def test_the_board_and_its_export_answer_a_bad_filter_with_nothing_not_a_500(
    promise, owner, client_for, query
):
    board = client_for(owner).get(f"/promises/?{query}")
    assert board.status_code == 200
    assert board.context["count"] == 0
    assert board.context["form"].errors
    export = client_for(owner).get(f"/promises/export.csv?{query}")
    assert export.status_code == 200
    assert export.content.decode().count("\n") == 1  # the header only
