"""The demo story (idempotent) and the `{% gesture_ideas person %}` tag for the person page."""

from __future__ import annotations

import datetime
import io

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from karib.core.models import Notification
from karib.demo.loader import load_demo
from karib.gifts.models import Gift, GiftDecision
from karib.people.models import Person, PersonalFact
from tests.factories import PersonalFactFactory

pytestmark = pytest.mark.django_db


def test_demo_shows_the_puppet_and_book_approved_with_the_reporting_deadline(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.VAR_DIR = tmp_path
    # when the demo is loaded twice
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(stdout=io.StringIO())
    # then the Bima puppet and the wayang book were approved by Maya and given by Dewi once
    official = Person.objects.get(full_name="Suryo Wibowo")
    gifts = Gift.objects.filter(recipient=official, status=Gift.Status.GIVEN)
    assert gifts.count() == 2
    assert {gift.giver.username for gift in gifts} == {"dewi"}
    for gift in gifts:
        approval = gift.decisions.get(outcome=GiftDecision.Outcome.APPROVED)
        assert approval.decided_by.username == "maya"
        assert gift.report_deadline == datetime.date(2025, 3, 6)
        # the rules that fired at the proposal (13 January) come before Maya's approval
        decisions = list(gift.decisions.all())
        assert [d.rule_code or d.outcome for d in decisions] == [
            "official_approval",
            "kpk_report",
            "approved",
        ]
        assert [timezone.localdate(d.decided_at) for d in decisions] == [
            datetime.date(2025, 1, 13),
            datetime.date(2025, 1, 13),
            datetime.date(2025, 1, 15),
        ]
    assert "Bima" in gifts.first().description
    reminders = Notification.objects.filter(kind="gifts.kpk_report")
    assert reminders.count() == 4  # two gifts, Dewi and Maya
    assert {n.due_on for n in reminders} == {datetime.date(2025, 3, 6)}
    assert Gift.objects.filter(status=Gift.Status.REJECTED, is_cash_equivalent=True).count() == 1
    # and the puppet's KPK report is recorded with its evidence; the book's is still to record
    puppet = Gift.objects.get(description__startswith="Wayang kulit")
    assert (puppet.kpk_reported_on, puppet.kpk_report_reference) == (
        datetime.date(2025, 2, 10),
        "GOL-KPK/2025/02/0173",
    )
    book = Gift.objects.get(description__startswith="Buku cerita wayang")
    assert (book.kpk_reported_on, book.status) == (None, Gift.Status.GIVEN)


def test_gesture_ideas_tag_renders_for_the_person_page(giver, official):
    PersonalFactFactory(
        person=official, category=PersonalFact.Category.INTEREST, topic="Wayang", text="Wayang"
    )
    request = RequestFactory().get("/")
    request.user = giver
    html = Template("{% load gifts_tags %}{% gesture_ideas person %}").render(
        Context({"request": request, "person": official})
    )
    assert 'id="gesture-ideas"' in html
    assert "Buku cerita wayang" in html
    assert html.count('data-topic="wayang"') == 3


def test_cash_ideas_are_filtered_out_for_an_official(giver, official):
    from karib.gifts.models import GestureIdea
    from karib.gifts.selectors import gesture_ideas_for_person

    GestureIdea.objects.create(
        topic="kopi", idea="Voucher kedai kopi", kind="goods", typical_min_idr=1, typical_max_idr=2
    )
    PersonalFactFactory(person=official, category="interest", topic="kopi", text="Suka kopi")
    ideas = [s.idea.idea for s in gesture_ideas_for_person(user=giver, person=official)]
    assert "Voucher kedai kopi" not in ideas
    assert "Biji kopi spesialti dari Gayo atau Toraja" in ideas
