"""Today's team section: each health band wears its own colour, and each row's text is one
element beside its badges (the row's flex layout does not squeeze loose words)."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.utils import timezone

from karib.core.roles import Role
from tests.factories import OrganizationFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _health(person, band: str) -> None:
    apps.get_model("health", "PersonHealth").objects.create(
        person=person,
        on=timezone.localdate(),
        score={"healthy": 90, "attention": 55, "at_risk": 20}[band],
        band=band,
        drivers=[],
        policy_version=1,
        computed_at=timezone.now(),
    )


def test_the_team_risks_badge_follows_the_health_band(client_for):
    if not apps.is_installed("karib.health"):
        pytest.skip("karib.health is not installed")
    # given a manager whose rep has three blocked contacts, one per health band
    team = TeamFactory()
    manager = UserFactory(role=Role.MANAGER, team=team)
    rep = UserFactory(role=Role.SALES, team=team)
    organization = OrganizationFactory(owner=rep)
    for name, band in (("Ani", "healthy"), ("Budi", "attention"), ("Citra", "at_risk")):
        person = PersonFactory(
            organization=organization, owner=rep, full_name=name, refuses_to_meet_owner=True
        )
        _health(person, band)
    manager.profile.language = "en"
    manager.profile.save(update_fields=["language"])
    # when the manager opens Today
    html = client_for(manager).get("/today/").content.decode()
    risks = re.search(r'<ul class="list" id="team-risks">(.*?)</ul>', html, re.S)
    assert risks is not None
    rows = {
        name: row
        for row in re.findall(r"<li>(.*?)</li>", risks.group(1), re.S)
        for name in ("Ani", "Budi", "Citra")
        if name in row
    }
    # then the healthy band is ok, needs attention warn, at risk bad
    assert '<span class="badge ok">healthy</span>' in rows["Ani"]
    assert '<span class="badge warn">needs attention</span>' in rows["Budi"]
    assert '<span class="badge bad">at risk</span>' in rows["Citra"]
    # and each row holds its text in one element
    for row in rows.values():
        assert row.startswith('<span class="row-text">')
