"""Steering writes dates as every other page does ("30 Aug 2024", "30 Agu 2024" in Indonesian),
and its reasons read as sentences."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from karib.core.models import Profile
from karib.core.roles import Role
from karib.steer.reasons import reason_text
from karib.steer.recovery import recovery_plan_start
from tests.factories import OrganizationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_recovery_page_writes_dates_like_the_other_pages(client_for):
    # given a person who has refused the owner since 2 September 2024, and a plan
    rep = UserFactory(role=Role.SALES)
    official = PersonFactory(
        organization=OrganizationFactory(owner=rep),
        owner=rep,
        influence=5,
        refuses_to_meet_owner=True,
        refusal_reason="Broken promises",
        refusal_since=datetime.date(2024, 9, 2),
    )
    plan = recovery_plan_start(person=official, by=rep)
    Profile.objects.filter(user=rep).update(language="en")
    # when the owner opens the plan
    html = client_for(rep).get(f"/steer/recovery/{plan.pk}/").content.decode()
    # then the day reads "2 Sep 2024", never "02-09-2024"
    assert "2 Sep 2024" in html
    assert "02-09-2024" not in html


@pytest.mark.parametrize(("language", "written"), [("en", "30 Aug 2024"), ("id", "30 Agu 2024")])
def test_reason_dates_are_written_in_the_readers_language(language, written):
    with translation.override(language):
        text = reason_text(
            "promise_overdue",
            {"promise": "Training", "due": "2024-08-30", "organization": "Dinas"},
        )
    assert written in text
    assert "30-08-2024" not in text


def test_a_blocked_relationship_names_the_attitude_as_an_attitude():
    with translation.override("en"):
        text = reason_text(
            "blocked_relationship",
            {"person": "Bapak Yusuf Hakim", "influence": 4, "attitude": "blocker"},
        )
    assert text.startswith("Bapak Yusuf Hakim (influence 4/5) has the attitude “blocker”:")


@pytest.mark.parametrize(
    ("language", "overdue", "due"),
    [
        ("en", "Overdue since 30 Aug 2024.", "Due 6 Sep 2024."),
        ("id", "Terlambat sejak 30 Agu 2024.", "Jatuh tempo 6 Sep 2024."),
    ],
)
def test_todays_promise_reasons_write_days_like_every_page(language, overdue, due):
    from karib.promises.services import promise_create
    from karib.steer.today import today_for_user

    # given a rep's promise overdue since 30 August and one due on 6 September
    rep = UserFactory(role=Role.SALES)
    organization = OrganizationFactory(owner=rep)
    for text, day in (("Training", datetime.date(2024, 8, 30)), ("SLA", datetime.date(2024, 9, 6))):
        promise_create(
            organization=organization,
            text=text,
            by=rep,
            made_on=datetime.date(2024, 8, 1),
            due_date=day,
        )
    # when their Today of 2 September 2024 is read in the language
    with translation.override(language):
        reasons = {
            item.title: item.reason
            for item in today_for_user(user=rep, today=datetime.date(2024, 9, 2)).items
            if item.category == "promise"
        }
    # then the days read as on every page, never "30-08-2024"
    assert sorted(reasons.values()) == sorted([overdue, due])
