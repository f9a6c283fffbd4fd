from __future__ import annotations

import pytest

from karib.core.audit import audit_events_for, audit_record, snapshot
from karib.core.models import AuditEvent, Notification, Team
from karib.core.services import notification_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notification_is_sent_once_per_key():
    user = UserFactory()
    first = notification_send(user=user, kind="test", title="Call Pak Suryo", dedupe_key="k1")
    second = notification_send(user=user, kind="test", title="Call Pak Suryo", dedupe_key="k1")
    assert first is not None
    assert second is None
    assert Notification.objects.filter(user=user).count() == 1


def test_today_shows_only_my_unread_notifications_and_marks_them_done(client_for):
    me, other = UserFactory(), UserFactory()
    mine = notification_send(user=me, kind="t", title="Mine <b>bold</b>", dedupe_key="a")
    theirs = notification_send(user=other, kind="t", title="Theirs", dedupe_key="a")
    assert mine is not None
    assert theirs is not None
    client = client_for(me)
    page = client.get("/today/").content.decode()
    assert "Mine &lt;b&gt;bold&lt;/b&gt;" in page  # escaped
    assert "Theirs" not in page
    # someone else's notification: 404 and unchanged
    assert client.post(f"/today/notifications/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    # my own, through htmx: an empty fragment replaces the row
    response = client.post(f"/today/notifications/{mine.pk}/read/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content == b""
    assert "Mine" not in client.get("/today/").content.decode()


def test_audit_records_only_changed_fields_with_actor():
    user = UserFactory()
    team = Team.objects.create(name="Old")
    before = snapshot(team)
    team.name = "New"
    team.save()
    event = audit_record(
        actor=user,
        action=AuditEvent.Action.UPDATE,
        instance=team,
        before=before,
        after=snapshot(team),
    )
    assert event is not None
    assert event.changes == {"name": {"before": "Old", "after": "New"}}
    assert event.actor == user
    assert list(audit_events_for(team)) == [event]
    # no change, no event
    assert (
        audit_record(
            actor=user,
            action=AuditEvent.Action.UPDATE,
            instance=team,
            before=snapshot(team),
            after=snapshot(team),
        )
        is None
    )


@pytest.mark.parametrize("text", ["=HYPERLINK(1)", "+62 812", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_cells_are_escaped_and_come_back_unchanged(text):
    from karib.core.spreadsheets import spreadsheet_safe, spreadsheet_unescape

    escaped = spreadsheet_safe(text)
    assert escaped == "'" + text
    assert spreadsheet_unescape(escaped) == text


def test_plain_cells_and_other_values_pass_through():
    from karib.core.spreadsheets import spreadsheet_safe, spreadsheet_unescape

    assert spreadsheet_safe("Pak Suryo") == "Pak Suryo"
    assert spreadsheet_safe(5) == 5
    assert spreadsheet_unescape("'quoted") == "'quoted"


def test_a_coded_notification_is_shown_in_the_readers_language(client_for):
    from django.utils import translation

    from karib.core.services import profile_set_language

    # given a notification sent as a code with values while the site spoke Indonesian
    user = UserFactory()
    with translation.override("id"):
        notification = notification_send(
            user=user,
            kind="gifts.approval",
            code="gifts.approval",
            params={"description": "Buku wayang", "recipient": "Pak Suryo", "giver": "Dewi"},
            dedupe_key="coded",
        )
    assert notification is not None
    assert notification.code == "gifts.approval"
    # when an English reader opens Today
    profile_set_language(user=user, language="en")
    page = client_for(user).get("/today/").content.decode()
    # then they read English, with the values
    assert "Gift awaiting approval: Buku wayang for Pak Suryo" in page
    with translation.override("id"):
        assert "Buku wayang" in notification.display_title
        assert notification.display_title != "Gift awaiting approval: Buku wayang for Pak Suryo"


def test_an_old_caller_sending_text_is_stored_as_code_and_values():
    from django.utils import translation

    user = UserFactory()
    with translation.override("id"):
        from django.utils.translation import gettext as _

        title = _("%(reviewer)s reviewed your conversation %(conversation)s") % {
            "reviewer": "Lina",
            "conversation": "ARN-1",
        }
        notification = notification_send(
            user=user,
            kind="service.reviewed",
            title=title,
            body="The finding stands.",
            dedupe_key="old",
        )
    assert notification is not None
    assert notification.code == "service.reviewed"
    assert notification.params == {"reviewer": "Lina", "conversation": "ARN-1"}
    with translation.override("en"):
        assert notification.display_title == "Lina reviewed your conversation ARN-1"
        assert notification.display_body == "The finding stands."  # a person's words stay
    # free text that matches no template stays free text
    free = notification_send(user=user, kind="gifts.approval", title="Hello", dedupe_key="f")
    assert free is not None
    assert free.code == ""
    assert free.display_title == "Hello"


def test_the_data_migration_maps_existing_rows(django_db_blocker):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("karib.core.migrations.0004_notifications_to_codes")
    user = UserFactory()
    mapped = Notification.objects.create(
        user=user,
        kind="promise_overdue",
        title="Promise overdue: Train the operators",
        body="Dinas · due 2024-08-15 · promised by Rudi",
        dedupe_key="m1",
    )
    free = Notification.objects.create(
        user=user, kind="promise_overdue", title="Something else", dedupe_key="m2"
    )
    migration.forwards(apps, None)
    mapped.refresh_from_db()
    free.refresh_from_db()
    assert mapped.code == "promise_overdue"
    assert mapped.params == {
        "text": "Train the operators",
        "organization": "Dinas",
        "due": "2024-08-15",
        "owner": "Rudi",
    }
    assert free.code == ""
    assert free.title == "Something else"


def test_outbox_sends_once_in_the_recipients_language_and_retries_failures(
    mailoutbox, settings, monkeypatch
):
    from django.db import transaction

    from karib.core import outbox
    from karib.core.models import OutboundEmail
    from karib.core.services import profile_set_language

    user = UserFactory(email="rep@example.test")
    profile_set_language(user=user, language="en")
    with transaction.atomic():
        notification = notification_send(
            user=user,
            kind="service.reviewed",
            code="service.reviewed",
            params={"reviewer": "Lina", "conversation": "ARN-9"},
            body="Upheld.",
            dedupe_key="mail",
            email=True,
        )
    assert notification is not None
    assert OutboundEmail.objects.count() == 1
    # on_commit hooks do not run inside the test's transaction: deliver as the hook would
    outbox.deliver_pending()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "[Karib] Lina reviewed your conversation ARN-9"
    assert outbox.deliver_pending() == 0  # never twice
    # a failing backend keeps the row pending with its error
    other = UserFactory(email="x@example.test")
    notification_send(user=other, kind="t", title="Hi", dedupe_key="k", email=True)

    def broken(**kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr(outbox, "send_mail", broken)
    assert outbox.deliver_pending() == 0
    row = OutboundEmail.objects.get(user=other)
    assert row.emailed_at is None
    assert row.attempts == 1
    assert "smtp down" in row.last_error


def test_daily_digest_only_for_users_who_asked(mailoutbox):
    from karib.core import outbox
    from karib.core.services import profile_set_daily_digest

    wants = UserFactory(email="wants@example.test")
    UserFactory(email="quiet@example.test")
    notification_send(user=wants, kind="t", title="Call Pak Suryo", dedupe_key="d")
    profile_set_daily_digest(user=wants, enabled=True)
    assert outbox.digests_enqueue() == 1
    assert outbox.digests_enqueue() == 0  # once a day
    outbox.deliver_pending()
    assert [message.to for message in mailoutbox] == [["wants@example.test"]]
    assert "Call Pak Suryo" in mailoutbox[0].body
