"""A fact marked sensitive after it was written: its earlier audit events (its creation holds
the text) are hidden like it from those who may not see it, in the audit panel and the
selector, and stay hidden if it is made non-sensitive again (secprobe9, F1)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from karib.core.audit import audit_record, snapshot
from karib.core.models import AuditEvent
from karib.people import selectors, services
from karib.people.models import PersonalFact, PersonAuditEvent
from tests.migration_support import migrate_to

SECRET = "Sedang menjalani kemoterapi RAHASIAKESEHATAN"


def _fact_made_sensitive_later(world) -> PersonalFact:
    """The owner writes a fact, edits it, then ticks "sensitive"; the outsider manager
    manages the organization's team (so sees the audit panel), not the owner's."""
    world.organization.team = world.outsider_manager.profile.team
    world.organization.save(update_fields=["team"])
    fact = services.fact_create(person=world.person, by=world.owner, category="other", text=SECRET)
    fact = services.fact_update(fact=fact, by=world.owner, text=SECRET + " di RS")
    return services.fact_update(fact=fact, by=world.owner, is_sensitive=True)


def _about(events, fact) -> list[AuditEvent]:
    return [
        e for e in events if e.content_type.model == "personalfact" and e.object_id == str(fact.pk)
    ]


def test_a_fact_made_sensitive_later_leaves_the_audit_panel_of_a_manager_who_may_not_see_it(
    world, client_for
):
    # given
    fact = _fact_made_sensitive_later(world)
    # when
    panel = client_for(world.outsider_manager).get(
        reverse("people:person-panel", args=[world.person.pk, "audit"])
    )
    outsider = selectors.person_audit_events(user=world.outsider_manager, person=world.person)
    manager = selectors.person_audit_events(user=world.manager, person=world.person)
    # then the outsider manager sees the panel but nothing about the fact
    assert panel.status_code == 200
    assert "RAHASIAKESEHATAN" not in panel.text
    assert outsider is not None
    assert _about(outsider, fact) == []
    # while the manager of the owner's team still sees its whole history
    assert manager is not None
    assert sorted(e.action for e in _about(manager, fact)) == ["create", "update", "update"]
    # and every link of its events is flagged
    links = PersonAuditEvent.objects.filter(event__in=[e.pk for e in _about(manager, fact)])
    assert links.count() == 3
    assert all(link.is_sensitive for link in links)


def test_the_events_stay_hidden_when_the_fact_is_made_non_sensitive_again(world):
    # given
    fact = _fact_made_sensitive_later(world)
    # when it is made non-sensitive, then changed once more
    fact = services.fact_update(fact=fact, by=world.owner, is_sensitive=False)
    services.fact_update(fact=fact, by=world.owner, topic="Kesehatan")
    # then the outsider manager sees the fact, and of its history only that last change
    outsider = selectors.person_audit_events(user=world.outsider_manager, person=world.person)
    assert outsider is not None
    assert [e.changes.get("topic") for e in _about(outsider, fact)] == [
        {"before": "", "after": "Kesehatan"}
    ]
    assert fact in selectors.fact_list(user=world.outsider_manager, person=world.person)


def test_an_unflagged_event_about_a_sensitive_fact_is_hidden_all_the_same(world):
    # given a sensitive fact whose creation event is linked unflagged (written before the fix)
    fact = _fact_made_sensitive_later(world)
    PersonAuditEvent.objects.filter(person=world.person).update(is_sensitive=False)
    # when
    outsider = selectors.person_audit_events(user=world.outsider_manager, person=world.person)
    manager = selectors.person_audit_events(user=world.manager, person=world.person)
    # then
    assert outsider is not None
    assert manager is not None
    assert _about(outsider, fact) == []
    assert len(_about(manager, fact)) == 3


@pytest.mark.django_db(transaction=True)
def test_the_migration_flags_the_events_of_facts_sensitive_now_or_once(world, at_latest_afterwards):
    # given events about three facts, all linked unflagged as before the fix: one sensitive
    # now, one deleted after it was sensitive (only its deletion event flagged), one never
    sensitive = services.fact_create(
        person=world.person, by=world.owner, category="other", text=SECRET
    )
    sensitive = services.fact_update(fact=sensitive, by=world.owner, is_sensitive=True)
    deleted = services.fact_create(person=world.person, by=world.owner, category="other", text="x")
    deleted = services.fact_update(fact=deleted, by=world.owner, is_sensitive=True)
    deleted_id = str(deleted.pk)
    services.fact_delete(fact=deleted, by=world.owner)
    plain = services.fact_create(
        person=world.person, by=world.owner, category="interest", text="Suka golf"
    )
    fact_type = ContentType.objects.get_for_model(PersonalFact)
    links = PersonAuditEvent.objects.filter(event__content_type=fact_type)
    links.update(is_sensitive=False)
    links.filter(event__object_id=deleted_id, event__action=AuditEvent.Action.DELETE).update(
        is_sensitive=True
    )
    # an event about the person themself is untouched
    person_event = audit_record(
        actor=world.owner,
        action=AuditEvent.Action.UPDATE,
        instance=world.person,
        before={"full_name": "Suryo"},
        after=snapshot(world.person, ["full_name"]),
    )
    PersonAuditEvent.objects.create(person=world.person, event=person_event)
    migrate_to([("people", "0013_chat_upload_and_run_token")])
    # when
    migrate_to([("people", "0014_flag_audit_of_sensitive_facts")])

    # then
    def flags(object_id: str) -> list[bool]:
        return list(links.filter(event__object_id=object_id).values_list("is_sensitive", flat=True))

    assert flags(str(sensitive.pk)) == [True, True]
    assert flags(deleted_id) == [True, True, True]
    assert flags(str(plain.pk)) == [False]
    assert not PersonAuditEvent.objects.get(event=person_event).is_sensitive
    # and backwards nothing is unflagged
    migrate_to([("people", "0013_chat_upload_and_run_token")])
    assert flags(str(sensitive.pk)) == [True, True]
