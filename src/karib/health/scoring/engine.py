"""The health engine: pure functions over frozen dataclasses (no Django, no database).

`score_person(facts, policy, on)` and `score_organization(people, promises, policy, on)` return
a score 0-100, a band and the drivers that explain it. Each driver is a stable `code`, signed
integer `points`, the `on` date it refers to and JSON-safe `params`; the words are added when it
is shown (`karib.health.labels`), in the reader's language.

Everything is computed *as of* a day: only what had happened by the end of that day counts, so
history can be recomputed. The score is `base + Σ points`, clamped to 0-100, and to below 100 by
what the person's silent breaks cost (so a silent break lowers even a saturated score). Every
driver is monotone in what it counts (another contact never lowers recency, frequency or depth;
another silent break always costs at least one point), which the property tests check.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .policy import Policy

Date = datetime.date

PERSON_DRIVERS = (
    "recency",
    "frequency",
    "depth",
    "reciprocity",
    "promises",
    "attitude",
    "refusal",
    "knowledge",
    "gestures",
    "tone",
)
ORGANIZATION_DRIVERS = ("stakeholders", "coverage", "blockers", "reliability", "single_threaded")

PENDING = frozenset({"open", "at_risk", "renegotiated"})


@dataclass(frozen=True)
class Contact:
    """An interaction the person took part in."""

    on: Date
    kind: str
    user_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class PromiseFact:
    """A promise to the person's organization, with its dated status changes."""

    pk: int
    made_on: Date
    due_date: Date | None
    #: (day, status) in order; the first is the promise being made
    events: tuple[tuple[Date, str], ...]
    kept_on: Date | None = None
    is_silent_break: bool = False
    #: the person is among the people it was promised to
    is_direct: bool = True

    def status_on(self, day: Date) -> str | None:
        status = None
        for when, to_status in self.events:
            if when > day:
                break
            status = to_status
        return status

    def broken_on(self) -> Date | None:
        for when, to_status in reversed(self.events):
            if to_status == "broken":
                return when
        return None


@dataclass(frozen=True)
class Change:
    on: Date
    field: str  # "attitude" or "stage"
    old: str
    new: str


@dataclass(frozen=True)
class ServiceConversation:
    on: Date
    is_flagged: bool
    sentiment_trend: float | None = None


@dataclass(frozen=True)
class PersonFacts:
    person_id: int
    influence: int = 3
    stage: str = "stranger"
    attitude: str = "neutral"
    changes: tuple[Change, ...] = ()
    refuses_to_meet_owner: bool = False
    refusal_since: Date | None = None
    #: (envoy user id, assigned on)
    envoys: tuple[tuple[int, Date], ...] = ()
    contacts: tuple[Contact, ...] = ()
    promises: tuple[PromiseFact, ...] = ()
    facts_learned: tuple[Date, ...] = ()
    dates_known: tuple[Date, ...] = ()
    gestures: tuple[Date, ...] = ()
    conversations: tuple[ServiceConversation, ...] = ()
    cadence_days: int | None = None


@dataclass(frozen=True)
class Driver:
    code: str
    points: int
    on: Date | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "points": self.points,
            "on": self.on.isoformat() if self.on else None,
            "params": dict(self.params),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Driver:
        on = data.get("on")
        return cls(
            code=str(data["code"]),
            points=int(data["points"]),
            on=Date.fromisoformat(on) if on else None,
            params=dict(data.get("params") or {}),
        )


@dataclass(frozen=True)
class PersonFeatures:
    """What an organization's score needs to know about one of its people on a day."""

    influence: int
    attitude: str
    has_envoy: bool
    in_cadence: bool
    contacted_recently: bool


@dataclass(frozen=True)
class Score:
    score: int
    band: str
    drivers: tuple[Driver, ...]
    policy_version: int


@dataclass(frozen=True)
class PersonScore(Score):
    features: PersonFeatures | None = None


