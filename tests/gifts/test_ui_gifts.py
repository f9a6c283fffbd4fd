"""Gift pages as the reader sees them: sums written the reader's way, badges apart."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from karib.core.models import Profile
from karib.gifts import services
from karib.gifts.formatting import idr

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2026, 6, 1)


@pytest.fixture
def voucher(giver, private_contact):
    """A cash-equivalent gift of Rp1,475,000, rejected by the rules or waiting for approval."""
    return services.gift_propose(
        by=giver,
        recipient=private_contact,
        kind="goods",
        description="Voucher belanja",
        estimated_value=1_475_000,
        business_purpose="Relationship",
        proposed_on=JUNE,
    )


@pytest.mark.parametrize(("language", "written"), [("en", "Rp1,475,000"), ("id", "Rp1.475.000")])
def test_the_gift_page_writes_sums_the_readers_way(voucher, giver, client_for, language, written):
    # given a giver who reads Karib in one language
    Profile.objects.filter(user=giver).update(language=language)
    # when she opens her gift
    html = client_for(giver).get(reverse("gifts:detail", args=[voucher.pk])).content.decode()
    # then its value is written the way her language writes it
    assert written in html
    other = "Rp1.475.000" if language == "en" else "Rp1,475,000"
    assert other not in html


def test_idr_writes_negative_and_missing_amounts():
    with translation.override("en"):
        assert idr(-2_500) == "-Rp2,500"
        assert idr(None) == ""
    with translation.override("id"):
        assert idr(-2_500) == "-Rp2.500"


def test_the_status_badges_stand_apart(voucher, giver, client_for):
    # given a cash-equivalent gift (a shopping voucher)
    assert voucher.is_cash_equivalent
    # when the giver opens it
    html = client_for(giver).get(reverse("gifts:detail", args=[voucher.pk])).content.decode()
    # then no two badges are glued together: their words read apart
    assert '</span><span class="badge' not in html
    assert '</span> <span class="badge bad">' in html


def _described_ids(html: str) -> list[str]:
    return [i for value in re.findall(r'aria-describedby="([^"]*)"', html) for i in value.split()]


def test_field_errors_and_help_are_tied_to_their_fields(giver, official, client_for):
    # when a proposal with a missing description and a negative value is sent
    response = client_for(giver).post(
        reverse("gifts:propose"),
        {
            "recipient": official.pk,
            "kind": "goods",
            "description": "",
            "occasion": "business",
            "estimated_value": "-5",
            "business_purpose": "x",
        },
    )
    # then the wrong fields are marked invalid and point at their error, which exists
    html = response.content.decode()
    assert re.search(r'<textarea(?=[^>]*name="description")(?=[^>]*aria-invalid="true")', html)
    described = _described_ids(html)
    assert "id_description_error" in described
    assert "id_estimated_value_error" in described
    for target in described:
        assert f'id="{target}"' in html
