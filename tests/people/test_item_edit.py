"""Changing and deleting a fact or an interaction in place on the person page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from karib.core.models import AuditEvent
from karib.people import selectors, services
from karib.people.models import Interaction, PersonalFact

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def fact(world):
    return services.fact_create(
        person=world.person, by=world.owner, category="interest", text="suka wayang kulit"
    )


@pytest.fixture
def interaction(world):
    # `other` attended (listed among the users) but neither created it nor owns anyone in it
    return services.interaction_create(
        by=world.owner,
        kind="meal",
        occurred_at=datetime.datetime(2026, 1, 10, 7, 0, tzinfo=datetime.UTC),
        summary="Sarapan di Denpasar",
        participants=[world.person],
        users=[world.other],
    )


def _fact_data(**changes):
    return {"category": "interest", "text": "suka gamelan", "confidence": "sure", **changes}


def _interaction_data(**changes):
    data = {
        "kind": "call",
        "occurred_at": "2026-01-11T09:00",
        "summary": "Telepon soal pelatihan",
        "mood": "positive",
        "location": "",
    }
    return {**data, **changes}


def _url(name, world, item):
    return reverse(f"people:person-{name}", args=[world.person.pk, item.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("manager", 200), ("other", 404), ("outsider_manager", 404)],
)
def test_fact_edit_and_delete_permission_matrix(world, fact, client_for, who, status):
    # given a user
    client = client_for(getattr(world, who))
    # when they open the edit form and the delete confirmation
    edit = client.get(_url("fact-update", world, fact), **HTMX)
    confirm = client.get(_url("fact-delete", world, fact))
    # then owner and manager may, the others get the same 404 as for a missing fact
    assert (edit.status_code, confirm.status_code) == (status, status)


@pytest.mark.parametrize("who", ["other", "outsider_manager"])
def test_fact_cannot_be_changed_or_deleted_by_others(world, fact, client_for, who):
    client = client_for(getattr(world, who))
    changed = client.post(_url("fact-update", world, fact), _fact_data(), **HTMX)
    deleted = client.post(_url("fact-delete", world, fact), **HTMX)
    assert (changed.status_code, deleted.status_code) == (404, 404)
    assert PersonalFact.objects.get(pk=fact.pk).text == "suka wayang kulit"


def test_anonymous_is_sent_to_login(world, fact, interaction, client):
    for url in [
        _url("fact-update", world, fact),
        _url("interaction-delete", world, interaction),
    ]:
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert PersonalFact.objects.filter(pk=fact.pk).exists()


def test_fact_edit_in_place_shows_errors_next_to_the_field(world, fact, client_for):
    client = client_for(world.owner)
    # when the row's form is asked for, it replaces the row
    form = client.get(_url("fact-update", world, fact), **HTMX)
    assert f'id="fact-{fact.pk}"' in form.text
    assert "suka wayang kulit" in form.text
    assert f'value="{fact.learned_on.isoformat()}"' in form.text  # the date input keeps it
    assert "<html" not in form.text
    # and an empty text answers 422 with the error next to the field
    bad = client.post(_url("fact-update", world, fact), _fact_data(text=""), **HTMX)
    assert bad.status_code == 422
    assert 'id="error-text"' in bad.text
    assert PersonalFact.objects.get(pk=fact.pk).text == "suka wayang kulit"


def test_manager_edits_a_fact_in_place_audited_and_searchable(world, fact, client_for):
    # given the manager of the owner's team
    client = client_for(world.manager)
    # when they change the fact in place
    response = client.post(_url("fact-update", world, fact), _fact_data(), **HTMX)
    # then the facts section comes back, retargeted, with the new text
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#facts"
    assert "suka gamelan" in response.text
    assert PersonalFact.objects.get(pk=fact.pk).text == "suka gamelan"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE, actor=world.manager).exists()
    # and the search finds the new text and no longer the old one
    search = lambda q: list(  # noqa: E731
        selectors.person_list(user=world.owner, filters={"q": q})
    )
    assert search("gamelan") == [world.person]
    assert search("wayang") == []


def test_fact_delete_in_place_and_plain(world, fact, client_for):
    client = client_for(world.owner)
    page = client.get(reverse("people:person-detail", args=[world.person.pk]))
    assert 'hx-confirm="' in page.text
    assert _url("fact-delete", world, fact) in page.text
    # a GET only asks for confirmation
    assert client.get(_url("fact-delete", world, fact)).status_code == 200
    assert PersonalFact.objects.filter(pk=fact.pk).exists()
    # the POST deletes, audited, and the search forgets it
    response = client.post(_url("fact-delete", world, fact))
    assert response.status_code == 302
    assert not PersonalFact.objects.filter(pk=fact.pk).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DELETE).exists()
    found = selectors.person_list(user=world.owner, filters={"q": "wayang"})
    assert list(found) == []


def test_fact_edit_without_htmx_is_a_form_page_and_a_redirect(world, fact, client_for):
    client = client_for(world.owner)
    page = client.get(_url("fact-update", world, fact))
    assert page.status_code == 200
    assert "<html" in page.text
    assert "hx-post" not in page.text.split('id="fact-')[1].split("</form>")[0]
    bad = client.post(_url("fact-update", world, fact), _fact_data(text=""))
    assert bad.status_code == 422
    assert "<html" in bad.text
    good = client.post(_url("fact-update", world, fact), _fact_data())
    assert good.status_code == 302
    assert good["Location"] == reverse("people:person-detail", args=[world.person.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("manager", 200), ("other", 404), ("outsider_manager", 404)],
)
def test_interaction_edit_permission_matrix(world, interaction, client_for, who, status):
    # `other` only attended: they may read the interaction, not change it
    client = client_for(getattr(world, who))
    edit = client.get(_url("interaction-update", world, interaction), **HTMX)
    confirm = client.get(_url("interaction-delete", world, interaction))
    assert (edit.status_code, confirm.status_code) == (status, status)


def _let_other_see_the_person(world):
    # the owner hands `other` a colleague of the person in the same organization: they see
    # its people
    services.person_create(
        by=world.owner, full_name="Wayan", organization=world.organization, owner=world.other
    )


def test_attendee_only_cannot_change_or_delete_the_interaction(world, interaction, client_for):
    # given a colleague merely listed as attendee, who sees the person and the interaction
    _let_other_see_the_person(world)
    client = client_for(world.other)
    assert client.get(reverse("people:person-detail", args=[world.person.pk])).status_code == 200
    assert client.get(f"/api/people/interactions/{interaction.pk}").status_code == 200
    # when they post an edit and a delete
    changed = client.post(
        _url("interaction-update", world, interaction), _interaction_data(), **HTMX
    )
    deleted = client.post(_url("interaction-delete", world, interaction), **HTMX)
    # then both are refused (403: they see it, the rule says no) and nothing changed
    assert (changed.status_code, deleted.status_code) == (403, 403)
    assert Interaction.objects.get(pk=interaction.pk).summary == "Sarapan di Denpasar"


def test_interaction_edit_in_place_errors_then_saved(world, interaction, client_for):
    client = client_for(world.owner)
    url = _url("interaction-update", world, interaction)
    form = client.get(url, **HTMX)
    assert f'id="interaction-{interaction.pk}"' in form.text
    bad = client.post(url, _interaction_data(summary=""), **HTMX)
    assert bad.status_code == 422
    assert 'id="error-summary"' in bad.text
    good = client.post(url, _interaction_data(), **HTMX)
    assert good.status_code == 200
    assert good["HX-Retarget"] == "#timeline"
    assert "Telepon soal pelatihan" in good.text
    interaction.refresh_from_db()
    assert (interaction.kind, interaction.summary) == ("call", "Telepon soal pelatihan")
    # the search understands the new summary in another word form, and forgets the old
    search = lambda q: list(  # noqa: E731
        selectors.person_list(user=world.owner, filters={"q": q})
    )
    assert search("dilatih") == [world.person]
    assert search("sarapan") == []


def test_manager_deletes_an_interaction(world, interaction, client_for):
    client = client_for(world.manager)
    response = client.post(_url("interaction-delete", world, interaction), **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#timeline"
    assert not Interaction.objects.filter(pk=interaction.pk).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DELETE).exists()


def test_edit_controls_only_for_those_who_may_edit(world, interaction, fact, client_for):
    # given the owner's page
    owner_page = client_for(world.owner).get(
        reverse("people:person-detail", args=[world.person.pk])
    )
    assert _url("interaction-update", world, interaction) in owner_page.text
    assert _url("fact-update", world, fact) in owner_page.text
    # and a colleague who sees the page but may not edit gets no such controls
    _let_other_see_the_person(world)
    other_page = client_for(world.other).get(
        reverse("people:person-detail", args=[world.person.pk])
    )
    assert other_page.status_code == 200
    assert _url("interaction-update", world, interaction) not in other_page.text
    assert _url("fact-update", world, fact) not in other_page.text
    assert client_for(world.other).get(_url("fact-update", world, fact)).status_code == 403


def test_api_fact_update_and_delete_follow_the_same_rule(world, fact, client_for):
    # given a colleague who sees the person (and the fact) but is not owner, envoy or manager
    _let_other_see_the_person(world)
    client = client_for(world.other)
    assert client.get(f"/api/people/facts/{fact.pk}").status_code == 200
    # when they change and delete it through the API
    changed = client.patch(
        f"/api/people/facts/{fact.pk}", data='{"text": "x"}', content_type="application/json"
    )
    deleted = client.delete(f"/api/people/facts/{fact.pk}")
    # then both are refused in the one error shape and the fact is unchanged
    assert (changed.status_code, deleted.status_code) == (403, 403)
    assert changed.json()["errors"][0]["code"] == "forbidden"
    assert PersonalFact.objects.get(pk=fact.pk).text == "suka wayang kulit"
