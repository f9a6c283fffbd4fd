"""Organizations: a parent cannot be one of the organization's own units."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from karib.people import services


def test_a_parent_cycle_is_refused_on_parent(world):
    # given
    unit = services.organization_create(by=world.owner, name="Subdit", parent=world.organization)
    # when
    with pytest.raises(ValidationError) as error:
        services.organization_update(organization=world.organization, by=world.owner, parent=unit)
    # then
    assert "parent" in error.value.message_dict
    world.organization.refresh_from_db()
    assert world.organization.parent is None
