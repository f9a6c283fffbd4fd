"""Before/after identity of karib.tone's outputs (for speed work that must change nothing).

    python bench/tone_identity.py [--before REV] [--data DIR] [--synthetic N]

Builds one corpus of texts and conversations, then runs ``score_utterance(text).to_dict()``
on every text and ``analyze(conversation, lang=...).to_dict()`` (Indonesian and English) on
every conversation twice, each in a fresh process: once with the ``src`` of git revision
``REV`` (default ``HEAD``, exported to a temporary folder) and once with this tree's
``src``. The serialized outputs (JSON, sorted keys) are compared line by line; the script
prints the counts and every difference (at most 20) and exits 1 when there is one.

The texts: SmSA train and valid (../shared/data), each also upper-cased, title-cased,
elongated, with a non-ASCII character, with curly apostrophes and as a question; the other
texts of the shared data (EmoT tweets, NusaX Indonesian and English, Stack Exchange
requests); every turn of the tone dev set and of the golden cases; seeded synthetic texts
made of the marker and strategy patterns' own words mixed with SmSA words, punctuation,
elongations and case changes. The conversations: the dev set, the golden cases and seeded
synthetic conversations of the synthetic texts. Each output is computed in a process that
first scored the whole corpus once (caches warm) and the first pass is compared too (cold).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = next(
    (
        folder / "shared" / "data"
        for folder in ROOT.parents
        if (folder / "shared" / "data").is_dir()
    ),
    ROOT.parent / "shared" / "data",
)
CURLY = "\u2019"


def _column(path: Path, name: str) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[name] for row in csv.DictReader(handle) if row.get(name)]


def _smsa(data: Path) -> list[str]:
    texts: list[str] = []
    for split in ("train", "valid"):
        path = data / "indonlu-smsa" / f"{split}_preprocess.tsv"
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [row[0] for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return [t for t in texts if t]


def _elongate(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(max(1, len(words) // 6)):
        i = rng.randrange(len(words))
        word = words[i]
        if word and word[-1].isalpha():
            words[i] = word + word[-1] * rng.randrange(2, 5)
    return " ".join(words)


def _pattern_words() -> list[str]:
    """The literal words of the marker and strategy patterns (this tree's lexicon)."""
    sys.path.insert(0, str(ROOT / "src"))
    from karib.tone import lexicon, strategies
    from karib.tone.normalize import expand

    words: set[str] = set()
    sources = [expand(p) for _, _, p in lexicon.ENTRIES]
    sources += [lexicon.QUESTION, lexicon.IMPERATIVE]
    for value in vars(strategies).values():
        if isinstance(value, re.Pattern):
            sources.append(value.pattern)
        elif isinstance(value, (list, tuple)):
            sources += [str(v) for v in value if isinstance(v, str)]
    for source in sources:
        # \s+ between words: keep multi-word phrases as phrases.
        for phrase in re.findall(r"[a-z][a-z']*(?:\\s\+[a-z][a-z']*)*", source):
            words.add(phrase.replace("\\s+", " "))
    return sorted(words)


def _synthetic(count: int, smsa: list[str], rng: random.Random) -> list[str]:
    vocabulary = _pattern_words()
    smsa_words = sorted({w for t in smsa[:2000] for w in t.split()})
    marks = ["", "", "", ".", ",", "?", "!", "!!", "...", " ?", " :)", " 👍", " 🙏"]
    texts: list[str] = []
    for _ in range(count):
        words = []
        for _ in range(rng.randrange(1, 16)):
            pool = vocabulary if rng.random() < 0.6 else smsa_words
            word = rng.choice(pool)
            roll = rng.random()
            if roll < 0.05:
                word = word.upper()
            elif roll < 0.1:
                word = word.title()
            elif roll < 0.14 and word[-1:].isalpha():
                word += word[-1] * rng.randrange(2, 4)
            elif roll < 0.16:
                word = word.replace("'", CURLY)
            words.append(word + rng.choice(marks))
        texts.append(" ".join(words))
    return texts


def _turn_texts(conversations: list[dict[str, object]]) -> list[str]:
    return [
        str(turn["text"])
        for item in conversations
        for turn in item["turns"]  # type: ignore[attr-defined]
    ]


def build_corpus(data: Path, synthetic: int) -> dict[str, object]:
    """Texts and conversations (turn fields), deterministic for a given tree and data."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT / "tests" / "tone"))
    from golden import load_cases  # type: ignore[import-not-found]

    import tone_eval  # type: ignore[import-not-found]
    from karib.tone import parse

    rng = random.Random(20261130)
    smsa = _smsa(data)
    texts = list(smsa)
    texts += [t.upper() for t in smsa]
    texts += [t.title() for t in smsa]
    texts += [_elongate(t, rng) for t in smsa]
    texts += [t + " café" for t in smsa[::5]]
    texts += [t.replace("'", CURLY).replace(" ", " " + CURLY, 1) for t in smsa[::5]]
    texts += [t.rstrip(" .") + " ?" for t in smsa[::3]]
    texts += _column(data / "indonlu-emot" / "train_preprocess.csv", "tweet")
    texts += _column(data / "indonlu-emot" / "valid_preprocess.csv", "tweet")
    for language in ("indonesian", "english"):
        for split in ("train", "valid", "test"):
            texts += _column(data / "nusax-senti" / language / f"{split}.csv", "text")
    texts += _column(data / "stanford-politeness" / "stack-exchange.annotated.csv", "Request")

    conversations: list[dict[str, object]] = []
    for case in tone_eval.load(tone_eval.DEVSET):
        conversations.append(_conversation(case.conversation))
    for golden in load_cases():
        for item in parse(golden.document, fmt=golden.fmt, name=golden.name):
            conversations.append(_conversation(item))
    synthetic_texts = _synthetic(synthetic, smsa, rng)
    texts += _turn_texts(conversations)
    texts += synthetic_texts
    # Synthetic conversations: runs of synthetic texts, alternating agent and customer.
    position = 0
    number = 0
    while position < len(synthetic_texts) // 4:
        size = rng.randrange(2, 14)
        turns = [
            {
                "index": i,
                "speaker": "Agen" if i % 2 == 0 else "Pelanggan",
                "role": "agent" if i % 2 == 0 else "customer",
                "text": text,
                "ts": None,
                "kind": "message",
                "line": None,
            }
            for i, text in enumerate(synthetic_texts[position : position + size])
        ]
        conversations.append({"id": f"synthetic-{number}", "source": None, "turns": turns})
        position += size
        number += 1
    return {"texts": texts, "conversations": conversations}


def _conversation(item: object) -> dict[str, object]:
    return {
        "id": item.conversation_id,  # type: ignore[attr-defined]
        "source": item.source,  # type: ignore[attr-defined]
        "turns": [
            {
                "index": t.index,
                "speaker": t.speaker,
                "role": t.role,
                "text": t.text,
                "ts": t.ts,
                "kind": t.kind,
                "line": t.line,
            }
            for t in item.turns  # type: ignore[attr-defined]
        ],
    }


def worker(corpus_path: Path, out_path: Path) -> None:
    """Run in a fresh process whose ``sys.path`` starts with the tree under test."""
    from karib.tone import Conversation, Turn, analyze, score_utterance

    corpus = json.loads(corpus_path.read_text(encoding="utf-8"))
    texts: list[str] = corpus["texts"]
    conversations = [
        Conversation(c["id"], tuple(Turn(**t) for t in c["turns"]), c["source"])
        for c in corpus["conversations"]
    ]
    with out_path.open("w", encoding="utf-8") as out:
        for rounds in ("cold", "warm"):
            for text in texts:
                line = json.dumps(score_utterance(text).to_dict(), sort_keys=True)
                out.write(f"{rounds} score {line}\n")
            for item in conversations:
                for lang in ("id", "en"):
                    line = json.dumps(analyze(item, lang=lang).to_dict(), sort_keys=True)
                    out.write(f"{rounds} analyze {lang} {line}\n")


def _run(src: Path, corpus: Path, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    code = (
        "import sys, pathlib; sys.path.insert(0, sys.argv[1]); "
        "sys.path.insert(1, sys.argv[2]); import tone_identity as t; "
        "t.worker(pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4]))"
    )
    args = [sys.executable, "-c", code, str(src), str(ROOT / "bench"), str(corpus), str(out)]
    subprocess.run(args, check=True, env=env, cwd=tempfile.gettempdir())  # noqa: S603 - this script


def _export(rev: str, folder: Path) -> Path:
    archive = folder / "src.tar"
    with archive.open("wb") as handle:
        command = ["git", "-C", str(ROOT), "archive", rev, "src"]
        subprocess.run(command, check=True, stdout=handle)  # noqa: S603 - git, a revision
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "before", filter="data")
    return folder / "before" / "src"


def main() -> int:
    parser = argparse.ArgumentParser(description="before/after identity of karib.tone")
    parser.add_argument("--before", default="HEAD", help="git revision of the 'before' code")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--synthetic", type=int, default=80_000, help="synthetic texts")
    args = parser.parse_args()
    corpus = build_corpus(args.data, args.synthetic)
    texts = corpus["texts"]
    conversations = corpus["conversations"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus_path = folder / "corpus.json"
        corpus_path.write_text(json.dumps(corpus), encoding="utf-8")
        before_src = _export(args.before, folder)
        outputs = {}
        for name, src in (("before", before_src), ("after", ROOT / "src")):
            out = folder / f"{name}.jsonl"
            _run(src, corpus_path, out)
            outputs[name] = out
        differences = 0
        lines = 0
        with (
            outputs["before"].open(encoding="utf-8") as a,
            outputs["after"].open(encoding="utf-8") as b,
        ):
            for left, right in zip(a, b, strict=True):
                lines += 1
                if left != right:
                    differences += 1
                    if differences <= 20:
                        print(f"- {left.rstrip()[:600]}\n+ {right.rstrip()[:600]}")
        digest = hashlib.sha256(outputs["after"].read_bytes()).hexdigest()[:16]
    print(
        f"texts {len(texts):,} ({len(set(texts)):,} distinct), "  # type: ignore[arg-type]
        f"conversations {len(conversations):,} x 2 languages, "  # type: ignore[arg-type]
        f"each scored cold then warm: {lines:,} outputs compared (before = {args.before}), "
        f"{differences} differences; after sha256 {digest}"
    )
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
