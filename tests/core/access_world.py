"""The records every app's endpoints are called on in the permission matrix
(tests/core/test_access_matrix.py): the people world of `tests.support.seeds` (an organization
owned by `owner`, its person Suryo with `envoy` as envoy, Wayan with `through_one` as envoy)
and, on top of it, one record of each other app, made by the relation that would make it:

- promises the owner made to the organization and Suryo: one open, one at risk; a project;
- gifts the owner proposed to Suryo: one proposed, one approved, one given;
- a conversation of the owner's team (Government) handled by `agent`, reviewed by `qa`, with
  an open dispute; a second, unreviewed one; an import batch by `qa` whose files wait for
  their speakers or date order;
- a next action for the owner, a recovery plan on Suryo, an open data-subject request.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from karib.core.models import ApiToken, Notification, Team
from karib.core.services import api_token_create
from karib.gifts import services as gift_services
from karib.gifts.models import Gift
from karib.privacy import services as privacy_services
from karib.privacy.models import SubjectRequest
from karib.promises import services as promise_services
from karib.promises.editing import project_create
from karib.promises.models import Project, Promise
from karib.service import reviews
from karib.service.models import Conversation, Dispute, ImportBatch, ImportFile
from karib.steer import recovery
from karib.steer.models import ActionKind, NextAction, RecoveryPlan, RecoveryStep
from tests.service.factories import POLITE_ID, conversation_from_text
from tests.support.seeds import PeopleWorld, seed_people_world


@dataclass
class MatrixWorld(PeopleWorld):
    team: Team | None = None
    other_team: Team | None = None
    promise: Promise | None = None
    promise_at_risk: Promise | None = None
    project: Project | None = None
    gift_proposed: Gift | None = None
    gift_approved: Gift | None = None
    gift_given: Gift | None = None
    conversation: Conversation | None = None
    reviewed: Conversation | None = None
    unreviewed: Conversation | None = None
    dispute: Dispute | None = None
    batch: ImportBatch | None = None
    batch_file: ImportFile | None = None
    dates_file: ImportFile | None = None
    stopped_batch: ImportBatch | None = None
    next_action: NextAction | None = None
    envoy_action: NextAction | None = None
    notification: Notification | None = None
    token: ApiToken | None = None
    plan: RecoveryPlan | None = None
    step: RecoveryStep | None = None
    subject_request: SubjectRequest | None = None

    def get(self, attribute: str) -> Any:
        value = getattr(self, attribute)
        assert value is not None, attribute
        return value


GIFT = {
    "kind": "goods",
    "description": "Batik tulis",
    "estimated_value": 400_000,
    "business_purpose": "Terima kasih atas kunjungan",
}


def _gifts(world: MatrixWorld) -> None:
    owner, compliance = world.user("owner"), world.user("compliance")
    assert owner is not None
    assert compliance is not None
    person = world.get("person")
    proposed, approved, given = (
        gift_services.gift_propose(by=owner, recipient=person, **GIFT) for _n in range(3)
    )
    for gift in (approved, given):
        gift_services.gift_approve(gift=gift, by=compliance, note="Sesuai kebijakan")
    gift_services.gift_mark_given(gift=given, by=owner, given_on=timezone.localdate())
    for gift in (proposed, approved, given):
        gift.refresh_from_db()
    world.gift_proposed, world.gift_approved, world.gift_given = proposed, approved, given


def _conversations(world: MatrixWorld) -> None:
    team, agent, qa = world.get("team"), world.user("agent"), world.user("qa")
    assert agent is not None
    assert qa is not None
    conversation = conversation_from_text(POLITE_ID, team=team, agent=agent)
    world.unreviewed = conversation_from_text(POLITE_ID, team=team, agent=agent)
    world.reviewed = conversation_from_text(POLITE_ID, team=team, agent=agent)
    for reviewed in (conversation, world.reviewed):
        reviews.review_save(conversation=reviewed, verdicts={}, comment="", qa_score=80, by=qa)
    world.dispute = reviews.dispute_open(
        conversation=conversation, kind="dispute", reason="Saya sudah sopan", by=agent
    )
    world.conversation = conversation
    batch = ImportBatch.objects.create(
        team=team,
        created_by=qa,
        channel="phone",
        product="credit_card",
        status=ImportBatch.Status.NEEDS_ROLES,
        files_total=1,
    )
    world.batch = batch
    world.batch_file = ImportFile.objects.create(
        batch=batch,
        name="rekaman.txt",
        content=POLITE_ID.encode(),
        status=ImportFile.Status.NEEDS_ROLES,
        speakers=["Agen", "Nasabah"],
    )
    world.dates_file = ImportFile.objects.create(
        batch=batch,
        name="wa.txt",
        content=POLITE_ID.encode(),
        status=ImportFile.Status.NEEDS_DATE_ORDER,
    )
    world.stopped_batch = ImportBatch.objects.create(
        team=team,
        created_by=qa,
        channel="phone",
        product="credit_card",
        status=ImportBatch.Status.FAILED,
        files_total=1,
    )
    ImportFile.objects.create(
        batch=world.stopped_batch,
        name="berhenti.txt",
        content=POLITE_ID.encode(),
        status=ImportFile.Status.PENDING,
    )


def seed_matrix_world() -> MatrixWorld:
    people = seed_people_world()
    world = MatrixWorld(**{name: getattr(people, name) for name in people.__dataclass_fields__})
    owner = world.user("owner")
    assert owner is not None
    world.team = owner.profile.team
    world.other_team = world.user("envoy").profile.team  # type: ignore[union-attr]
    world.promise = promise_services.promise_create(
        organization=world.get("organization"),
        people=[world.get("person")],
        text="Mengirim proposal integrasi data",
        by=owner,
    )
    at_risk = promise_services.promise_create(
        organization=world.get("organization"),
        people=[world.get("person")],
        text="Demo dasbor",
        by=owner,
        due_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    world.promise_at_risk = promise_services.promise_mark_at_risk(
        promise=at_risk,
        by=owner,
        reason="Data terlambat",
        communication_message="Kami kabari",
        communication_due=timezone.localdate() + datetime.timedelta(days=3),
        communication_owner=owner,
    )
    world.project = project_create(
        organization=world.get("organization"), name="Integrasi data 2026", by=owner
    )
    _gifts(world)
    _conversations(world)
    world.next_action = NextAction.objects.create(
        owner=owner,
        kind=ActionKind.INFORMAL_MEETING,
        reason_code="no_contact",
        dedupe_key="matrix-meeting",
        person=world.person,
        organization=world.organization,
    )
    world.envoy_action = NextAction.objects.create(
        owner=owner,
        kind=ActionKind.ASSIGN_ENVOY,
        reason_code="no_contact",
        dedupe_key="matrix-envoy",
        person=world.colleague,
        organization=world.organization,
    )
    world.notification = Notification.objects.create(
        user=owner, kind="reminder", title="Ulang tahun Suryo", dedupe_key="matrix"
    )
    world.token = api_token_create(user=owner, name="laptop").token
    world.plan = recovery.recovery_plan_start(
        person=world.get("person"), by=owner, since=datetime.date(2026, 1, 1)
    )
    world.step = world.plan.steps.order_by("position").first()
    world.subject_request = privacy_services.subject_request_open(
        person=world.get("person"), by=owner, kind="access"
    )
    return world
