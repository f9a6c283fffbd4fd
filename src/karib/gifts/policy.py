"""The gratification policy engine: pure functions over frozen dataclasses.

Nothing here touches the database or Django: `karib.gifts.adapters` loads the rules, the
recipient's yearly total, open tenders and non-working days, builds a `GiftFacts` and calls
`evaluate`. Every hit names the rule that fired and the figures behind it, so the reason can be
shown (translated) to the giver and to Compliance, and kept in the register.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class RuleCode(StrEnum):
    CASH_TO_OFFICIAL = "cash_to_official"
    OFFICIAL_APPROVAL = "official_approval"
    KPK_REPORT = "kpk_report"
    BURDEN_OF_PROOF = "burden_of_proof"
    CEREMONY_EXEMPTION = "ceremony_exemption"
    PRIVATE_THRESHOLD = "private_threshold"
    YEARLY_CAP = "yearly_cap"
    OPEN_TENDER = "open_tender"
    CASH_EQUIVALENT = "cash_equivalent"
    # Not a configurable rule: fired when a legally required rule is missing or switched off.
    LEGAL_RULE_MISSING = "legal_rule_missing"


# The rules that carry the law for public officials: the engine fails closed without them.
LEGAL_RULES = (RuleCode.CASH_TO_OFFICIAL, RuleCode.OFFICIAL_APPROVAL)


class Outcome(StrEnum):
    """What a rule decided; the strongest outcome wins (refused > needs approval > note)."""

    REFUSED = "refused"
    NEEDS_APPROVAL = "needs_approval"
    FLAGGED = "flagged"  # needs approval too: Compliance looks at every flag
    NOTE = "note"
    ALLOWED = "allowed"


class Kind(StrEnum):
    GOODS = "goods"
    MEAL = "meal"
    TRAVEL = "travel"
    ENTERTAINMENT = "entertainment"
    CASH = "cash"


class Occasion(StrEnum):
    BUSINESS = "business"
    WEDDING = "wedding"
    RELIGIOUS_CEREMONY = "religious_ceremony"
    BIRTH = "birth"
    BEREAVEMENT = "bereavement"
    FESTIVAL = "festival"
    PERSONAL = "personal"
    OTHER = "other"


CEREMONY_OCCASIONS = frozenset({Occasion.WEDDING, Occasion.RELIGIOUS_CEREMONY, Occasion.BIRTH})

# Words that make a "gift" money in all but name (Indonesian and English, lower case). A space
# or hyphen inside a word also matches no separator, a hyphen or several spaces ("gift card",
# "giftcard", "gift-card"), and every word also matches its plural ("vouchers", "credits").
CASH_EQUIVALENT_WORDS = (
    "cash",
    "uang",
    "tunai",
    "voucher",
    "vocer",
    "gift card",
    "kartu hadiah",
    "kartu belanja",
    "kupon belanja",
    "store credit",
    "prepaid card",
    "kartu prabayar",
    "google play",
    "app store",
    "itunes",
    "steam wallet",
    "e-money",
    "e-wallet",
    "uang elektronik",
    "dompet digital",
    "saldo",
    "top up",
    "pulsa",
    "paket data",
    "phone credit",
    "mobile credit",
    "airtime",
    "token listrik",
    "token pln",
    "gopay",
    "ovo",
    "dana",
    "shopeepay",
    "linkaja",
    "flazz",
    "brizzi",
    "cheque",
    "angpao",
    "amplop",
)


def _word_pattern(word: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in re.split(r"[\s-]+", word)]
    body = r"[\s-]*".join(parts)
    return re.compile(r"\b" + body + r"(?:s|es)?\b", re.IGNORECASE)


_CASH_PATTERNS = tuple((word, _word_pattern(word)) for word in CASH_EQUIVALENT_WORDS)


def cash_equivalent_words(description: str) -> tuple[str, ...]:
    """The cash-equivalent words found in a description (vouchers, e-money, phone credit …),
    as listed in `CASH_EQUIVALENT_WORDS` whatever the plural, spacing or hyphen used."""
    return tuple(sorted(word for word, pattern in _CASH_PATTERNS if pattern.search(description)))


def is_cash_equivalent(kind: str, description: str) -> bool:
    return kind == Kind.CASH or bool(cash_equivalent_words(description))


@dataclass(frozen=True)
class Rule:
    """One rule's parameters as configured (a row of PolicyRule in force on the gift's date)."""

    code: RuleCode
    is_active: bool = True
    threshold_idr: int | None = None
    working_days: int | None = None
    legal_source: str = ""
    effective_from: datetime.date | None = None


@dataclass(frozen=True)
class GiftFacts:
    """Everything the engine needs to know about a proposed gift, as plain data."""

    kind: str
    description: str
    value_idr: int
    on: datetime.date
    recipient_is_public_official: bool
    occasion: str = Occasion.BUSINESS
    recipient_year_total_idr: int = 0  # other counted gifts to the recipient that year
    open_tenders: tuple[str, ...] = ()  # names of tenders open with the recipient's organization


@dataclass(frozen=True)
class RuleHit:
    code: RuleCode
    outcome: Outcome
    params: Mapping[str, str | int] = field(default_factory=dict)
    legal_source: str = ""


@dataclass(frozen=True)
class Evaluation:
    hits: tuple[RuleHit, ...]
    is_cash_equivalent: bool

    @property
    def is_refused(self) -> bool:
        return any(hit.outcome == Outcome.REFUSED for hit in self.hits)

    @property
    def requires_approval(self) -> bool:
        return any(hit.outcome in {Outcome.NEEDS_APPROVAL, Outcome.FLAGGED} for hit in self.hits)

    @property
    def requires_kpk_report(self) -> bool:
        return any(hit.code == RuleCode.KPK_REPORT for hit in self.hits)

    @property
    def outcome(self) -> Outcome:
        for outcome in (Outcome.REFUSED, Outcome.NEEDS_APPROVAL, Outcome.FLAGGED):
            if any(hit.outcome == outcome for hit in self.hits):
                return outcome
        return Outcome.ALLOWED

    @property
    def refusing_hit(self) -> RuleHit | None:
        return next((hit for hit in self.hits if hit.outcome == Outcome.REFUSED), None)


def _active(rules: Mapping[RuleCode, Rule], code: RuleCode) -> Rule | None:
    rule = rules.get(code)
    return rule if rule is not None and rule.is_active else None


def _missing_legal_rules(rules: Mapping[RuleCode, Rule]) -> tuple[RuleCode, ...]:
    return tuple(code for code in LEGAL_RULES if _active(rules, code) is None)


def _official_hits(facts: GiftFacts, rules: Mapping[RuleCode, Rule], cash: bool) -> list[RuleHit]:
    if missing := _missing_legal_rules(rules):
        # Fail closed: without the rules that carry the law, nothing may go to an official.
        return [
            RuleHit(
                RuleCode.LEGAL_RULE_MISSING,
                Outcome.REFUSED,
                {"rules": ", ".join(str(code) for code in missing)},
            )
        ]
    hits: list[RuleHit] = []
    if cash:
        rule = rules[RuleCode.CASH_TO_OFFICIAL]
        words = ", ".join(cash_equivalent_words(facts.description)) or facts.kind
        hits.append(
            RuleHit(rule.code, Outcome.REFUSED, {"words": words}, legal_source=rule.legal_source)
        )
        return hits
    rule = rules[RuleCode.OFFICIAL_APPROVAL]
    hits.append(RuleHit(rule.code, Outcome.NEEDS_APPROVAL, legal_source=rule.legal_source))
    if kpk := _active(rules, RuleCode.KPK_REPORT):
        hits.append(
            RuleHit(
                kpk.code,
                Outcome.NOTE,
                {"working_days": kpk.working_days or 30},
                legal_source=kpk.legal_source,
            )
        )
    ceremony = _active(rules, RuleCode.CEREMONY_EXEMPTION)
    if ceremony and facts.occasion in CEREMONY_OCCASIONS:
        hits.append(
            RuleHit(
                ceremony.code,
                Outcome.NOTE,
                {"threshold_idr": ceremony.threshold_idr or 0, "value_idr": facts.value_idr},
                legal_source=ceremony.legal_source,
            )
        )
    proof = _active(rules, RuleCode.BURDEN_OF_PROOF)
    if proof and proof.threshold_idr is not None and facts.value_idr >= proof.threshold_idr:
        hits.append(
            RuleHit(
                proof.code,
                Outcome.NOTE,
                {"threshold_idr": proof.threshold_idr, "value_idr": facts.value_idr},
                legal_source=proof.legal_source,
            )
        )
    return hits


def _private_hits(facts: GiftFacts, rules: Mapping[RuleCode, Rule], cash: bool) -> list[RuleHit]:
    hits: list[RuleHit] = []
    rule = _active(rules, RuleCode.CASH_EQUIVALENT)
    if cash and rule:
        words = ", ".join(cash_equivalent_words(facts.description)) or facts.kind
        hits.append(
            RuleHit(rule.code, Outcome.FLAGGED, {"words": words}, legal_source=rule.legal_source)
        )
    rule = _active(rules, RuleCode.PRIVATE_THRESHOLD)
    if rule and rule.threshold_idr is not None and facts.value_idr > rule.threshold_idr:
        hits.append(
            RuleHit(
                rule.code,
                Outcome.NEEDS_APPROVAL,
                {"threshold_idr": rule.threshold_idr, "value_idr": facts.value_idr},
                legal_source=rule.legal_source,
            )
        )
    return hits


def evaluate(facts: GiftFacts, rules: Mapping[RuleCode, Rule]) -> Evaluation:
    """Apply every active rule to one gift.

    A company rule missing from `rules` (or inactive) does not fire. The legal rules
    (`LEGAL_RULES`) fail closed: if either is missing or inactive, a gift to a public official
    is refused (`legal_rule_missing`)."""
    cash = is_cash_equivalent(facts.kind, facts.description)
    if facts.recipient_is_public_official:
        hits = _official_hits(facts, rules, cash)
    else:
        hits = _private_hits(facts, rules, cash)
    if any(hit.outcome == Outcome.REFUSED for hit in hits):
        return Evaluation(hits=tuple(hits), is_cash_equivalent=cash)
    rule = _active(rules, RuleCode.YEARLY_CAP)
    if rule and rule.threshold_idr is not None:
        total = facts.recipient_year_total_idr + facts.value_idr
        if total > rule.threshold_idr:
            hits.append(
                RuleHit(
                    rule.code,
                    Outcome.FLAGGED,
                    {
                        "threshold_idr": rule.threshold_idr,
                        "total_idr": total,
                        "year": facts.on.year,
                    },
                    legal_source=rule.legal_source,
                )
            )
    rule = _active(rules, RuleCode.OPEN_TENDER)
    if rule and facts.open_tenders:
        hits.append(
            RuleHit(
                rule.code,
                Outcome.FLAGGED,
                {"tenders": ", ".join(facts.open_tenders)},
                legal_source=rule.legal_source,
            )
        )
    return Evaluation(hits=tuple(hits), is_cash_equivalent=cash)


def is_working_day(day: datetime.date, non_working_days: Container[datetime.date]) -> bool:
    """Monday to Friday and not a national holiday or collective leave day."""
    return day.weekday() < 5 and day not in non_working_days


def add_working_days(
    start: datetime.date, days: int, non_working_days: Container[datetime.date]
) -> datetime.date:
    """The date `days` working days after `start` (the day of receipt itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += datetime.timedelta(days=1)
        if is_working_day(current, non_working_days):
            remaining -= 1
    return current


def working_days_between(
    start: datetime.date, end: datetime.date, non_working_days: Container[datetime.date]
) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current, non_working_days):
            count += 1
    return count
