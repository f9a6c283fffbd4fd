"""The personal fact a gift honours is shown only to who may see it (people scoping).

Regression test for the review: the gift page showed a sensitive fact to anyone who could see
the gift (e.g. the owner of the recipient's organization, who may not see sensitive facts).
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from karib.core.models import Notification
from karib.core.roles import Role
from karib.core.services import api_token_create
from karib.gifts import services
from karib.people.models import PersonalFact
from tests.factories import OrganizationFactory, PersonalFactFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "Undergoing chemotherapy secretly"


@pytest.fixture
def people():
    organization_owner = UserFactory(username="orgowner", role=Role.SALES)
    person_owner = UserFactory(username="powner", role=Role.SALES)
    person = PersonFactory(
        organization=OrganizationFactory(owner=organization_owner), owner=person_owner
    )
    return organization_owner, person_owner, person


@pytest.fixture
def gift(people, django_capture_on_commit_callbacks):
    _organization_owner, person_owner, person = people
    UserFactory(role=Role.COMPLIANCE_OFFICER)
    fact = PersonalFactFactory(
        person=person, is_sensitive=True, text=SECRET, created_by=person_owner
    )
    with django_capture_on_commit_callbacks(execute=True):
        return services.gift_propose(
            by=person_owner,
            recipient=person,
            kind="goods",
            description="Buku",
            estimated_value=1_500_000,  # above the company threshold: Compliance is notified
            business_purpose="x",
            honours_fact=fact,
        )


def test_a_sensitive_fact_is_hidden_on_the_gift_page_from_who_may_not_see_it(
    people, gift, client_for
):
    # given the organization's owner, who sees the gift but not the person's sensitive facts
    organization_owner, _person_owner, _person = people
    assert not PersonalFact.objects.visible_to(organization_owner).exists()
    # when they open the gift page
    response = client_for(organization_owner).get(reverse("gifts:detail", args=[gift.pk]))
    # then the fact is not shown, only that the gift honours a personal fact
    content = response.content.decode()
    assert response.status_code == 200
    assert SECRET not in content
    assert "sebuah info pribadi" in content


@pytest.mark.parametrize("who", ["person_owner", "compliance"])
def test_the_fact_is_shown_only_where_people_scoping_allows(who, people, gift, client_for):
    _organization_owner, person_owner, _person = people
    users = {"person_owner": person_owner, "compliance": UserFactory(role=Role.COMPLIANCE_OFFICER)}
    user = users[who]
    # when the user opens the gift page
    content = client_for(user).get(reverse("gifts:detail", args=[gift.pk])).content.decode()
    # then the fact shows exactly when PersonalFact.objects.visible_to(user) includes it
    visible = PersonalFact.objects.visible_to(user).filter(pk=gift.honours_fact_id).exists()
    assert visible is (who == "person_owner")
    assert (SECRET in content) is visible


def test_the_fact_text_is_in_no_api_answer_export_or_notification(people, gift, client_for):
    organization_owner, _person_owner, _person = people
    token = api_token_create(user=organization_owner, name="t").secret
    client = client_for(organization_owner)
    headers = {"Authorization": f"Bearer {token}"}
    decisions = client.get(f"/api/gifts/{gift.pk}/decisions", headers=headers)
    assert decisions.status_code == 200
    assert SECRET not in decisions.content.decode()
    answers = [
        client.get(f"/api/gifts/{gift.pk}", headers=headers).content.decode(),
        client.get("/api/gifts/", headers=headers).content.decode(),
        client.get("/api/gifts/export.csv", headers=headers).content.decode(),
        client.get(reverse("gifts:index")).content.decode(),
        client.get(reverse("gifts:export-csv")).content.decode(),
    ]
    assert all("Buku" in answer for answer in answers)
    assert not any(SECRET in answer for answer in answers)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("gifts:export-xlsx")).content))
    cells = [str(c) for row in workbook.active.iter_rows(values_only=True) for c in row]
    assert not any(SECRET in cell for cell in cells)
    notifications = Notification.objects.filter(kind__startswith="gifts.")
    assert notifications.exists()
    assert not any(SECRET in n.title + n.body for n in notifications)


def test_gesture_ideas_never_use_a_fact_the_user_cannot_see(people, client_for):
    # given a sensitive interest only the person's owner may see
    organization_owner, person_owner, person = people
    PersonalFactFactory(
        person=person,
        category=PersonalFact.Category.INTEREST,
        topic="wayang",
        text="Wayang, since the diagnosis",
        is_sensitive=True,
        created_by=person_owner,
    )
    url = reverse("gifts:ideas", args=[person.pk])
    # then the owner gets ideas from it, the organization's owner neither ideas nor the text
    assert "Wayang, since the diagnosis" in client_for(person_owner).get(url).content.decode()
    content = client_for(organization_owner).get(url).content.decode()
    assert "Wayang, since the diagnosis" not in content
    assert 'data-topic="wayang"' not in content
