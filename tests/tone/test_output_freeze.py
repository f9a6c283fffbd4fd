"""Speed work keeps the outputs: ``score_utterance`` on 100 long SmSA train texts (and their
upper-cased twins, which take the case-insensitive path) must give exactly the recorded
JSON.

The texts are every 110th of IndoNLU SmSA ``train_preprocess.tsv`` (Apache-2.0, Purwarianti
& Crisdayanti 2019 / Wilie et al. 2020, https://github.com/IndoNLP/indonlu). A deliberate
change of the engine's outputs re-records them:

    PYTHONPATH=src python tests/tone/test_output_freeze.py PATH/TO/train_preprocess.tsv
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

from karib.tone import score_utterance

FIXTURE = Path(__file__).parent / "cases" / "smsa_outputs.jsonl.gz"
STEP = 110


def _records() -> list[dict[str, object]]:
    with gzip.open(FIXTURE, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_scores_of_long_smsa_texts_are_unchanged():
    # given
    records = _records()
    assert len(records) == 200
    for expected in records:
        # when
        actual = score_utterance(str(expected["text"])).to_dict()
        # then
        assert actual == expected


def _record(source: Path) -> None:  # pragma: no cover - re-recording helper
    with source.open(encoding="utf-8", newline="") as handle:
        rows = [row[0] for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    texts = rows[::STEP][:100]
    with gzip.open(FIXTURE, "wt", encoding="utf-8") as handle:
        for text in texts:
            for variant in (text, text.upper()):
                line = json.dumps(score_utterance(variant).to_dict(), ensure_ascii=False)
                handle.write(line + "\n")


if __name__ == "__main__":  # pragma: no cover
    _record(Path(sys.argv[1]))
