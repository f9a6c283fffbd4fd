"""A person's WhatsApp chat written year-first with one-digit days (Chinese Android,
"2022/8/1 10:00 - "), and a date layout Karib does not read (realfiles3 C2, C4). Synthetic
lines after hellodigua/ChatLab's documented format; no licensed real export was found."""

from __future__ import annotations

import pytest
from django.utils import translation

from karib.core.errors import DomainError
from karib.people import chat_import
from karib.people.models import ChatDay

CHAT = (
    "2022/7/30 09:00 - Rudi: Selamat pagi Pak Suryo\n"
    "2022/8/1 10:00 - Suryo Wibowo: Pagi, saya suka kopi tubruk\n"
    "2022/8/2 10:05 - Rudi: Baik Pak\n"
    "2022/8/10 11:00 - Suryo Wibowo: Terima kasih\n"
)


def _import(world, text):
    return chat_import.chat_import(
        person=world.person,
        by=world.owner,
        text=text,
        customer="Suryo Wibowo",
        file_name="WhatsApp Chat with Suryo.txt",
    )


def test_days_one_to_nine_of_a_month_are_days_of_their_own(world):
    # when a year-first chat with days of one digit is imported
    result = _import(world, CHAT)
    # then each header's day is its own interaction (none swallowed into the day before)
    assert (result.days_added, result.days_skipped) == (4, 0)
    assert [d.day.isoformat() for d in ChatDay.objects.order_by("day")] == [
        "2022-07-30",
        "2022-08-01",
        "2022-08-02",
        "2022-08-10",
    ]


def test_an_unknown_date_layout_is_named_with_its_example(world):
    # (the service import says the same since C4; this path said it already)
    # given a chat whose dates are in a layout not read
    text = "2024/02/11 ниже 2:20 - Suryo Wibowo: halo\n"
    # when it is imported by someone who reads English
    with translation.override("en"), pytest.raises(DomainError) as caught:
        _import(world, text)
    # then the user is told the layout is not read yet, with the line
    message = caught.value.items[0].text()
    assert "does not read yet" in message
    assert "2024/02/11 ниже 2:20" in message
