"""Regression tests for the review of the people app (sensitive facts, interaction edits,
imports, envoys, admin, filters, dates, organizations)."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from karib.core.roles import Role
from karib.core.selectors import colleagues_of
from karib.core.services import api_token_create
from karib.people import selectors, services, transfer
from karib.people.dates import next_occurrence
from karib.people.forms import PersonForm
from karib.people.models import ImportantDate, Interaction, Person, PersonalFact
from tests.factories import UserFactory

API = "/api/people"


def _token_client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t').secret}")


def _json(client: Client, method: str, url: str, data: dict | None = None):
    return getattr(client, method)(
        url, data=json.dumps(data or {}), content_type="application/json"
    )


# --- 1. sensitive facts -----------------------------------------------------------------------


def _sensitive_world(world):
    """`other` (another team) is envoy for one person of the organization, so sees the
    organization and its second person, whose sensitive fact they must not see."""
    second = services.person_create(
        by=world.owner, full_name="Dewi Lain", organization=world.organization
    )
    services.fact_create(person=second, by=world.owner, category="interest", text="Suka golf")
    secret = services.fact_create(
        person=second,
        by=world.owner,
        category="other",
        text="Sedang berobat RAHASIAKESEHATAN",
        is_sensitive=True,
    )
    admin = UserFactory(role=Role.ADMIN)
    services.person_assign_envoy(person=world.person, envoy=world.other, by=admin)
    return second, secret


def test_envoy_of_a_colleague_sees_the_person_but_not_their_sensitive_facts(world, client_for):
    # given
    second, secret = _sensitive_world(world)
    # when
    page = client_for(world.other).get(reverse("people:person-detail", args=[second.pk]))
    api_list = _token_client(world.other).get(f"{API}/facts", {"person": second.pk})
    api_get = _token_client(world.other).get(f"{API}/facts/{secret.pk}")
    # then
    assert page.status_code == 200
    assert b"golf" in page.content
    assert b"RAHASIAKESEHATAN" not in page.content
    assert secret.pk not in [item["id"] for item in api_list.json()["items"]]
    assert api_get.status_code == 404
    assert secret not in PersonalFact.objects.visible_to(world.other)


def test_manager_of_another_team_does_not_see_sensitive_facts(world, client_for):
    # given: the organization belongs to the outsider manager's team too
    second, secret = _sensitive_world(world)
    world.organization.team = world.outsider_manager.profile.team
    world.organization.save()
    # when
    visible = list(selectors.fact_list(user=world.outsider_manager, person=second))
    page = client_for(world.outsider_manager).get(reverse("people:person-detail", args=[second.pk]))
    # then
    assert page.status_code == 200
    assert secret not in visible
    assert secret not in PersonalFact.objects.visible_to(world.outsider_manager)
    assert b"RAHASIAKESEHATAN" not in page.content


def test_manager_of_the_owners_team_and_admin_see_sensitive_facts(world, client_for):
    # given
    second, secret = _sensitive_world(world)
    admin = UserFactory(username="admin2", role=Role.ADMIN)
    # when / then
    for user in (world.manager, admin, world.owner):
        assert secret in PersonalFact.objects.visible_to(user)
        page = client_for(user).get(reverse("people:person-detail", args=[second.pk]))
        assert b"RAHASIAKESEHATAN" in page.content


def test_audit_of_a_sensitive_fact_hidden_from_a_manager_of_another_team(world, client_for):
    # given
    second, secret = _sensitive_world(world)
    world.organization.team = world.outsider_manager.profile.team
    world.organization.save()
    # when
    events = selectors.person_audit_events(user=world.outsider_manager, person=second)
    own_events = selectors.person_audit_events(user=world.manager, person=second)
    # then
    assert events is not None
    assert own_events is not None
    assert str(secret.pk) not in [
        e.object_id for e in events if e.content_type.model == "personalfact"
    ]
    assert str(secret.pk) in [
        e.object_id for e in own_events if e.content_type.model == "personalfact"
    ]


# --- 2. interactions --------------------------------------------------------------------------


def _attended(world) -> Interaction:
    hidden = services.person_create(
        by=world.owner, full_name="Tersembunyi", organization=world.organization
    )
    return services.interaction_create(
        by=world.owner,
        kind="meeting",
        occurred_at=timezone.now(),
        summary="rahasia",
        participants=[world.person, hidden],
        users=[world.other],
    )


def test_a_listed_colleague_reads_but_cannot_edit_or_delete_an_interaction(world):
    # given
    interaction = _attended(world)
    client = _token_client(world.other)
    # when
    read = client.get(f"{API}/interactions/{interaction.pk}")
    patched = _json(client, "patch", f"{API}/interactions/{interaction.pk}", {"summary": "x"})
    deleted = client.delete(f"{API}/interactions/{interaction.pk}")
    # then
    assert read.status_code == 200
    assert read.json()["participant_ids"] == []  # the reader sees none of the participants
    assert patched.status_code == 403
    assert deleted.status_code == 403
    interaction.refresh_from_db()
    assert interaction.summary == "rahasia"


def test_creator_and_team_manager_may_edit_an_interaction(world):
    # given
    interaction = _attended(world)
    # when
    by_owner = _json(
        _token_client(world.owner),
        "patch",
        f"{API}/interactions/{interaction.pk}",
        {"mood": "positive"},
    )
    by_manager = _json(
        _token_client(world.manager),
        "patch",
        f"{API}/interactions/{interaction.pk}",
        {"summary": "diubah"},
    )
    # then
    assert by_owner.status_code == 200
    assert by_manager.status_code == 200
    interaction.refresh_from_db()
    assert interaction.summary == "diubah"
    assert sorted(by_owner.json()["participant_ids"]) == sorted(
        p.pk for p in interaction.participants.all()
    )


def test_outsider_manager_cannot_see_an_interaction(world):
    # given
    interaction = _attended(world)
    # when
    response = _token_client(world.outsider_manager).get(f"{API}/interactions/{interaction.pk}")
    # then
    assert response.status_code == 404


# --- 3. imports are all-or-nothing, the dry run shows model errors ----------------------------


def _two_rows(world) -> bytes:
    name = world.organization.name
    return (
        f"full_name,organization,job_title\nValid Person,{name},x\n{'A' * 250},{name},y\n"
    ).encode()


def test_dry_run_shows_model_errors_with_line_and_field(world):
    # given
    raw = _two_rows(world)
    # when
    result = transfer.people_import(raw=raw, user=world.owner, commit=False)
    # then
    assert result.has_errors
    assert result.rows[0].errors == []
    assert result.rows[1].line == 3
    assert any(error.startswith("full_name:") for error in result.rows[1].errors)
    assert not Person.objects.filter(full_name="Valid Person").exists()


def test_committed_import_with_a_model_error_writes_nothing(world):
    # given
    raw = _two_rows(world)
    people_before = Person.objects.count()
    # when
    result = transfer.people_import(raw=raw, user=world.owner, commit=True)
    # then
    assert result.written == 0
    assert Person.objects.count() == people_before
    assert not Person.objects.filter(full_name="Valid Person").exists()


def test_dry_run_of_a_valid_file_writes_nothing(world):
    # given
    raw = f"full_name,organization\nValid Person,{world.organization.name}\n".encode()
    # when
    result = transfer.people_import(raw=raw, user=world.owner, commit=False)
    # then
    assert not result.has_errors
    assert result.written == 0
    assert not Person.objects.filter(full_name="Valid Person").exists()


# --- 5. import owners -------------------------------------------------------------------------


def _owned_by(world, username: str) -> bytes:
    return f"full_name,organization,owner\nX,{world.organization.name},{username}\n".encode()


def test_manager_cannot_import_for_a_user_of_another_team(world):
    # given
    raw = _owned_by(world, world.other.username)
    # when
    result = transfer.people_import(raw=raw, user=world.manager, commit=True)
    # then
    assert result.written == 0
    assert any(error.startswith("owner:") for error in result.rows[0].errors)
    assert not Person.objects.filter(full_name="X").exists()


def test_manager_imports_for_a_member_of_their_team_and_admin_for_anyone(world):
    # given
    admin = UserFactory(username="admin3", role=Role.ADMIN)
    # when
    by_manager = transfer.people_import(
        raw=_owned_by(world, world.owner.username), user=world.manager, commit=True
    )
    by_admin = transfer.people_import(
        raw=_owned_by(world, world.other.username), user=admin, commit=True
    )
    # then
    assert by_manager.written == 1
    assert by_admin.written == 1
    assert sorted(p.owner.username for p in Person.objects.filter(full_name="X")) == [
        world.owner.username,
        world.other.username,
    ]


def test_sales_user_imports_only_for_themself(world):
    # when
    result = transfer.people_import(
        raw=_owned_by(world, world.manager.username), user=world.owner, commit=True
    )
    # then
    assert result.written == 0
    assert not Person.objects.filter(full_name="X").exists()


# --- 6. admin is read-only --------------------------------------------------------------------


def test_admin_cannot_change_or_delete_people_records(world, client_for):
    # given
    superuser = UserFactory(username="root", role=Role.ADMIN, is_staff=True, is_superuser=True)
    client = client_for(superuser)
    url = reverse("admin:people_person_change", args=[world.person.pk])
    # when
    page = client.get(url)
    posted = client.post(url, {"full_name": "Diubah"})
    deleted = client.post(
        reverse("admin:people_person_delete", args=[world.person.pk]), {"post": "yes"}
    )
    added = client.get(reverse("admin:people_person_add"))
    # then
    assert page.status_code == 200  # viewing stays possible
    assert posted.status_code == 403
    assert deleted.status_code == 403
    assert added.status_code == 403
    world.person.refresh_from_db()
    assert world.person.full_name == "Suryo Wibowo"


# --- 4. envoys, owners and colleagues only from the actor's team(s) ---------------------------


def test_colleagues_of_a_sales_user_are_their_team(world):
    # given
    compliance = UserFactory(
        username="comp", role=Role.COMPLIANCE_OFFICER, team=world.owner.profile.team
    )
    admin = UserFactory(username="admin4", role=Role.ADMIN)
    # when
    colleagues = set(colleagues_of(world.owner))
    everyone = set(colleagues_of(admin))
    # then
    assert colleagues == {world.owner, world.manager}
    assert compliance not in everyone
    assert {world.other, world.outsider_manager} <= everyone


def test_api_refuses_an_envoy_from_another_team_or_role(world):
    # given
    compliance = UserFactory(
        username="comp", role=Role.COMPLIANCE_OFFICER, team=world.owner.profile.team
    )
    client = _token_client(world.owner)
    url = f"{API}/persons/{world.person.pk}"
    # when
    other_team = _json(client, "patch", url, {"envoy_id": world.other.pk})
    wrong_role = _json(client, "patch", url, {"envoy_id": compliance.pk})
    colleague = _json(client, "patch", url, {"envoy_id": world.manager.pk})
    # then
    assert other_team.status_code == 422
    assert "envoy_id" in other_team.content.decode()
    assert wrong_role.status_code == 422
    assert colleague.status_code == 200
    world.person.refresh_from_db()
    assert world.person.envoy == world.manager


def test_envoy_form_refuses_a_user_of_another_team(world, client_for):
    # when
    client_for(world.owner).post(
        reverse("people:person-envoy-assign", args=[world.person.pk]), {"envoy": world.other.pk}
    )
    # then
    world.person.refresh_from_db()
    assert world.person.envoy is None


def test_pages_list_only_colleagues_of_the_viewers_team(world, client_for):
    # given
    client = client_for(world.owner)
    # when
    pages = [
        client.get(reverse("people:index")),
        client.get(reverse("people:person-detail", args=[world.person.pk])),
        client.get(reverse("people:organization-detail", args=[world.organization.pk])),
        client.get(reverse("people:person-fact-create", args=[world.person.pk])),
    ]
    # then
    listed: list[set[str]] = []
    for page in pages:
        assert page.status_code == 200
        for select in re.findall(
            r'<select name="(?:owner|envoy|told_by_user)".*?</select>', page.content.decode(), re.S
        ):
            listed.append(set(re.findall(r'<option value="(\d+)"', select)))
    assert len(listed) >= 4
    for users in listed:
        assert str(world.other.pk) not in users
        assert str(world.outsider_manager.pk) not in users
        assert str(world.manager.pk) in users


# --- 9. invalid filters -----------------------------------------------------------------------


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


# --- 13. query length -------------------------------------------------------------------------


def test_a_long_query_is_refused_by_the_api_and_cut_on_the_pages(world, client_for):
    # when
    api = _token_client(world.owner).get(f"{API}/persons", {"q": "x" * 5000})
    page = client_for(world.owner).get(reverse("people:index"), {"q": "Suryo" + "x" * 5000})
    # then
    assert api.status_code == 422
    assert page.status_code == 200


# --- 7. past organizations --------------------------------------------------------------------


def test_person_page_does_not_name_a_past_organization_the_viewer_cannot_see(world, client_for):
    # given: a person of another team's organization moves to the owner's organization
    secret_org = services.organization_create(by=world.other, name="Rahasia Corp")
    mover = services.person_create(by=world.other, full_name="Pindah", organization=secret_org)
    admin = UserFactory(username="admin5", role=Role.ADMIN)
    services.person_update(person=mover, by=admin, organization=world.organization)
    # when
    page = client_for(world.owner).get(reverse("people:person-detail", args=[mover.pk]))
    admin_page = client_for(admin).get(reverse("people:person-detail", args=[mover.pk]))
    # then
    assert page.status_code == 200
    assert b"Rahasia Corp" not in page.content
    assert "organisasi lain" in page.content.decode()
    assert b"Rahasia Corp" in admin_page.content


# --- 10. a holiday twice in one year ----------------------------------------------------------


def test_idul_fitri_falling_twice_in_2033_gives_the_next_one(world):
    # given
    fitri = ImportantDate(person=world.person, kind="holiday", holiday="idul_fitri")
    # when
    early = next_occurrence(fitri, datetime.date(2033, 1, 1))
    late = next_occurrence(fitri, datetime.date(2033, 6, 1))
    # then
    assert early is not None
    assert late is not None
    assert early.month == 1
    assert late.year == 2033
    assert late.month == 12


# --- 11. concurrent fact writes ---------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_search_document_rebuild_locks_the_person(world):
    # when
    with CaptureQueriesContext(connection) as queries:
        services.fact_create(person=world.person, by=world.owner, category="interest", text="x")
    # then
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)


# --- 12. organization rename ------------------------------------------------------------------


def test_renaming_an_organization_finds_its_people_by_the_new_name(
    world, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.organization_update(
            organization=world.organization, by=world.owner, name="Kemenkeu"
        )
    # then (the immediate task backend runs the rebuild after commit)
    found = selectors.person_list(
        user=world.owner, filters=selectors.PersonFilters(query="Kemenkeu")
    )
    assert world.person in found


# --- 13. organization parent cycles -----------------------------------------------------------


def test_a_parent_cycle_is_refused_on_parent(world):
    # given
    unit = services.organization_create(by=world.owner, name="Subdit", parent=world.organization)
    # when
    with pytest.raises(ValidationError) as error:
        services.organization_update(organization=world.organization, by=world.owner, parent=unit)
    # then
    assert "parent" in error.value.message_dict
    world.organization.refresh_from_db()
    assert world.organization.parent is None


# --- 8. audit history on the person page ------------------------------------------------------


def test_audit_shows_deleted_facts_and_dates_with_names_not_ids(world, client_for):
    # given
    fact = services.fact_create(
        person=world.person, by=world.owner, category="interest", text="UNIQUEFACTTEXT"
    )
    services.fact_delete(fact=fact, by=world.owner)
    important_date = services.important_date_create(
        person=world.person, by=world.owner, kind="birthday", day=3, month=4
    )
    services.important_date_delete(important_date=important_date, by=world.owner)
    services.person_assign_envoy(person=world.person, envoy=world.manager, by=world.owner)
    # when
    events = selectors.person_audit_events(user=world.manager, person=world.person)
    page = client_for(world.manager).get(reverse("people:person-detail", args=[world.person.pk]))
    # then
    assert events is not None
    models = {(e.content_type.model, e.action) for e in events}
    assert ("personalfact", "delete") in models
    assert ("importantdate", "delete") in models
    html = page.content.decode()
    audit = html[html.index('id="audit"') :]
    assert "UNIQUEFACTTEXT" in audit
    assert "created_at" not in audit
    envoy_change = next(e for e in events if "envoy" in e.display_changes)
    assert envoy_change.display_changes["envoy"]["after"].startswith("Budi")


def test_audit_of_a_deleted_sensitive_fact_only_for_those_who_may_see_it(world):
    # given
    second, secret = _sensitive_world(world)
    world.organization.team = world.outsider_manager.profile.team
    world.organization.save()
    secret_id = str(secret.pk)
    services.fact_delete(fact=secret, by=world.owner)
    # when
    outsider = selectors.person_audit_events(user=world.outsider_manager, person=second)
    manager = selectors.person_audit_events(user=world.manager, person=second)
    # then
    assert outsider is not None
    assert manager is not None
    assert all(e.object_id != secret_id for e in outsider if e.content_type.model == "personalfact")
    assert any(e.object_id == secret_id and e.action == "delete" for e in manager)


# --- interaction scoping (lists) --------------------------------------------------------------


def test_interaction_list_is_scoped(world, client_for, django_assert_max_num_queries):
    # given
    mine = _attended(world)
    secret_org = services.organization_create(by=world.other, name="Rahasia Corp")
    theirs_person = services.person_create(
        by=world.other, full_name="Orang Lain", organization=secret_org
    )
    theirs = services.interaction_create(
        by=world.other,
        kind="call",
        occurred_at=timezone.now(),
        summary="bukan urusanmu",
        participants=[theirs_person],
    )
    # when
    with django_assert_max_num_queries(16):
        owner_ids = [
            item["id"]
            for item in _token_client(world.owner).get(f"{API}/interactions").json()["items"]
        ]
    outsider_ids = [
        item["id"]
        for item in _token_client(world.outsider_manager).get(f"{API}/interactions").json()["items"]
    ]
    # then
    assert mine.pk in owner_ids
    assert theirs.pk not in owner_ids
    assert mine.pk not in outsider_ids


def test_api_refuses_an_unknown_filter_value_naming_it(world):
    # when
    response = _token_client(world.owner).get(f"{API}/persons", {"stage": "bogus"})
    bad_influence = _token_client(world.owner).get(f"{API}/persons", {"influence": 9})
    # then
    assert response.status_code == 422
    assert "stage" in response.content.decode()
    assert bad_influence.status_code == 422


def test_a_manager_of_another_team_who_is_envoy_does_not_see_the_audit_log(world, client_for):
    # given: the outsider manager is envoy for one person, so sees the organization's people
    second = services.person_create(
        by=world.owner, full_name="Dewi Lain", organization=world.organization
    )
    services.fact_create(
        person=second, by=world.owner, category="family", text="ANAKSAKIT", is_sensitive=True
    )
    admin = UserFactory(role=Role.ADMIN)
    services.person_assign_envoy(person=world.person, envoy=world.outsider_manager, by=admin)
    # when
    page = client_for(world.outsider_manager).get(reverse("people:person-detail", args=[second.pk]))
    # then
    assert page.status_code == 200
    assert b"ANAKSAKIT" not in page.content
    assert b'id="audit"' not in page.content
    assert selectors.person_audit_events(user=world.manager, person=second) is not None


def test_a_null_character_in_the_search_box_is_ignored(world, client_for):
    # when
    page = client_for(world.owner).get(reverse("people:index"), {"q": "Suryo\x00"})
    # then
    assert page.status_code == 200
    assert b"Suryo" in page.content


def test_editing_a_person_keeps_an_envoy_of_another_team_already_assigned(world, client_for):
    # given: an admin sent a colleague of another team
    admin = UserFactory(username="admin6", role=Role.ADMIN)
    services.person_assign_envoy(person=world.person, envoy=world.other, by=admin)
    world.person.refresh_from_db()
    # when
    form = PersonForm(instance=world.person, user=world.owner)
    # then
    assert world.other in form.fields["envoy"].queryset
    assert world.outsider_manager not in form.fields["envoy"].queryset
