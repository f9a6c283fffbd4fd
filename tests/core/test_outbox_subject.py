"""An e-mail's subject is always one line (secprobe7 F7): a line break in what a user typed
(a gift's description) made the approval e-mail fail with ``BadHeaderError`` on every attempt."""

from __future__ import annotations

import pytest
from django.db import transaction

from karib.core import outbox
from karib.core.models import OutboundEmail
from karib.core.services import notification_send, profile_set_language
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r", "\u2028", "\x85", "\n\n\t "])
def test_a_gift_description_with_a_line_break_is_mailed_on_one_line(mailoutbox, newline):
    # given a Compliance officer's approval notification for a gift whose description holds a
    # line break and a header
    officer = UserFactory(email="maya@example.test")
    profile_set_language(user=officer, language="en")
    with transaction.atomic():
        notification_send(
            user=officer,
            kind="gifts.approval",
            code="gifts.approval",
            params={
                "description": f"Makan siang{newline}Bcc: attacker@example.com",
                "recipient": "Bapak Suryo",
                "giver": "Dewi",
                "value": "Rp 500.000",
            },
            dedupe_key="gift-1",
            email=True,
        )
    # when the outbox is delivered
    assert outbox.deliver_pending() == 1
    # then the mail went out once, its subject on one line, to the officer only
    [mail] = mailoutbox
    assert mail.subject == (
        "[Karib] Gift awaiting approval: Makan siang Bcc: attacker@example.com for Bapak Suryo"
    )
    message = mail.message()
    assert message["Bcc"] is None
    assert mail.recipients() == ["maya@example.test"]
    row = OutboundEmail.objects.get(user=officer)
    assert row.emailed_at is not None
    assert row.last_error == ""


def test_a_free_text_title_with_line_breaks_is_collapsed_and_the_body_kept():
    # given a notification written as free text (no code), with breaks and runs of spaces
    user = UserFactory(email="rep@example.test")
    notification = notification_send(
        user=user,
        kind="note",
        title="  Call\r\n\r\nPak   Suryo\t",
        body="First line\nsecond line",
        dedupe_key="free",
        email=True,
    )
    assert notification is not None
    email = OutboundEmail.objects.get(user=user)
    # when it is rendered
    rendered = outbox.render_email(email)
    # then the subject is one line, the body as written
    assert rendered == ("[Karib] Call Pak Suryo", "First line\nsecond line")


def test_one_line_leaves_a_plain_subject_alone():
    assert outbox.one_line("[Karib] Today, 30-11-2026: 3 things wait for you") == (
        "[Karib] Today, 30-11-2026: 3 things wait for you"
    )
