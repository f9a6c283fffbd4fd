"""A promise names only the people its reader sees; the others are counted (secprobe12, F2).

A person moved to another organization stays on the promises made to them at the first one.
Who sees that organization but not the person reads "1 person you cannot see" on the promise
page, in the ledger CSV (page and API) and in the API's counts, never the name or the id."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from karib.people import services as people_services
from karib.promises import services as promise_services
from tests.core.access_world import seed_matrix_world
from tests.support.seeds import SECRET_NAME

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _label(shown: list, not_shown: int, separator: str = ", ") -> str:
    """What the reader is told: the names they see, then the others counted."""
    names = separator.join(str(person) for person in shown)
    with translation.override(settings.LANGUAGE_CODE):
        if not names:
            return ngettext(
                "%(count)d person you cannot see", "%(count)d people you cannot see", not_shown
            ) % {"count": not_shown}
        others = ngettext(
            "and %(count)d other you cannot see", "and %(count)d others you cannot see", not_shown
        ) % {"count": not_shown}
    return f"{names} {others}"


def _csv_people(response) -> dict[str, str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    return {row["id"]: row["people"] for row in rows}


@pytest.fixture
def moved():
    """Suryo moved by the owner to another organization of theirs: `through_one`, envoy for
    Wayan, still sees the first organization and its promises, no longer Suryo."""
    world = seed_matrix_world()
    owner = world.user("owner")
    both = promise_services.promise_create(
        organization=world.organization,
        people=[world.person, world.colleague],
        text="Kirim draf MoU",
        by=owner,
    )
    elsewhere = people_services.organization_create(by=owner, name="PT Lain Sekali")
    people_services.person_update(person=world.person, by=owner, organization=elsewhere)
    return world, both


def test_the_promise_page_and_the_ledger_csv_count_a_person_out_of_sight(moved):
    world, both = moved
    reader = _client(world.user("through_one"))
    surname = SECRET_NAME.split()[-1]
    assert reader.get(reverse("people:person-detail", args=[world.person.pk])).status_code == 404
    # the promise made to Suryo alone
    page = reader.get(reverse("promises:detail", args=[world.promise.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert surname not in html
    assert f'<dd id="promised-to">{_label([], 1)}</dd>' in html
    # the one made to Wayan and Suryo
    html = reader.get(reverse("promises:detail", args=[both.pk])).content.decode()
    assert surname not in html
    assert f'<dd id="promised-to">{_label([world.colleague], 1)}</dd>' in html
    # the ledger CSV, from the page and from the API
    for response in (
        reader.get(reverse("promises:export")),
        reader.get("/api/promises/export.csv"),
    ):
        people = _csv_people(response)
        assert surname not in json.dumps(people, ensure_ascii=False)
        assert people[str(world.promise.pk)] == _label([], 1, "; ")
        assert people[str(both.pk)] == _label([world.colleague], 1, "; ")


def test_the_api_neither_names_nor_numbers_a_person_out_of_sight(moved):
    world, both = moved
    reader = _client(world.user("through_one"))
    one = reader.get(f"/api/promises/{both.pk}").json()
    assert (one["people"], one["people_not_shown"]) == ([world.colleague.pk], 1)
    listed = {p["id"]: p for p in reader.get("/api/promises/").json()["items"]}
    assert (listed[world.promise.pk]["people"], listed[world.promise.pk]["people_not_shown"]) == (
        [],
        1,
    )
    # the owner, who still sees Suryo, reads every name and id
    owner = _client(world.user("owner"))
    one = owner.get(f"/api/promises/{both.pk}").json()
    assert (sorted(one["people"]), one["people_not_shown"]) == (
        sorted([world.person.pk, world.colleague.pk]),
        0,
    )
    html = owner.get(reverse("promises:detail", args=[both.pk])).content.decode()
    assert SECRET_NAME in html
    assert _label([], 1) not in html
