"""The Django admin shows people records read-only."""

from __future__ import annotations

from django.urls import reverse

from karib.core.roles import Role
from tests.factories import UserFactory


def test_admin_cannot_change_or_delete_people_records(world, client_for):
    # given
    superuser = UserFactory(username="root", role=Role.ADMIN, is_staff=True, is_superuser=True)
    client = client_for(superuser)
    url = reverse("admin:people_person_change", args=[world.person.pk])
    # when
    page = client.get(url)
    posted = client.post(url, {"full_name": "Diubah"})
    deleted = client.post(
        reverse("admin:people_person_delete", args=[world.person.pk]), {"post": "yes"}
    )
    added = client.get(reverse("admin:people_person_add"))
    # then
    assert page.status_code == 200  # viewing stays possible
    assert posted.status_code == 403
    assert deleted.status_code == 403
    assert added.status_code == 403
    world.person.refresh_from_db()
    assert world.person.full_name == "Suryo Wibowo"
