"""Query budgets of the organization page's panels: each panel the page fetches on its own
(health, promises) makes a fixed number of queries whatever the number of people (3 and 30).
Exact, as in test_people_budgets.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from karib.people.panel_views import ORGANIZATION_PANELS
from tests.perf.test_people_budgets import SIZES, _add_people, _counts_at_each_size

# 4 for the request and 1 for the organization in each; the rest is the panel's own.
PANELS = {
    "health": {"owner": 21, "manager": 21},
    "promises": {"owner": 7, "manager": 7},
}


def test_every_panel_has_a_budget():
    assert set(PANELS) == set(ORGANIZATION_PANELS)


@pytest.mark.parametrize("reader", ["owner", "manager"])
@pytest.mark.parametrize("panel", list(PANELS))
def test_each_panel_makes_a_fixed_number_of_queries(world, client_for, panel, reader):
    # given
    client = client_for(getattr(world, reader))
    url = reverse("people:organization-detail", args=[world.organization.pk]) + f"?panel={panel}"
    # when the panel is read at each data size (as htmx fetches it)
    counts = _counts_at_each_size(
        client, url, lambda n: _add_people(world.organization, n), HTTP_HX_REQUEST="true"
    )
    # then
    assert counts == [PANELS[panel][reader]] * len(SIZES)
