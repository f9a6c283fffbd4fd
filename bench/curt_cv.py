"""Cross-validated figures of the curt-turn model (karib.tone.curtmodel) beside the rules.

    PYTHONPATH=src python bench/curt_cv.py [--held-out-totals]

Reproduces the table of the curt model's docs section. Tuning share only: every agent turn
is scored by a model that never saw its group (leave one written part out, each part had
its own writer; 5 hash folds of the Taskmaster-4/ABCD rows; IndoSMD is never trained on),
with the Platt scaling fitted on those out-of-fold scores (scripts/train_curt.py).

Conversation level, per left-out part, measuring the SHIPPED behaviour: each conversation is
analysed once with the model switched off (the rules alone, ``karib.tone.analyze``), its
``detectors.Context`` kept, and the detectors' own filter ``learned_curt_turns`` is then run
on that context with the out-of-fold probabilities and threshold t (so the exemptions of the
engine apply: ``not_dismissing``, bare commands, "ya sudah"-type openings). Figures:
``curt_language`` of the rules against "rules OR some turn of learned_curt_turns"; and
``tone_shift`` of the rules against two model-fed shift rules (neither is wired): "model
shift" = a learned turn after an earlier courteous agent turn or after the customer's first
refusal, with no curt agent turn (rule or model) before it; "loose shift" (the earlier
helper's) = a learned turn after an earlier agent message that is neither.
The threshold t is chosen on the pooled out-of-fold figures
(all parts together, not picked by any one): among the grid values where rules-or-model
reaches precision 0.95 on curt_language, the one with the highest recall, then the highest
precision, then the highest t. ``--held-out-totals`` then prints, for the shipped model at
that t, only the held-out totals (no conversation, no error list).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import train_curt  # noqa: E402
from karib.tone import analysis, detectors  # noqa: E402
from karib.tone.curtmodel import CurtModel, load_model  # noqa: E402
from karib.tone.detectors import Context, learned_curt_turns  # noqa: E402
from tone_eval import DEVSET, Case, load  # noqa: E402

# the engine's modules, patched in place below (switching the model off, feeding it the
# out-of-fold probabilities): typed loosely for that
ANALYSIS: Any = analysis
DETECTORS: Any = detectors
GRID = [round(0.05 * i, 2) for i in range(4, 20)] + [0.97, 0.98, 0.99]
TARGET = 0.95


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def _agent_turns(case: Case) -> list[int]:
    return [
        i
        for i, t in enumerate(case.conversation.turns)
        if t.role == "agent" and t.kind == "message"
    ]


def rules_context(case: Case) -> tuple[frozenset[str], Context]:
    """The rules' findings (the learned model switched off) and the detectors' context."""
    kept: list[Context] = []
    detect_all = ANALYSIS.detect_all

    def keep(context: Context) -> Any:
        kept.append(context)
        return detect_all(context)

    threshold = DETECTORS.CURT_MODEL_THRESHOLD
    ANALYSIS.detect_all = keep
    DETECTORS.CURT_MODEL_THRESHOLD = 2.0  # rules alone
    try:
        found = ANALYSIS.analyze(case.conversation)
    finally:
        ANALYSIS.detect_all = detect_all
        DETECTORS.CURT_MODEL_THRESHOLD = threshold
    return frozenset(f.code for f in found.findings), kept[0]


def learned(context: Context, prob: dict[int, float], t: float) -> list[int]:
    """The indexes ``detectors.learned_curt_turns`` returns for this context with the
    given (out-of-fold) probabilities at threshold t: the engine's exemptions apply."""
    by_text = {context.item(i).text: p for i, p in prob.items()}
    probability, threshold = DETECTORS.curt_probability, DETECTORS.CURT_MODEL_THRESHOLD
    DETECTORS.curt_probability = by_text.__getitem__
    DETECTORS.CURT_MODEL_THRESHOLD = t
    try:
        return [i.index for i in learned_curt_turns(context)]
    finally:
        DETECTORS.curt_probability, DETECTORS.CURT_MODEL_THRESHOLD = probability, threshold


def _rule_curt(context: Context, index: int) -> bool:
    return index not in context.not_dismissing and any(
        m.label in detectors.CURT_ACT_LABELS for m in context.item(index).markers
    )


