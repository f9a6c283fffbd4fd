"""The app's notification codes (`karib.core.notifications`): stored as code + values and
worded in the reader's language when shown. Registered in `ServiceConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from karib.core.notifications import register, register_subject

from .models import Conversation

REVIEWED = "service.reviewed"
DISPUTE = "service.dispute"
DISPUTE_UPHELD = "service.dispute_upheld"
DISPUTE_OVERTURNED = "service.dispute_overturned"

register(REVIEWED, title=_("%(reviewer)s reviewed your conversation %(conversation)s"))
register(DISPUTE, title=_("%(agent)s disputes the QA result of %(conversation)s"))
register(
    DISPUTE_UPHELD,
    title=_("Your dispute about %(conversation)s was upheld: the result stands"),
)
register(
    DISPUTE_OVERTURNED,
    title=_("Your dispute about %(conversation)s was accepted: the finding is withdrawn"),
)
register_subject("service:conversation-detail", Conversation.objects.visible_to)
