"""Why an action is asked: a reason code with values, translated when shown.

Values that are codes of a choice (an attitude, a kind of date, a holiday) are stored as codes
and shown by their label in the reader's language; dates are stored as ISO days and shown as the
pages write dates ("30 Agu 2024", "30 Aug 2024").
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise as LazyString
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from karib.core.notifications import fill

REASONS: dict[str, LazyString] = {
    "promise_overdue": _(
        "“%(promise)s” was due on %(due)s and is still open: tell %(organization)s where it "
        "stands before they ask."
    ),
    "promise_at_risk": _(
        "“%(promise)s” is at risk: %(organization)s should hear it from you by %(due)s."
    ),
    "silent_break": _(
        "“%(promise)s” broke on %(broken)s and nobody told %(organization)s. Own up to it yourself."
    ),
    "refuses_owner": _(
        "%(person)s has refused to meet %(owner)s since %(since)s. Colleagues who know "
        "%(organization)s best: %(suggestions)s."
    ),
    "refuses_owner_alone": _(
        "%(person)s has refused to meet %(owner)s since %(since)s. Ask a colleague to go "
        "in your place."
    ),
    "blocked_relationship": _(
        "%(person)s (influence %(influence)s/5) has the attitude “%(attitude)s”: a recovery "
        "plan leads the way back step by step."
    ),
    "blocked_refusal": _(
        "%(person)s refuses to meet the relationship owner: a recovery plan leads the way back "
        "step by step."
    ),
    "no_personal_facts": _(
        "%(person)s has influence %(influence)s/5 and we know nothing personal about them: "
        "plan a site visit or a meal and listen."
    ),
    "important_date": _("%(date)s of %(person)s on %(day)s, in %(days)s days: send a greeting."),
    "important_date_gesture": _(
        "%(date)s of %(person)s on %(day)s, in %(days)s days: send a greeting. A gesture the "
        "gift policy allows: %(idea)s."
    ),
    "cadence_lapsed": _(
        "No contact with %(person)s for %(days)s days; at influence %(influence)s/5 we aim for "
        "every %(cadence)s days."
    ),
    "never_contacted": _(
        "No contact with %(person)s is recorded yet; at influence %(influence)s/5 we aim for "
        "every %(cadence)s days."
    ),
    "kpk_report_due": _(
        "%(recipient)s must report “%(gift)s” to the KPK by %(deadline)s: record the report "
        "and keep the evidence."
    ),
    "kpk_report_overdue": _(
        "The KPK report of “%(gift)s” by %(recipient)s was due on %(deadline)s, %(days)s days "
        "ago: record the report or follow it up now."
    ),
    "gift_approved": _(
        "Compliance approved “%(gift)s” for %(recipient)s: you may give it; mark it given "
        "when you do."
    ),
    "gift_rejected": _(
        "Compliance rejected “%(gift)s” for %(recipient)s: read why before you plan another "
        "gesture."
    ),
    "conversation_flagged": _(
        "A conversation of %(agent)s with your customer %(person)s on %(day)s was flagged: "
        "call them and follow up."
    ),
    "review_waiting": _(
        "%(reviewer)s reviewed your conversation %(conversation)s: read it, then acknowledge "
        "or dispute."
    ),
    "dispute_waiting": _(
        "%(agent)s disputes the QA result of %(conversation)s: answer it, uphold or overturn."
    ),
}


@functools.cache
def _choice_labels() -> dict[str, Mapping[str, Any]]:
    from karib.people.models import ImportantDate, Person

    return {
        "attitude": dict(Person.Attitude.choices),
        "date_kind": dict(ImportantDate.Kind.choices),
        "holiday": dict(ImportantDate.Holiday.choices),
    }


def _display(key: str, value: Any, labels: Mapping[str, Mapping[str, Any]]) -> Any:
    if key in labels:
        return labels[key].get(value, value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date_format(datetime.date.fromisoformat(value), "j M Y")
        except ValueError:
            return value
    return value


def reason_text(code: str, params: Mapping[str, Any]) -> str:
    """The reason in the active language; an unknown code shows its values plainly."""
    labels = _choice_labels()
    values = {key: _display(key, value, labels) for key, value in params.items()}
    if "date" not in values and "date_kind" in params:
        # an important date reads as its label, its holiday, or its kind
        values["date"] = (
            params.get("label")
            or (values.get("holiday") if params.get("holiday") else "")
            or values["date_kind"]
        )
    template = REASONS.get(code)
    if template is None:
        return ", ".join(f"{key}: {value}" for key, value in sorted(values.items()))
    return str(capfirst(fill(template, values)))
