"""A fact's source is named only to those who may see the person who told it (secprobe3, F3):
the person page of a contact the viewer sees must not show the name of someone they cannot."""

from __future__ import annotations

import pytest
from django.test import Client

from karib.people import services
from tests.support.seeds import seed_people_world


def _told_by_a_colleague(world, owner):
    """A fact of the world's person told by a colleague of theirs, and an organization of the
    owner's that the other relations cannot open."""
    elsewhere = services.organization_create(by=owner, name="Rahasia Corp")
    source = services.person_create(
        by=owner, full_name="Zainal Pindah", organization=world.person.organization
    )
    fact = services.fact_create(
        person=world.person, by=owner, category="interest", text="Suka catur", told_by_person=source
    )
    return elsewhere, source, fact


def _page(user, pk: int) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/people/{pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_source_moved_out_of_sight_is_not_named():
    world = seed_people_world()
    owner, reader = world.user("owner"), world.user("through_one")
    elsewhere, source, _fact = _told_by_a_colleague(world, owner)
    # while the source is in sight, both read the name
    assert "Zainal" in _page(reader, world.person.pk)
    # when the source moves to an organization the reader cannot open
    services.person_update(person=source, by=owner, organization=elsewhere)
    page = _page(reader, world.person.pk)
    # then the reader still sees the fact, but not who told it
    assert "Suka catur" in page
    assert "Zainal" not in page
    assert "diceritakan oleh kontak yang tidak dapat Anda lihat" in page  # Indonesian first
    # and the owner, who sees the source, still reads the name
    assert "Zainal" in _page(owner, world.person.pk)


@pytest.mark.django_db
def test_editing_a_fact_keeps_a_source_the_form_does_not_offer():
    world = seed_people_world()
    owner, reader = world.user("owner"), world.user("envoy")
    elsewhere, source, fact = _told_by_a_colleague(world, owner)
    services.person_update(person=source, by=owner, organization=elsewhere)
    for editor in (owner, reader):
        client = Client()
        client.force_login(editor)
        # the owner still sees the source (named in the form), the envoy does not (left out)
        form = client.get(f"/people/{world.person.pk}/facts/{fact.pk}/edit/").context["form"]
        assert ("told_by_person" in form.fields) is (editor == owner)
        response = client.post(
            f"/people/{world.person.pk}/facts/{fact.pk}/edit/",
            {
                **{k: v for k, v in form.initial.items() if v is not None},
                "text": f"Suka catur ({editor.username})",
            },
        )
        assert response.status_code in {200, 302}, response.content[:300]
        fact.refresh_from_db()
        assert fact.text == f"Suka catur ({editor.username})"
        assert fact.told_by_person_id == source.pk
