"""Cross-validated figures of the curt-turn model (karib.tone.curtmodel) beside the rules.

    PYTHONPATH=src python bench/curt_cv.py [--held-out-totals]

Reproduces the table of the curt model's docs section. Tuning share only: every agent turn
is scored by a model that never saw its group (leave one written part out, each part had
its own writer; 5 hash folds of the Taskmaster-4/ABCD rows; IndoSMD is never trained on),
with the Platt scaling fitted on those out-of-fold scores (scripts/train_curt.py).

Conversation level, per left-out part: the rule engine's ``curt_language`` (from
``karib.tone.analyze``) against "rules OR some agent turn with probability >= t", and the
engine's ``tone_shift`` against "rules OR some flagged agent turn that follows an earlier
unflagged agent message". The threshold t is chosen on the pooled out-of-fold figures
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import train_curt  # noqa: E402
from karib.tone import analyze  # noqa: E402
from tone_eval import DEVSET, Case, load  # noqa: E402

GRID = [round(0.05 * i, 2) for i in range(4, 20)] + [0.97, 0.99]
TARGET = 0.95


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


def _agent_turns(case: Case) -> list[int]:
    return [
        i
        for i, t in enumerate(case.conversation.turns)
        if t.role == "agent" and t.kind == "message"
    ]


def model_flags(case: Case, prob: dict[int, float], t: float) -> tuple[bool, bool]:
    """(some agent turn >= t, some flagged agent turn after an earlier unflagged one)."""
    curt = shift = False
    seen_plain = False
    for i in _agent_turns(case):
        if prob[i] >= t:
            curt = True
            shift = shift or seen_plain
        else:
            seen_plain = True
    return curt, shift


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


def conversation_tables(
    cases: list[Case],
    found: dict[str, frozenset[str]],
    probs: dict[str, dict[int, float]],
    t: float,
    per_part: bool,
) -> tuple[Tally, Tally]:
    curt_parts: dict[str, Tally] = defaultdict(Tally)
    shift_parts: dict[str, Tally] = defaultdict(Tally)
    for case in cases:
        part = train_curt.group_of(case).split("-")[0]
        m_curt, m_shift = model_flags(case, probs[case.case_id], t)
        rules = found[case.case_id]
        curt_parts[part].add(
            "curt_language" in case.findings,
            {
                "rules": "curt_language" in rules,
                "model": m_curt,
                "both": "curt_language" in rules or m_curt,
            },
        )
        shift_parts[part].add(
            "tone_shift" in case.findings,
            {
                "rules": "tone_shift" in rules,
                "model": m_shift,
                "both": "tone_shift" in rules or m_shift,
            },
        )
    total_c, total_s = Tally(), Tally()
    for tally_map, total in ((curt_parts, total_c), (shift_parts, total_s)):
        for tally in tally_map.values():
            total.n += tally.n
            total.pos += tally.pos
            for name in ("rules", "model", "both"):
                total.tp[name] += tally.tp[name]
                total.fp[name] += tally.fp[name]
    if per_part:
        print(f"\nconversation level at t={t:.2f}, precision / recall (true+false positives)")
        print(
            "| part | convs | curt_language | rules | model alone | rules OR model "
            "| tone_shift | rules | model-shift alone | rules OR model-shift |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for part, c in [*sorted(curt_parts.items()), ("all", total_c)]:
            s = shift_parts[part] if part != "all" else total_s
            print(
                f"| {part} | {c.n} | {c.pos} | {c.cell('rules')} | {c.cell('model')} "
                f"| {c.cell('both')} | {s.pos} | {s.cell('rules')} | {s.cell('model')} "
                f"| {s.cell('both')} |"
            )
    return total_c, total_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out-totals", action="store_true")
    args = parser.parse_args()
    cases, data, flat, model = train_curt.cross_validate()
    train_curt.turn_table(data, flat, train_curt.THRESHOLDS)
    probs: dict[str, dict[int, float]] = defaultdict(dict)
    for (case_id, turn), p in flat.items():
        probs[case_id][turn] = p
    found = {c.case_id: frozenset(f.code for f in analyze(c.conversation).findings) for c in cases}

    print("\npooled out-of-fold, conversation level, curt_language (rules OR model >= t)")
    print("| t | precision | recall | tp | fp | tone_shift P | tone_shift R |")
    print("|---|---|---|---|---|---|---|")
    chosen = None
    best: tuple[int, float, float] = (-1, 0.0, 0.0)
    for t in GRID:
        c, s = conversation_tables(cases, found, probs, t, per_part=False)
        tp, fp = c.tp["both"], c.fp["both"]
        if tp + fp and tp / (tp + fp) >= TARGET and (tp, tp / (tp + fp), t) >= best:
            best, chosen = (tp, tp / (tp + fp), t), t
        print(
            f"| {t:.2f} | {_ratio(tp, tp + fp)} | {_ratio(tp, c.pos)} | {tp} | {fp} | "
            f"{_ratio(s.tp['both'], s.tp['both'] + s.fp['both'])} | "
            f"{_ratio(s.tp['both'], s.pos)} |"
        )
    c, _ = conversation_tables(cases, found, probs, 1.01, per_part=False)
    print(
        f"| rules only | {_ratio(c.tp['rules'], c.tp['rules'] + c.fp['rules'])} | "
        f"{_ratio(c.tp['rules'], c.pos)} | {c.tp['rules']} | {c.fp['rules']} | | |"
    )
    if chosen is None:
        print(f"\nno threshold reaches pooled precision {TARGET}")
        chosen = GRID[-1]
    print(
        f"\nchosen t = {chosen:.2f} (highest pooled recall with curt_language precision "
        f">= {TARGET}; ties to higher precision, then higher t)"
    )
    conversation_tables(cases, found, probs, chosen, per_part=True)

    # false alarms on the public rows at t (all labelled without curt findings)
    for name, prefix in (
        ("Taskmaster-4/ABCD (out of fold)", ("tm4", "abcd")),
        ("IndoSMD (never trained)", ("indosmd",)),
    ):
        rows = [c for c in cases if c.case_id.startswith(prefix)]
        flagged = sum(model_flags(c, probs[c.case_id], chosen)[0] for c in rows)
        turns = sum(len(_agent_turns(c)) for c in rows)
        hot = sum(1 for c in rows for i in _agent_turns(c) if probs[c.case_id][i] >= chosen)
        print(
            f"public {name}: {flagged}/{len(rows)} conversations, {hot}/{turns} agent turns flagged"
        )

    if args.held_out_totals:
        held = [c for c in load(DEVSET) if c.part == "held_out"]
        hp: dict[str, dict[int, float]] = {}
        for case in held:
            hp[case.case_id] = {}
            for i in _agent_turns(case):
                hp[case.case_id][i] = model.probability(case.conversation.turns[i].text)
        hfound = {
            c.case_id: frozenset(f.code for f in analyze(c.conversation).findings) for c in held
        }
        hc, hs = conversation_tables(held, hfound, hp, chosen, per_part=False)
        print(
            f"\nheld out (shipped model, t={chosen:.2f}), totals only, {len(held)} conversations:"
        )
        for name, tally in (("curt_language", hc), ("tone_shift", hs)):
            print(
                f"  {name}: rules {tally.cell('rules')}; model alone {tally.cell('model')}; "
                f"rules OR model {tally.cell('both')}"
            )


if __name__ == "__main__":
    main()
