"""What phones and mail clients put in their vCards beyond the standard: year-less Apple
birthdays, anniversaries and other dates, nicknames, company cards and the people a card names
by their relation. Real exports of the corpus (ez-vcard's, BSD-2; tine's) and a self-built file
of each phone's documented properties (``vcard_fixtures/SOURCES.md``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from karib.people import transfer
from karib.people.imports.vcard import Relative, read_vcards
from karib.people.models import ImportantDate, Person, PersonalFact

CORPUS = Path(__file__).parents[1] / "data" / "import_corpus" / "vcard"
FIXTURES = Path(__file__).parent / "vcard_fixtures"


def _card(*lines: str, version: str = "3.0") -> bytes:
    body = "\r\n".join(lines)
    return f"BEGIN:VCARD\r\nVERSION:{version}\r\n{body}\r\nEND:VCARD\r\n".encode()


def _one(*lines: str, version: str = "3.0"):
    (contact,) = read_vcards(_card(*lines, version=version))
    assert not contact.errors, contact.errors
    return contact


def _dates(contact) -> list[tuple[str, int | None, int, int, str]]:
    return [(d.kind, d.year, d.month, d.day, d.label) for d in contact.dates]


def _corpus(name: str):
    (contact,) = read_vcards((CORPUS / name).read_bytes())
    return contact


# 1. Birthdays saved without a year


@pytest.mark.parametrize(
    "line",
    [
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-07-05",  # iPhone, iOS 8 and later
        "BDAY;X-APPLE-OMIT-YEAR=1604;VALUE=date:1604-07-05",
        "BDAY;value=date;X-APPLE-OMIT-YEAR=1604:16040705",
        "BDAY:1604-07-05",  # the marker lost by a tool that copied the card
        "BDAY:0000-07-05",  # some Android and Outlook exports
        "BDAY;X-APPLE-OMIT-YEAR=1900:1900-07-05",  # older macOS Contacts
        "BDAY:--07-05",  # vCard 3.0 as Android writes it
        "BDAY:--0705",  # vCard 4.0
    ],
)
def test_a_birthday_saved_without_a_year_has_no_year(line):
    contact = _one("FN:Siti Wijaya", line)
    assert _dates(contact) == [("birthday", None, 7, 5, "")]


def test_a_real_year_is_kept_even_when_apple_marks_another():
    # 1900 is a birth year when Apple's marker names another year (or none)
    assert _dates(_one("FN:A", "BDAY:1900-07-05")) == [("birthday", 1900, 7, 5, "")]
    assert _dates(_one("FN:A", "BDAY;X-APPLE-OMIT-YEAR=1604:1985-07-05")) == [
        ("birthday", 1985, 7, 5, "")
    ]


def test_an_apple_date_without_a_year_has_none():
    contact = _one(
        "FN:A",
        "item1.X-ABDATE;X-APPLE-OMIT-YEAR=1604;type=pref:1604-09-09",
        "item1.X-ABLabel:_$!<Anniversary>!$_",
    )
    assert _dates(contact) == [("anniversary", None, 9, 9, "")]


# 2. Anniversaries and other dates


@pytest.mark.parametrize(
    "lines",
    [
        ("ANNIVERSARY:20120909",),  # vCard 4.0
        ("X-ANNIVERSARY:2012-09-09",),  # Thunderbird, some Android
        ("X-MS-ANNIVERSARY:20120909",),  # Outlook
        ("X-EVOLUTION-ANNIVERSARY:2012-09-09",),  # Evolution
        ("item2.X-ABDATE;type=pref:2012-09-09", "item2.X-ABLabel:_$!<Anniversary>!$_"),  # Apple
        ("ITEM2.X-ABDATE:2012-09-09", "item2.X-ABLABEL:_$!<Anniversary>!$_"),  # any letter case
        ("X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;2012-09-09;1;;;;;;;;;;;;;",),
    ],
)
def test_anniversaries_of_every_producer_are_read(lines):
    contact = _one("FN:Siti Wijaya", *lines)
    assert _dates(contact) == [("anniversary", 2012, 9, 9, "")]


def test_android_events_follow_the_contacts_contract_types():
    # Event.TYPE: 0 custom (with its label), 1 anniversary, 2 other, 3 birthday
    contact = _one(
        "FN:Budi",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;1985-05-05;3;;;;;;;;;;;;;",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;2010-06-01;1;;;;;;;;;;;;;",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;2019-08-17;2;;;;;;;;;;;;;",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;--11-20;0;Wisuda;;;;;;;;;;;;",
    )
    assert _dates(contact) == [
        ("birthday", 1985, 5, 5, ""),
        ("anniversary", 2010, 6, 1, ""),
        ("other", 2019, 8, 17, ""),
        ("other", None, 11, 20, "Wisuda"),
    ]


def test_a_birthday_written_twice_is_one_date():
    # Android writes BDAY and the same event as a row; vCard 4.0 ALTID repeats it
    contact = _one(
        "FN:Budi",
        "BDAY:1985-05-05",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/contact_event;1985-05-05;3;;;;;;;;;;;;;",
    )
    assert _dates(contact) == [("birthday", 1985, 5, 5, "")]


def test_apple_and_google_dates_keep_their_label():
    # given Google's export of a card with an anniversary, a date without label and a custom one
    contact = _corpus("mangstadt__gmail-single2.vcf")
    # then each is an important date, the custom one named by its label
    assert _dates(contact) == [
        ("birthday", 1912, 6, 23, ""),
        ("anniversary", 1930, 3, 20, ""),
        ("other", 1776, 7, 4, ""),
        ("other", 2000, 9, 12, "CustomDateCategory"),
    ]


@pytest.mark.parametrize(
    ("name", "anniversary"),
    [
        ("mangstadt__John_Doe_GMAIL.vcf", (1975, 3, 1)),
        ("mangstadt__gmail-single.vcf", (1970, 6, 2)),
        ("mangstadt__outlook-2007.vcf", (2012, 8, 1)),
        ("mangstadt__John_Doe_MS_OUTLOOK.vcf", (2011, 1, 13)),
        ("mangstadt__thunderbird-MoreFunctionsForAddressBook-extension.vcf", (1990, 4, 30)),
        ("mangstadt__John_Doe_EVOLUTION.vcf", (1980, 3, 22)),
    ],
)
def test_real_exports_keep_their_anniversary(name, anniversary):
    contact = _corpus(name)
    assert [(d.year, d.month, d.day) for d in contact.dates if d.kind == "anniversary"] == [
        anniversary
    ]


# 3. Nicknames


def test_android_nickname_row_is_the_nickname():
    contact = _one(
        "FN:Budi Santoso", "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Bud;1;;;;;;;;;;;;;"
    )
    assert contact.nickname == "Bud"


def test_android_21_rows_in_quoted_printable_are_decoded():
    # Android 2.1 writes its custom rows in quoted-printable UTF-8 when they are not ASCII
    raw = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Santoso;Budi;;;\r\n"
        b"X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        b"vnd.android.cursor.item/nickname;=4D=61=73=20=42=C3=BC=64;1;;;;;;;;;;;;;\r\n"
        b"X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        b"vnd.android.cursor.item/relation;=49=62=75=20=52=C3=BC;8;;;;;;;;;;;;;\r\n"
        b"END:VCARD\r\n"
    )
    (contact,) = read_vcards(raw)
    assert contact.nickname == "Mas B\u00fcd"
    assert contact.relatives == [Relative("mother", "Ibu R\u00fc")]


def test_nickname_property_wins_and_keeps_every_nickname():
    contact = _one(
        "FN:Budi Santoso",
        "NICKNAME:Pak Budi",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Bud;1;;;;;;;;;;;;;",
    )
    assert contact.nickname == "Pak Budi"
    assert _corpus("mangstadt__John_Doe_LOTUS_NOTES.vcf").nickname == "Johny, JayJay"


# 4. Company cards


@pytest.mark.parametrize(
    "lines",
    [
        ("N:;;;;", "FN:", "ORG:Toko Maju", "TEL;WORK:021-5551234"),  # a phone's company contact
        ("ORG:Toko Maju;Gudang", "EMAIL:info@tokomaju.co.id", "TEL:021-5551234"),
        ("FN:Toko Maju", "ORG:Toko Maju;", "X-ABShowAs:COMPANY", "TEL:021 5551234"),  # iPhone
    ],
)
def test_a_company_card_is_named_after_its_company_not_its_phone(lines):
    contact = _one(*lines)
    assert (contact.full_name, contact.organization) == ("Toko Maju", "Toko Maju")


def test_a_company_card_that_names_its_person_is_that_person():
    # given iPhone company cards: FN is the company, N (when filled in) the person there
    budi = _one(
        "N:Santoso;Budi;;;",
        "FN:PT Sinar Jaya",
        "ORG:PT Sinar Jaya;",
        "X-ABShowAs:COMPANY",
        "TEL:021 7654321",
    )
    other_tool = _one("N:Santoso;Budi;;;", "FN:PT Sinar Jaya", "ORG:PT Sinar Jaya")
    # then the contact is the person, at the company
    assert (budi.full_name, budi.organization) == ("Budi Santoso", "PT Sinar Jaya")
    assert other_tool.full_name == "Budi Santoso"
    # and a person's own card keeps FN even when N spells the name otherwise
    assert _one("N:Santoso;Budi;;Haji;", "FN:Pak Budi", "ORG:PT Sinar Jaya").full_name == (
        "Pak Budi"
    )


def test_a_card_with_only_a_phone_is_still_named_by_it():
    assert _one("N:;;;;", "FN:", "TEL:0812-3456-7890").full_name == "+6281234567890"
    (contact,) = read_vcards(_card("N:;;;;", "FN:"))
    assert contact.left_out
    assert contact.errors == []
    assert len(contact.notices) == 1


# 5. The people a card names: family and others


def test_apple_and_google_related_names_keep_their_relation():
    contact = _corpus("mangstadt__gmail-single2.vcf")
    assert [(r.relation, r.name) for r in contact.relatives] == [
        ("other", "Name1"),
        ("spouse", "Name2"),
        ("child", "Name3"),
        ("mother", "Name4"),
        ("father", "Name5"),
        ("parent", "Name6"),
        ("brother", "Name7"),
        ("sister", "Name8"),
        ("friend", "Name9"),
        ("relative", "Name10"),
        ("manager", "Name11"),
        ("assistant", "Name12"),
        ("referred_by", "Name13"),
        ("partner", "Name14"),
        ("partner", "Name15"),
        ("CustomRelationCategory", "Name16"),
    ]
    family = [r.name for r in contact.relatives if r.is_family]
    assert family == [f"Name{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 14, 15)]


def test_indonesian_relation_labels_typed_on_a_phone_are_family():
    # given an iPhone card whose user typed the relations in Indonesian
    contact = _one(
        "N:Wibowo;Suryo;;;",
        "FN:Suryo Wibowo",
        "item1.X-ABRELATEDNAMES:Ratna",
        "item1.X-ABLabel:Istri",
        "item2.X-ABRELATEDNAMES:Bima",
        "item2.X-ABLabel:Anak",
        "item3.X-ABRELATEDNAMES:Pak Harun",
        "item3.X-ABLabel:Atasan",
    )
    # then the wife and the child are family, the superior is not
    assert [(r.relation, r.name, r.is_family) for r in contact.relatives] == [
        ("spouse", "Ratna", True),
        ("child", "Bima", True),
        ("manager", "Pak Harun", False),
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("mangstadt__John_Doe_MAC_ADDRESS_BOOK.vcf", [("spouse", "Jenny")]),
        (
            "mangstadt__outlook-2007.vcf",
            [
                ("manager", "TheManagerName"),
                ("assistant", "TheAssistantName"),
                ("spouse", "TheSpouse"),
            ],
        ),
        (
            "mangstadt__thunderbird-MoreFunctionsForAddressBook-extension.vcf",
            [("spouse", "TheSpouse")],
        ),
        (
            "mangstadt__John_Doe_EVOLUTION.vcf",
            [("spouse", "Maria"), ("manager", "Big Blue"), ("assistant", "Little Red")],
        ),
    ],
)
def test_real_exports_keep_the_people_they_name(name, expected):
    assert [(r.relation, r.name) for r in _corpus(name).relatives] == expected


def test_vcard4_related_android_relations_and_children_lists():
    contact = _one(
        "FN:Siti",
        "RELATED;TYPE=spouse;VALUE=text:Andi Wijaya",
        "RELATED;TYPE=child:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af",  # another card
        "RELATED;TYPE=co-worker;VALUE=text:Rudi",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Bu Rahma;8;;;;;;;;;;;;;",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;Dimas;0;Keponakan;;;;;;;;;;;;",
        "X-CHILDREN:Rara\\,Raka",
        version="4.0",
    )
    assert contact.relatives == [
        Relative("spouse", "Andi Wijaya"),
        Relative("other", "Rudi"),
        Relative("mother", "Bu Rahma"),
        Relative("Keponakan", "Dimas"),
        Relative("child", "Rara"),
        Relative("child", "Raka"),
    ]


# The self-built file of each phone's properties, end to end through the import


def test_phone_exports_read_whole():
    contacts = read_vcards((FIXTURES / "phones_selfbuilt.vcf").read_bytes())
    assert not any(c.errors for c in contacts)
    budi, toko, siti, sinar, jurgen, rina, dewi = contacts
    assert budi.nickname == "Bud"
    assert ("anniversary", 2010, 6, 1, "") in _dates(budi)
    assert (toko.full_name, sinar.full_name) == ("Toko Maju", "PT Sinar Jaya")
    assert sorted(_dates(siti)) == [("anniversary", 2012, 9, 9, ""), ("birthday", None, 7, 21, "")]
    assert siti.relatives == [Relative("spouse", "Andi Wijaya")]
    assert ("anniversary", 2005, 8, 15, "") in _dates(jurgen)
    assert ("anniversary", 2015, 3, 1, "") in _dates(rina)
    assert ("anniversary", 2016, 2, 14, "") in _dates(dewi)


def test_importing_phone_exports_stores_yearless_birthdays_and_anniversaries(world):
    # when the phones' file is imported
    result = transfer.vcard_import(
        raw=(FIXTURES / "phones_selfbuilt.vcf").read_bytes(),
        user=world.owner,
        commit=True,
        organization=None,
    )
    assert not result.has_errors, result.rows
    # then Siti's birthday has no year, her anniversary is an important date
    dates = ImportantDate.objects.filter(person__full_name="Siti Wijaya")
    assert sorted((d.kind, d.year, d.month, d.day) for d in dates) == [
        ("anniversary", 2012, 9, 9),
        ("birthday", None, 7, 21),
    ]
    budi = ImportantDate.objects.filter(person__full_name="Budi Santoso")
    assert ("anniversary", 2010, 6, 1) in {(d.kind, d.year, d.month, d.day) for d in budi}
    # Budi's nickname is kept, and the company card is named after its company
    assert PersonalFact.objects.filter(
        person__full_name="Budi Santoso", text__contains="Bud"
    ).exists()
    names = set(Person.objects.values_list("full_name", flat=True))
    assert {"Toko Maju", "PT Sinar Jaya"} <= names
    assert not any(name.startswith("+") for name in names)
