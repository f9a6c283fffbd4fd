"""An interaction's label names the local day (Asia/Jakarta), written as the pages write dates."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from karib.core.models import Profile
from karib.core.roles import Role
from karib.promises.models import Promise
from tests.factories import InteractionFactory, OrganizationFactory, UserFactory
from tests.promises.factories import make_promise

pytestmark = pytest.mark.django_db


def test_a_breakfast_at_six_in_jakarta_is_labelled_with_its_local_day(client_for):
    # given a meal at 06:00 WIB on 16 October (still 15 October in UTC), a promise made there
    owner = UserFactory(username="rudi", role=Role.SALES)
    organization = OrganizationFactory(owner=owner)
    meal = InteractionFactory(
        organization=organization,
        kind="meal",
        occurred_at=datetime.datetime(2024, 10, 15, 23, 0, tzinfo=datetime.UTC),
    )
    promise = make_promise(organization=organization, by=owner)
    Promise.objects.filter(pk=promise.pk).update(interaction=meal)
    Profile.objects.filter(user=owner).update(language="en")
    # when the owner opens the promise
    html = client_for(owner).get(reverse("promises:detail", args=[promise.pk])).content.decode()
    # then the interaction is named by the day it happened in Jakarta
    assert "meal 16 Oct 2024" in html
    assert "2024-10-15" not in html
