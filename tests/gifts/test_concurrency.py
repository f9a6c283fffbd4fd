"""Two proposals at once cannot both pass the yearly total: the recipient's row is locked.

Regression test for the review (race on the yearly cap). It needs real row locks, so it runs
on PostgreSQL only (SQLite writes one transaction at a time and ignores SELECT … FOR UPDATE).
"""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections, transaction

from karib.gifts import services
from karib.gifts.models import Gift, PolicyRule
from karib.people.models import Person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

JUNE = datetime.date(2026, 6, 1)


def _propose(by, recipient, value):
    return services.gift_propose(
        by=by,
        recipient=recipient,
        kind="goods",
        description="Batik",
        estimated_value=value,
        business_purpose="x",
        proposed_on=JUNE,
    )


def test_a_second_proposal_waits_for_the_first_and_sees_its_total(giver, private_contact):
    # given the Rp3,000,000 yearly cap (seeded by a migration, but an earlier transactional
    # test may have flushed the tables)
    PolicyRule.objects.get_or_create(
        code="yearly_cap",
        effective_from=datetime.date(2019, 1, 1),
        defaults={"threshold_idr": 3_000_000, "legal_source": "company policy"},
    )
    # and a first proposal of Rp2,500,000 in a transaction still open (recipient locked)
    outcome: dict[str, Gift] = {}

    def second() -> None:
        try:
            outcome["gift"] = _propose(giver, Person.objects.get(pk=private_contact.pk), 900_000)
        finally:
            connections.close_all()

    with transaction.atomic():
        first = _propose(giver, private_contact, 2_500_000)
        # when a second proposal of Rp900,000 starts meanwhile
        thread = threading.Thread(target=second)
        thread.start()
        thread.join(timeout=1.0)
        # then it waits on the recipient's row
        assert thread.is_alive()
        assert "gift" not in outcome
    thread.join(timeout=10)
    # and once the first is committed it counts it: 3,400,000 is above the cap
    assert not thread.is_alive()
    gift = outcome["gift"]
    assert first.pk != gift.pk
    assert gift.requires_approval
    assert gift.decisions.get(rule_code="yearly_cap").params["total_idr"] == 3_400_000
