"""``karib tone analyze`` and ``karib tone score``.

The ``karib`` console script calls ``main(sys.argv[2:])``; ``python -m karib.tone`` calls
``main()``. Errors are one line on stderr naming file and line; never a traceback.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeAlias

from karib.tone.errors import ToneInputError
from karib.tone.progress import Progress
from karib.tone.version import ENGINE_VERSION

# The engine (analysis, parsing, scoring) is imported by the sub-command that uses it, not
# here: ``--help``, ``--version`` and a usage error answer without it.
if TYPE_CHECKING:
    from karib.tone.records import Analysis, Conversation

# The input formats of ``karib.tone.sources.FORMATS`` (which imports the parsers); a test
# keeps the two equal.
FORMATS = ("text", "whatsapp", "json", "jsonl", "csv")

Item: TypeAlias = "Conversation | ToneInputError"
Rendered = tuple[str | None, str | None]  # (output, error message)
CHUNK = 512


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="karib tone", description="Tone analysis of service conversations."
    )
    parser.add_argument("--version", action="version", version=f"karib.tone {ENGINE_VERSION}")
    sub = parser.add_subparsers(dest="command", required=True)
    analyze_parser = sub.add_parser(
        "analyze", help="analyse conversation files", description="Analyse conversation files."
    )
    analyze_parser.add_argument("files", nargs="+", metavar="FILE", help="files, or - for stdin")
    analyze_parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    analyze_parser.add_argument(
        "--input-format", choices=FORMATS, default=None, help="input format (default: detected)"
    )
    analyze_parser.add_argument("--agent", metavar="NAME", help="speaker who is the agent")
    analyze_parser.add_argument("--customer", metavar="NAME", help="speaker who is the customer")
    analyze_parser.add_argument(
        "--lang", choices=("id", "en"), default="id", help="language of explanations (default: id)"
    )
    analyze_parser.add_argument(
        "--date-order",
        choices=("dmy", "mdy", "ymd"),
        default=None,
        help="WhatsApp exports: how the dates read (default: from the file; a guess when "
        "every date reads both ways)",
    )
    analyze_parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="worker processes (default: 1)"
    )
    sub.add_parser(
        "score",
        help="score utterances from stdin",
        description="Score one utterance per line of stdin; one JSON object per line out.",
    )
    return parser


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def render_text(analysis: Analysis) -> str:
    summary = analysis.summary
    lines = [
        f"== {analysis.conversation_id}  (language {analysis.language}, "
        f"score {summary.score}/100, agent politeness {summary.agent_politeness:.2f})",
        f"cancellation request: {_yes(summary.cancellation_request)}; first refusal turn: "
        f"{summary.first_refusal_turn if summary.first_refusal_turn is not None else '-'}; "
        f"retention offers: {list(summary.retention_offers)}; pushes after refusal: "
        f"{summary.pushes_after_refusal}",
        f"tone shift: {_yes(summary.tone_shift)}; courteous closure: "
        f"{_yes(summary.courteous_closure)}; customer cut off: {_yes(summary.customer_cut_off)}; "
        f"customer sentiment: {summary.customer_sentiment_trend}",
        "",
    ]
    for turn in analysis.turns:
        text = " ".join(turn.text.split())
        if turn.kind == "event":
            lines.append(f"  {turn.index:>3}        [{text}]")
            continue
        if turn.role == "agent":
            mark = "+" if turn.politeness >= 0.65 else "-" if turn.politeness < 0.45 else "="
            head = f"{mark} {turn.politeness:.2f}"
        else:
            head = "      "
        acts = f"  <{', '.join(turn.acts)}>" if turn.acts else ""
        lines.append(f"  {turn.index:>3} {head} {turn.role[:4]:4} {turn.speaker}: {text}{acts}")
    if analysis.findings:
        lines.append("")
        lines.append("findings:")
        for finding in analysis.findings:
            turns = ", ".join(str(t) for t in finding.turns)
            lines.append(
                f"  [{finding.severity}] {finding.code} (turns {turns}): {finding.explanation}"
            )
            lines.extend(f'      "{evidence}"' for evidence in finding.evidence)
    return "\n".join(lines) + "\n"


def _render(job: tuple[Item, str, str]) -> Rendered:
    item, lang, output = job
    if isinstance(item, ToneInputError):
        return None, str(item)
    from karib.tone.analysis import analyze

    try:
        analysis = analyze(item, lang=lang)
    except Exception as exc:
        return None, f"{item.source or '<input>'}: {item.conversation_id}: analysis failed: {exc}"
    if output == "json":
        return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2), None
    return render_text(analysis), None


def _items(args: argparse.Namespace) -> Iterator[Item]:
    from karib.tone.parsing import is_batch, iter_conversations, parse

    date_order = getattr(args, "date_order", None)
    for file in args.files:
        if file == "-" or (date_order and not is_batch(file, args.input_format)):
            # a single document (WhatsApp: the date order given, if any) parsed whole
            try:
                yield from parse(
                    sys.stdin.buffer.read() if file == "-" else Path(file),
                    fmt=args.input_format,
                    agent=args.agent,
                    customer=args.customer,
                    name="<stdin>" if file == "-" else file,
                    date_order=date_order,
                )
            except ToneInputError as error:
                yield error
            continue
        yield from iter_conversations(
            file, fmt=args.input_format, agent=args.agent, customer=args.customer
        )


def _rendered(jobs: Iterable[tuple[Item, str, str]], workers: int) -> Iterator[Rendered]:
    if workers <= 1:
        yield from map(_render, jobs)
        return
    import multiprocessing

    iterator = iter(jobs)
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        while chunk := list(itertools.islice(iterator, CHUNK * workers)):
            yield from pool.imap(_render, chunk, chunksize=16)


def run_analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from karib.tone.parsing import is_batch

    failed = 0
    progress = Progress("conversations", err)
    jobs = ((item, args.lang, args.format) for item in _items(args))
    held: str | None = None
    count = 0
    # JSON shape: a list whenever several files are given or a file is a batch (JSONL, CSV,
    # a JSON array); a single object only for one single-conversation file.
    as_list = args.format == "json" and (
        len(args.files) > 1 or any(f != "-" and is_batch(f, args.input_format) for f in args.files)
    )
    if as_list:
        out.write("[")
    for output, error in _rendered(jobs, max(1, args.jobs)):
        progress.advance()
        if error is not None:
            failed += 1
            if progress.enabled:
                err.write("\n")
            err.write(f"error: {error}\n")
            continue
        assert output is not None  # noqa: S101 - _render returns output when no error
        count += 1
        if args.format == "text":
            out.write(output + "\n")
        elif as_list:
            out.write(("\n" if count == 1 else ",\n") + output)
        elif count == 1:
            held = output
        else:
            if held is not None:
                out.write("[\n" + held)
                held = None
            out.write(",\n" + output)
    progress.close()
    if as_list:
        out.write("\n]\n" if count else "]\n")
    elif args.format == "json":
        if held is not None:
            out.write(held + "\n")
        elif count > 1:
            out.write("\n]\n")
        elif count == 0:
            out.write("[]\n")
    if failed:
        err.write(f"error: {failed} conversation(s) failed, {count} analysed\n")
        return 1
    return 0


def run_score(out: TextIO, err: TextIO) -> int:
    from karib.tone.scoring import score_utterance

    failed = 0
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            err.write(f"error: <stdin>:{number}: not UTF-8 text, line skipped\n")
            failed += 1
            continue
        out.write(json.dumps(score_utterance(text).to_dict(), ensure_ascii=False) + "\n")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "analyze":
            if args.jobs < 1:
                parser.error("--jobs must be at least 1")
            return run_analyze(args, sys.stdout, sys.stderr)
        return run_score(sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
