"""Filters and the search box: an invalid filter is shown (not dropped), an unknown filter value
is named, a long query is refused by the API and cut on the pages, a NUL is ignored."""

from __future__ import annotations

from django.urls import reverse

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
