"""The thin adapter between the database and the pure policy engine (`karib.gifts.policy`)."""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays
from django.db.models import Q, Sum
from django.utils import timezone

from karib.people.models import Membership, Organization, Person

from . import policy
from .models import COUNTED_STATUSES, CollectiveLeaveDay, Gift, OpenTender, PolicyRule

#: A person who left a government institution or a state-owned enterprise this long ago is
#: still treated as its official by the gift rules.
OFFICIAL_MEMORY = datetime.timedelta(days=365)


def is_public_official(person: Person, on: datetime.date | None = None) -> bool:
    """Treated as a public official: flagged so, or working for a government institution or a
    state-owned enterprise (their staff can be *pegawai negeri* under UU Tipikor Pasal 1), or
    having worked for one in the last year (the membership history): moving a contact out of
    the directorate before a gift, and back after it, leaves the gift an official's
    (secprobe8, F1)."""
    organization = person.organization
    if person.is_public_official or (organization is not None and organization.is_public_sector):
        return True
    if person.pk is None:
        return False
    since = (on or timezone.localdate()) - OFFICIAL_MEMORY
    return (
        Membership.objects.filter(
            person_id=person.pk,
            organization__kind__in=Organization.PUBLIC_SECTOR_KINDS,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=since))
        .exists()
    )


def rules_in_force(on: datetime.date) -> dict[policy.RuleCode, policy.Rule]:
    """For each rule code, the latest configured row effective on `on` (one query)."""
    rules: dict[policy.RuleCode, policy.Rule] = {}
    rows = PolicyRule.objects.filter(effective_from__lte=on).order_by("code", "-effective_from")
    for row in rows:
        code = policy.RuleCode(row.code)
        if code in rules:
            continue
        rules[code] = policy.Rule(
            code=code,
            is_active=row.is_active,
            threshold_idr=row.threshold_idr,
            working_days=row.working_days,
            legal_source=row.legal_source,
            effective_from=row.effective_from,
        )
    return rules


@lru_cache(maxsize=32)
def national_holidays(year: int) -> frozenset[datetime.date]:
    """Indonesia's national public holidays of a year, from the `holidays` package."""
    return frozenset(holidays.country_holidays("ID", years=year).keys())


def non_working_days(first_year: int, last_year: int) -> frozenset[datetime.date]:
    """National holidays and configured collective leave days from first_year to last_year."""
    days: set[datetime.date] = set()
    for year in range(first_year, last_year + 1):
        days |= national_holidays(year)
    days |= set(
        CollectiveLeaveDay.objects.filter(
            date__year__gte=first_year, date__year__lte=last_year
        ).values_list("date", flat=True)
    )
    return frozenset(days)


def report_deadline(received_on: datetime.date, working_days: int) -> datetime.date:
    """The last day to report a gift received on `received_on` to the KPK."""
    # 30 working days never span more than a year, even around Idul Fitri.
    days = non_working_days(received_on.year, received_on.year + 1)
    return policy.add_working_days(received_on, working_days, days)


def kpk_working_days(on: datetime.date) -> int:
    rule = rules_in_force(on).get(policy.RuleCode.KPK_REPORT)
    return (rule.working_days if rule and rule.working_days else None) or 30


def recipient_year_total(
    *, recipient_id: int, year: int, exclude_gift_id: int | None = None
) -> int:
    """Counted gifts (proposed, approved, given) to a recipient in a year, across all givers,
    each counted in the year it was given (else proposed), like `Gift.year`."""
    gifts = Gift.objects.filter(recipient_id=recipient_id, status__in=COUNTED_STATUSES).in_year(
        year
    )
    if exclude_gift_id is not None:
        gifts = gifts.exclude(pk=exclude_gift_id)
    return int(gifts.aggregate(total=Sum("estimated_value"))["total"] or 0)


def open_tender_names(*, organization_id: int | None, on: datetime.date) -> tuple[str, ...]:
    if organization_id is None:  # a person quick-added without an organization yet
        return ()
    tenders = OpenTender.objects.filter(
        organization_id=organization_id, start__lte=on, end__gte=on
    ).order_by("name")
    return tuple(tenders.values_list("name", flat=True))


def gift_facts(
    *,
    recipient_id: int,
    recipient_is_public_official: bool,
    organization_id: int | None,
    kind: str,
    description: str,
    value_idr: int,
    on: datetime.date,
    occasion: str,
    exclude_gift_id: int | None = None,
) -> policy.GiftFacts:
    return policy.GiftFacts(
        kind=kind,
        description=description,
        value_idr=value_idr,
        on=on,
        recipient_is_public_official=recipient_is_public_official,
        occasion=occasion,
        recipient_year_total_idr=recipient_year_total(
            recipient_id=recipient_id, year=on.year, exclude_gift_id=exclude_gift_id
        ),
        open_tenders=open_tender_names(organization_id=organization_id, on=on),
    )
