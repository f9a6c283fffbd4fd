"""Bad input to the gift register is a 4xx naming the field, never a 500; a control character
stored in a gift never breaks the XLSX export for everyone."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from karib.gifts.models import Gift
from tests.factories import PersonalFactFactory, UserFactory
from tests.promises.support import api_client, error_of

from .factories import GiftFactory
from .support import JUNE, propose


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("year=-1", "year"),
        ("year=99999", "year"),
        ("person=9223372036854775808", "person"),
        ("giver=0", "giver"),
        ("page=99999999999999999999", "page"),
    ],
)
def test_out_of_range_filters_are_422_in_the_one_shape(giver, query, field):
    for url in ("/api/gifts/", "/api/gifts/export.csv", "/api/gifts/export.xlsx"):
        if field == "page" and url != "/api/gifts/":
            continue
        response = api_client(giver).get(f"{url}?{query}")
        assert response.status_code == 422, url
        assert error_of(response)["field"] == field


@pytest.mark.parametrize("query", ["year=-1", "person=9223372036854775808", "page=9" * 25])
def test_the_register_page_shows_nothing_for_a_bad_filter_instead_of_failing(
    giver, private_contact, client_for, query
):
    GiftFactory(recipient=private_contact, giver=giver)
    response = client_for(giver).get(f"/gifts/?{query}")
    assert response.status_code == 200
    if not query.startswith("page"):
        assert response.context["totals"].count == 0
        assert response.context["filter_form"].errors


def test_control_characters_are_stripped_from_a_proposal(giver, private_contact):
    gift = propose(giver, private_contact, description="Buku\x00 cerita\x0b wayang", place="\x07")
    assert (gift.description, gift.place) == ("Buku cerita wayang", "")


def test_a_control_character_in_a_stored_description_does_not_break_the_xlsx_export(
    giver, private_contact, client_for
):
    # given a gift whose description holds a control character (stored before it was stripped)
    GiftFactory(recipient=private_contact, giver=giver, description="Kain\x1b batik\x02 tulis")
    compliance_officer = UserFactory(role="Compliance officer")

    # when Compliance exports the register, from the page and from the API
    for response in (
        client_for(compliance_officer).get("/gifts/export.xlsx"),
        api_client(compliance_officer).get("/api/gifts/export.xlsx"),
    ):
        # then the workbook opens, with the text minus the character
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.cell(row=2, column=14).value == "Kain batik tulis"


def test_a_gift_id_beyond_any_database_integer_is_a_404(giver):
    response = api_client(giver).get(f"/api/gifts/{2**64}")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_an_estimate_beyond_any_real_gift_is_422_naming_the_field(giver, private_contact):
    response = api_client(giver).post(
        "/api/gifts/",
        {
            "recipient_id": private_contact.pk,
            "kind": "goods",
            "description": "Buku",
            "estimated_value": 2**70,
            "business_purpose": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not Gift.objects.exists()


def test_a_gesture_idea_is_never_suggested_again_to_who_already_has_it(giver, official, client_for):
    # given Pak Suryo loves wayang and already received the wayang story book
    PersonalFactFactory(person=official, category="interest", topic="wayang", text="Bima")
    GiftFactory(
        recipient=official,
        giver=giver,
        description="Buku  cerita WAYANG (Mahabharata/Ramayana)",
        status="given",
        given_on=JUNE,
    )

    # when Dewi looks for gesture ideas
    content = client_for(giver).get(f"/gifts/ideas/{official.pk}/").content.decode()

    # then the book is not suggested again, the other wayang ideas still are
    assert "Buku cerita wayang (Mahabharata/Ramayana)" not in content
    assert "Wayang kulit tokoh favoritnya dari perajin Yogyakarta" in content