def _courteous(context: Context, index: int) -> bool:
    item = context.item(index)
    return (
        any(
            m.label in analysis.COURTESY_LABELS or (m.kind == "polite" and m.label != "address")
            for m in item.markers
        )
        or analysis._FRIENDLY_EMOJI_RE.search(item.text) is not None
    )


def model_shift(context: Context, flagged: list[int]) -> bool:
    """A learned curt turn after an earlier courteous agent turn, or after the customer's
    first refusal, with no curt agent turn (rule or model) before it."""
    hot = set(flagged)
    courteous = False
    for item in context.agent_items:
        i = item.index
        if i in hot:
            refused = context.first_refusal is not None and i > context.first_refusal
            return courteous or refused
        if _rule_curt(context, i):
            return False
        courteous = courteous or _courteous(context, i)
    return False


def loose_shift(context: Context, flagged: list[int]) -> bool:
    """The earlier helper's reading: a learned turn after an earlier agent message that is
    neither learned nor curt by the rules."""
    hot = set(flagged)
    plain = False
    for item in context.agent_items:
        if item.index in hot and plain:
            return True
        plain = plain or (item.index not in hot and not _rule_curt(context, item.index))
    return False


class Tally:
    def __init__(self) -> None:
        self.n = self.pos = 0
        self.tp: dict[str, int] = defaultdict(int)
        self.fp: dict[str, int] = defaultdict(int)

    def add(self, labelled: bool, raised: dict[str, bool]) -> None:
        self.n += 1
        self.pos += labelled
        for name, flag in raised.items():
            if flag and labelled:
                self.tp[name] += 1
            elif flag:
                self.fp[name] += 1

    def cell(self, name: str) -> str:
        tp, fp = self.tp[name], self.fp[name]
        return f"{_ratio(tp, tp + fp)} / {_ratio(tp, self.pos)} ({tp}+{fp}fp)"


Rules = dict[str, tuple[frozenset[str], Context]]
NAMES = ("rules", "model", "both", "shift", "loose")


def flags(
    context: Context, prob: dict[int, float], t: float, exempt: bool
) -> tuple[list[int], bool, bool]:
    """Flagged turns (through the engine's filter unless ``exempt`` is False), model shift,
    loose shift."""
    if exempt:
        hot = learned(context, prob, t)
    else:
        hot = [i for i, p in sorted(prob.items()) if p >= t and context.item(i).text.strip()]
    return hot, model_shift(context, hot), loose_shift(context, hot)


