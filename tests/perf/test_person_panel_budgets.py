"""Query budgets of the person page's panels: each panel the page fetches on its own (health,
recovery plan, privacy, promises, gesture ideas, envoy, roles, audit log) makes a fixed number
of queries whatever the number of facts and interactions (3 and 30, each fact recorded through
the service, so the audit log grows too). Exact, as in test_people_budgets.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from karib.people import services
from karib.people.models import Person
from karib.people.panel_views import PERSON_PANELS
from tests.perf.test_people_budgets import SIZES, _counts_at_each_size, add_meetings

# 4 for the request and 1 for the person (with a manager's rights) in each; the rest is the
# panel's own. None: the panel is not the reader's (the envoy form is the owner's, the audit log
# a manager's), which the page does not offer and the view answers 404.
PANELS = {
    "health": {"owner": 11, "manager": 11},
    "recovery": {"owner": 6, "manager": 7},
    "privacy": {"owner": 6, "manager": 7},
    "promises": {"owner": 6, "manager": 6},
    "gestures": {"owner": 11, "manager": 11},
    "envoy": {"owner": 6, "manager": 6},
    "roles": {"owner": 6, "manager": 6},
    "audit": {"owner": None, "manager": 12},
}


def _grow(person: Person, size: int) -> None:
    """`size` facts (through the service: audited, every third sensitive, with a topic for the
    gesture ideas) and `size` interactions with the person."""
    for i in range(size):
        services.fact_create(
            person=person,
            by=person.owner,
            category="interest",
            text=f"Suka wayang {i}",
            topic="wayang",
            is_sensitive=i % 3 == 0,
        )
    add_meetings(person, size)


def test_every_panel_has_a_budget():
    assert set(PANELS) == set(PERSON_PANELS)


@pytest.mark.parametrize("reader", ["owner", "manager"])
@pytest.mark.parametrize("panel", list(PANELS))
def test_each_panel_makes_a_fixed_number_of_queries(world, client_for, panel, reader):
    # given
    client = client_for(getattr(world, reader))
    url = reverse("people:person-panel", args=[world.person.pk, panel])
    budget = PANELS[panel][reader]
    if budget is None:
        # then the panel is not theirs
        assert client.get(url, HTTP_HX_REQUEST="true").status_code == 404
        return
    # when the panel is read at each data size (as htmx fetches it)
    counts = _counts_at_each_size(
        client, url, lambda n: _grow(world.person, n), HTTP_HX_REQUEST="true"
    )
    # then
    assert counts == [budget] * len(SIZES)
