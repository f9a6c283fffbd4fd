"""Today's at-risk relationships carry the health band's code ("healthy", "attention",
"at_risk"), the same in every language, and its name in the reader's: the API returns the code
in `band` (a client compares codes, never words) and the name in `band_label`; the page colours
the badge by the code and shows the name."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.utils import translation

from karib.core.roles import Role
from karib.core.services import profile_set_language
from karib.steer.today import today_for_user
from tests.core.test_ui_today import _health as stored_health
from tests.factories import OrganizationFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

BANDS = {"Ani": "healthy", "Budi": "attention", "Citra": "at_risk"}
LABELS = {
    "en": {"healthy": "healthy", "attention": "needs attention", "at_risk": "at risk"},
    "id": {"healthy": "sehat", "attention": "perlu perhatian", "at_risk": "berisiko"},
}


@pytest.fixture
def manager():
    if not apps.is_installed("karib.health"):
        pytest.skip("karib.health is not installed")
    # a manager whose rep has three blocked contacts, one per health band
    team = TeamFactory()
    manager = UserFactory(role=Role.MANAGER, team=team)
    rep = UserFactory(role=Role.SALES, team=team)
    organization = OrganizationFactory(owner=rep)
    for name, band in BANDS.items():
        person = PersonFactory(
            organization=organization, owner=rep, full_name=name, refuses_to_meet_owner=True
        )
        stored_health(person, band)
    return manager


@pytest.mark.parametrize("language", ["en", "id"])
def test_today_keeps_the_band_code_and_its_name_in_the_readers_language(manager, language):
    with translation.override(language):
        risks = today_for_user(user=manager).team_risks
    assert {risk.person.full_name: (risk.band, risk.band_label) for risk in risks} == {
        name: (band, LABELS[language][band]) for name, band in BANDS.items()
    }


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_api_returns_the_band_code_and_its_name_apart(manager, client_for, language):
    # given a manager who reads `language`
    profile_set_language(user=manager, language=language)
    # when they ask for Today
    body = client_for(manager).get("/api/today").json()
    # then each band is its code, the same in every language, and its name in theirs
    bands = {
        risk["person"].split()[-1]: (risk["band"], risk["band_label"])
        for risk in body["team_risks"]
    }
    assert bands == {name: (band, LABELS[language][band]) for name, band in BANDS.items()}


def test_the_page_colours_the_badge_by_the_code_and_shows_the_name_in_indonesian(
    manager, client_for
):
    # when the manager opens Today in Indonesian (the default)
    html = client_for(manager).get("/today/").content.decode()
    risks = re.search(r'<ul class="list" id="team-risks">(.*?)</ul>', html, re.S)
    assert risks is not None
    rows = {
        name: row
        for row in re.findall(r"<li>(.*?)</li>", risks.group(1), re.S)
        for name in BANDS
        if name in row
    }
    # then healthy is ok, needs attention warn, at risk bad, each named in Indonesian
    assert '<span class="badge ok">sehat</span>' in rows["Ani"]
    assert '<span class="badge warn">perlu perhatian</span>' in rows["Budi"]
    assert '<span class="badge bad">berisiko</span>' in rows["Citra"]
