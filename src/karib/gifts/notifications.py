"""What the gifts app tells people: Compliance of a gift to decide, the giver of the decision,
the giver and Compliance of a KPK reporting deadline. Each is sent once (a dedupe key)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from karib.core.notifications import register, register_subject, stored_day
from karib.core.roles import Role
from karib.core.selectors import users_with_role
from karib.core.services import notification_send

from . import adapters
from .formatting import idr
from .models import Gift, GiftDecision

APPROVAL = "gifts.approval"
KPK_REPORT = "gifts.kpk_report"
APPROVED = "gifts.approved"
REJECTED = "gifts.rejected"


def register_codes() -> None:
    """The gifts app's notification codes: stored as a code and its values, translated when
    shown (`karib.core.notifications`); called from `GiftsConfig.ready()`."""
    register(
        APPROVAL,
        title=_("Gift awaiting approval: %(description)s for %(recipient)s"),
        body=_("Proposed by %(giver)s, estimated value %(value)s."),
    )
    register(
        KPK_REPORT,
        title=_("KPK report due %(deadline)s: %(recipient)s must report %(description)s"),
        body=_(
            "The gift was received on %(given_on)s. A public official must report "
            "gratification to the KPK within %(days)s working days of receipt "
            "(UU 31/1999 jo. UU 20/2001 Pasal 12C): by %(deadline)s. Remind the recipient and "
            "keep the evidence."
        ),
    )
    register(
        APPROVED,
        title=_("Gift approved: %(description)s for %(recipient)s"),
        body=_("Decided by %(officer)s. %(note)s"),
    )
    register(
        REJECTED,
        title=_("Gift rejected: %(description)s for %(recipient)s"),
        body=_("Decided by %(officer)s. %(note)s"),
    )
    register_subject("gifts:detail", Gift.objects.visible_to)


def approval_key(gift: Gift) -> str:
    return f"gifts:approval:{gift.pk}"


def notify_compliance(gift: Gift, dedupe_key: str = "") -> None:
    gift = Gift.objects.select_related("recipient", "giver").get(pk=gift.pk)
    if not gift.is_awaiting_approval:  # decided already, in the same transaction
        return
    url = reverse("gifts:detail", args=[gift.pk])
    for officer in users_with_role(Role.COMPLIANCE_OFFICER):
        if officer.pk == gift.giver_id:
            continue
        notification_send(
            user=officer,
            kind=APPROVAL,
            code=APPROVAL,
            params={
                "description": gift.description[:80],
                "recipient": gift.recipient.full_name,
                "giver": gift.giver.get_full_name() or gift.giver.get_username(),
                "value": idr(gift.estimated_value),
            },
            url=url,
            dedupe_key=dedupe_key or approval_key(gift),
        )


def notify_kpk_report(gift: Gift) -> None:
    assert gift.report_deadline is not None  # noqa: S101 - set by gift_mark_given just before
    url = reverse("gifts:detail", args=[gift.pk])
    people = {gift.giver_id: gift.giver}
    people.update({officer.pk: officer for officer in users_with_role(Role.COMPLIANCE_OFFICER)})
    values = {  # days as ISO dates, shown in each reader's language (core.notifications)
        "deadline": stored_day(gift.report_deadline),
        "recipient": gift.recipient.full_name,
        "description": gift.description[:80],
        "given_on": stored_day(gift.given_on),
        "days": adapters.kpk_working_days(gift.given_on or gift.proposed_on),
    }
    for user in people.values():
        notification_send(
            user=user,
            kind=KPK_REPORT,
            code=KPK_REPORT,
            params=values,
            url=url,
            due_on=gift.report_deadline,
            dedupe_key=f"gifts:kpk-report:{gift.pk}",
        )


def notify_giver_of_decision(gift_id: int, decision_id: int) -> None:
    """Tell the giver that Compliance approved or rejected their gift, and why (the officer's
    note is their own words, kept as a value). Once per decision."""
    gift = Gift.objects.select_related("recipient", "giver").get(pk=gift_id)
    decision = GiftDecision.objects.select_related("decided_by").get(pk=decision_id)
    decider: User | None = decision.decided_by
    approved = decision.outcome == GiftDecision.Outcome.APPROVED
    notification_send(
        user=gift.giver,
        kind="gifts.decision",
        code=APPROVED if approved else REJECTED,
        params={
            "description": gift.description[:80],
            "recipient": gift.recipient.full_name,
            "officer": (decider.get_full_name() or decider.get_username()) if decider else "",
            "note": decision.note,
        },
        url=reverse("gifts:detail", args=[gift.pk]),
        dedupe_key=f"gifts:decision:{gift.pk}:{decision.pk}",
    )
