from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from karib.people import selectors, services
from karib.people.search import query_terms, stem_text


def test_stemming_meets_word_forms():
    assert stem_text("pelatihan") == stem_text("dilatih") == "latih"
    assert query_terms("Pelatihan operator") == ["latih", "operator"]


def _search(user, query):
    return list(selectors.person_list(user=user, filters={"q": query}))


def test_pelatihan_finds_a_fact_that_says_dilatih(world):
    # given a fact in one word form
    services.fact_create(
        person=world.person,
        by=world.owner,
        category="preference",
        text="Ingin operator daerah dilatih langsung oleh vendor",
    )
    # when the owner searches another form of the word
    # then the person is found
    assert _search(world.owner, "pelatihan") == [world.person]
    assert _search(world.owner, "pelatihan vendor") == [world.person]
    assert _search(world.owner, "pelatihan kapal") == []


def test_search_covers_names_organizations_and_interaction_notes(world):
    services.interaction_create(
        by=world.owner,
        kind="site_visit",
        occurred_at=timezone.now() - datetime.timedelta(days=3),
        summary="Kunjungan lapangan ke pusat data Denpasar",
        participants=[world.person],
    )
    assert _search(world.owner, "denpasar") == [world.person]
    assert _search(world.owner, "kunjungi") == [world.person]
    assert _search(world.owner, "Suryo") == [world.person]
    assert _search(world.owner, "Direktorat") == [world.person]


def test_search_is_scoped_and_hides_sensitive_facts(world):
    # given a sensitive fact and a normal one
    services.fact_create(
        person=world.person,
        by=world.owner,
        category="family",
        text="Anaknya dirawat di rumah sakit",
        is_sensitive=True,
    )
    services.fact_create(
        person=world.person, by=world.owner, category="interest", text="Suka wayang"
    )
    # then another sales user finds nothing, and nobody finds the sensitive words
    assert _search(world.other, "wayang") == []
    assert _search(world.owner, "wayang") == [world.person]
    assert _search(world.owner, "rawat") == []


def test_search_document_follows_edits_and_deletes(world):
    fact = services.fact_create(
        person=world.person, by=world.owner, category="interest", text="Suka golf"
    )
    assert _search(world.owner, "golf") == [world.person]
    services.fact_update(fact=fact, by=world.owner, text="Suka memancing")
    assert _search(world.owner, "golf") == []
    assert _search(world.owner, "pancing") == [world.person]
    services.fact_delete(fact=fact, by=world.owner)
    assert _search(world.owner, "pancing") == []


def test_search_treats_punctuation_and_operators_as_text(world):
    assert _search(world.owner, '"OR" AND * ( -') == []
    assert _search(world.owner, "") == [world.person]


def test_organizations_are_found_by_name_scoped(world, client_for):
    owner_page = client_for(world.owner).get(reverse("people:index"), {"q": "direktorat"})
    other_page = client_for(world.other).get(reverse("people:index"), {"q": "direktorat"})
    assert owner_page.context["organizations"][0] == world.organization
    assert not list(other_page.context["organizations"])


def test_search_follows_a_change_of_owner_and_managers_find_their_team(world):
    # given a fact only the owner's side can find
    services.fact_create(
        person=world.person, by=world.owner, category="interest", text="Suka wayang"
    )
    assert _search(world.other, "wayang") == []
    assert _search(world.manager, "wayang") == [world.person]
    assert _search(world.outsider_manager, "wayang") == []
    # when the person is handed to the other sales user
    services.person_update(person=world.person, by=world.owner, owner=world.other)
    # then the new owner finds them by search
    assert _search(world.other, "wayang") == [world.person]


@pytest.mark.parametrize("typed", ["waya", "Bim", "sury", "Denpas", "direkt layan"])
def test_typeahead_matches_the_start_of_any_word(world, client_for, typed):
    # given what the owner knows about Suryo
    services.fact_create(
        person=world.person, by=world.owner, category="interest", text="Suka wayang, tokoh Bima"
    )
    services.interaction_create(
        by=world.owner,
        kind="meal",
        occurred_at=timezone.now(),
        location="Denpasar",
        summary="Sarapan",
        participants=[world.person],
    )
    # when the owner types the start of a word
    found = selectors.typeahead(user=world.owner, query=typed)
    # then Suryo (or his organization) is suggested; another team sees nothing
    assert world.person in found.people or world.organization in found.organizations
    nothing = selectors.typeahead(user=world.other, query=typed)
    assert (nothing.people, nothing.organizations) == ([], [])
    page = client_for(world.owner).get(reverse("people:typeahead"), {"q": typed})
    assert page.status_code == 200
    assert 'id="typeahead"' in page.text


def test_typeahead_in_the_api(world):
    from tests.support.api import token_client

    response = token_client(world.owner).get("/api/people/typeahead", {"q": "sury"})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["people"]] == [world.person.pk]
    outsider = token_client(world.other).get("/api/people/typeahead", {"q": "sury"})
    assert outsider.json() == {"people": [], "organizations": []}


def test_stemming_keeps_one_bounded_cache():
    # Sastrawi's own CachedStemmer kept every word it ever saw (a 100k-contact import grew
    # with every new name); only stem_word's bounded cache remains
    from karib.people.search import _stemmer, stem_word

    assert not hasattr(_stemmer(), "cache")
    assert stem_word.cache_info().maxsize is not None
    assert stem_word("pelatihan") == "latih"
