"""Browser journeys of the imports: a Google Contacts CSV through the columns and the dry run;
a WhatsApp chat onto a person, confirming one suggested fact whose source is the message."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from karib.core.roles import Role
from karib.people import services
from karib.people.models import ContactImport, Organization, Person, PersonalFact
from tests.browser_support import login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOGLE = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,"
    "E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
    "Dewi,,Anggraini,,,,,,,,PT Maju Jaya,Manajer,,1980-04-03,,,* myContacts,* Work,"
    "dewi@maju.co.id,Mobile,0812-3456-7890\n"
    "Agus,,Salim,,,,,,,,Direktorat Layanan Data,Analis,,,,,* myContacts,* Work,"
    "agus@example.com,,\n"
)
CHAT = (
    "12/03/24 09.00 - Pesan dan panggilan terenkripsi secara end-to-end.\n"
    "12/03/24 09.01 - Rudi: Selamat pagi Pak Suryo\n"
    "12/03/24 09.05 - Suryo Wibowo: Pagi. Saya suka wayang, apalagi lakon Bima\n"
    "13/03/24 10.02 - Suryo Wibowo: Anak saya wisuda bulan depan\n"
)


def _sales_user():
    Group.objects.get_or_create(name=Role.SALES.value)
    user = UserFactory(username="rudi", first_name="Rudi", role=Role.SALES)
    organization = services.organization_create(
        by=user, name="Direktorat Layanan Data", kind=Organization.Kind.GOVERNMENT
    )
    return user, organization


def _english(page, live_server):
    login(page, live_server, "rudi", "secret-pass-123")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()


def _upload(page, live_server, path, text):
    path.write_text(text, encoding="utf-8")
    page.goto(f"{live_server.url}/people/import/contacts/")
    page.set_input_files("#id_file", str(path))
    page.click("#contact-upload button[type=submit]")


def test_google_contacts_through_columns_and_dry_run(live_server, page, tmp_path):
    # given a sales user and a Google Contacts export
    _sales_user()
    _english(page, live_server)

    # when she uploads it
    _upload(page, live_server, tmp_path / "contacts.csv", GOOGLE)

    # then Karib recognises Google Contacts and proposes the columns
    page.wait_for_url("**/map/")
    assert "Google Contacts" in page.locator("#column-mapping").inner_text()
    assert page.locator("select[name=column_18]").input_value() == "email"
    page.click("#column-mapping button[type=submit]")

    # and the dry run shows one new person in a new organization and one in a known one
    page.wait_for_url("**/import/contacts/*/")
    rows = page.locator("#preview tr.import-row")
    assert rows.count() == 2
    assert "new organization" in rows.nth(0).inner_text()
    assert "new organization" not in rows.nth(1).inner_text()
    assert not Person.objects.filter(full_name="Dewi Anggraini").exists()

    # when she imports
    page.click("#commit button")
    page.locator("#import-totals").wait_for()

    # then the report links to the people created
    assert ContactImport.objects.get().status == ContactImport.Status.DONE
    page.click("#progress a:has-text('Dewi Anggraini')")
    page.wait_for_url("**/people/*/")
    dewi = Person.objects.get(full_name="Dewi Anggraini")
    assert page.url.endswith(f"/people/{dewi.pk}/")
    assert dewi.organization.name == "PT Maju Jaya"


VCARDS = "".join(
    f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kontak {n}\r\nORG:PT Besar\r\n"
    f"EMAIL:kontak{n}@besar.co.id\r\nEND:VCARD\r\n"
    for n in range(3)
)


def test_a_large_file_dry_run_arrives_on_its_polling_page(live_server, page, tmp_path, monkeypatch):
    # given a sales user, and a file the web server leaves to the background task
    from karib.people.imports import services as import_services
    from karib.people.imports import tasks

    _sales_user()
    monkeypatch.setattr(import_services, "INLINE_PLAN_BYTES", 0)
    queued: list[tuple[int, str]] = []

    class Worker:  # holds the task until the test runs it, as a busy worker would
        @staticmethod
        def enqueue(*args):
            queued.append(args)

    monkeypatch.setattr(tasks, "contact_import_plan_task", Worker)
    _english(page, live_server)

    # when she uploads it
    _upload(page, live_server, tmp_path / "kontak.vcf", VCARDS)

    # then the page says the dry run is under way, with no import button yet
    expect(page.locator("#planning")).to_be_visible()
    expect(page.locator("#commit")).to_have_count(0)

    # when the worker has checked the file
    (contact_import_id, language) = queued[0]
    assert language == "en"
    import_services.contact_import_plan_run(contact_import_id=contact_import_id, language=language)

    # then the page shows the dry run by itself, and the import starts from it
    expect(page.locator("#preview tr.import-row")).to_have_count(3)
    assert not Person.objects.filter(full_name__startswith="Kontak").exists()
    page.click("#commit button")
    expect(page.locator("#import-totals")).to_be_visible()
    assert Person.objects.filter(full_name__startswith="Kontak").count() == 3


def test_whatsapp_chat_onto_a_person_and_confirm_one_fact(live_server, page, tmp_path):
    # given Suryo, a person of the sales user
    user, organization = _sales_user()
    suryo = services.person_create(by=user, full_name="Suryo Wibowo", organization=organization)
    path = tmp_path / "WhatsApp Chat with Suryo Wibowo.txt"
    path.write_text(CHAT, encoding="utf-8")
    _english(page, live_server)

    # when she imports the chat onto Suryo
    page.goto(f"{live_server.url}/people/{suryo.pk}/chat/")
    page.set_input_files("#id_file", str(path))
    page.click("#chat-import button[type=submit]")

    # then two suggestions wait for her, each with its message
    page.wait_for_url("**/chat/suggestions/")
    suggestions = page.locator("#suggestions article.suggestion")
    assert suggestions.count() == 2
    assert not PersonalFact.objects.exists()

    # when she confirms the interest in wayang
    wayang = suggestions.filter(has_text="wayang")
    wayang.locator("button[value=confirm]").click()

    # then it is a fact whose source shows the message
    page.locator("#reviewed").wait_for()
    reviewed = page.locator("#reviewed").inner_text()
    assert "Saya suka wayang" in reviewed
    assert "WhatsApp 2024-03-12 09:05 Suryo Wibowo" in reviewed
    fact = PersonalFact.objects.get()
    assert fact.source_note.endswith("“Pagi. Saya suka wayang, apalagi lakon Bima”")
    assert page.locator("#suggestions article.suggestion").count() == 1
