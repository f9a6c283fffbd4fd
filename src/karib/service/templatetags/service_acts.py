"""The engine's act codes ("greeting", "cancellation_request", ...) and the labels of its cues
(the words highlighted in a transcript) in the reader's language: `{{ turn.acts|act_labels }}`
writes "greeting, cancellation request"."""

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


#: one label per politeness or curtness cue of ``karib.tone`` (``Marker.label``, kinds "polite"
#: and "curt"), shown as the title of its highlighted words
CUE_LABELS: dict[str, str | Promise] = {
    "address": _("form of address"),
    "apology": _("apology"),
    "closing": _("closing"),
    "empathy": _("empathy"),
    "greeting": _("greeting"),
    "hedge": _("softened wording"),
    "offer_help": _("offer of help"),
    "please": _("please"),
    "religious": _("religious greeting"),
    "thanks": _("thanks"),
    "welcome": _("you're welcome"),
    "wishes": _("good wishes"),
    "bare_commands": _("bare commands"),
    "bare_imperative": _("bare command"),
    "blame": _("blame"),
    "dismissive": _("dismissal"),
    "dropped_address": _("form of address dropped"),
    "one_word": _("one-word reply"),
    "rude": _("rude words"),
}


def cue_label(kind: str, code: str) -> str:
    """A highlighted cue's label: an act's, else a politeness or curtness cue's; a cue the
    engine adds later shows its code with spaces."""
    if kind == "act":
        return act_label(code)
    label = CUE_LABELS.get(code)
    return str(label) if label is not None else code.replace("_", " ")


def act_label(code: str) -> str:
    """The act's label; an act the engine adds later shows its code with spaces."""
    label = ACT_LABELS.get(code)
    return str(label) if label is not None else code.replace("_", " ")


@register.filter
def act_labels(codes: Iterable[str]) -> str:
    """The acts' labels, comma-separated, in the engine's order."""
    return ", ".join(act_label(code) for code in codes)
