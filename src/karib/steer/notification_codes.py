"""Notification codes of the apps that send notifications today, registered here until each
app registers its own in its `AppConfig.ready()` (then delete the entry here).

The templates are the exact source strings those apps render, so a notification they send as
text is recognised and stored as code + values (`karib.core.notifications.recognise`), and
existing rows are converted by core's data migration. A body of None is a person's own words.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from karib.core.notifications import register

# karib.promises (notifications.py, services.py)
register(
    "promise_overdue",
    title=_("Promise overdue: %(text)s"),
    body=_("%(organization)s · due %(due)s · promised by %(owner)s"),
)
register(
    "promise_escalation",
    title=_("Customer not told about an at-risk promise: %(text)s"),
    body=_("%(who)s was to tell %(organization)s by %(date)s; no interaction is logged since."),
)
register("promise_communication", title=_("Tell the customer about an at-risk promise"))
# karib.gifts (services.py)
register(
    "gifts.approval",
    title=_("Gift awaiting approval: %(description)s for %(recipient)s"),
    body=_("Proposed by %(giver)s, estimated value %(value)s."),
)
register(
    "gifts.kpk_report",
    title=_("KPK report due %(deadline)s: %(recipient)s must report %(description)s"),
    body=_(
        "The gift was received on %(given_on)s. A public official must report gratification to "
        "the KPK within %(days)s working days of receipt (UU 31/1999 jo. UU 20/2001 Pasal 12C): "
        "by %(deadline)s. Remind the recipient and keep the evidence."
    ),
)
