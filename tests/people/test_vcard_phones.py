"""Phones of imported cards: read in the card's own country, international prefixes, faxes
kept out of the phones, and every note and nickname of a card (realfiles2 probe)."""

import pytest
from django.utils import translation

from karib.people.imports.phones import phone_e164, region_of_country
from karib.people.imports.vcard import read_vcards


def _card(*lines: str) -> bytes:
    return "\r\n".join(
        ["BEGIN:VCARD", "VERSION:3.0", "FN:Jana Muster", *lines, "END:VCARD"]
    ).encode()


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("Deutschland", "DE"),
        ("Germany", "DE"),
        ("Jerman", "DE"),
        ("de", "DE"),
        ("United Kingdom", "GB"),
        ("Inggris Raya", "GB"),
        ("UK", "GB"),
        ("U.S.A.", "US"),
        ("Amerika Serikat", "US"),
        ("  Singapura ", "SG"),
        ("Indonesia", "ID"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_a_country_as_address_books_write_it_gives_its_phone_region(country, region):
    assert region_of_country(country) == region


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("0049 40 5550100545", "+49405550100545"),
        ("(0049) 40 5550100545", "+49405550100545"),
        ("001 65 6123 4567", "+6561234567"),  # an Indonesian carrier's prefix
        ("0062 811 2223 333", "+628112223333"),
        ("0811-2223-333", "+628112223333"),
        ("021-5551234", "+62215551234"),
    ],
)
def test_international_prefixes_are_read_as_plus(written, e164):
    assert phone_e164(written) == e164


def test_a_number_without_plus_is_read_in_the_country_of_the_cards_address():
    german = read_vcards(
        _card("ADR;TYPE=WORK:;;Musterweg 1;Hamburg;;20457;Deutschland", "TEL:040 5550100545")
    )[0]
    assert german.phones == ["+49405550100545"]
    at_home = read_vcards(
        _card("ADR;TYPE=HOME:;;Jl. Merdeka 1;Bandung;;40111;", "TEL:0811-2223-333")
    )[0]
    assert at_home.phones == ["+628112223333"]


def test_a_fax_is_no_phone_but_is_kept_in_the_note():
    with translation.override("en"):
        contact = read_vcards(
            _card(
                "TEL;TYPE=CELL:+62 811 2223 333",
                "TEL;TYPE=WORK,FAX:+62 21 555 1234",
                "NOTE:Met at the expo",
            )
        )[0]
    assert contact.phones == ["+628112223333"]
    assert contact.note == "Met at the expo\n\nFax: +62215551234"


def test_a_vcard_21_bare_fax_parameter_is_a_fax():
    raw = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Muster;Jana\r\n"
        b"TEL;WORK;FAX:+62215551234\r\nTEL;CELL:+628112223333\r\nEND:VCARD"
    )
    assert read_vcards(raw)[0].phones == ["+628112223333"]


def test_every_note_and_nickname_of_a_card_is_kept():
    contact = read_vcards(
        _card(
            "NOTE:Suka wayang",
            "NOTE:Anaknya kuliah di Yogya",
            "NICKNAME:Jana",
            "NICKNAME:Nana,Jana",
        )
    )[0]
    assert contact.note == "Suka wayang\n\nAnaknya kuliah di Yogya"
    assert contact.nickname == "Jana, Nana"
