"""A person the viewer may not see never leaks through an organization's score.

With today's people rules, whoever sees an organization sees all its people; the organization
score is nonetheless built from `Person.objects.visible_to(viewer)` alone, so any narrower
rule holds too. These tests narrow visibility (hiding chosen people from the viewer) and check
that the organization's health the viewer gets is exactly what it would be if the hidden people
did not exist at all.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karib.health.selectors import organization_health_for_user
from karib.people import services as people
from karib.people.models import Interaction, Person
from karib.people.querysets import PersonQuerySet

from .conftest import visit

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 6, 30)

person_spec = st.fixed_dictionaries(
    {
        "influence": st.integers(1, 5),
        "attitude": st.sampled_from([a for a, _ in Person.Attitude.choices]),
        "visits": st.lists(st.integers(0, 400), max_size=3),
        "hidden": st.booleans(),
    }
)


def _as_dict(health):
    return (health.score, health.band, [(d.code, d.points, dict(d.params)) for d in health.drivers])


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(person_spec, min_size=1, max_size=5))
def test_hidden_people_never_move_the_organization_score(world, monkeypatch, specs):
    with transaction.atomic():
        # given people of the organization, some hidden from the viewer by a narrower rule
        created = []
        for index, spec in enumerate(specs):
            person = people.person_create(
                by=world.owner,
                full_name=f"Kontak {index}",
                organization=world.organization,
                influence=spec["influence"],
                attitude=spec["attitude"],
            )
            for days_ago in spec["visits"]:
                visit(world, person, ON - datetime.timedelta(days=days_ago), Interaction.Kind.MEAL)
            created.append((person, spec["hidden"]))
        hidden = {person.pk for person, is_hidden in created if is_hidden}
        original = PersonQuerySet.visible_to

        def narrowed(self, user):
            return original(self, user).exclude(pk__in=hidden)

        monkeypatch.setattr(PersonQuerySet, "visible_to", narrowed)
        # when the viewer asks for the organization's health
        seen = organization_health_for_user(
            user=world.owner, organization=world.organization, on=ON
        )
        # then it is exactly the health of the organization without the hidden people
        Person.objects.filter(pk__in=hidden).delete()
        without = organization_health_for_user(
            user=world.owner, organization=world.organization, on=ON
        )
        assert _as_dict(seen) == _as_dict(without)
        stakeholders = next(d for d in seen.drivers if d.code == "stakeholders")
        assert stakeholders.params["people"] == 1 + len(specs) - len(hidden)
        monkeypatch.undo()
        transaction.set_rollback(True)


def test_an_outsider_gets_nothing_about_the_organization(world, client):
    client.force_login(world.outsider)
    assert (
        client.get(f"/api/people/organizations/{world.organization.pk}/health").status_code == 404
    )
    page = client.get(f"/people/organizations/{world.organization.pk}/")
    assert page.status_code == 404


def test_the_knowledge_driver_counts_only_facts_every_viewer_may_read(world, client_for):
    # given a contact with one plain fact and one sensitive one (for its restricted readers)
    people.fact_create(person=world.person, by=world.owner, text="Suka wayang", category="interest")
    people.fact_create(
        person=world.person,
        by=world.owner,
        text="Menjalani pengobatan",
        category="life_event",
        is_sensitive=True,
    )
    # and a colleague who sees the organization through another contact she is envoy to
    people.person_create(
        by=world.owner,
        full_name="Andi",
        organization=world.organization,
        envoy=world.colleague,
    )
    # when she, who may not read the sensitive fact, reads the first contact's health
    client = client_for(world.colleague)
    listed = client.get(f"/api/people/facts?person={world.person.pk}").json()
    health = client.get(f"/api/people/persons/{world.person.pk}/health").json()
    knowledge = next(d for d in health["drivers"] if d["code"] == "knowledge")
    # then the driver counts the facts she can list, and nothing tells of the other
    assert listed["count"] == 1
    assert knowledge["params"]["facts"] == 1