def conversation_tables(
    cases: list[Case],
    rules: Rules,
    probs: dict[str, dict[int, float]],
    t: float,
    per_part: bool,
    exempt: bool = True,
) -> tuple[Tally, Tally]:
    curt_parts: dict[str, Tally] = defaultdict(Tally)
    shift_parts: dict[str, Tally] = defaultdict(Tally)
    for case in cases:
        part = train_curt.group_of(case).split("-")[0]
        found, context = rules[case.case_id]
        hot, m_shift, l_shift = flags(context, probs[case.case_id], t, exempt)
        curt_parts[part].add(
            "curt_language" in case.findings,
            {
                "rules": "curt_language" in found,
                "model": bool(hot),
                "both": "curt_language" in found or bool(hot),
            },
        )
        shift_parts[part].add(
            "tone_shift" in case.findings,
            {
                "rules": "tone_shift" in found,
                "shift": "tone_shift" in found or m_shift,
                "loose": "tone_shift" in found or l_shift,
            },
        )
    total_c, total_s = Tally(), Tally()
    for tally_map, total in ((curt_parts, total_c), (shift_parts, total_s)):
        for tally in tally_map.values():
            total.n += tally.n
            total.pos += tally.pos
            for name in NAMES:
                total.tp[name] += tally.tp[name]
                total.fp[name] += tally.fp[name]
    if per_part:
        print(f"\nconversation level at t={t:.2f}, precision / recall (true+false positives)")
        print(
            "| part | convs | curt_language | rules | model alone | rules OR model "
            "| tone_shift | rules | rules OR model shift | rules OR loose shift |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for part, c in [*sorted(curt_parts.items()), ("all", total_c)]:
            s = shift_parts[part] if part != "all" else total_s
            print(
                f"| {part} | {c.n} | {c.pos} | {c.cell('rules')} | {c.cell('model')} "
                f"| {c.cell('both')} | {s.pos} | {s.cell('rules')} | {s.cell('shift')} "
                f"| {s.cell('loose')} |"
            )
    return total_c, total_s


def turn_table_by_part(
    data: list[train_curt.Example], probs: dict[tuple[str, int], float], thresholds: list[float]
) -> None:
    """Turn-level precision / recall per written part (one writer each) and for the public
    rows pooled, out of fold; unsure turns and IndoSMD left out."""
    rows = [e for e in train_curt._devset(data) if e.label != "unsure" and e.group != "indosmd"]
    parts: dict[str, list[train_curt.Example]] = defaultdict(list)
    for e in rows:
        parts[e.group.split("-")[0].removeprefix("written_")].append(e)
    print("\nturn level per part, out of fold: precision / recall (true+false positives)")
    print("| part | curt | not curt | " + " | ".join(f"t={t:.2f}" for t in thresholds) + " |")
    print("|---|---|---|" + "---|" * len(thresholds))
    for part, exs in [*sorted(parts.items()), ("all", rows)]:
        pos = sum(e.y for e in exs)
        cells = []
        for t in thresholds:
            tp = sum(1 for e in exs if e.y and probs[e.case_id, e.turn] >= t)
            fp = sum(1 for e in exs if not e.y and probs[e.case_id, e.turn] >= t)
            cells.append(f"{_ratio(tp, tp + fp)} / {_ratio(tp, pos)} ({tp}+{fp})")
        print(f"| {part} | {pos} | {len(exs) - pos} | " + " | ".join(cells) + " |")


def agent_probs(case: Case, model: CurtModel) -> dict[int, float]:
    turns = case.conversation.turns
    return {i: model.probability(turns[i].text) for i in _agent_turns(case)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out-totals", action="store_true")
    parser.add_argument(
        "--no-exemptions",
        action="store_true",
        help="flag every agent turn >= t (the raw model, without the engine's exemptions)",
    )
    parser.add_argument(
        "--with-test-strings",
        action="store_true",
        help="also train on the precision tests' strings (scripts/train_curt.py)",
    )
    parser.add_argument(
        "--shipped",
        action="store_true",
        help="score every turn with the shipped weights instead of out of fold (in-sample on "
        "the parts they were trained on: only a part after them is a fair check)",
    )
    parser.add_argument(
        "--per-part",
        type=float,
        nargs="*",
        default=[],
        help="also print the per-part table at these thresholds",
    )
    train_curt.recipe_arguments(parser)
    args = parser.parse_args()
    exempt = not args.no_exemptions
    cases, data, flat, model = train_curt.cross_validate(
        args.with_test_strings, train_curt.recipe_of(args)
    )
    if args.shipped:
        shipped = load_model()
        flat = {(e.case_id, e.turn): shipped.probability(e.text) for e in data}
        model = shipped
        print("\nSHIPPED WEIGHTS (not out of fold)")
    train_curt.turn_table(data, flat, train_curt.THRESHOLDS)
    turn_table_by_part(data, flat, sorted({0.9, 0.95, 0.97, 0.98, 0.99, *args.per_part}))
    probs: dict[str, dict[int, float]] = defaultdict(dict)
    for (case_id, turn), p in flat.items():
        probs[case_id][turn] = p
    rules = {c.case_id: rules_context(c) for c in cases}
    mode = "through detectors.learned_curt_turns" if exempt else "raw model, no exemptions"
    print(f"\npooled out-of-fold, conversation level ({mode}); rules OR model >= t")
    print(
        "| t | curt_language P | R | tp | fp | tone_shift (model shift) P | R | tp | fp "
        "| tone_shift (loose shift) P | R | fp |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    chosen = None
    best: tuple[int, float, float] = (-1, 0.0, 0.0)
    for t in GRID:
        c, s = conversation_tables(cases, rules, probs, t, per_part=False, exempt=exempt)
        tp, fp = c.tp["both"], c.fp["both"]
        if tp + fp and tp / (tp + fp) >= TARGET and (tp, tp / (tp + fp), t) >= best:
            best, chosen = (tp, tp / (tp + fp), t), t
        stp, sfp, ltp, lfp = s.tp["shift"], s.fp["shift"], s.tp["loose"], s.fp["loose"]
        print(
            f"| {t:.2f} | {_ratio(tp, tp + fp)} | {_ratio(tp, c.pos)} | {tp} | {fp} "
            f"| {_ratio(stp, stp + sfp)} | {_ratio(stp, s.pos)} | {stp} | {sfp} "
            f"| {_ratio(ltp, ltp + lfp)} | {_ratio(ltp, s.pos)} | {lfp} |"
        )
    c, s = conversation_tables(cases, rules, probs, 2.0, per_part=False, exempt=exempt)
    print(
        f"| rules only | {_ratio(c.tp['rules'], c.tp['rules'] + c.fp['rules'])} | "
        f"{_ratio(c.tp['rules'], c.pos)} | {c.tp['rules']} | {c.fp['rules']} "
        f"| {_ratio(s.tp['rules'], s.tp['rules'] + s.fp['rules'])} | "
        f"{_ratio(s.tp['rules'], s.pos)} | {s.tp['rules']} | {s.fp['rules']} | | | |"
    )
    if chosen is None:
        print(f"\nno threshold reaches pooled precision {TARGET}")
        chosen = GRID[-1]
    print(
        f"\nbest t = {chosen:.2f} (highest pooled recall with curt_language precision "
        f">= {TARGET}; ties to higher precision, then higher t); shipped "
        f"CURT_MODEL_THRESHOLD = {detectors.CURT_MODEL_THRESHOLD:.2f}"
    )
    for t in sorted({chosen, detectors.CURT_MODEL_THRESHOLD, *args.per_part}):
        conversation_tables(cases, rules, probs, t, per_part=True, exempt=exempt)

    # false alarms on the public rows (all labelled without curt findings)
    t = detectors.CURT_MODEL_THRESHOLD
    for name, prefix in (
        ("Taskmaster-4/ABCD (out of fold)", ("tm4", "abcd")),
        ("IndoSMD (never trained)", ("indosmd",)),
    ):
        rows = [c for c in cases if c.case_id.startswith(prefix)]
        got = [flags(rules[c.case_id][1], probs[c.case_id], t, exempt) for c in rows]
        print(
            f"public {name} at t={t:.2f}: curt_language {sum(bool(h) for h, _, _ in got)}"
            f"/{len(rows)} conversations ({sum(len(h) for h, _, _ in got)} turns), "
            f"model shift {sum(m for _, m, _ in got)}, loose shift {sum(x for _, _, x in got)}"
        )

    # the precision tests' strings, scored by a model that never saw them (out of fold when
    # trained on, else the final model); raw probabilities, no engine exemptions
    if args.with_test_strings:
        strings = [(e.label, flat[e.case_id, e.turn]) for e in data if e.group.startswith("tests-")]
    else:
        strings = [(e.label, model.probability(e.text)) for e in train_curt.test_string_examples()]
    for label in ("curt", "not_curt"):
        scored = [p for lab, p in strings if lab == label]
        print(
            f"precision-test strings, {label}: {len(scored)}; >= 0.85: "
            f"{sum(p >= 0.85 for p in scored)}, >= {t:.2f}: {sum(p >= t for p in scored)}"
        )

    if args.held_out_totals:
        held = [c for c in load(DEVSET) if c.part == "held_out" and train_curt.known(c)]
        hrules = {c.case_id: rules_context(c) for c in held}
        for name, scorer in (("retrained here", model), ("shipped file", load_model())):
            hp = {c.case_id: agent_probs(c, scorer) for c in held}
            hc, hs = conversation_tables(held, hrules, hp, t, per_part=False, exempt=exempt)
            print(f"\nheld out ({name} model, t={t:.2f}), totals only, {len(held)} conversations:")
            print(
                f"  curt_language: rules {hc.cell('rules')}; model alone {hc.cell('model')}; "
                f"rules OR model {hc.cell('both')}"
            )
            print(
                f"  tone_shift: rules {hs.cell('rules')}; rules OR model shift "
                f"{hs.cell('shift')}; rules OR loose shift {hs.cell('loose')}"
            )


if __name__ == "__main__":
    main()
