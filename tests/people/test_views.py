from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from karib.people import services
from karib.people.models import Person, PersonalFact


def _person_urls(person):
    return [
        reverse("people:person-detail", args=[person.pk]),
        reverse("people:person-update", args=[person.pk]),
        reverse("people:person-fact-create", args=[person.pk]),
    ]


def test_anonymous_is_sent_to_login(world):
    client = Client()
    for url in [reverse("people:index"), *_person_urls(world.person)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("manager", 200), ("other", 404), ("outsider_manager", 404)],
)
def test_person_pages_permission_matrix(world, client_for, who, status):
    client = client_for(getattr(world, who))
    for url in [
        *_person_urls(world.person),
        reverse("people:organization-detail", args=[world.organization.pk]),
    ]:
        assert client.get(url).status_code == status, url


def test_other_user_cannot_edit_by_url_and_nothing_changes(world, client_for):
    # when another sales user posts to the person's edit, fact and envoy URLs
    client = client_for(world.other)
    person_url = reverse("people:person-update", args=[world.person.pk])
    fact_url = reverse("people:person-fact-create", args=[world.person.pk])
    envoy_url = reverse("people:person-envoy-assign", args=[world.person.pk])
    responses = [
        client.post(person_url, {"full_name": "Hacked", "organization": world.organization.pk}),
        client.post(fact_url, {"category": "interest", "text": "x", "confidence": "sure"}),
        client.post(envoy_url, {"envoy": world.other.pk}),
    ]
    # then each is a 404 and nothing changed
    assert [r.status_code for r in responses] == [404, 404, 404]
    world.person.refresh_from_db()
    assert world.person.full_name == "Suryo Wibowo"
    assert world.person.envoy is None
    assert not PersonalFact.objects.exists()


def test_other_user_cannot_find_or_export_the_person(world, client_for):
    services.fact_create(person=world.person, by=world.owner, category="interest", text="wayang")
    client = client_for(world.other)
    assert "Suryo" not in client.get(reverse("people:index"), {"q": "wayang"}).text
    assert "Suryo" not in client.get(reverse("people:index")).text
    for file_format in ("people_csv", "vcard", "organizations_csv"):
        body = client.get(reverse("people:export", args=[file_format])).text
        assert "Suryo" not in body
        assert "Direktorat" not in body
    owner_export = client_for(world.owner).get(reverse("people:export", args=["people_csv"]))
    assert "Suryo Wibowo" in owner_export.text


def test_person_list_filters_and_query_count(world, client_for, django_assert_max_num_queries):
    # given 30 people with different stages
    for number in range(30):
        services.person_create(
            by=world.owner,
            full_name=f"Kontak {number:02d}",
            organization=world.organization,
            stage=Person.Stage.CUSTOMER if number % 2 else Person.Stage.STRANGER,
        )
    client = client_for(world.owner)
    # when the list is filtered by stage
    with django_assert_max_num_queries(12):
        response = client.get(reverse("people:index"), {"stage": "customer"})
    # then only customers are listed, paginated
    assert response.status_code == 200
    assert "Kontak 01" in response.text
    assert "Kontak 02" not in response.text
    assert response.context["page_obj"].paginator.count == 15


def test_person_page_shows_header_facts_source_timeline_and_audit_to_managers(world, client_for):
    meal = services.interaction_create(
        by=world.owner,
        kind="meal",
        occurred_at=world.person.created_at,
        location="Denpasar",
        summary="Sarapan",
        participants=[world.person],
    )
    services.fact_create(
        person=world.person,
        by=world.owner,
        category="interest",
        text="Pencinta wayang",
        topic="wayang",
        specifics="Bima",
        source_interaction=meal,
    )
    services.person_update(person=world.person, by=world.owner, stage="customer", reason="Deal")

    owner_page = client_for(world.owner).get(
        reverse("people:person-detail", args=[world.person.pk])
    )
    text = owner_page.text
    assert "Bapak Suryo Wibowo" in text
    assert "wayang — Bima" in text
    assert "Denpasar" in text
    assert "Deal" in text  # the stage change with its reason on the timeline
    assert 'id="panel-audit"' not in text  # sales users do not see the audit log
    manager_page = client_for(world.manager).get(
        reverse("people:person-detail", args=[world.person.pk])
    )
    assert 'id="panel-audit"' in manager_page.text  # fetched by the page on its own


