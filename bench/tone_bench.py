"""Throughput of karib.tone on one core, beside a regex-only baseline.

    PYTHONPATH=src python bench/tone_bench.py [--quick]

Generates deterministic utterances and conversations (seeded), then prints utterances/s,
conversations/s and peak traced memory. No assertions on time.

The synthetic utterances repeat a small vocabulary, so the per-token caches are hot after a
few hundred texts. Beside them the bench measures a realistic corpus: the SmSA valid texts
(../shared/data, or --data) cut into chat-length turns (at most 20 words, split at sentence
ends), scored once with every per-token cache reset to its fresh-process state (cold: only
the token rows and normalisations shipped with the model are known) and once more (warm).
The normalised vocabulary size of each corpus is printed: it is what the caches have to
hold.

Against VADER (vaderSentiment, an optional bench dependency), on the SmSA valid texts whole:

- warm: the best of several passes in this process, both sides alternating;
- cold first pass: one pass right after every per-token cache is reset. The marker and
  phrase dispatch tables are built on first use (not at import); they are built before this
  pass, and the time that takes is printed on its own line;
- fresh process: a new interpreter per side that imports the engine, loads its model and
  scores every text once, timed whole from outside (wall and CPU of the child, interpreter
  start included); karib pays here for its import, its model load and the dispatch tables'
  build, VADER for its import and lexicon load. The children import the ``src`` beside this
  script unless ``--src`` names another one (to compare trees).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import random
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from karib.tone import (
    Conversation,
    Turn,
    analyze,
    features,
    lexicon,
    normalize,
    pieces,
    score_utterance,
    strategies,
)
from karib.tone.sentiment import load_model

# ../shared/data beside the repository (or beside the worktrees' folder).
DATA = next(
    (
        folder / "shared" / "data"
        for folder in Path(__file__).resolve().parents[1].parents
        if (folder / "shared" / "data").is_dir()
    ),
    Path(__file__).resolve().parents[1].parent / "shared" / "data",
)
TURN_WORDS = 20

OPENERS = ["Selamat pagi", "Halo kak", "Good morning", "Pagi", "Hai", "Hello sir", ""]
BODIES = [
    "saya mau tutup kartu kredit saya",
    "paket aku kok blm nyampe ya",
    "gak usah kak makasih",
    "kami bisa bebaskan iuran tahunan",
    "yakin mau tutup? poinnya hangus lho",
    "I'd like to cancel my subscription",
    "could you please check my order",
    "terserah, kan sudah saya bilang",
    "mohon maaf atas ketidaknyamanannya",
    "internet saya mati sejak kemarin",
    "the app keeps crashing on login",
    "tagihan bulan ini naik terus",
    "pelayanannya cepat dan ramah",
    "no thanks, I'm sure",
]
CLOSERS = ["Bapak", "Ibu", "kak", "ya", "sir", "please", "dong", "aja", "sih", "banget", ""]
NOUNS = ["nomor", "akun", "rekening", "order", "kartu", "langganan", "paket", "saldo"]


def utterance(rng: random.Random) -> str:
    number = rng.randrange(100000)
    return (
        f"{rng.choice(OPENERS)} {rng.choice(BODIES)} {rng.choice(NOUNS)} {number} "
        f"{rng.choice(CLOSERS)}{rng.choice(['.', '?', '!', ''])}"
    ).strip()


def conversation(rng: random.Random, number: int) -> Conversation:
    turns = tuple(
        Turn(
            i,
            "Agen" if i % 2 == 0 else "Pelanggan",
            "agent" if i % 2 == 0 else "customer",
            utterance(rng),
        )
        for i in range(rng.randrange(6, 14))
    )
    return Conversation(f"c{number}", turns)


def chat_turns(data: Path) -> list[str]:
    """SmSA valid texts cut into chat-length turns (sentence ends, at most TURN_WORDS)."""
    path = data / "indonlu-smsa" / "valid_preprocess.tsv"
    turns: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row:
                continue
            words: list[str] = []
            for word in row[0].split():
                words.append(word)
                if word in (".", "!", "?") or len(words) >= TURN_WORDS:
                    if len(words) > 1:
                        turns.append(" ".join(words))
                    words = []
            if len(words) > 1:
                turns.append(" ".join(words))
    return turns


def long_turns(data: Path) -> list[str]:
    """The SmSA valid texts whole (long turns, about 190 characters on average)."""
    path = data / "indonlu-smsa" / "valid_preprocess.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[0] for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row]


def vader_comparison(texts: list[str], rounds: int) -> None:
    """``score_utterance`` against VADER (vaderSentiment, an optional bench dependency) on
    the same long texts in this process: CPU rates and their ratio (cold caches first).

    Warm passes of both alternate (``rounds`` each) and the best pass of each counts: on a
    shared, loaded machine the load changes between passes, and alternating keeps both
    sides under the same load. The cold pass is one pass by nature; it is set against the
    best VADER pass, so its ratio errs low."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print("VADER comparison skipped: pip install vaderSentiment")
        return
    vader = SentimentIntensityAnalyzer()
    mean = sum(len(t) for t in texts) / len(texts)
    print(
        f"\nlong turns: SmSA valid texts whole, {len(texts):,} texts, {mean:.0f} characters "
        f"(load average {os.getloadavg()[0]:.2f})"
    )
    tables = build_tables()
    clear_caches()
    started = time.process_time()
    for text in texts:
        score_utterance(text)
    cold = len(texts) / (time.process_time() - started)
    warm = vader_rate = 0.0
    for _ in range(rounds):
        started = time.process_time()
        for text in texts:
            score_utterance(text)
        warm = max(warm, len(texts) / (time.process_time() - started))
        started = time.process_time()
        for text in texts:
            vader.polarity_scores(text)
        vader_rate = max(vader_rate, len(texts) / (time.process_time() - started))
    if tables is not None:
        print(f"dispatch tables, built on first use:    {tables:.2f} s CPU (once per process)")
    print(f"score_utterance, long turns, cold first pass: {cold:,.0f}/s CPU (tables built)")
    print(f"score_utterance, long turns, warm:      {warm:,.0f}/s CPU (best of {rounds})")
    print(f"VADER polarity_scores, same texts:      {vader_rate:,.0f}/s CPU (best of {rounds})")
    print(
        f"ratio karib/VADER (in process): cold first pass {cold / vader_rate:.2f}, "
        f"warm {warm / vader_rate:.2f}"
    )


