"""Human reasons for the engine's decisions, translated when shown (the rule code and figures
are what is stored)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .formatting import idr

if TYPE_CHECKING:
    from .models import GiftDecision

ALLOWED_CODE = "allowed"  # no rule fired
# Not rules: markers recorded when the policy is checked again as the gift is marked given.
RECHECK_APPROVAL_CODE = "recheck_approval"
RECHECK_REFUSED_CODE = "recheck_refused"


def _figure(key: str, value: object) -> object:
    if key.endswith("_idr") and isinstance(value, int):
        return idr(value)
    if key.endswith("_on") and isinstance(value, str):
        try:
            return date_format(datetime.date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    return value


def rule_reason(code: str, params: dict[str, object]) -> str:
    figures = {key: _figure(key, value) for key, value in params.items()}
    templates = {
        ALLOWED_CODE: _("No rule requires approval: the gift may be given."),
        "cash_to_official": _(
            "Cash and cash equivalents (vouchers, e-money, gift cards, phone credit) to a public "
            "official are refused. Found: %(words)s."
        ),
        "official_approval": _(
            "The recipient is a public official: any gift or hospitality is gratification and "
            "needs Compliance approval before it is given."
        ),
        "kpk_report": _(
            "Once received, the official must report it to the KPK within %(working_days)s "
            "working days."
        ),
        "burden_of_proof": _(
            "Value %(value_idr)s is at or above %(threshold_idr)s: the burden of proof that it "
            "is not a bribe shifts to the recipient (Pasal 12B)."
        ),
        "ceremony_exemption": _(
            "Wedding and religious-ceremony gifts up to %(threshold_idr)s per giver may be exempt "
            "from reporting, but not when a vendor gives to an official in connection with their "
            "position: the exemption does not apply here."
        ),
        "private_threshold": _(
            "Value %(value_idr)s is above the company threshold of %(threshold_idr)s for "
            "private-sector recipients: needs approval."
        ),
        "yearly_cap": _(
            "Gifts to this person in %(year)s would total %(total_idr)s, above the yearly "
            "limit of %(threshold_idr)s per recipient (all givers)."
        ),
        "cash_equivalent": _(
            "Cash and cash equivalents (vouchers, e-money, gift cards, phone credit) need "
            "Compliance approval, whoever receives them. Found: %(words)s."
        ),
        "legal_rule_missing": _(
            "A rule the law requires (%(rules)s) is missing or switched off in the policy: "
            "gifts to public officials are refused until Compliance restores it."
        ),
        RECHECK_APPROVAL_CODE: _(
            "Checked again for the day it was to be given (%(given_on)s): the reasons below "
            "need a Compliance approval it does not have yet, so it went back to the approval "
            "queue."
        ),
        RECHECK_REFUSED_CODE: _(
            "Checked again for the day it was to be given (%(given_on)s): the policy now "
            "refuses it (reasons below)."
        ),
        "open_tender": _(
            "A tender with the recipient's organization is open (%(tenders)s): gifts during a "
            "tender are flagged for Compliance."
        ),
    }
    template = templates.get(code)
    if template is None:
        return code
    try:
        return template % figures
    except (KeyError, TypeError, ValueError):
        return template


def decision_reason(decision: GiftDecision) -> str:
    if decision.rule_code:
        return rule_reason(decision.rule_code, dict(decision.params))
    return decision.note
