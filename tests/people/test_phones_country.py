"""Phones of the realfiles3 probe: foreign numbers were stored as Indonesian ones (C1), CSV
phone cells with no digits were stored as phones (C8), and an Outlook-style address split
between "Business" and "Work" columns became two addresses (C9).

AOSP's vCard test files (Apache-2.0) are in ``vcard_fixtures`` (see its SOURCES.md); the CSV
lines are our own (the probe's Roundcube CSVs are GPL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from karib.people.imports import Source
from karib.people.imports.contacts_csv import open_csv, read_contacts
from karib.people.imports.phones import phone_e164, read_phone, region_of_country
from karib.people.imports.vcard import read_vcards

FIXTURES = Path(__file__).parent / "vcard_fixtures"
UNKNOWN = (
    "“%s”: the country of this number is unknown, so it is kept as written; write it with “+” "
    "and the country code"
)


@pytest.fixture(autouse=True)
def _english():
    """The messages are checked in English (the tests' language is Indonesian)."""
    with translation.override("en"):
        yield


def _contacts(text: str):
    opened = open_csv(Source(name="contacts.csv", raw=text.encode("utf-8")))
    return list(read_contacts(opened, opened.mapping))


# --- C1 (a): a country's official and own names ------------------------------------------------


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("United States of America", "US"),  # AOSP's and Outlook's English
        ("Vereinigte Staaten", "US"),
        ("États-Unis", "US"),  # phonenumbers spells it "Etats-Unis"
        ("Norge", "NO"),  # a country's own name, in a language phonenumbers has
        ("Polska", "PL"),
        ("Россия", "RU"),
        ("Česká republika", "CZ"),
        ("The Netherlands", "NL"),
        ("Russian Federation", "RU"),
        ("Republic of Korea", "KR"),
        ("Atlantis", None),
    ],
)
def test_official_and_native_country_names_give_their_phone_region(country, region):
    assert region_of_country(country) == region


def test_a_card_of_the_united_states_of_america_has_american_numbers():
    # AOSP's v21_complicated.vcf: two ADR in "United States of America" and a (404) number
    contact = read_vcards((FIXTURES / "aosp__v21_complicated.vcf").read_bytes())[0]
    assert "+14045551212" in contact.phones
    assert not any(phone.startswith("+62") for phone in contact.phones)


def test_a_csv_row_in_norway_has_a_norwegian_number():
    contacts = _contacts(
        "First Name,Last Name,Mobile Phone,Home Country/Region\n"
        "Kari,Nordmann,91551000,Norge\n"
        "Budi,Santoso,0812-3456-7890,Indonesia\n"
    )
    assert contacts[0].phones == ["+4791551000"]
    assert contacts[1].phones == ["+6281234567890"]


# --- C1 (b): no country, and a number not written as Indonesians write one --------------------


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("0812-3456-7890", "+6281234567890"),  # the trunk "0"
        ("62 812 3456 7890", "+6281234567890"),  # the country code without "+"
        ("6281234567890", "+6281234567890"),
        ("62 21 5551234", "+62215551234"),  # was "+6262215551234"
        ("812-3456-7890", "+6281234567890"),  # a mobile after a form's fixed "+62"
        ("811 2223 333", "+628112223333"),
        ("+62 21 555 1234", "+62215551234"),
        ("(021) 555-1234", "+62215551234"),
        ("1500 888", "+621500888"),  # a call centre: no trunk "0"
        ("+1 650 555 1212", "+16505551212"),
    ],
)
def test_a_number_written_as_indonesians_write_one_is_indonesian(written, e164):
    assert read_phone(written) == (e164, None)


@pytest.mark.parametrize(
    "written",
    ["(650) 555-1212", "91551000", "(404) 555-1212", "620 555 1212", "555-1212"],
)
def test_a_foreign_number_with_no_country_is_kept_as_written_with_a_notice(written):
    assert read_phone(written) == (written, UNKNOWN % written)
    assert phone_e164(written) == written


