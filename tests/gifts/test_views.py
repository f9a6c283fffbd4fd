"""Pages: scoping and permission matrix, approval queue, register totals, exports, ideas."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from karib.core.models import Team
from karib.core.roles import Role
from karib.gifts import services
from karib.gifts.models import Gift
from karib.people.models import PersonalFact
from tests.factories import PersonalFactFactory, PersonFactory, UserFactory

from .factories import GiftFactory
from .support import approve_on

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2026, 6, 1)


@pytest.fixture
def gift(giver, official):
    return services.gift_propose(
        by=giver,
        recipient=official,
        kind="goods",
        description="Wayang kulit Bima",
        estimated_value=1_500_000,
        business_purpose="Relationship",
        proposed_on=JUNE,
    )


@pytest.fixture
def manager(giver):
    team = Team.objects.create(name="Government")
    giver.profile.team = team
    giver.profile.save()
    return UserFactory(role=Role.MANAGER, team=team)


def test_anonymous_is_sent_to_login(gift):
    client = Client()
    for name, args in [("gifts:index", []), ("gifts:detail", [gift.pk]), ("gifts:queue", [])]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert response.url.startswith("/login/")
    response = client.post(reverse("gifts:approve", args=[gift.pk]))
    assert response.status_code == 302
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED


@pytest.mark.parametrize(
    ("who", "status"),
    [("giver", 200), ("manager", 200), ("compliance", 200), ("other", 404), ("admin", 200)],
)
def test_detail_permission_matrix(who, status, gift, giver, manager, compliance, client_for):
    users = {
        "giver": giver,
        "manager": manager,
        "compliance": compliance,
        "other": UserFactory(role=Role.SALES),
        "admin": UserFactory(role=Role.ADMIN),
    }
    response = client_for(users[who]).get(reverse("gifts:detail", args=[gift.pk]))
    assert response.status_code == status


def test_missing_and_forbidden_look_the_same(gift, client_for):
    client = client_for(UserFactory(role=Role.SALES))
    assert client.get(reverse("gifts:detail", args=[gift.pk])).status_code == 404
    assert client.get(reverse("gifts:detail", args=[gift.pk + 999])).status_code == 404


def test_the_register_shows_only_visible_gifts(gift, giver, client_for):
    # given a gift to someone Dewi cannot see, by someone else
    hidden = GiftFactory(description="Hidden hamper")
    # when Dewi opens the register
    response = client_for(giver).get(reverse("gifts:index"))
    # then she sees her gift and not the other
    content = response.content.decode()
    assert "Wayang kulit Bima" in content
    assert hidden.description not in content
    assert "Rp1.500.000" in content


@pytest.mark.parametrize("who", ["other", "giver", "manager"])
def test_only_compliance_opens_the_queue_and_approves(who, gift, giver, manager, client_for):
    users = {"other": UserFactory(role=Role.SALES), "giver": giver, "manager": manager}
    client = client_for(users[who])
    assert client.get(reverse("gifts:queue")).status_code == 403
    response = client.post(reverse("gifts:approve", args=[gift.pk]))
    assert response.status_code in {403, 404}
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED


def test_compliance_approves_from_the_queue(gift, compliance, client_for):
    client = client_for(compliance)
    response = client.get(reverse("gifts:queue"))
    assert "Wayang kulit Bima" in response.content.decode()
    response = client.post(
        reverse("gifts:approve", args=[gift.pk]), {"note": "Wajar", "next": "queue"}
    )
    assert response.status_code == 302
    assert response.url == reverse("gifts:queue")
    gift.refresh_from_db()
    assert gift.status == Gift.Status.APPROVED
    assert "Wayang kulit Bima" not in client.get(reverse("gifts:queue")).content.decode()


def test_reject_without_a_note_shows_the_error_and_changes_nothing(gift, compliance, client_for):
    response = client_for(compliance).post(
        reverse("gifts:reject", args=[gift.pk]), {"note": ""}, follow=True
    )
    assert "Sebutkan alasan hadiah ditolak." in response.content.decode()
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED


def test_giver_cannot_mark_given_before_approval(gift, giver, client_for):
    response = client_for(giver).post(
        reverse("gifts:given", args=[gift.pk]), {"given_on": "2026-06-02"}, follow=True
    )
    assert "perlu persetujuan Kepatuhan sebelum diberikan" in response.content.decode()
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PROPOSED


def test_giver_marks_given_and_sees_the_deadline(gift, giver, compliance, client_for):
    approve_on(gift, compliance)
    client = client_for(giver)
    response = client.post(
        reverse("gifts:given", args=[gift.pk]), {"given_on": "2026-06-01"}, follow=True
    )
    content = response.content.decode()
    assert "14 Juli 2026" in content
    gift.refresh_from_db()
    assert gift.report_deadline == datetime.date(2026, 7, 14)
    mine = client.get(reverse("gifts:mine")).content.decode()
    assert "14 Juli 2026" in mine
    assert "persetujuan" in mine.lower()


def test_propose_form_shows_field_errors_and_stores_nothing(giver, official, client_for):
    response = client_for(giver).post(
        reverse("gifts:propose"),
        {
            "recipient": official.pk,
            "kind": "goods",
            "description": "",
            "occasion": "business",
            "estimated_value": "-5",
            "business_purpose": "x",
        },
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert 'id="error-description"' in content
    assert 'id="error-estimated_value"' in content
    assert not Gift.objects.exists()


def test_propose_a_voucher_is_refused_with_the_reason(giver, official, client_for):
    response = client_for(giver).post(
        reverse("gifts:propose"),
        {
            "recipient": official.pk,
            "kind": "goods",
            "description": "Voucher belanja",
            "occasion": "business",
            "estimated_value": "500000",
            "business_purpose": "Lebaran",
        },
        follow=True,
    )
    gift = Gift.objects.get()
    assert gift.status == Gift.Status.REJECTED
    assert 'data-rule="cash_to_official"' in response.content.decode()


def test_cannot_propose_to_a_person_one_cannot_see(giver, client_for):
    stranger = PersonFactory()
    response = client_for(giver).post(
        reverse("gifts:propose"),
        {
            "recipient": stranger.pk,
            "kind": "goods",
            "description": "Book",
            "occasion": "business",
            "estimated_value": "1000",
            "business_purpose": "x",
        },
    )
    assert response.status_code == 422
    assert not Gift.objects.exists()


def test_register_totals_by_person_year_and_giver(giver, official, private_contact, client_for):
    GiftFactory(recipient=official, giver=giver, estimated_value=1_000_000)
    GiftFactory(recipient=official, giver=giver, estimated_value=500_000)
    GiftFactory(recipient=private_contact, giver=giver, estimated_value=250_000)
    GiftFactory(recipient=private_contact, giver=giver, estimated_value=9_000, status="rejected")
    client = client_for(giver)
    response = client.get(reverse("gifts:index"), {"group": "person"})
    totals = {row.label: row.counted_value_idr for row in response.context["group_totals"]}
    assert totals == {"Suryo Wibowo": 1_500_000, "Rina Hartati": 250_000}
    assert response.context["totals"].counted_value_idr == 1_750_000
    response = client.get(reverse("gifts:index"), {"person": official.pk, "year": 2026})
    assert response.context["totals"].count == 2
    assert "Rp1.500.000" in response.content.decode()
    response = client.get(reverse("gifts:index"), {"year": 2025})
    assert response.context["totals"].count == 0


def test_register_htmx_returns_the_fragment(gift, giver, client_for):
    response = client_for(giver).get(reverse("gifts:index"), headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results">')


def test_register_query_count_does_not_grow(
    giver, official, client_for, django_assert_max_num_queries
):
    for _ in range(30):
        GiftFactory(recipient=official, giver=giver)
    client = client_for(giver)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("gifts:index"))
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        client.get(reverse("gifts:mine"))


def test_csv_export_has_the_kpk_report_fields(gift, giver, compliance, client_for):
    approve_on(gift, compliance)
    services.gift_mark_given(gift=gift, by=giver, given_on=JUNE, place="Jakarta")
    GiftFactory(description="=HYPERLINK(evil)")
    response = client_for(compliance).get(reverse("gifts:export-csv"), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, first = rows[0], rows[-1]
    record = dict(zip(header, first, strict=True))
    assert record["Nama pemberi"] == "Dewi Lestari"
    assert record["Nama penerima"] == "Suryo Wibowo"
    assert "Jl. Medan Merdeka 9" in record["Alamat penerima"]
    assert record["Jabatan pejabat"] == "Direktur"
    assert record["Tempat"] == "Jakarta"
    assert record["Tanggal diberikan"] == "2026-06-01"
    assert record["Nilai (IDR)"] == "1500000"
    assert record["Batas waktu pelaporan"] == "2026-07-14"
    assert any(row[header.index("Uraian")] == "'=HYPERLINK(evil)" for row in rows[1:])


def test_xlsx_export_is_scoped(gift, giver, client_for):
    GiftFactory(description="Hidden hamper")
    response = client_for(giver).get(reverse("gifts:export-xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    values = [row[13] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == ["Wayang kulit Bima"]
    assert sheet.cell(row=2, column=16).value == 1_500_000


def test_gesture_ideas_for_an_official_show_what_is_required(giver, official, client_for):
    PersonalFactFactory(
        person=official,
        category=PersonalFact.Category.INTEREST,
        topic="wayang",
        text="Pencinta wayang, tokoh favorit Bima",
    )
    response = client_for(giver).get(reverse("gifts:ideas", args=[official.pk]))
    content = response.content.decode()
    assert "Wayang kulit tokoh favoritnya dari perajin Yogyakarta" in content
    assert "Buku cerita wayang" in content
    assert "perlu persetujuan Kepatuhan" in content
    assert "KPK" in content
    assert "Kain batik" not in content


def test_gesture_ideas_are_scoped(official, client_for):
    response = client_for(UserFactory(role=Role.SALES)).get(
        reverse("gifts:ideas", args=[official.pk])
    )
    assert response.status_code == 404


def test_register_year_filter_and_totals_count_the_year_given(giver, private_contact, client_for):
    # given a gift proposed in December 2025 and given in January 2026, and one of 2025 only
    GiftFactory(
        recipient=private_contact,
        giver=giver,
        estimated_value=900_000,
        proposed_on=datetime.date(2025, 12, 20),
        given_on=datetime.date(2026, 1, 10),
        status="given",
    )
    GiftFactory(
        recipient=private_contact,
        giver=giver,
        estimated_value=100_000,
        proposed_on=datetime.date(2025, 11, 1),
    )
    client = client_for(giver)
    # when the register is filtered on 2026 and grouped by year
    response = client.get(reverse("gifts:index"), {"year": 2026})
    totals = {row.key: row.counted_value_idr for row in response.context["group_totals"]}
    # then the December proposal counts in 2026, the year it was given
    assert response.context["totals"].counted_value_idr == 900_000
    assert totals == {2026: 900_000}
    everything = client.get(reverse("gifts:index"), {"group": "year"}).context["group_totals"]
    assert {row.key: row.counted_value_idr for row in everything} == {2026: 900_000, 2025: 100_000}


def test_given_on_error_is_shown_next_to_the_field(gift, giver, compliance, client_for):
    # given a gift approved on 10 June
    approve_on(gift, compliance, datetime.date(2026, 6, 10))
    # when Dewi records it as given on 2 June
    response = client_for(giver).post(
        reverse("gifts:given", args=[gift.pk]), {"given_on": "2026-06-02"}
    )
    # then the page says why, next to the date, and nothing changed
    assert response.status_code == 422
    assert "10 Juni 2026" in response.content.decode()
    assert response.context["given_form"].errors["given_on"]
    gift.refresh_from_db()
    assert gift.status == Gift.Status.APPROVED
