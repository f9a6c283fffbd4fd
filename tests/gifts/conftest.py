from __future__ import annotations

import pytest

from karib.core.roles import Role
from karib.people.models import Organization
from tests.factories import OrganizationFactory, PersonFactory, UserFactory


@pytest.fixture
def giver(db):
    return UserFactory(username="dewi", first_name="Dewi", last_name="Lestari", role=Role.SALES)


@pytest.fixture
def compliance(db):
    return UserFactory(
        username="maya", first_name="Maya", last_name="Putri", role=Role.COMPLIANCE_OFFICER
    )


@pytest.fixture
def official(giver):
    directorate = OrganizationFactory(
        name="Direktorat Layanan Data",
        kind=Organization.Kind.GOVERNMENT,
        owner=giver,
        address="Jl. Medan Merdeka 9",
        city="Jakarta Pusat",
    )
    return PersonFactory(
        full_name="Suryo Wibowo",
        organization=directorate,
        is_public_official=True,
        job_title="Direktur",
    )


@pytest.fixture
def private_contact(giver):
    return PersonFactory(full_name="Rina Hartati", organization=OrganizationFactory(owner=giver))
