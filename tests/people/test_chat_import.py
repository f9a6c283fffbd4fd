"""A WhatsApp chat onto a person: one interaction per day, suggested facts to review."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from karib.core.errors import DomainError
from karib.people import chat_import, services
from karib.people.models import ChatDay, Interaction, PersonalFact, SuggestedFact

CHAT = (
    "12/03/24 09.00 - Pesan dan panggilan terenkripsi secara end-to-end.\n"
    "12/03/24 09.01 - Rudi: Selamat pagi Pak Suryo\n"
    "12/03/24 09.05 - Suryo Wibowo: Pagi. Saya suka wayang, apalagi lakon Bima\n"
    "12/03/24 09.06 - Suryo Wibowo: <Media tidak disertakan>\n"
    "13/03/24 10.00 - Rudi: Saya suka kopi tubruk\n"
    "13/03/24 10.02 - Suryo Wibowo: Anak saya wisuda bulan depan\n"
)
MORE = "14/03/24 08.00 - Suryo Wibowo: Ulang tahun saya tanggal 20 Mei\n"


def _import(world, text=CHAT, **kwargs):
    options = {"customer": "Suryo Wibowo", "file_name": "WhatsApp Chat with Suryo.txt"}
    options.update(kwargs)
    return chat_import.chat_import(person=world.person, by=world.owner, text=text, **options)


def test_each_day_becomes_one_interaction_with_who_spoke(world):
    # when the chat is imported onto Suryo
    result = _import(world)
    # then two days, two message interactions, system lines left out, media as a marker
    assert (result.days_added, result.days_skipped) == (2, 0)
    days = Interaction.objects.filter(participants=world.person, kind="message").order_by(
        "occurred_at"
    )
    assert [d.occurred_at.date().isoformat() for d in days] == ["2024-03-12", "2024-03-13"]
    assert days[0].summary.splitlines() == [
        "09:01 Rudi: Selamat pagi Pak Suryo",
        "09:05 Suryo Wibowo: Pagi. Saya suka wayang, apalagi lakon Bima",
        "09:06 Suryo Wibowo: [media]",
    ]


def test_only_the_customers_own_words_are_suggested_and_nothing_is_stored(world):
    # when the chat is imported
    _import(world)
    # then the customer's interest and family are suggested, not the rep's coffee
    suggestions = SuggestedFact.objects.filter(person=world.person)
    assert sorted((s.category, s.text) for s in suggestions) == [
        ("family", "Anak saya wisuda bulan depan"),
        ("interest", "Saya suka wayang, apalagi lakon Bima"),
    ]
    assert all(s.status == "pending" for s in suggestions)
    assert not PersonalFact.objects.filter(person=world.person).exists()


def test_confirming_stores_a_fact_whose_source_is_the_message(world):
    # given the suggestions of the chat
    _import(world)
    wayang = SuggestedFact.objects.get(category="interest")
    family = SuggestedFact.objects.get(category="family")
    # when the rep confirms one and rejects the other
    fact = chat_import.suggested_fact_confirm(suggestion=wayang, by=world.owner)
    chat_import.suggested_fact_reject(suggestion=family, by=world.owner)
    # then one fact exists, sourced from the message and its day
    assert list(PersonalFact.objects.filter(person=world.person)) == [fact]
    assert fact.source_interaction == wayang.interaction
    assert fact.source_note == (
        "WhatsApp 2024-03-12 09:05 Suryo Wibowo: “Pagi. Saya suka wayang, apalagi lakon Bima”"
    )
    assert str(fact.learned_on) == "2024-03-12"
    family.refresh_from_db()
    assert family.status == "rejected"
    # and a suggestion is reviewed once
    with pytest.raises(DomainError):
        chat_import.suggested_fact_confirm(suggestion=family, by=world.owner)


def test_a_longer_export_adds_only_the_new_days(world):
    # given the chat imported once, one suggestion rejected
    _import(world)
    chat_import.suggested_fact_reject(
        suggestion=SuggestedFact.objects.get(category="family"), by=world.owner
    )
    # when a longer export of the same chat is imported
    result = _import(world, text=CHAT + MORE)
    # then only the new day is added, and the rejected suggestion is not offered again
    assert (result.days_added, result.days_skipped) == (1, 2)
    assert ChatDay.objects.filter(person=world.person).count() == 3
    assert Interaction.objects.filter(participants=world.person, kind="message").count() == 3
    assert SuggestedFact.objects.filter(status="pending", category="important_date").count() == 1
    assert SuggestedFact.objects.get(category="family").status == "rejected"


def test_an_ambiguous_date_order_is_asked_not_guessed(world):
    # given a chat whose dates read both ways
    text = "[3/7/25, 10:35:31 AM] Rudi: Halo Pak\n[3/7/25, 10:36:00 AM] Suryo Wibowo: Halo\n"
    # when it is imported without a choice
    with pytest.raises(DomainError) as caught:
        _import(world, text=text)
    # then the user is asked, with an example
    assert caught.value.field == "date_order"
    assert "3/7/25" in caught.value.items[0].text()
    # and with the choice the day is 3 July
    _import(world, text=text, date_order="dmy")
    assert ChatDay.objects.get().day.isoformat() == "2025-07-03"


def test_the_customer_is_found_by_phone_with_invisible_marks(world):
    person = services.person_update(person=world.person, by=world.owner, phones=["0812-3456-7890"])
    text = (
        "[12/03/24 09.01.00] Rudi: Pagi\n[12/03/24 09.02.00] \u202a+62 812-3456-7890\u202c: Pagi\n"
    )
    plan = chat_import.chat_plan(person=person, text=text, file_name="chat.txt")
    assert plan.customer == "+62 812-3456-7890"


def test_page_flow_asks_the_customer_then_imports(world, client_for):
    client = client_for(world.owner)
    url = reverse("people:person-chat-import", args=[world.person.pk])
    text = CHAT.replace("Suryo Wibowo", "~\u202fPak S")
    upload = SimpleUploadedFile("chat.txt", text.encode(), content_type="text/plain")
    # when the chat is uploaded, Karib cannot tell which speaker is Suryo
    page = client.post(url, {"file": upload})
    assert page.status_code == 422
    assert [value for value, _label in page.context["form"].fields["customer"].choices] == [
        "Rudi",
        "Pak S",
    ]
    # when the rep picks the speaker written "~ Pak S"
    done = client.post(url, {"customer": "Pak S"})
    # then the days are imported and the suggestions are shown
    assert done.url == reverse("people:person-chat-suggestions", args=[world.person.pk])
    review = client.get(done.url)
    assert "Saya suka wayang" in review.text


def test_someone_who_may_not_edit_the_person_gets_404(world, client_for):
    url = reverse("people:person-chat-import", args=[world.person.pk])
    upload = SimpleUploadedFile("chat.txt", CHAT.encode(), content_type="text/plain")
    assert client_for(world.other).post(url, {"file": upload}).status_code == 404
    assert not ChatDay.objects.exists()