def _decay(age_days: int, half_life: float) -> float:
    return float(math.pow(0.5, max(age_days, 0) / half_life))


def _signed_round(value: float, *, at_least_one: bool = False) -> int:
    """Round half away from zero; with `at_least_one`, a non-zero value is never 0."""
    rounded = int(math.copysign(math.floor(abs(value) + 0.5), value))
    if at_least_one and rounded == 0 and value != 0:
        return 1 if value > 0 else -1
    return rounded


def _iso(day: Date | None) -> str | None:
    return day.isoformat() if day else None


def value_on(changes: Iterable[Change], field_name: str, current: str, day: Date) -> str:
    """The value of `field_name` on `day`, from its dated changes (current if none after)."""
    ordered = sorted((c for c in changes if c.field == field_name), key=lambda c: c.on)
    before = [c for c in ordered if c.on <= day]
    if before:
        return before[-1].new
    return ordered[0].old or current if ordered else current


# --- person drivers ---------------------------------------------------------------------------


def _recency(facts: PersonFacts, contacts: Sequence[Contact], policy: Policy, on: Date) -> Driver:
    rules = policy["recency"]
    stage = value_on(facts.changes, "stage", facts.stage, on)
    cadence = facts.cadence_days or policy.cadence_days(influence=facts.influence, stage=stage)
    params: dict[str, Any] = {"cadence_days": cadence, "overridden": facts.cadence_days is not None}
    if not contacts:
        return Driver("recency", rules["floor"], None, {**params, "days": None})
    last = max(c.on for c in contacts)
    days = (on - last).days
    if days <= cadence:
        points = rules["in_cadence"]
    else:
        span = rules["lapsed_span"] * cadence
        fall = (rules["in_cadence"] - rules["floor"]) * (days - cadence) / span
        points = max(rules["floor"], _signed_round(rules["in_cadence"] - fall))
    return Driver("recency", points, last, {**params, "days": days})


def _frequency(contacts: Sequence[Contact], policy: Policy, on: Date) -> Driver:
    rules = policy["frequency"]
    start = on - datetime.timedelta(days=rules["window_days"])
    count = sum(1 for c in contacts if c.on > start)
    points = min(rules["cap"], count * rules["per_contact"])
    return Driver("frequency", points, None, {"count": count, "days": rules["window_days"]})


def _depth(contacts: Sequence[Contact], policy: Policy, on: Date) -> Driver:
    rules = policy["depth"]
    start = on - datetime.timedelta(days=rules["window_days"])
    weights = rules["weights"]
    total = 0.0
    deepest: Contact | None = None
    for contact in contacts:
        if contact.on <= start:
            continue
        weight = weights.get(contact.kind, 0.0)
        total += weight * _decay((on - contact.on).days, rules["half_life_days"])
        if weight > 0 and (
            deepest is None or (weight, contact.on) > (weights.get(deepest.kind, 0.0), deepest.on)
        ):
            deepest = contact
    points = min(rules["cap"], _signed_round(total * rules["points_per_weight"]))
    if deepest is None:
        return Driver("depth", 0, None, {"kind": None})
    return Driver("depth", points, deepest.on, {"kind": deepest.kind})


def _reciprocity() -> Driver:
    # Karib does not record who initiated an interaction, so this driver stays neutral
    # (docs/health.md). It is listed so clients see it was considered.
    return Driver("reciprocity", 0, None, {"recorded": False})


