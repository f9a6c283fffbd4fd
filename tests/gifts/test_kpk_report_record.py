"""A KPK report is evidence: the giver records it once (Compliance or an admin corrects it), and
one recorded after the deadline says so whatever day it claims (secprobe8, F2).

Regression: a giver 21 months late recorded a report dated before the deadline and the gift
was no longer overdue; a second recording replaced a report's date and reference."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from karib.core.errors import DomainError
from karib.core.roles import Role
from karib.gifts import services
from karib.gifts.models import Gift
from tests.factories import UserFactory

from .support import JUNE, approve_on, propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_gift(giver, compliance, official):
    """Given in June: its deadline (30 working days) passed months before today."""
    gift = approve_on(propose(giver, official), compliance)
    gift = services.gift_mark_given(gift=gift, by=giver, given_on=JUNE)
    assert gift.report_deadline is not None
    assert gift.report_deadline < timezone.localdate()
    return gift


def test_a_report_recorded_after_the_deadline_says_so(late_gift, client_for):
    # when the giver records a report dated before the deadline, 600 days after it
    claimed = late_gift.report_deadline - datetime.timedelta(days=3)
    gift = services.gift_record_kpk_report(
        gift=late_gift, by=late_gift.giver, reported_on=claimed, reference="KPK-0001"
    )
    # then the day it was recorded is kept, and it is known as recorded late
    assert gift.kpk_report_recorded_on == timezone.localdate()
    assert gift.kpk_report_recorded_late
    api = client_for(late_gift.giver).get(f"/api/gifts/{gift.pk}").json()
    assert api["kpk_report_recorded_late"] is True
    page = client_for(late_gift.giver).get(f"/gifts/{gift.pk}/").content.decode()
    assert "setelah tenggat" in page or "after the deadline" in page


def test_the_giver_records_the_report_once_and_compliance_corrects_it(late_gift):
    giver = late_gift.giver
    services.gift_record_kpk_report(
        gift=late_gift, by=giver, reported_on=timezone.localdate(), reference="KPK-0001"
    )
    # when the giver records it again with another reference
    with pytest.raises(DomainError) as refused:
        services.gift_record_kpk_report(
            gift=Gift.objects.get(pk=late_gift.pk),
            by=giver,
            reported_on=timezone.localdate(),
            reference="KPK-FAKE",
        )
    # then it is refused and the evidence stays
    assert getattr(refused.value, "status", None) == 409
    assert Gift.objects.get(pk=late_gift.pk).kpk_report_reference == "KPK-0001"
    # while a Compliance officer may correct it
    compliance = UserFactory(username="maya2", role=Role.COMPLIANCE_OFFICER)
    services.gift_record_kpk_report(
        gift=Gift.objects.get(pk=late_gift.pk),
        by=compliance,
        reported_on=timezone.localdate(),
        reference="KPK-0001-A",
    )
    assert Gift.objects.get(pk=late_gift.pk).kpk_report_reference == "KPK-0001-A"
