"""Filters and the search box: an invalid filter is shown (not dropped), an unknown filter value
is named, a long query is refused by the API and cut on the pages, a NUL is ignored."""

from __future__ import annotations

from django.urls import reverse

from karib.people import services
from karib.people.models import Organization
from tests.support.api import token_client

API = "/api/people"


def test_an_invalid_filter_is_shown_not_dropped(world, client_for):
    # given
    client = client_for(world.owner)
    # when
    page = client.get(reverse("people:index"), {"stage": "bogus"})
    fragment = client.get(reverse("people:index"), {"stage": "bogus"}, HTTP_HX_REQUEST="true")
    # then
    assert page.status_code == 422
    assert fragment.status_code == 422
    assert b"Suryo" not in fragment.content
    assert b'role="alert"' in fragment.content


def test_a_long_query_is_refused_by_the_api_and_cut_on_the_pages(world, client_for):
    # when
    api = token_client(world.owner).get(f"{API}/persons", {"q": "x" * 5000})
    page = client_for(world.owner).get(reverse("people:index"), {"q": "Suryo" + "x" * 5000})
    # then
    assert api.status_code == 422
    assert page.status_code == 200


def test_api_refuses_an_unknown_filter_value_naming_it(world):
    # when
    response = token_client(world.owner).get(f"{API}/persons", {"stage": "bogus"})
    bad_influence = token_client(world.owner).get(f"{API}/persons", {"influence": 9})
    # then
    assert response.status_code == 422
    assert "stage" in response.content.decode()
    assert bad_influence.status_code == 422


def test_a_null_character_in_the_search_box_is_ignored(world, client_for):
    # when
    page = client_for(world.owner).get(reverse("people:index"), {"q": "Suryo\x00"})
    # then
    assert page.status_code == 200
    assert b"Suryo" in page.content


def test_the_page_and_the_api_share_the_people_filters(world, client_for):
    # given a second person the owner sees, not a public official, influence 1
    services.person_create(
        by=world.owner,
        full_name="Ratna Sari",
        organization=world.organization,
        influence=1,
        is_public_official=False,
    )
    filters = {"public_official": "no", "influence": "1"}
    # when
    page = client_for(world.owner).get(reverse("people:index"), filters)
    api = token_client(world.owner).get(
        f"{API}/persons", {"is_public_official": "false", "influence": 1}
    )
    # then
    assert "Ratna" in page.text
    assert "Suryo" not in page.text
    assert [row["full_name"] for row in api.json()["items"]] == ["Ratna Sari"]


def test_a_filter_naming_an_organization_the_user_cannot_see_is_refused(world):
    # given an organization of another team
    hidden = services.organization_create(
        by=world.other, name="Bank Lain", kind=Organization.Kind.PRIVATE
    )
    # when
    response = token_client(world.owner).get(f"{API}/persons", {"organization": hidden.pk})
    # then
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["organization"]


def test_the_organization_list_filters_by_kind_on_the_page_and_in_the_api(world, client_for):
    # given
    services.organization_create(by=world.owner, name="Bank Swasta", kind=Organization.Kind.PRIVATE)
    # when
    page = client_for(world.owner).get(reverse("people:organization-list"), {"kind": "private"})
    bad = client_for(world.owner).get(reverse("people:organization-list"), {"kind": "bogus"})
    api = token_client(world.owner).get(f"{API}/organizations", {"kind": "government"})
    # then
    assert "Bank Swasta" in page.text
    assert "Direktorat Layanan Data" not in page.text
    assert bad.status_code == 422
    assert 'role="alert"' in bad.text
    assert [row["name"] for row in api.json()["items"]] == ["Direktorat Layanan Data"]


def test_lists_are_paged_by_the_one_page_size_setting(world, client_for, settings):
    # given three people and a page size of two
    settings.KARIB_PAGE_SIZE = 2
    for name in ("Andi Hakim", "Budi Salim"):
        services.person_create(by=world.owner, full_name=name, organization=world.organization)
    # when
    page = client_for(world.owner).get(reverse("people:index"))
    # then
    assert page.context["page_obj"].paginator.per_page == 2
    assert len(page.context["page_obj"].object_list) == 2
