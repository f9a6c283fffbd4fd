"""Factories shared by every app's tests; app-specific ones live in tests/<app>/factories.py."""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from karib.core.models import Profile, Team
from karib.core.roles import Role
from karib.people.models import Interaction, Organization, Person, PersonalFact


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `role=Role.SALES` adds the group, `team=...` sets the profile's team."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.django.Password("secret-pass-123")

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: Any) -> None:
        if create and extracted is not None:
            # get_or_create: transactional tests flush the groups the data migration made
            group, _ = Group.objects.get_or_create(name=Role(extracted).value)
            self.groups.add(group)

    @factory.post_generation
    def team(self, create: bool, extracted: Team | None, **kwargs: Any) -> None:
        if create:
            profile, _ = Profile.objects.get_or_create(user=self)
            if extracted is not None:
                profile.team = extracted
                profile.save(update_fields=["team"])


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = Organization.Kind.PRIVATE
    owner = factory.SubFactory(UserFactory, role=Role.SALES)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Faker("name")
    honorific = Person.Honorific.BAPAK
    organization = factory.SubFactory(OrganizationFactory)
    owner = factory.LazyAttribute(lambda p: p.organization.owner)


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction
        skip_postgeneration_save = True

    kind = Interaction.Kind.MEETING
    occurred_at = factory.LazyFunction(timezone.now)
    summary = "A meeting"
    organization = factory.SubFactory(OrganizationFactory)
    created_by = factory.LazyAttribute(lambda i: i.organization.owner)

    @factory.post_generation
    def participants(self, create: bool, extracted: list[Person] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.participants.add(*extracted)


class PersonalFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonalFact

    person = factory.SubFactory(PersonFactory)
    category = PersonalFact.Category.INTEREST
    text = "Loves wayang"
    learned_on = factory.LazyFunction(lambda: datetime.date(2025, 1, 15))
    created_by = factory.LazyAttribute(lambda f: f.person.owner)
