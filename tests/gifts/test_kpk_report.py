"""The KPK report of a gift: recorded with its date and evidence (service, page, API, audit),
and the deadline shown as reported, overdue (in red, with words) or due."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from karib.core.errors import DomainError, ErrorCode
from karib.core.models import AuditEvent
from karib.gifts import services
from karib.gifts.models import Gift
from tests.promises.support import api_client, error_of

from .support import JUNE, approve_on, propose

REPORTED = datetime.date(2026, 6, 20)


@pytest.fixture
def given(giver, compliance, official):
    gift = approve_on(propose(giver, official), compliance)
    return services.gift_mark_given(gift=gift, by=giver, given_on=JUNE)


def test_the_report_is_recorded_with_its_evidence_and_audited(given, giver):
    gift = services.gift_record_kpk_report(
        gift=given, by=giver, reported_on=REPORTED, reference=" GOL-2026-0042 ", note="Via GOL"
    )
    assert (gift.kpk_reported_on, gift.kpk_report_reference, gift.kpk_report_note) == (
        REPORTED,
        "GOL-2026-0042",
        "Via GOL",
    )
    event = AuditEvent.objects.filter(object_id=str(gift.pk), summary__contains="KPK").get()
    assert event.actor == giver
    assert event.changes["kpk_reported_on"]["after"] == "2026-06-20"


@pytest.mark.parametrize(
    ("reported_on", "reference", "field"),
    [
        (REPORTED, "  ", "reference"),
        (None, "GOL-1", "reported_on"),
        (datetime.date(2026, 5, 31), "GOL-1", "reported_on"),  # before it was given
        ("tomorrow", "GOL-1", "reported_on"),
    ],
)
def test_a_report_needs_a_date_between_giving_and_today_and_evidence(
    given, giver, reported_on, reference, field
):
    if reported_on == "tomorrow":
        reported_on = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        services.gift_record_kpk_report(
            gift=given, by=giver, reported_on=reported_on, reference=reference
        )
    assert refused.value.field == field
    given.refresh_from_db()
    assert given.kpk_reported_on is None


def test_only_a_given_gift_with_a_deadline_is_reported(giver, official):
    gift = propose(giver, official)
    with pytest.raises(DomainError) as refused:
        services.gift_record_kpk_report(gift=gift, by=giver, reported_on=JUNE, reference="x")
    assert refused.value.code == ErrorCode.TRANSITION_NOT_ALLOWED


def test_an_overdue_deadline_says_so_in_words_and_a_reported_one_too(given, giver, client_for):
    # given a deadline (14 July) long passed without a report
    page = client_for(giver).get(reverse("gifts:detail", args=[given.pk])).content.decode()
    assert 'data-kpk-state="overdue"' in page
    assert "belum dilaporkan" in page  # "… hari lalu, belum dilaporkan": words, not colour alone
    register = client_for(giver).get(reverse("gifts:index")).content.decode()
    assert 'data-kpk-state="overdue"' in register

    # when Dewi records the late report from the page
    response = client_for(giver).post(
        reverse("gifts:kpk-report", args=[given.pk]),
        {"version": given.version, "reported_on": "2026-07-20", "reference": "GOL-7"},
    )
    assert response.status_code == 302
    page = client_for(giver).get(reverse("gifts:detail", args=[given.pk])).content.decode()
    assert 'data-kpk-state="reported"' in page
    assert "GOL-7" in page


def test_the_api_records_the_report_and_names_a_bad_field(given, giver, compliance):
    missing = api_client(giver).post(
        f"/api/gifts/{given.pk}/kpk-report",
        {"reported_on": "2026-06-20", "reference": ""},
        content_type="application/json",
    )
    assert missing.status_code == 422
    assert error_of(missing)["field"] == "reference"
    response = api_client(compliance).post(
        f"/api/gifts/{given.pk}/kpk-report",
        {"reported_on": "2026-06-20", "reference": "GOL-9"},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["kpk_reported_on"], body["kpk_report_reference"]) == ("2026-06-20", "GOL-9")
    assert body["is_kpk_report_overdue"] is False
    assert Gift.objects.get(pk=given.pk).version == given.version + 1
