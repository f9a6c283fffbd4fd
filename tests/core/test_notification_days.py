"""Days in notifications are stored as ISO dates and shown in the reader's language, as every
page writes them ("30 Aug 2024", "30 Agu 2024"): the KPK deadline and the day a gift was given,
an important date's day, the digest's subject. A day stored as dd-mm-yyyy before reads the same
(no migration), and the e-mail (a notification's or the digest) is in the recipient's language."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.utils import translation

from karib.core import outbox
from karib.core.models import Notification, OutboundEmail
from karib.core.notifications import render
from karib.core.roles import Role
from karib.core.services import email_enqueue_digest, notification_send, profile_set_language
from karib.gifts import services as gift_services
from karib.people.dates import IMPORTANT_DATE, important_date_notify
from karib.people.models import ImportantDate, Organization
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.gifts.support import at, propose

pytestmark = pytest.mark.django_db

AUGUST = datetime.date(2026, 8, 3)
#: the KPK reminder's values as stored before 1 Dec 2026 (days as dd-mm-yyyy)
OLD_KPK_VALUES = {
    "deadline": "14-09-2026",
    "recipient": "Suryo Wibowo",
    "description": "Buku cerita wayang",
    "given_on": "03-08-2026",
    "days": 30,
}
WRITTEN = {
    "en": {"given_on": "3 Aug 2026", "deadline": "14 Sep 2026"},
    "id": {"given_on": "3 Agu 2026", "deadline": "14 Sep 2026"},
}


def _read(notification: Notification, language: str) -> str:
    with translation.override(language):
        return f"{notification.display_title} {notification.display_body}"


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_kpk_reminder_stores_iso_days_and_shows_them_in_the_readers_language(
    language, django_capture_on_commit_callbacks
):
    # given a gift to a public official, approved and given on 3 August 2026
    giver = UserFactory(role=Role.SALES)
    compliance = UserFactory(role=Role.COMPLIANCE_OFFICER)
    official = PersonFactory(
        full_name="Suryo Wibowo",
        organization=OrganizationFactory(owner=giver, kind=Organization.Kind.GOVERNMENT),
        is_public_official=True,
    )
    gift = propose(giver, official, proposed_on=AUGUST)
    gift_services.gift_approve(gift=gift, by=compliance, note="", decided_at=at(AUGUST, 10))
    with django_capture_on_commit_callbacks(execute=True):
        gift = gift_services.gift_mark_given(gift=gift, by=giver, given_on=AUGUST)
    assert gift.report_deadline is not None
    reminder = Notification.objects.filter(kind="gifts.kpk_report").first()
    assert reminder is not None
    # then its days are stored as ISO dates, the same in every language
    assert (reminder.params["given_on"], reminder.params["deadline"]) == (
        "2026-08-03",
        gift.report_deadline.isoformat(),
    )
    # and read in the reader's language, as every page writes a day
    text = _read(reminder, language)
    assert WRITTEN[language]["given_on"] in text
    assert "2026-08-03" not in text
    assert "03-08-2026" not in text


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_kpk_reminder_stored_with_dd_mm_yyyy_days_reads_like_a_new_one(language):
    # given a reminder stored before 1 Dec 2026, its days as dd-mm-yyyy
    with translation.override(language):
        title, body = render("gifts.kpk_report", OLD_KPK_VALUES)
    # then its days read in the reader's language, as a new reminder's do
    assert WRITTEN[language]["deadline"] in title
    assert WRITTEN[language]["given_on"] in body
    assert WRITTEN[language]["deadline"] in body
    assert "-2026" not in f"{title} {body}"


@pytest.mark.parametrize(("language", "day"), [("en", "30 Aug 2026"), ("id", "30 Agu 2026")])
def test_an_important_date_reminder_stores_an_iso_day_and_shows_it_per_reader(language, day):
    # given a person's birthday on 30 August, reminded to their owner
    owner = UserFactory(role=Role.SALES)
    person = PersonFactory(organization=OrganizationFactory(owner=owner), owner=owner)
    birthday = ImportantDate.objects.create(
        person=person, kind=ImportantDate.Kind.BIRTHDAY, month=8, day=30, created_by=owner
    )
    assert important_date_notify(important_date=birthday, day=datetime.date(2026, 8, 30)) == 1
    reminder = Notification.objects.get(user=owner, code=IMPORTANT_DATE)
    # then the day is stored as an ISO date and read in the reader's language
    assert reminder.params["day"] == "2026-08-30"
    assert _read(reminder, language).strip().endswith(day)


@pytest.mark.parametrize(("language", "day"), [("en", "30 Aug 2026"), ("id", "30 Agu 2026")])
def test_an_important_date_reminder_stored_with_a_dd_mm_yyyy_day_reads_per_reader(language, day):
    values = {"kind": "birthday", "holiday": "", "label": "", "person": "Pak Suryo"}
    with translation.override(language):
        title, _body = render(IMPORTANT_DATE, {**values, "day": "30-08-2026"})
    assert title.endswith(day)


def test_a_value_that_only_looks_like_a_day_stays_as_stored():
    # a description is a person's words; a non-existent day is not a day
    with translation.override("en"):
        title, _body = render(
            "gifts.kpk_report", {**OLD_KPK_VALUES, "deadline": "31-02-2026", "description": "2026"}
        )
    assert title == "KPK report due 31-02-2026: Suryo Wibowo must report 2026"


def _old_kpk_reminder_for(language: str) -> OutboundEmail:
    user = UserFactory(email=f"{language}@example.test")
    profile_set_language(user=user, language=language)
    with transaction.atomic():
        notification_send(
            user=user,
            kind="gifts.kpk_report",
            code="gifts.kpk_report",
            params=OLD_KPK_VALUES,
            due_on=datetime.date(2026, 9, 14),
            dedupe_key="gifts:kpk-report:1",
            email=True,
        )
    return OutboundEmail.objects.get(user=user, kind=OutboundEmail.Kind.NOTIFICATION)


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("en", "[Karib] KPK report due 14 Sep 2026: Suryo Wibowo must report Buku cerita wayang"),
        (
            "id",
            "[Karib] Batas lapor KPK 14 Sep 2026: Suryo Wibowo wajib melaporkan Buku cerita wayang",
        ),
    ],
)
def test_a_notification_email_writes_its_days_in_the_recipients_language(language, subject):
    # given a KPK reminder stored with dd-mm-yyyy days, for a reader of `language`
    email = _old_kpk_reminder_for(language)
    # when its e-mail is written (in another active language)
    with translation.override("en" if language == "id" else "id"):
        rendered = outbox.render_email(email)
    # then subject and text are the recipient's, days as every page writes them
    assert rendered is not None
    assert rendered[0] == subject
    assert WRITTEN[language]["given_on"] in rendered[1]


@pytest.mark.parametrize(
    ("language", "subject", "line"),
    [
        ("en", "[Karib] Today, 30 Aug 2026: 1 things wait for you", "KPK report due 14 Sep 2026"),
        ("id", "[Karib] Hari ini, 30 Agu 2026: 1 hal menunggu Anda", "Batas lapor KPK 14 Sep 2026"),
    ],
)
def test_the_digest_is_written_in_the_recipients_language(language, subject, line):
    # given a reader of `language` with an unread KPK reminder stored with dd-mm-yyyy days
    email = _old_kpk_reminder_for(language)
    digest = email_enqueue_digest(user=email.user, day=datetime.date(2026, 8, 30))
    assert digest is not None
    # when the digest of 30 August 2026 is written (in another active language)
    with translation.override("en" if language == "id" else "id"):
        rendered = outbox.render_email(digest)
    # then its subject's day and its lines are in the recipient's language
    assert rendered is not None
    assert rendered[0] == subject
    assert f"- {line}" in rendered[1]
    assert WRITTEN[language]["given_on"] in rendered[1]
    assert "-2026" not in rendered[1]
