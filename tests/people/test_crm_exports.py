"""Contact CSVs exported by CRMs: a real Salesforce export from the corpus, and the header
lines of genuine HubSpot, Salesforce and Pipedrive exports seen in public repositories (their
rows are unlicensed real people, so the rows here are written; the headers are exact)."""

from __future__ import annotations

from pathlib import Path

from karib.people.imports import Source, contacts_import, detect, read_source
from karib.people.models import Person

CORPUS = Path(__file__).parents[1] / "data" / "import_corpus" / "csv"

HUBSPOT_WITH_COMPANY = (
    "Record ID - Contact,First Name,Last Name,Client Grade,Email,Phone Number,Contact owner,"
    "Last Activity Date,Create Date,Company Name,Contact type,Country/Region,Job Title,"
    "Mobile Phone Number,State/Region,Street Address,Website URL,Last Engagement Date,"
    "Postal Code,Record ID - Company,Company name,Create Date,Phone Number,Last Activity Date,"
    "City,Country/Region,Industry\n"
)
SALESFORCE_DATA_EXPORT = (
    '"Id","IsDeleted","MasterRecordId","AccountId","Salutation","FirstName","LastName",'
    '"MiddleName","Suffix","RecordTypeId","MailingStreet","MailingCity","MailingState",'
    '"MailingPostalCode","MailingCountry","Phone","Fax","MobilePhone","HomePhone","Email",'
    '"Title","Department","Birthdate","Description","OwnerId","HasOptedOutOfEmail",'
    '"CreatedDate"\n'
)
PIPEDRIVE = (
    '"Person - Name","Person - First name","Person - Last name","Person - Organization",'
    '"Person - Title","Person - Email - Work","Person - Email - Home","Person - Phone - Work",'
    '"Person - Phone - Mobile","Person - Marketing status"\n'
)


def _read(name: str, text: str):
    source = Source(name=name, raw=text.encode("utf-8-sig"))
    opened = detect(source)
    return (opened.preset.name if opened and opened.preset else None), read_source(source)


def test_a_real_salesforce_export_gives_one_person_per_contact(world):
    # given a real Salesforce export whose 133 contacts share one e-mail address
    path = CORPUS / "stomita__salesforce-contact.csv"
    # when it is imported
    report = contacts_import(
        sources=[Source(name=path.name, raw=path.read_bytes())], user=world.owner, commit=True
    )
    # then every contact is a person of their own, with their title, street and phones
    assert report.committed
    assert [r.action for r in report.rows] == ["create"] * 133
    emma = Person.objects.get(full_name="Emma Brown")
    assert emma.emails == ["sfdcjdemo01@example.com"]
    assert emma.job_title == "Director of Sales"
    assert "1-555-069-1592" in emma.phones
    assert emma.facts.filter(text__contains="9569 Kathy St.").exists()


def test_hubspot_export_with_its_company_columns():
    # given HubSpot's export with associations, a "null" phone and a phone with a leading space
    row = (
        "101,Ratna,Dewi,A,ratna@example.com, +62 812 3456 7890,Owner,,2/5/24 1:51,"
        "PT Maju Jaya,Customer,Indonesia,Manager,null,,Jl. Merdeka 1,,,,"
        "201,PT Maju Jaya,2/5/24 1:51,null,,Jakarta,Indonesia,IT\n"
    )
    # when it is read
    preset, (contact,) = _read("hubspot.csv", HUBSPOT_WITH_COMPANY + row)
    # then it is recognised and the contact is whole, without "null" as a phone
    assert preset == "HubSpot"
    assert (contact.full_name, contact.organization, contact.job_title) == (
        "Ratna Dewi",
        "PT Maju Jaya",
        "Manager",
    )
    assert contact.emails == ["ratna@example.com"]
    assert contact.phones == ["+6281234567890"]
    assert not contact.errors


def test_salesforce_report_footer_is_not_read_as_contacts():
    # given a Salesforce report export ("Details only") with its footer lines after the data
    text = (
        '"First Name","Last Name","Account Name","Email","Title"\n'
        '"Ratna","Dewi","PT Maju Jaya","ratna@example.com","Manager"\n'
        '"Agus","Salim","PT Maju Jaya","agus@example.com","Director"\n'
        '""\n'
        '"Grand Totals (2 records)"\n'
        '""\n'
        '"Confidential Information - Do Not Distribute"\n'
        '"Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved."\n'
    )
    # when it is read
    preset, contacts = _read("report.csv", text)
    # then only the two contacts are read
    assert preset == "Salesforce"
    assert [c.full_name for c in contacts] == ["Ratna Dewi", "Agus Salim"]


def test_salesforce_data_export_quotes_every_field():
    # given Salesforce's weekly Data Export of Contact: every field quoted, booleans as "0"/"1"
    row = (
        '"0035g00000A1","0","","0015g00000B2","Ms.","Ratna","Dewi","","","",'
        '"Jl. Merdeka 1","Jakarta","DKI","10110","Indonesia","+62 21 555 0100","","",""'
        ',"ratna@example.com","Manager","IT","1985-07-17","Met at the expo","0055g",'
        '"0","2023-02-07 20:44:05"\n'
    )
    # when it is read
    preset, (contact,) = _read("Contact.csv", SALESFORCE_DATA_EXPORT + row)
    # then the person, their address (street, city, state, postal code, country), phone and
    # birthday are kept
    assert preset == "Salesforce"
    assert contact.full_name == "Ms. Ratna Dewi"
    assert (contact.job_title, contact.emails) == ("Manager", ["ratna@example.com"])
    assert contact.addresses == ["Jl. Merdeka 1, Jakarta, DKI, 10110, Indonesia"]
    assert contact.phones == ["+62215550100"]
    assert [(d.kind, d.year, d.month, d.day) for d in contact.dates] == [("birthday", 1985, 7, 17)]
    # and the department is kept in the note (realfiles2 C5), after the note itself
    # (its label in the tests' language, Indonesian once translated)
    first, department = contact.note.split("\n\n")
    assert (first, department.endswith(": IT")) == ("Met at the expo", True)


def test_pipedrive_columns_named_after_their_object():
    # given Pipedrive's people export, whose columns start with "Person - "
    row = (
        '"Ratna Dewi","Ratna","Dewi","PT Maju Jaya","Manager","ratna@maju.co.id",'
        '"ratna@example.com","021 555 0100","0812 3456 7890","Subscribed"\n'
    )
    # when it is read
    preset, (contact,) = _read("people.csv", PIPEDRIVE + row)
    # then every column finds its field
    assert preset == "Pipedrive"
    assert (contact.full_name, contact.organization, contact.job_title) == (
        "Ratna Dewi",
        "PT Maju Jaya",
        "Manager",
    )
    assert contact.emails == ["ratna@maju.co.id", "ratna@example.com"]
    assert contact.phones == ["+62215550100", "+6281234567890"]