def build_tables() -> float | None:
    """Build the dispatch tables if they are not yet (they are built on first use): the CPU
    seconds that took, or None when they were already built."""
    dispatches = (lexicon.MARKER_DISPATCH, strategies.PHRASE_DISPATCH)
    if all(dispatch.built for dispatch in dispatches):
        return None
    started = time.process_time()
    for dispatch in dispatches:
        dispatch.build()
    return time.process_time() - started


# What a fresh process runs: argv[1] is the side, argv[2] the texts' file (SmSA TSV). It
# reads the texts first, then imports and loads (startup), then scores each text once, and
# prints both times; the parent times the whole process.
FRESH_CHILD = """
import csv, sys, time
with open(sys.argv[2], encoding="utf-8", newline="") as handle:
    texts = [r[0] for r in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if r]
started = time.process_time()
if sys.argv[1] == "karib":
    from karib.tone import score_utterance as score
    from karib.tone.sentiment import load_model
    load_model()
else:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    score = SentimentIntensityAnalyzer().polarity_scores
loaded = time.process_time()
for text in texts:
    score(text)
print(loaded - started, time.process_time() - loaded)
"""


def _fresh(side: str, texts: Path, src: Path) -> tuple[float, float, float, float]:
    """(wall, CPU, startup CPU, first pass CPU) of one fresh process scoring ``texts``."""
    env = dict(os.environ, PYTHONPATH=str(src))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = subprocess.run(  # noqa: S603 - this interpreter and our own code
        [sys.executable, "-c", FRESH_CHILD, side, str(texts)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    startup, first = (float(x) for x in run.stdout.split())
    return wall, cpu, startup, first


def fresh_comparison(data: Path, rounds: int, src: Path) -> None:
    """karib.tone against VADER from a fresh process each: the best of ``rounds`` processes
    per side, alternating (see the module's docstring)."""
    if importlib.util.find_spec("vaderSentiment") is None:
        print("fresh-process comparison skipped: pip install vaderSentiment")
        return
    texts = data / "indonlu-smsa" / "valid_preprocess.tsv"
    count = len(long_turns(data))
    print(
        f"\nfresh process: import, load, score the {count:,} long turns once; best of "
        f"{rounds} per side (src {src}; load average {os.getloadavg()[0]:.2f})"
    )
    best: dict[str, tuple[float, float, float, float]] = {}
    for _ in range(rounds):
        for side in ("karib", "vader"):
            result = _fresh(side, texts, src)
            if side not in best or result[1] < best[side][1]:
                best[side] = result
    for side, name in (("karib", "karib.tone score_utterance"), ("vader", "VADER polarity_scores")):
        wall, cpu, startup, first = best[side]
        print(
            f"{name + ', fresh process:':46}{wall:.2f} s wall, {cpu:.2f} s CPU "
            f"(startup {startup:.2f} s, first pass {first:.2f} s CPU, inside the process)"
        )
    print(
        "ratio karib/VADER (fresh process, whole CPU time): "
        f"{best['vader'][1] / best['karib'][1]:.2f} (above 1: karib is faster)"
    )


def clear_caches() -> None:
    """Reset every per-token cache of the engine to its state in a fresh process once the
    model is loaded: the rows and normalisations shipped with the model stay, everything
    learnt at run time goes (the model itself stays loaded)."""
    normalize.clear_cache()
    load_model().clear_cache()
    features.char_ngrams.cache_clear()
    strategies._word_pattern.cache_clear()
    pieces.clear_cache()
    lexicon.MARKER_DISPATCH.clear_cache()
    strategies.PHRASE_DISPATCH.clear_cache()


def vocabulary(texts: list[str]) -> int:
    return len({token for text in texts for token in normalize.normalize_tokens(text)})


def regex_baseline(texts: list[str]) -> int:
    pattern = re.compile(
        r"\b(?:terima kasih|makasih|thanks?|maaf|sorry|tolong|mohon|please|terserah|"
        r"whatever|bapak|ibu|kak|sir|tutup|cancel|diskon|hangus)\b",
        re.IGNORECASE,
    )
    return sum(len(pattern.findall(t)) for t in texts)


class Timer:
    """Wall-clock and CPU time of this process (CPU is the fairer figure on a busy machine)."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()
        self.seconds = 0.0

    def rate(self, count: int) -> str:
        wall = time.perf_counter() - self.wall
        cpu = time.process_time() - self.cpu
        self.seconds = wall
        return f"{count / wall:,.0f}/s wall, {count / cpu:,.0f}/s CPU ({count:,} in {wall:.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description="karib.tone throughput")
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument(
        "--vader-only", action="store_true", help="only the long-turn comparisons with VADER"
    )
    parser.add_argument(
        "--fresh-only", action="store_true", help="only the fresh-process comparison with VADER"
    )
    parser.add_argument(
        "--src",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "src",
        help="the src the fresh processes import (default: this tree's)",
    )
    args = parser.parse_args()
    if args.fresh_only:
        fresh_comparison(args.data, 1 if args.quick else 3, args.src)
        return
    if args.vader_only:
        load_model()
        vader_comparison(long_turns(args.data), 5)
        fresh_comparison(args.data, 3, args.src)
        return
    n_utterances, n_conversations = (5_000, 300) if args.quick else (200_000, 10_000)
    rng = random.Random(20240314)
    texts = [utterance(rng) for _ in range(n_utterances)]
    conversations = [conversation(rng, n) for n in range(n_conversations)]
    turns = sum(len(c.turns) for c in conversations)
    print(
        f"utterances {n_utterances:,} ({len(set(texts)):,} distinct); "
        f"conversations {n_conversations:,} ({turns:,} turns)"
    )

    started = time.perf_counter()
    load_model()
    print(f"model load (once per process): {time.perf_counter() - started:.2f} s")
    tables = build_tables()  # built on first use: kept out of the timed passes below
    if tables is not None:
        print(f"dispatch tables, built on first use: {tables:.2f} s CPU (once per process)")

    timer = Timer()
    regex_baseline(texts)
    print(f"baseline, regex-only marker pass:       {timer.rate(n_utterances)}")

    timer = Timer()
    for text in texts:
        score_utterance(text)
    print(f"score_utterance (full per turn):        {timer.rate(n_utterances)}")

    timer = Timer()
    for item in conversations:
        analyze(item)
    line = timer.rate(n_conversations)
    print(f"analyze (full conversations):           {line}, {turns / timer.seconds:,.0f} turns/s")

    tracemalloc.start()
    for item in conversations[:1000]:
        analyze(item).to_dict()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    realistic = chat_turns(args.data)
    print(
        f"\nrealistic corpus: SmSA valid cut into {len(realistic):,} chat turns "
        f"({len(set(realistic)):,} distinct, {sum(len(t.split()) for t in realistic):,} words); "
        f"normalised vocabulary {vocabulary(realistic):,} "
        f"(synthetic utterances: {vocabulary(texts):,})"
    )
    timer = Timer()
    regex_baseline(realistic)
    print(f"baseline, regex-only, realistic:        {timer.rate(len(realistic))}")
    clear_caches()
    timer = Timer()
    for text in realistic:
        score_utterance(text)
    print(f"score_utterance, realistic, cold:       {timer.rate(len(realistic))}")
    timer = Timer()
    for text in realistic:
        score_utterance(text)
    print(f"score_utterance, realistic, warm:       {timer.rate(len(realistic))}")

    vader_comparison(long_turns(args.data), 1 if args.quick else 5)
    fresh_comparison(args.data, 1 if args.quick else 3, args.src)

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak traced memory while analysing:    {peak / 1048576:.1f} MiB; "
        f"process max RSS {rss:.0f} MiB (includes the data generated above)"
    )


if __name__ == "__main__":
    main()
