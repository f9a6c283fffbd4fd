"""Words for drivers and bands, in the reader's language at the moment they are shown.

Drivers are stored as a code with values (`karib.health.scoring.Driver`); nothing translated is
ever stored, so an English reader never sees Indonesian system text and vice versa.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from karib.people.models import Interaction, Person

from .scoring import Driver

BAND_LABELS = {
    "healthy": gettext_lazy("healthy"),
    "attention": gettext_lazy("needs attention"),
    "at_risk": gettext_lazy("at risk"),
}

DRIVER_NAMES = {
    "recency": gettext_lazy("Recency"),
    "frequency": gettext_lazy("Frequency"),
    "depth": gettext_lazy("Depth of contact"),
    "reciprocity": gettext_lazy("Reciprocity"),
    "promises": gettext_lazy("Promises"),
    "attitude": gettext_lazy("Attitude"),
    "refusal": gettext_lazy("Refusal to meet"),
    "knowledge": gettext_lazy("Personal knowledge"),
    "gestures": gettext_lazy("Gestures"),
    "tone": gettext_lazy("Service conversations"),
    "stakeholders": gettext_lazy("Stakeholders"),
    "coverage": gettext_lazy("Coverage"),
    "blockers": gettext_lazy("Blockers"),
    "reliability": gettext_lazy("Promise reliability"),
    "single_threaded": gettext_lazy("Single-threaded risk"),
}


def band_label(band: str) -> str:
    return str(BAND_LABELS.get(band, band))


def points_label(points: int) -> str:
    """Signed points with a true minus sign (U+2212): "+12", "\u221220", "\u00b10"."""
    if points > 0:
        return f"+{points}"
    if points < 0:
        return f"\u2212{-points}"
    return "\u00b10"


def _day(value: Any) -> str:
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return date_format(value, "j M Y") if value else ""


def _attitude(value: Any) -> str:
    return str(dict(Person.Attitude.choices).get(value, value or ""))


def _kind(value: Any) -> str:
    return str(dict(Interaction.Kind.choices).get(value, value or ""))


def _promise_counts(counts: dict[str, int], worst: str | None) -> str:
    phrases = {
        "silent_break": lambda n: ngettext(
            "%(n)s promise broken silently", "%(n)s promises broken silently", n
        ),
        "broken": lambda n: ngettext("%(n)s promise broken", "%(n)s promises broken", n),
        "overdue": lambda n: ngettext("%(n)s promise overdue", "%(n)s promises overdue", n),
        "at_risk": lambda n: ngettext("%(n)s promise at risk", "%(n)s promises at risk", n),
        "kept_late": lambda n: ngettext("%(n)s promise kept late", "%(n)s promises kept late", n),
        "kept_on_time": lambda n: ngettext(
            "%(n)s promise kept on time", "%(n)s promises kept on time", n
        ),
    }
    order = [worst] if worst else []
    order += [kind for kind in phrases if kind != worst]
    parts = [
        phrases[kind](counts[kind]) % {"n": counts[kind]} for kind in order if counts.get(kind)
    ]
    return ", ".join(parts) if parts else _("no promises yet")


def _person_text(code: str, p: dict[str, Any], on: str) -> str | None:
    if code == "recency":
        if p.get("days") is None:
            return _("never contacted (expected every %(cadence)s days)") % {
                "cadence": p["cadence_days"]
            }
        values = {"days": p["days"], "cadence": p["cadence_days"], "date": on}
        if p["days"] <= p["cadence_days"]:
            return _("last contact %(date)s, within the expected %(cadence)s days") % values
        return _("no contact for %(days)s days (expected every %(cadence)s days)") % values
    if code == "frequency":
        return ngettext(
            "%(count)s contact in %(days)s days", "%(count)s contacts in %(days)s days", p["count"]
        ) % {"count": p["count"], "days": p["days"]}
    if code == "depth":
        if not p.get("kind"):
            return _("no contact in recent months")
        return _("%(kind)s %(date)s") % {"kind": _kind(p["kind"]), "date": on}
    if code == "reciprocity":
        return _("who started each contact is not recorded")
    if code == "promises":
        return _promise_counts(p.get("counts") or {}, p.get("worst"))
    if code == "attitude":
        values = {"attitude": _attitude(p.get("attitude"))}
        if p.get("trend") == "down":
            return _("attitude changed to %(attitude)s") % values
        if p.get("trend") == "up":
            return _("attitude improved to %(attitude)s") % values
        return _("attitude: %(attitude)s") % values
    if code == "refusal":
        if not p.get("refuses"):
            return _("meets the relationship owner")
        if p.get("envoy_in_contact"):
            return _("refuses to meet the owner since %(date)s; the envoy is in touch") % {
                "date": on
            }
        return _("refuses to meet the owner since %(date)s") % {"date": on}
    if code == "knowledge":
        text = ngettext(
            "knows %(count)s personal fact", "knows %(count)s personal facts", p["facts"]
        ) % {"count": p["facts"]}
        if p.get("dates"):
            text += ngettext(
                " and %(count)s important date", " and %(count)s important dates", p["dates"]
            ) % {"count": p["dates"]}
        return text
    if code == "gestures":
        if not p.get("count"):
            return _("no gestures given")
        return ngettext(
            "%(count)s gesture given within the rules, the last on %(date)s",
            "%(count)s gestures given within the rules, the last on %(date)s",
            p["count"],
        ) % {"count": p["count"], "date": on}
    if code == "tone":
        if not p.get("conversations"):
            return _("no linked service conversations in the last year")
        return ngettext(
            "%(flagged)s of %(count)s service conversation flagged",
            "%(flagged)s of %(count)s service conversations flagged",
            p["conversations"],
        ) % {"flagged": p["flagged"], "count": p["conversations"]}
    return None


def _organization_text(code: str, p: dict[str, Any]) -> str | None:
    if code == "stakeholders":
        if not p.get("people"):
            return _("no people you can see")
        return ngettext(
            "influence-weighted health of %(count)s person you can see: %(average)s",
            "influence-weighted health of %(count)s people you can see: %(average)s",
            p["people"],
        ) % {"count": p["people"], "average": p["average"]}
    if code == "coverage":
        if not p.get("key_people"):
            return _("no key people (influence 4 or 5) you can see")
        return _("%(covered)s of %(key)s key people contacted within their cadence") % {
            "covered": p["in_cadence"],
            "key": p["key_people"],
        }
    if code == "blockers":
        if not p.get("count"):
            return _("no blocker without an envoy")
        return ngettext(
            "%(count)s blocker without an envoy", "%(count)s blockers without an envoy", p["count"]
        ) % {"count": p["count"]}
    if code == "reliability":
        if not p.get("due"):
            return _("no promises due in the last %(days)s days") % {"days": p["days"]}
        text = _("%(percent)s%% kept on time in the last %(days)s days (%(kept)s of %(due)s)") % {
            "percent": p["percent"],
            "days": p["days"],
            "kept": p["kept"],
            "due": p["due"],
        }
        if p.get("silent_breaks"):
            text += ngettext(
                ", %(count)s broken silently", ", %(count)s broken silently", p["silent_breaks"]
            ) % {"count": p["silent_breaks"]}
        return text
    if code == "single_threaded":
        if p.get("contacted") == 1:
            return _("only one person contacted in %(days)s days") % {"days": p["days"]}
        return ngettext(
            "%(count)s person contacted in %(days)s days",
            "%(count)s people contacted in %(days)s days",
            p["contacted"],
        ) % {"count": p["contacted"], "days": p["days"]}
    return None


def driver_text(driver: Driver) -> str:
    """The human-readable explanation of a driver, without its points."""
    params = dict(driver.params)
    on = _day(driver.on) if driver.on else ""
    text = _person_text(driver.code, params, on)
    if text is None:
        text = _organization_text(driver.code, params)
    return text if text is not None else driver.code


def driver_line(driver: Driver) -> str:
    """ "+12 site visit 15 Oct 2024": points and explanation in one line."""
    return f"{points_label(driver.points)} {driver_text(driver)}"
