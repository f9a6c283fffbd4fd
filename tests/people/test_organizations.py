"""Organizations: a parent cannot be one of the organization's own units."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from karib.people import services


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


def test_a_parent_the_reader_cannot_see_is_not_named(world, client_for):
    # given the owner's organization is a unit of a ministry only `other` owns
    ministry = services.organization_create(by=world.other, name="Kementerian Rahasia")
    world.organization.parent = ministry
    world.organization.save(update_fields=["parent"])
    # when the owner lists and opens the organization, and edits it
    client = client_for(world.owner)
    listing = client.get(reverse("people:organization-list"))
    detail = client.get(reverse("people:organization-detail", args=[world.organization.pk]))
    edit_url = reverse("people:organization-update", args=[world.organization.pk])
    form = client.get(edit_url)
    saved = client.post(
        edit_url, {"name": "Direktorat Layanan Data", "kind": "government", "version": 1}
    )
    # then the ministry is never named, and saving keeps it as the parent
    for response in (listing, detail, form):
        assert response.status_code == 200
        assert "Kementerian Rahasia" not in response.text
    assert saved.status_code == 302
    world.organization.refresh_from_db()
    assert world.organization.parent == ministry
    # while its owner sees the name
    assert (
        "Kementerian Rahasia"
        in client_for(world.other).get(reverse("people:organization-list")).text
    )


def test_the_organization_page_fetches_its_panels_each_scoped_like_the_page(world, client_for):
    # given the organization's owner and a sales user of another team
    url = f"/people/organizations/{world.organization.pk}/"
    owner, other = client_for(world.owner), client_for(world.other)
    # when the owner opens the page, then it offers each panel (a link without JavaScript)
    page = owner.get(url).content.decode()
    assert f'hx-get="{url}?panel=health"' in page
    assert f'href="{url}?panel=promises"' in page
    # and each panel answers, as a fragment for htmx and as a small page without it
    health = owner.get(f"{url}?panel=health", HTTP_HX_REQUEST="true").content.decode()
    assert 'id="health-panel"' in health
    assert "<html" not in health
    promises = owner.get(f"{url}?panel=promises").content.decode()
    assert 'id="promise-block"' in promises
    assert "<html" in promises
    # an unknown panel, and any panel of an organization one may not see, is a 404
    assert owner.get(f"{url}?panel=audit", HTTP_HX_REQUEST="true").status_code == 404
    for panel in ("health", "promises"):
        answer = other.get(f"{url}?panel={panel}", HTTP_HX_REQUEST="true")
        assert answer.status_code == 404
        assert world.person.full_name not in answer.content.decode()
