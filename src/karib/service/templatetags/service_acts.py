"""The engine's act codes ("greeting", "cancellation_request", ...) as labels in the reader's
language: `{{ turn.acts|act_labels }}` writes "greeting, cancellation request"."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

register = template.Library()

#: one label per act ``karib.tone.scoring.ACT_ORDER`` can give a turn
ACT_LABELS: dict[str, str | Promise] = {
    "greeting": _("greeting"),
    "thanks": _("thanks"),
    "apology": _("apology"),
    "question": _("question"),
    "cancellation_request": _("cancellation request"),
    "refusal": _("refusal"),
    "retention_offer": _("retention offer"),
    "closing": _("closing"),
}


def act_label(code: str) -> str:
    """The act's label; an act the engine adds later shows its code with spaces."""
    label = ACT_LABELS.get(code)
    return str(label) if label is not None else code.replace("_", " ")


@register.filter
def act_labels(codes: Iterable[str]) -> str:
    """The acts' labels, comma-separated, in the engine's order."""
    return ", ".join(act_label(code) for code in codes)
