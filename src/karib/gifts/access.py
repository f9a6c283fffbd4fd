"""Who may do what with gifts (rules registered in `karib.core.access`).

Seeing a gift (`Gift.objects.visible_to`: its giver, whoever sees the recipient, Compliance,
admins) is not acting on it:

- view: as `visible_to`;
- add (propose a gift): Sales and Managers (and admins), not service agents or QA reviewers;
  Compliance decides on gifts, it does not give them;
- approve, reject: a Compliance officer who is not the giver;
- give (mark given): the giver (and admins, to correct the record);
- mark declined or returned: the giver, Compliance, admins;
- record the KPK report: the giver, Compliance, admins;
- change: the giver, Compliance, admins; delete: nobody (the register is a legal record kept
  for KPK reporting).
"""

from __future__ import annotations

import enum

import rules

from karib.core import access
from karib.core.access import Action, Subject, has_any_role, is_admin
from karib.core.roles import Role, has_role

from .models import Gift


class GiftAction(enum.StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    GIVE = "give"
    MARK_DECLINED = "mark_declined"
    MARK_RETURNED = "mark_returned"
    RECORD_KPK_REPORT = "record_kpk_report"


def _sees_gift(user: Subject, gift: Gift) -> bool:
    return Gift.objects.visible_to(user).filter(pk=gift.pk).exists()


sees_gift = rules.predicate(_sees_gift, name="sees_gift")


def _is_giver(user: Subject, gift: Gift) -> bool:
    return gift.giver_id == user.pk


is_giver = rules.predicate(_is_giver, name="is_giver")


def _is_compliance_officer(user: Subject) -> bool:
    return has_role(user, Role.COMPLIANCE_OFFICER)


is_compliance_officer = rules.predicate(_is_compliance_officer, name="is_compliance_officer")


def _never(user: Subject) -> bool:
    return False


never = rules.predicate(_never, name="never")


decides = is_compliance_officer & ~is_giver
handles = is_giver | is_compliance_officer | is_admin

access.declare(Gift, Action.VIEW, is_admin | is_compliance_officer | sees_gift)
access.declare(Gift, Action.CREATE, has_any_role(Role.SALES, Role.MANAGER))
access.declare(Gift, Action.CHANGE, handles)
access.declare(Gift, Action.DELETE, never)
access.declare(Gift, GiftAction.APPROVE, decides)
access.declare(Gift, GiftAction.REJECT, decides)
access.declare(Gift, GiftAction.GIVE, is_giver | is_admin)
access.declare(Gift, GiftAction.MARK_DECLINED, handles)
access.declare(Gift, GiftAction.MARK_RETURNED, handles)
access.declare(Gift, GiftAction.RECORD_KPK_REPORT, handles)
