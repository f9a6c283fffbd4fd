"""The navigation shows an area only to those its page lets in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from karib.core.navigation import may_use_approval_queue
from karib.core.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "shown"),
    [(Role.COMPLIANCE_OFFICER, True), (Role.ADMIN, False), (None, False), (Role.SALES, False)],
)
def test_approvals_are_in_the_navigation_of_those_the_queue_admits(client_for, role, shown):
    # given a user with one role or none
    user = UserFactory(role=role) if role else UserFactory()
    client = client_for(user)
    queue = reverse("gifts:queue")
    # when they open Today
    html = client.get(reverse("core:today")).content.decode()
    # then the approval queue is in their navigation exactly when the queue lets them in
    assert (f'href="{queue}"' in html) is shown
    assert (client.get(queue).status_code == 200) is shown
    assert may_use_approval_queue(user) is shown