def _promise_points(promise: PromiseFact, policy: Policy, on: Date) -> tuple[int, str | None]:
    rules = policy["promises"]
    status = promise.status_on(on)
    if status is None or status == "withdrawn":
        return 0, None
    share = 1.0 if promise.is_direct else rules["organization_share"]
    half_life = rules["half_life_days"]
    if status == "kept":
        kept_on = promise.kept_on or on
        on_time = promise.due_date is None or kept_on <= promise.due_date
        weight = rules["kept_on_time"] if on_time else rules["kept_late"]
        value = weight * share * _decay((on - kept_on).days, half_life)
        return _signed_round(value), "kept_on_time" if on_time else "kept_late"
    if status == "broken":
        broken_on = promise.broken_on() or on
        silent = promise.is_silent_break
        weight = rules["silent_break"] if silent else rules["broken"]
        value = weight * share * _decay((on - broken_on).days, half_life)
        return _signed_round(value, at_least_one=True), "silent_break" if silent else "broken"
    if status in PENDING and promise.due_date is not None and promise.due_date < on:
        return _signed_round(rules["overdue"] * share, at_least_one=True), "overdue"
    if status == "at_risk":
        return _signed_round(rules["at_risk"] * share, at_least_one=True), "at_risk"
    return 0, None


def _silent_break_points(facts: PersonFacts, policy: Policy, on: Date) -> int:
    """What the person's silent breaks cost on `on` (zero or negative)."""
    return sum(
        points
        for points, kind in (_promise_points(p, policy, on) for p in facts.promises)
        if kind == "silent_break"
    )


def _promises(facts: PersonFacts, policy: Policy, on: Date) -> Driver:
    counts: dict[str, int] = {}
    total = 0
    worst: tuple[int, PromiseFact] | None = None
    for promise in facts.promises:
        points, kind = _promise_points(promise, policy, on)
        if kind is None:
            continue
        counts[kind] = counts.get(kind, 0) + 1
        total += points
        if worst is None or points < worst[0]:
            worst = (points, promise)
    worst_on = None
    worst_kind = None
    if worst is not None and worst[0] < 0:
        worst_kind = _promise_points(worst[1], policy, on)[1]
        worst_on = worst[1].broken_on() or worst[1].due_date
    return Driver("promises", total, worst_on, {"counts": counts, "worst": worst_kind})


def _attitude(facts: PersonFacts, policy: Policy, on: Date) -> Driver:
    rules = policy["attitude"]
    attitude = value_on(facts.changes, "attitude", facts.attitude, on)
    points = rules["levels"].get(attitude, 0)
    start = on - datetime.timedelta(days=rules["trend_window_days"])
    levels = rules["levels"]
    recent = [c for c in facts.changes if c.field == "attitude" and start < c.on <= on and c.old]
    params: dict[str, Any] = {"attitude": attitude, "previous": None, "trend": "steady"}
    changed_on = None
    if recent:
        last = max(recent, key=lambda c: c.on)
        before, after = levels.get(last.old, 0), levels.get(last.new, 0)
        if after != before:
            trend = 1 if after > before else -1
            points += trend * rules["trend_points"]
            params.update(previous=last.old, trend="up" if trend > 0 else "down")
            changed_on = last.on
    return Driver("attitude", points, changed_on, params)


def _envoy_in_contact(facts: PersonFacts, contacts: Sequence[Contact], since: Date) -> bool:
    for contact in contacts:
        if contact.on < since:
            continue
        for envoy_id, assigned_on in facts.envoys:
            if assigned_on <= contact.on and envoy_id in contact.user_ids:
                return True
    return False


def _refusal(facts: PersonFacts, contacts: Sequence[Contact], policy: Policy, on: Date) -> Driver:
    rules = policy["refusal"]
    since = facts.refusal_since
    if not facts.refuses_to_meet_owner or (since is not None and since > on):
        return Driver("refusal", 0, None, {"refuses": False})
    envoy = _envoy_in_contact(facts, contacts, since or Date.min)
    points = rules["envoy_in_contact"] if envoy else rules["refusing"]
    return Driver("refusal", points, since, {"refuses": True, "envoy_in_contact": envoy})


def _knowledge(facts: PersonFacts, policy: Policy, on: Date) -> Driver:
    rules = policy["knowledge"]
    known = sum(1 for day in facts.facts_learned if day <= on)
    dates = sum(1 for day in facts.dates_known if day <= on)
    value = known * rules["per_fact"] + dates * rules["per_date"]
    points = min(rules["cap"], _signed_round(value))
    return Driver("knowledge", points, None, {"facts": known, "dates": dates})


