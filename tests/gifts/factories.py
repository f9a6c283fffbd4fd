"""Factories of the gifts app's tests."""

from __future__ import annotations

import datetime

import factory

from karib.gifts.models import Gift, OpenTender
from tests.factories import OrganizationFactory, PersonFactory


class GiftFactory(factory.django.DjangoModelFactory):
    """A proposed gift stored directly (no policy check): use services.gift_propose for that."""

    class Meta:
        model = Gift

    recipient = factory.SubFactory(PersonFactory)
    recipient_organization = factory.LazyAttribute(lambda gift: gift.recipient.organization)
    recipient_is_public_official = factory.LazyAttribute(
        lambda gift: gift.recipient.is_public_official
    )
    giver = factory.LazyAttribute(lambda gift: gift.recipient.owner)
    kind = "goods"
    description = factory.Sequence(lambda n: f"Gift {n}")
    estimated_value = 250_000
    business_purpose = "Thank you"
    proposed_on = factory.LazyFunction(lambda: datetime.date(2026, 6, 1))


class OpenTenderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpenTender

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Tender {n}")
    start = datetime.date(2026, 1, 1)
    end = datetime.date(2026, 12, 31)
