from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from karib.core.models import AuditEvent, Notification
from karib.people import services
from karib.people.dates import holiday_dates, next_occurrence
from karib.people.models import (
    EnvoyAssignment,
    ImportantDate,
    Organization,
    Person,
    PersonalFact,
    RelationshipChange,
)
from karib.people.tasks import important_dates_remind


def test_person_at_government_institution_is_suggested_public_official(world):
    # given a government institution and a private company
    private = services.organization_create(by=world.owner, name="PT Swasta")

    # when people are created without saying whether they are public officials
    official = world.person
    employee = services.person_create(by=world.owner, full_name="Ani", organization=private)

    # then the suggestion follows the organization's kind, and can be overridden
    assert official.is_public_official is True
    assert employee.is_public_official is False
    overridden = services.person_create(
        by=world.owner,
        full_name="Tono",
        organization=world.organization,
        is_public_official=False,
    )
    assert overridden.is_public_official is False


def test_stage_and_attitude_changes_keep_dated_history_with_who_and_why(world):
    # given a customer
    services.person_update(person=world.person, by=world.owner, stage=Person.Stage.CUSTOMER)

    # when the stage and attitude change with a reason
    services.person_update(
        person=world.person,
        by=world.manager,
        reason="Asked us for advice",
        stage=Person.Stage.TRUSTED_ADVISOR,
        attitude=Person.Attitude.CHAMPION,
    )

    # then both changes are recorded with who, when and why, and the change is audited
    changes = RelationshipChange.objects.filter(person=world.person, reason="Asked us for advice")
    assert {(c.field, c.old_value, c.new_value) for c in changes} == {
        ("stage", "customer", "trusted_advisor"),
        ("attitude", "neutral", "champion"),
    }
    assert all(c.changed_by == world.manager for c in changes)
    assert all(c.changed_on == timezone.localdate() for c in changes)
    event = AuditEvent.objects.filter(object_id=str(world.person.pk), action="update").first()
    assert event is not None
    assert event.changes["stage"] == {"before": "customer", "after": "trusted_advisor"}


def test_envoy_assignment_and_refusal_are_recorded(world):
    # when the person refuses to meet the owner and an envoy is assigned
    services.person_update(
        person=world.person,
        by=world.owner,
        refuses_to_meet_owner=True,
        refusal_reason="Janji pelatihan tidak ditepati",
    )
    services.person_assign_envoy(
        person=world.person, envoy=world.manager, by=world.owner, reason="He trusts Budi"
    )

    # then the refusal is dated and the assignment is kept with who and why
    world.person.refresh_from_db()
    assert world.person.refusal_since == timezone.localdate()
    assert world.person.envoy == world.manager
    assignment = EnvoyAssignment.objects.get(person=world.person)
    assert (assignment.envoy, assignment.assigned_by, assignment.reason) == (
        world.manager,
        world.owner,
        "He trusts Budi",
    )


def test_refusal_needs_a_reason(world):
    # when the refusal has no reason
    with pytest.raises(ValidationError) as error:
        services.person_update(person=world.person, by=world.owner, refuses_to_meet_owner=True)
    # then the field is named and nothing changed
    assert "refusal_reason" in error.value.message_dict
    world.person.refresh_from_db()
    assert world.person.refuses_to_meet_owner is False


def test_fact_from_an_interaction_takes_its_date_and_must_involve_the_person(world):
    # given a breakfast with the person and another with someone else
    breakfast = services.interaction_create(
        by=world.owner,
        kind="meal",
        occurred_at=datetime.datetime(2024, 10, 16, 7, tzinfo=datetime.UTC),
        summary="Sarapan di Denpasar",
        participants=[world.person],
    )
    someone = services.person_create(
        by=world.owner, full_name="Ratna", organization=world.organization
    )
    other_meal = services.interaction_create(
        by=world.owner,
        kind="meal",
        occurred_at=timezone.now(),
        summary="Makan siang",
        participants=[someone],
    )

    # when a fact is added from the breakfast
    fact = services.fact_create(
        person=world.person,
        by=world.owner,
        category=PersonalFact.Category.INTEREST,
        text="Pencinta wayang — tokoh favorit Bima",
        source_interaction=breakfast,
    )

    # then it carries the breakfast as its source and date
    assert fact.source_interaction == breakfast
    assert fact.learned_on == datetime.date(2024, 10, 16)
    # and a fact cannot claim an interaction the person was not in
    with pytest.raises(ValidationError):
        services.fact_create(
            person=world.person,
            by=world.owner,
            category="interest",
            text="x",
            source_interaction=other_meal,
        )
    assert PersonalFact.objects.filter(person=world.person).count() == 1


def test_unknown_field_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.person_update(person=world.person, by=world.owner, created_at=None)
    assert "created_at" in error.value.message_dict


def test_organization_with_people_cannot_be_deleted(world):
    with pytest.raises(ValidationError):
        services.organization_delete(organization=world.organization, by=world.owner)
    assert Organization.objects.filter(pk=world.organization.pk).exists()


def test_religious_holidays_come_from_the_holidays_package():
    # when Indonesia's holidays of 2026 are computed
    dates = holiday_dates(2026)
    # then the lunar and Hijri holidays fall where the official calendar puts them
    assert dates["idul_fitri"] == datetime.date(2026, 3, 21)
    assert dates["nyepi"] == datetime.date(2026, 3, 19)
    assert dates["imlek"] == datetime.date(2026, 2, 17)
    assert dates["natal"] == datetime.date(2026, 12, 25)


def test_next_occurrence_rolls_over_to_next_year(world):
    birthday = ImportantDate(person=world.person, kind="birthday", month=1, day=5)
    assert next_occurrence(birthday, datetime.date(2026, 3, 1)) == datetime.date(2027, 1, 5)
    assert next_occurrence(birthday, datetime.date(2026, 1, 5)) == datetime.date(2026, 1, 5)


def test_reminder_task_notifies_owner_and_envoy_once(world):
    # given a birthday in 3 days and a holiday far away, and an envoy
    services.person_assign_envoy(person=world.person, envoy=world.manager, by=world.owner)
    today = datetime.date(2026, 3, 1)
    services.important_date_create(
        person=world.person, by=world.owner, kind="birthday", month=3, day=4
    )
    services.important_date_create(
        person=world.person, by=world.owner, kind="holiday", holiday="natal"
    )

    # when the daily task runs twice
    important_dates_remind.enqueue(today.isoformat())
    important_dates_remind.enqueue(today.isoformat())

    # then owner and envoy each have exactly one reminder, due on the birthday
    reminders = Notification.objects.filter(kind="people.important_date")
    assert sorted(n.user.username for n in reminders) == ["budi", "rudi"]
    assert {n.due_on for n in reminders} == {datetime.date(2026, 3, 4)}


def test_holiday_date_needs_which_holiday(world):
    with pytest.raises(ValidationError) as error:
        services.important_date_create(person=world.person, by=world.owner, kind="holiday")
    assert "holiday" in error.value.message_dict


def test_reminder_command_enqueues_the_task(world):
    # given Idul Fitri 2026 (21 March) with a 14-day reminder
    services.important_date_create(
        person=world.person,
        by=world.owner,
        kind="holiday",
        holiday="idul_fitri",
        remind_days_before=14,
    )
    # when the daily command runs two weeks before
    call_command("people_send_reminders", date="2026-03-07", stdout=io.StringIO())
    # then the owner has the reminder, due on the computed holiday
    reminder = Notification.objects.get(user=world.owner)
    assert reminder.due_on == datetime.date(2026, 3, 21)
    assert "Idul Fitri" in reminder.title
