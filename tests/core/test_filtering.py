"""One filter model per list (`karib.core.filtering`): the promise board, the gift register
and the conversation list refuse an invalid filter the same way, a 422 naming the field in
the API and an error next to the filters on the page, which then lists nothing."""

from __future__ import annotations

import pytest

from karib.core.filtering import FlagField, is_id
from karib.core.roles import Role
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.gifts.factories import GiftFactory
from tests.promises.factories import make_promise
from tests.service.factories import POLITE_ID, conversation_from_text, service_team
from tests.support.api import error_fields, token_client

pytestmark = pytest.mark.django_db

BEYOND_ANY_ID = 2**63


@pytest.fixture
def admin():
    """An admin sees every row of every list; one of each is stored."""
    user = UserFactory(role=Role.ADMIN)
    organization = OrganizationFactory(owner=user)
    make_promise(organization=organization, by=user)
    GiftFactory(recipient=PersonFactory(organization=organization, owner=user), giver=user)
    conversation_from_text(POLITE_ID, team=service_team(), agent=None)
    return user


LISTS = {"promises": "/api/promises/", "gifts": "/api/gifts/", "service": "/api/conversations/"}


@pytest.mark.parametrize(
    ("app", "query", "field"),
    [
        ("promises", f"organization={BEYOND_ANY_ID}", "organization"),
        ("promises", "owner=0", "owner"),
        ("promises", "project=999999", "project"),
        ("promises", "person=-1", "person"),
        ("promises", "overdue=maybe", "overdue"),
        ("gifts", "year=1800", "year"),
        ("gifts", "person=0", "person"),
        ("gifts", f"giver={BEYOND_ANY_ID}", "giver"),
        ("service", "agent=999999", "agent"),
        ("service", "team=999999", "team"),
        ("service", "finding=no_such_finding", "finding"),
    ],
)
def test_an_invalid_filter_is_a_422_naming_it_in_every_list_api(admin, app, query, field):
    response = token_client(admin).get(f"{LISTS[app]}?{query}")
    assert response.status_code == 422, response.content
    assert error_fields(response) == {field: "invalid"}


@pytest.mark.parametrize("app", sorted(LISTS))
@pytest.mark.parametrize("page", [BEYOND_ANY_ID, 10**30, 0])
def test_a_page_beyond_any_list_is_a_422_not_a_500(admin, app, page):
    response = token_client(admin).get(f"{LISTS[app]}?page={page}")
    assert response.status_code == 422, response.content
    assert "page" in error_fields(response)


@pytest.mark.parametrize("app", sorted(LISTS))
def test_every_list_api_pages_by_the_one_page_size(admin, app, settings):
    settings.KARIB_PAGE_SIZE = 1
    first = token_client(admin).get(LISTS[app]).json()
    assert first["count"] == 1
    assert len(first["items"]) == 1


def test_the_board_shows_a_bad_filter_next_to_the_filters_and_lists_nothing(admin, client_for):
    response = client_for(admin).get("/promises/?project=999999")
    assert response.status_code == 200
    assert response.context["count"] == 0
    assert "project" in response.context["form"].errors
    assert 'class="field-error"' in response.content.decode()


def test_the_register_shows_a_bad_filter_next_to_the_filters_and_lists_nothing(admin, client_for):
    response = client_for(admin).get("/gifts/?year=1800")
    assert response.status_code == 200
    assert response.context["totals"].count == 0
    assert "year" in response.context["filter_form"].errors
    assert 'id="filter-errors"' in response.content.decode()


def test_the_queue_shows_a_bad_filter_next_to_the_filters_and_lists_nothing(admin, client_for):
    response = client_for(admin).get("/conversations/?finding=no_such_finding")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert "finding" in response.context["form"].errors
    assert 'class="field-error"' in response.content.decode()


def test_the_same_lists_without_a_filter_show_their_rows(admin, client_for):
    client = client_for(admin)
    assert client.get("/promises/").context["count"] == 1
    assert client.get("/gifts/").context["totals"].count == 1
    assert client.get("/conversations/").context["page"].paginator.count == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, False), ("", False), ("on", True), ("true", True), ("1", True), ("0", False)],
)
def test_a_flag_is_a_page_checkbox_and_an_api_boolean_alike(value, expected):
    assert FlagField(required=False).clean(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        (42, True),
        (str(2**63 - 1), True),
        (str(2**63), False),
        ("0", False),
        ("-1", False),
        ("²", False),  # a digit to str.isdigit, refused by int(): it was a 500
        ("١٢", False),  # Arabic-Indic digits, which int() would take
        (" 1", False),
        ("", False),
        (None, False),
        ("9" * 5000, False),
    ],
)
def test_an_id_is_ascii_digits_within_the_database_range(value, expected):
    assert is_id(value) is expected


def test_an_if_match_of_odd_digits_is_an_input_error():
    from karib.core.api_support import expected_version
    from karib.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        expected_version('"²"')
    assert refused.value.field == "If-Match"
    assert expected_version('W/"3"') == 3