def test_add_fact_in_place_shows_errors_next_to_the_field(world, client_for):
    client = client_for(world.owner)
    url = reverse("people:person-fact-create", args=[world.person.pk])
    # when the form misses the text (htmx request)
    response = client.post(
        url, {"category": "interest", "confidence": "sure"}, HTTP_HX_REQUEST="true"
    )
    # then the fragment comes back with the error next to the text field, nothing saved
    assert response.status_code == 422
    assert 'id="error-text"' in response.text
    assert "<html" not in response.text
    assert not PersonalFact.objects.exists()
    # when it is complete
    response = client.post(
        url,
        {"category": "interest", "text": "Suka kopi", "confidence": "sure"},
        HTTP_HX_REQUEST="true",
    )
    # then the fact is saved and the facts list is swapped out of band
    assert response.status_code == 200
    assert 'hx-swap-oob="outerHTML:#facts"' in response.text
    assert "Suka kopi" in response.text


def test_add_fact_from_an_interaction_presets_its_source(world, client_for):
    meal = services.interaction_create(
        by=world.owner,
        kind="meal",
        occurred_at=world.person.created_at,
        summary="Sarapan",
        participants=[world.person],
    )
    url = reverse("people:person-fact-create", args=[world.person.pk])
    response = client_for(world.owner).get(
        url, {"source_interaction": meal.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'<option value="{meal.pk}" selected>' in response.text


def test_log_interaction_in_place(world, client_for):
    client = client_for(world.owner)
    url = reverse("people:person-interaction-create", args=[world.person.pk])
    bad = client.post(url, {"kind": "meal", "mood": "neutral"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 422
    assert 'id="error-summary"' in bad.text
    good = client.post(
        url,
        {
            "kind": "meal",
            "mood": "positive",
            "occurred_at": "2026-01-10T07:00",
            "summary": "Sarapan bersama",
            "location": "Bali",
        },
        HTTP_HX_REQUEST="true",
    )
    assert good.status_code == 200
    assert world.person.interactions.get().summary == "Sarapan bersama"


def test_organization_page_has_stakeholder_map_and_assigns_envoy(world, client_for):
    services.person_update(
        person=world.person,
        by=world.owner,
        attitude="blocker",
        refuses_to_meet_owner=True,
        refusal_reason="Kecewa",
    )
    client = client_for(world.owner)
    url = reverse("people:organization-detail", args=[world.organization.pk])
    page = client.get(url).text
    assert "stakeholder blocker refuses" in page
    response = client.post(
        reverse("people:person-envoy-assign", args=[world.person.pk]),
        {
            "envoy": world.manager.pk,
            "reason": "Dia percaya Budi",
            "next_organization": world.organization.pk,
        },
    )
    assert response.status_code == 302
    world.person.refresh_from_db()
    assert world.person.envoy == world.manager
    assert world.person.envoy_assignments.get().reason == "Dia percaya Budi"


def test_create_person_and_organization_through_pages(world, client_for):
    client = client_for(world.owner)
    response = client.post(
        reverse("people:organization-create"), {"name": "BUMN Energi", "kind": "state_owned"}
    )
    assert response.status_code == 302
    organization = world.owner.owned_organizations.get(name="BUMN Energi")
    response = client.post(
        reverse("people:person-create"),
        {
            "full_name": "Ibu Ani",
            "honorific": "Ibu",
            "organization": organization.pk,
            "influence": 3,
            "attitude": "neutral",
            "stage": "stranger",
            "emails_text": "ani@energi.co.id",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(full_name="Ibu Ani")
    assert person.is_public_official is True  # suggested for an SOE
    assert person.emails == ["ani@energi.co.id"]
    bad = client.post(
        reverse("people:person-create"),
        {"full_name": "", "organization": organization.pk, "influence": 9, "emails_text": "x"},
    )
    assert bad.status_code == 422
    assert "field-error" in bad.text


def test_fact_told_by_a_colleague_shows_its_source(world, client_for):
    client = client_for(world.owner)
    url = reverse("people:person-fact-create", args=[world.person.pk])
    response = client.post(
        url,
        {
            "category": "family",
            "text": "Putrinya baru lulus",
            "confidence": "heard",
            "told_by_user": world.manager.pk,
        },
    )
    assert response.status_code == 302
    fact = PersonalFact.objects.get()
    assert fact.told_by_user == world.manager
    page = client.get(reverse("people:person-detail", args=[world.person.pk])).text
    assert "diceritakan oleh Budi" in page


def test_list_filters_answer_htmx_with_the_results_fragment(world, client_for):
    response = client_for(world.owner).get(
        reverse("people:index"), {"q": "Suryo"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="results"' in response.text
    assert "Bapak Suryo Wibowo" in response.text