def _gestures(facts: PersonFacts, policy: Policy, on: Date) -> Driver:
    rules = policy["gestures"]
    given = sorted(day for day in facts.gestures if day <= on)
    value = sum(
        rules["per_gesture"] * _decay((on - day).days, rules["half_life_days"]) for day in given
    )
    points = min(rules["cap"], _signed_round(value))
    return Driver("gestures", points, given[-1] if given else None, {"count": len(given)})


def _tone(facts: PersonFacts, policy: Policy, on: Date) -> Driver:
    rules = policy["tone"]
    start = on - datetime.timedelta(days=rules["window_days"])
    value = 0.0
    flagged = count = 0
    last = None
    for conversation in facts.conversations:
        if not start < conversation.on <= on:
            continue
        count += 1
        last = max(last or conversation.on, conversation.on)
        points = 0.0
        if conversation.is_flagged:
            flagged += 1
            points += rules["flagged"]
        trend = conversation.sentiment_trend
        if trend is not None and trend <= -rules["sentiment_threshold"]:
            points += rules["negative_sentiment"]
        elif trend is not None and trend >= rules["sentiment_threshold"]:
            points += rules["positive_sentiment"]
        value += points * _decay((on - conversation.on).days, rules["half_life_days"])
    points_total = max(rules["floor"], min(rules["cap"], _signed_round(value)))
    return Driver("tone", points_total, last, {"conversations": count, "flagged": flagged})


def _has_envoy(facts: PersonFacts, on: Date) -> bool:
    return any(assigned_on <= on for _envoy, assigned_on in facts.envoys)


def score_person(facts: PersonFacts, policy: Policy, on: Date) -> PersonScore:
    """The person's health on `on`, from what had happened by the end of that day."""
    contacts = sorted((c for c in facts.contacts if c.on <= on), key=lambda c: c.on)
    drivers = (
        _recency(facts, contacts, policy, on),
        _frequency(contacts, policy, on),
        _depth(contacts, policy, on),
        _reciprocity(),
        _promises(facts, policy, on),
        _attitude(facts, policy, on),
        _refusal(facts, contacts, policy, on),
        _knowledge(facts, policy, on),
        _gestures(facts, policy, on),
        _tone(facts, policy, on),
    )
    # A silent break lowers the ceiling by what it costs, so it always bites: a relationship
    # with a promise broken without telling the customer is never at the top of the scale,
    # however much else goes well (kept promises cannot buy it back).
    ceiling = 100 + _silent_break_points(facts, policy, on)
    score = max(0, min(ceiling, policy["base"] + sum(d.points for d in drivers)))
    recency = drivers[0]
    contact_window = policy["organization"]["contact_window_days"]
    features = PersonFeatures(
        influence=facts.influence,
        attitude=str(drivers[5].params["attitude"]),
        has_envoy=_has_envoy(facts, on),
        in_cadence=recency.params["days"] is not None
        and recency.params["days"] <= recency.params["cadence_days"],
        contacted_recently=recency.params["days"] is not None
        and recency.params["days"] <= contact_window,
    )
    return PersonScore(
        score=score,
        band=policy.band(score),
        drivers=drivers,
        policy_version=policy.version,
        features=features,
    )


# --- organization drivers ---------------------------------------------------------------------


@dataclass(frozen=True)
class Stakeholder:
    """One person of the organization the viewer may see: their score and features on a day."""

    person_id: int
    score: int
    features: PersonFeatures


def _stakeholders(people: Sequence[Stakeholder], policy: Policy) -> Driver:
    rules = policy["organization"]
    weight = sum(p.features.influence for p in people)
    if not weight:
        return Driver("stakeholders", 0, None, {"people": 0, "average": None})
    average = sum(p.score * p.features.influence for p in people) / weight
    points = _signed_round(rules["stakeholders_factor"] * (average - 50))
    return Driver("stakeholders", points, None, {"people": len(people), "average": round(average)})


