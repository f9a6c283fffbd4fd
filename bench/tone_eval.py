"""Precision and recall of karib.tone's findings on the labelled development set.

    PYTHONPATH=src python bench/tone_eval.py [--devset DIR] [--show-errors] [--part tuning]
        [--markdown] [--min-confidence 0.7] [--file written_j]

The set (tests/tone/devset/, labelling definitions in docs/tone.md) holds public
conversations (``public.jsonl``: Taskmaster-4, CC BY 4.0; ABCD samples, MIT; IndoSMD of
IndoToD, CC BY-SA 4.0; sources in ``devset/NOTICE``) and written ones
(``written_*.txt``). Each conversation is in the *tuning* or the *held-out* part by a hash
of its id with a fixed seed (30 % held out), decided before the engine ran on the set;
tuning decisions look at the tuning part only. Prints, per part: per-finding precision and
recall, the conversation-state accuracy, and the share of conversations whose findings are
exactly the labelled ones. ``--file`` keeps the conversations of one file of the set (its
name without the suffix: ``public``, ``written_j``), e.g. to report a new part's shares.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from karib.tone import FINDING_CODES, Conversation, Turn, analyze, parse
from karib.tone.records import Role, TurnKind

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "tone" / "devset"
SPLIT_SEED = "karib-tone-2.0-devset"
HELD_OUT_SHARE = 30  # percent


@dataclass(frozen=True)
class Case:
    case_id: str
    source: str
    conversation: Conversation
    state: str
    findings: frozenset[str]
    file: str = ""

    @property
    def part(self) -> str:
        digest = hashlib.sha256(f"{SPLIT_SEED}:{self.case_id}".encode()).digest()
        return "held_out" if int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_SHARE else "tuning"


def _public(path: Path) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        turns = []
        for index, turn in enumerate(row["turns"]):
            role: Role = turn["role"]
            kind: TurnKind = "event" if role == "system" else "message"
            turns.append(Turn(index, turn["speaker"], role, turn["text"], kind=kind))
        labels = row["labels"]
        cases.append(
            Case(
                row["id"],
                "public",
                Conversation(row["id"], tuple(turns)),
                labels["state"],
                frozenset(labels["findings"]),
                path.stem,
            )
        )
    return cases


def _written(path: Path) -> list[Case]:
    cases = []
    blocks = path.read_text(encoding="utf-8").split("\n### ")[1:]
    for block in blocks:
        header, _, body = block.partition("\n")
        fields = [f.strip() for f in header.split("|")]
        case_id = fields[0]
        options = dict(f.split("=", 1) for f in fields[1:])
        document = body.strip() + "\n"
        conversation = parse(
            document,
            fmt=options.get("format", "text"),
            name=case_id,
            agent=options.get("agent") or None,
        )[0]
        findings = frozenset(c for c in options.get("findings", "").split(",") if c)
        unknown = findings - set(FINDING_CODES)
        if unknown:
            raise SystemExit(f"{path.name}: {case_id}: unknown finding codes {sorted(unknown)}")
        cases.append(Case(case_id, "written", conversation, options["state"], findings, path.stem))
    return cases


def load(devset: Path) -> list[Case]:
    cases = _public(devset / "public.jsonl")
    for path in sorted(devset.glob("written_*.txt")):
        cases.extend(_written(path))
    ids = Counter(c.case_id for c in cases)
    repeated = [i for i, n in ids.items() if n > 1]
    if repeated:
        raise SystemExit(f"repeated conversation ids: {repeated}")
    return cases


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "  -  "


@dataclass
class Figures:
    """Counts of one part: per finding true/false positives and misses, states, exact."""

    name: str
    cases: int
    public: int
    written: int
    true_pos: Counter[str]
    false_pos: Counter[str]
    false_neg: Counter[str]
    state_right: int
    exact: int
    exact_public: int
    errors: list[tuple[Case, frozenset[str], str]]


def evaluate(name: str, cases: list[Case], min_confidence: float = 0.0) -> Figures:
    """Findings below ``min_confidence`` count as not raised (the app's threshold)."""
    figures = Figures(name, len(cases), 0, 0, Counter(), Counter(), Counter(), 0, 0, 0, [])
    for case in cases:
        result = analyze(case.conversation)
        found = frozenset(f.code for f in result.findings if f.confidence >= min_confidence)
        for code in FINDING_CODES:
            if code in found and code in case.findings:
                figures.true_pos[code] += 1
            elif code in found:
                figures.false_pos[code] += 1
            elif code in case.findings:
                figures.false_neg[code] += 1
        state = result.summary.conversation_state
        figures.state_right += state == case.state
        public = case.source == "public"
        figures.public += public
        figures.written += not public
        if found == case.findings:
            figures.exact += 1
            figures.exact_public += public
        if found != case.findings or state != case.state:
            figures.errors.append((case, found, state))
    return figures


def _rows(figures: Figures) -> list[tuple[str, int, int, str, str]]:
    rows = []
    for code in FINDING_CODES:
        tp, fp, fn = figures.true_pos[code], figures.false_pos[code], figures.false_neg[code]
        rows.append((code, tp + fn, tp + fp, _ratio(tp, tp + fp), _ratio(tp, tp + fn)))
    tp = sum(figures.true_pos.values())
    fp = sum(figures.false_pos.values())
    fn = sum(figures.false_neg.values())
    rows.append(("all findings", tp + fn, tp + fp, _ratio(tp, tp + fp), _ratio(tp, tp + fn)))
    return rows


def report(figures: Figures, show_errors: bool) -> None:
    n = figures.cases
    print(
        f"\n== {figures.name}: {n} conversations "
        f"({figures.public} public, {figures.written} written)"
    )
    print(f"{'finding':<22} {'labelled':>8} {'found':>6} {'precision':>9} {'recall':>7}")
    for code, labelled, raised, precision, recall in _rows(figures):
        print(f"{code:<22} {labelled:>8} {raised:>6} {precision:>9} {recall:>7}")
    print(f"conversation state right: {_ratio(figures.state_right, n)} ({figures.state_right}/{n})")
    print(f"exactly the right findings: {_ratio(figures.exact, n)} ({figures.exact}/{n})")
    if show_errors:
        for case, found, state in figures.errors:
            print(
                f"  {case.case_id}: labelled {sorted(case.findings)} {case.state}; "
                f"found {sorted(found)} {state}"
            )


def report_markdown(parts: list[Figures]) -> None:
    """The figures as markdown tables (support = labelled findings), for docs and notes."""
    print("| part | finding | support | found | precision | recall |")
    print("|---|---|---|---|---|---|")
    for figures in parts:
        for code, labelled, found, precision, recall in _rows(figures):
            print(f"| {figures.name} | {code} | {labelled} | {found} | {precision} | {recall} |")
    print()
    print(
        "| part | conversations (public / written) | exactly right | of them public | state right |"
    )
    print("|---|---|---|---|---|")
    for f in parts:
        print(
            f"| {f.name} | {f.cases} ({f.public} / {f.written}) | "
            f"{_ratio(f.exact, f.cases)} ({f.exact}/{f.cases}) | "
            f"{_ratio(f.exact_public, f.public)} ({f.exact_public}/{f.public}) | "
            f"{_ratio(f.state_right, f.cases)} ({f.state_right}/{f.cases}) |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--show-errors", action="store_true", help="tuning part only")
    parser.add_argument("--part", choices=("tuning", "held_out", "both"), default="both")
    parser.add_argument("--markdown", action="store_true", help="print markdown tables")
    parser.add_argument(
        "--min-confidence", type=float, default=0.0, help="hide findings below (app threshold)"
    )
    parser.add_argument("--file", help="only the conversations of this file (e.g. written_j)")
    args = parser.parse_args()
    cases = load(args.devset)
    if args.file:
        cases = [c for c in cases if c.file == args.file]
    parts = [
        evaluate(part, [c for c in cases if c.part == part], args.min_confidence)
        for part in ("tuning", "held_out")
        if args.part in (part, "both")
    ]
    if args.markdown:
        report_markdown(parts)
        return
    chosen = f" of {args.file}" if args.file else ""
    print(f"development set{chosen}: {len(cases)} conversations, split seed {SPLIT_SEED!r}")
    for figures in parts:
        report(figures, args.show_errors and figures.name == "tuning")


if __name__ == "__main__":
    main()
