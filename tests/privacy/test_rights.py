"""The data subject's rights on the pages and the API: the access report, the lawful basis and
requests with their 3 x 24-hour clock, for those accountable for the person's data only."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from karib.core.roles import Role
from karib.core.services import api_token_create
from karib.people import services as people
from karib.people.models import Organization, Person
from karib.privacy import services
from karib.privacy.models import ProcessingBasis, SubjectRequest
from tests.factories import TeamFactory, UserFactory


@pytest.fixture
def setting(db):
    team = TeamFactory(name="Government")
    owner = UserFactory(username="rudi", role=Role.SALES, team=team)
    manager = UserFactory(username="budi", role=Role.MANAGER, team=team)
    envoy = UserFactory(username="dewi", role=Role.SALES, team=TeamFactory(name="Other"))
    outsider = UserFactory(username="sari", role=Role.SALES, team=TeamFactory(name="Cards"))
    admin = UserFactory(username="root1", role=Role.ADMIN)
    organization = people.organization_create(
        by=owner, name="Direktorat", kind=Organization.Kind.GOVERNMENT
    )
    person = people.person_create(
        by=owner,
        full_name="Suryo Wibowo",
        organization=organization,
        emails=["suryo@example.id"],
        envoy=envoy,
    )
    people.fact_create(person=person, by=owner, text="Suka wayang, tokoh Bima", category="interest")
    return {
        "owner": owner,
        "manager": manager,
        "envoy": envoy,
        "outsider": outsider,
        "admin": admin,
        "person": person,
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t').secret}"}


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("manager", 200), ("admin", 200), ("envoy", 404), ("outsider", 404)],
)
def test_only_those_accountable_see_the_privacy_page(setting, who, status):
    response = _client(setting[who]).get(reverse("privacy:person", args=[setting["person"].pk]))
    assert response.status_code == status


def test_report_holds_the_data_its_source_and_who_changed_it(setting):
    # given
    person: Person = setting["person"]
    # when
    response = _client(setting["owner"]).get(reverse("privacy:report-json", args=[person.pk]))
    # then
    report = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert report["person"]["full_name"] == "Suryo Wibowo"
    assert report["person"]["emails"] == ["suryo@example.id"]
    assert [fact["text"] for fact in report["facts"]] == ["Suka wayang, tokoh Bima"]
    assert report["facts"][0]["created_by"] == "rudi"
    assert any(event["by"] == "rudi" for event in report["history"])
    usernames = {user["username"] for user in report["shared_with"]}
    assert {"rudi", "budi", "dewi", "root1"} <= usernames
    assert "sari" not in usernames


def test_a_source_the_reader_cannot_see_is_not_named_in_the_report(setting):
    # given the envoy (another team) notes a fact told by a contact of their own organization
    person, envoy = setting["person"], setting["envoy"]
    own = people.organization_create(by=envoy, name="PT Kartu", kind=Organization.Kind.PRIVATE)
    informant = people.person_create(by=envoy, full_name="Rahasia Informan", organization=own)
    people.fact_create(
        person=person, by=envoy, text="Suka golf", category="interest", told_by_person=informant
    )
    # when the owner takes the report out, on the page and through the API
    page = _client(setting["owner"]).get(reverse("privacy:report-json", args=[person.pk]))
    api = Client().get(f"/api/privacy/persons/{person.pk}/report", **_bearer(setting["owner"]))
    # then the fact is there, its source is not named
    for report in (json.loads(page.content), api.json()):
        (golf,) = [f for f in report["facts"] if f["text"] == "Suka golf"]
        assert golf["source"]["told_by_person"] not in (None, "Rahasia Informan")
        assert "Rahasia Informan" not in json.dumps(report)
    # and an admin, who sees the contact, reads the name
    admin = _client(setting["admin"]).get(reverse("privacy:report-json", args=[person.pk]))
    (golf,) = [f for f in json.loads(admin.content)["facts"] if f["text"] == "Suka golf"]
    assert golf["source"]["told_by_person"] == "Rahasia Informan"


def test_the_report_carries_only_the_transcripts_its_reader_may_open(setting):
    # given a service conversation of another team with the person as customer
    from tests.service.factories import agent_user, conversation_from_text

    service_team = TeamFactory(name="Layanan")
    conversation = conversation_from_text(
        "Agen: Selamat pagi, ada yang bisa dibantu?\nNasabah: Kartu saya ditagih dua kali.\n",
        team=service_team,
        agent=agent_user(service_team),
    )
    conversation.customer = setting["person"]
    conversation.save(update_fields=["customer"])
    url = reverse("privacy:report-json", args=[setting["person"].pk])
    # when the owner (Sales, who may not open it) and an admin take the report out
    owner = json.loads(_client(setting["owner"]).get(url).content)
    admin = json.loads(_client(setting["admin"]).get(url).content)
    zipped = _client(setting["owner"]).get(
        reverse("privacy:report-zip", args=[setting["person"].pk])
    )
    # then the owner's report counts it without its transcript, the admin's carries it
    assert (owner["conversations"], owner["conversations_not_shown"]) == ([], 1)
    assert "ditagih dua kali" not in json.dumps(owner)
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        assert archive.namelist() == ["report.json"]
    assert [c["id"] for c in admin["conversations"]] == [conversation.pk]
    assert admin["conversations_not_shown"] == 0


def test_zip_export_holds_the_json_report(setting):
    person = setting["person"]
    response = _client(setting["admin"]).get(reverse("privacy:report-zip", args=[person.pk]))
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        report = json.loads(archive.read("report.json"))
    assert report["reference"] == f"Person #{person.pk}"


def test_lawful_basis_is_recorded_and_shown_on_the_person_page(setting):
    # given
    person = setting["person"]
    client = _client(setting["owner"])
    # when consent is chosen without its date
    refused = client.post(
        reverse("privacy:basis", args=[person.pk]),
        {"basis": "consent", "purpose": "Hubungan kerja sama"},
    )
    # then it is refused next to the field and nothing is stored
    assert refused.status_code == 422
    assert not ProcessingBasis.objects.exists()
    # when the basis is a contract
    client.post(
        reverse("privacy:basis", args=[person.pk]),
        {"basis": "contract", "purpose": "Pelaksanaan kontrak layanan data"},
    )
    # then
    assert ProcessingBasis.objects.get(person=person).basis == "contract"
    with translation.override("en"):
        page = client.get(reverse("privacy:person", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Pelaksanaan kontrak layanan data" in page.content.decode()
    # the person page's privacy panel (the page fetches it on its own)
    panel = reverse("people:person-panel", args=[person.pk, "privacy"])
    person_page = client.get(panel, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="privacy"' in person_page
    assert "Pelaksanaan kontrak layanan data" in person_page


def test_request_clock_is_three_times_24_hours_and_overdue_shows_in_text(setting):
    # given a request received four days ago
    received = timezone.now() - datetime.timedelta(days=4)
    request = services.subject_request_open(
        person=setting["person"], by=setting["owner"], kind="access", received_at=received
    )
    assert request.due_at - request.received_at == datetime.timedelta(hours=72)
    # when
    page = _client(setting["owner"]).get(reverse("privacy:index")).content.decode()
    # then the overdue request says so in words, not only in colour
    assert 'class="badge bad"' in page
    assert request.due_at.astimezone(timezone.get_current_timezone()).strftime("%Y") in page


def test_api_report_is_scoped_and_errors_have_the_one_shape(setting):
    person = setting["person"]
    client = Client()
    ok = client.get(f"/api/privacy/persons/{person.pk}/report", **_bearer(setting["manager"]))
    assert ok.status_code == 200
    assert ok.json()["person"]["full_name"] == "Suryo Wibowo"
    hidden = client.get(f"/api/privacy/persons/{person.pk}/report", **_bearer(setting["outsider"]))
    assert hidden.status_code == 404
    assert hidden.json()["errors"][0]["code"] == "not_found"
    forbidden = client.get(f"/api/privacy/persons/{person.pk}/report", **_bearer(setting["envoy"]))
    assert forbidden.status_code == 403
    assert forbidden.json()["errors"][0]["code"] == "forbidden"


def test_api_request_and_erasure(setting):
    person = setting["person"]
    client = Client()
    created = client.post(
        f"/api/privacy/persons/{person.pk}/requests",
        data=json.dumps({"kind": "erasure", "note": "by e-mail"}),
        content_type="application/json",
        **_bearer(setting["owner"]),
    )
    assert created.status_code == 201
    assert created.json()["hours_left"] == pytest.approx(72, abs=0.2)
    refused = client.post(f"/api/privacy/persons/{person.pk}/erase", **_bearer(setting["owner"]))
    assert refused.status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()
    erased = client.post(f"/api/privacy/persons/{person.pk}/erase", **_bearer(setting["admin"]))
    assert erased.status_code == 200
    assert erased.json()["removed"]["people.person"] == 1
    assert not Person.objects.filter(pk=person.pk).exists()
    assert SubjectRequest.objects.get().status == "completed"


def test_erasure_page_asks_for_the_reference(setting):
    person = setting["person"]
    client = _client(setting["admin"])
    wrong = client.post(reverse("privacy:erase", args=[person.pk]), {"confirm": "yes"})
    assert wrong.status_code == 422
    assert Person.objects.filter(pk=person.pk).exists()
    done = client.post(
        reverse("privacy:erase", args=[person.pk]), {"confirm": f"Person #{person.pk}"}
    )
    assert done.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_a_request_recorded_on_the_page_starts_its_clock(setting):
    person = setting["person"]
    client = _client(setting["manager"])
    refused = client.post(reverse("privacy:request-create", args=[person.pk]), {"kind": "x"})
    assert refused.status_code == 422
    assert not SubjectRequest.objects.exists()
    done = client.post(
        reverse("privacy:request-create", args=[person.pk]), {"kind": "access", "note": "lisan"}
    )
    assert done.status_code == 302
    request = SubjectRequest.objects.get()
    assert request.kind == "access"
    assert request.opened_by == setting["manager"]
    assert request.note == "lisan"
    assert request.due_at - request.received_at == datetime.timedelta(hours=72)


def test_every_export_of_the_access_report_is_on_the_persons_record(setting):
    """Who took everything held about a person out of Karib is recorded, by each way out."""
    from karib.core.models import AuditEvent

    person = setting["person"]
    _client(setting["manager"]).get(reverse("privacy:report-zip", args=[person.pk]))
    _client(setting["admin"]).get(reverse("privacy:report-json", args=[person.pk]))
    Client().get(f"/api/privacy/persons/{person.pk}/report", **_bearer(setting["owner"]))
    Client().get(f"/api/privacy/persons/{person.pk}/report", **_bearer(setting["outsider"]))
    exports = AuditEvent.objects.filter(
        object_id=str(person.pk), summary__startswith="access report exported"
    ).order_by("pk")
    assert [(e.actor.username, e.summary) for e in exports] == [
        ("budi", "access report exported (zip)"),
        ("root1", "access report exported (json)"),
        ("rudi", "access report exported (api)"),
    ]
