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