def test_a_short_service_number_is_kept_without_a_notice():
    assert read_phone("14045") == ("14045", None)


def test_a_foreign_number_is_read_in_the_country_its_file_names():
    assert read_phone("(650) 555-1212", "US") == ("+16505551212", None)
    assert read_phone("91551000", "NO") == ("+4791551000", None)


def test_an_iphone_card_with_an_american_number_and_no_address_keeps_it_as_written():
    # AOSP's v30_ios_613_multiline.vcf: "(650) 555-1212", no ADR
    contact = read_vcards((FIXTURES / "aosp__v30_ios_613_multiline.vcf").read_bytes())[0]
    assert contact.phones == ["(650) 555-1212"]
    # and the import says why, as it does for a CSV row (once, though the card repeats it)
    assert contact.notices.count(("phone", UNKNOWN % "(650) 555-1212")) == 1


def test_a_card_with_a_foreign_fax_and_no_country_gives_no_phone_notice():
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nTEL;TYPE=FAX:(650) 555-1299\r\nEND:VCARD\r\n"
    )
    (contact,) = read_vcards(card.encode())
    assert contact.phones == []
    assert not [notice for notice in contact.notices if notice[0] == "phone"]


def test_a_csv_row_with_no_country_keeps_a_foreign_number_with_a_notice():
    # an Outlook CSV of a Norwegian contact with no address
    (contact,) = _contacts("First Name,Last Name,Mobile Phone\nKari,Nordmann,91551000\n")
    assert contact.phones == ["91551000"]
    assert ("phone", UNKNOWN % "91551000") in contact.notices


# --- C8: a phone cell that holds no number ------------------------------------------------------


def test_csv_phone_cells_without_digits_are_kept_in_the_note():
    # a Thunderbird-style template whose cells name their column instead of a number
    (contact,) = _contacts(
        "Display Name,Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number\n"
        "Ani Lestari,phone work,0812-3456-7890,fax,pager,mobile\n"
    )
    assert contact.phones == ["+6281234567890"]
    assert "Work Phone: phone work" in contact.note
    assert "Fax Number: fax" in contact.note
    assert "Pager Number: pager" in contact.note
    assert "Mobile Number: mobile" in contact.note
    assert "Fax: fax" not in contact.note
    assert ("phone", "“phone work” is not a phone number: kept in the note") in contact.notices
    assert ("phone", "“mobile” is not a phone number: kept in the note") in contact.notices


def test_google_phone_values_without_digits_are_kept_in_the_note():
    (contact,) = _contacts(
        "Name,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value\n"
        "Ani Lestari,Pager,pager,Main,mainphone ::: 0812-3456-7890\n"
    )
    assert contact.phones == ["+6281234567890"]
    assert "Phone 1 - Value: pager" in contact.note
    assert "Phone 2 - Value: mainphone" in contact.note


# --- C9: one address under two prefixes --------------------------------------------------------


def test_business_street_and_work_city_are_one_address():
    (contact,) = _contacts(
        "Display Name,Business Street,Work City,Work State,Work Zip,Work Country,"
        "Home Street,Home City\n"
        "Ani Lestari,Jl. Sudirman 1,Jakarta,DKI Jakarta,10210,Indonesia,Jl. Mawar 2,Bogor\n"
    )
    assert contact.addresses == [
        "Jl. Sudirman 1, Jakarta, DKI Jakarta, 10210, Indonesia",
        "Jl. Mawar 2, Bogor",
    ]


def test_personal_street_and_home_city_are_one_address():
    (contact,) = _contacts(
        "Name,Personal Street,Home City,Home Country\nAni Lestari,Jl. Mawar 2,Bogor,Indonesia\n"
    )
    assert contact.addresses == ["Jl. Mawar 2, Bogor, Indonesia"]