def _coverage(people: Sequence[Stakeholder], policy: Policy) -> Driver:
    rules = policy["organization"]
    key = [p for p in people if p.features.influence >= rules["coverage_min_influence"]]
    if not key:
        return Driver("coverage", 0, None, {"key_people": 0, "in_cadence": 0})
    covered = sum(1 for p in key if p.features.in_cadence)
    share = covered / len(key)
    points = _signed_round(rules["coverage_points"] * (2 * share - 1))
    return Driver("coverage", points, None, {"key_people": len(key), "in_cadence": covered})


def _blockers(people: Sequence[Stakeholder], policy: Policy) -> Driver:
    rules = policy["organization"]
    alone = [p for p in people if p.features.attitude == "blocker" and not p.features.has_envoy]
    points = max(rules["blockers_floor"], len(alone) * rules["blocker_without_envoy"])
    return Driver("blockers", points, None, {"count": len(alone)})


def reliability_on(
    promises: Iterable[PromiseFact], policy: Policy, on: Date
) -> tuple[int, int, int]:
    """(kept on time, due, silent breaks) over the window before `on`.

    Due: the due date fell in the window (withdrawn ones left out). A silent break always
    counts as due and not kept, even when its due date lies before the window.
    """
    window = policy["organization"]["reliability_window_days"]
    start, end = on - datetime.timedelta(days=window), on - datetime.timedelta(days=1)
    kept = due = silent = 0
    for promise in promises:
        status = promise.status_on(on)
        if status is None or status == "withdrawn":
            continue
        broken_on = promise.broken_on() if status == "broken" else None
        is_silent = status == "broken" and promise.is_silent_break
        in_window = promise.due_date is not None and start <= promise.due_date <= end
        if is_silent and broken_on is not None and start <= broken_on <= on:
            silent += 1
            due += 1
            continue
        if not in_window:
            continue
        due += 1
        if status == "kept" and promise.kept_on and promise.kept_on <= promise.due_date:  # type: ignore[operator]
            kept += 1
    return kept, due, silent


def _reliability(promises: Sequence[PromiseFact], policy: Policy, on: Date) -> Driver:
    rules = policy["organization"]
    kept, due, silent = reliability_on(promises, policy, on)
    params = {
        "kept": kept,
        "due": due,
        "silent_breaks": silent,
        "days": rules["reliability_window_days"],
    }
    if not due:
        return Driver("reliability", 0, None, params)
    ratio = kept / due
    points = _signed_round(rules["reliability_factor"] * (ratio - rules["reliability_target"]))
    points += silent * rules["silent_break"]
    return Driver("reliability", points, None, {**params, "percent": round(100 * ratio)})


def _single_threaded(people: Sequence[Stakeholder], policy: Policy) -> Driver:
    rules = policy["organization"]
    contacted = sum(1 for p in people if p.features.contacted_recently)
    points = 0
    if contacted == 1:
        points = rules["single_threaded"]
    elif contacted >= rules["multi_threaded_from"]:
        points = rules["multi_threaded"]
    return Driver(
        "single_threaded",
        points,
        None,
        {"contacted": contacted, "days": rules["contact_window_days"]},
    )


def score_organization(
    people: Sequence[Stakeholder], promises: Sequence[PromiseFact], policy: Policy, on: Date
) -> Score:
    """The organization's health on `on` from the stakeholders given (those a viewer sees)."""
    drivers = (
        _stakeholders(people, policy),
        _coverage(people, policy),
        _blockers(people, policy),
        _reliability(promises, policy, on),
        _single_threaded(people, policy),
    )
    base = policy["organization"]["base"]
    score = max(0, min(100, base + sum(d.points for d in drivers)))
    return Score(
        score=score, band=policy.band(score), drivers=drivers, policy_version=policy.version
    )
