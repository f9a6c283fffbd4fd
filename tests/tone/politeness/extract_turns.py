"""Draw the customer-service turns labelled for politeness from the public dev set.

    python tests/tone/politeness/extract_turns.py INDOTOD_REPO > /tmp/turns.jsonl

Sources: ``tests/tone/devset/public.jsonl`` (already scrubbed of personal data, each row with
its source and licence; see ``tests/tone/devset/NOTICE``) and the English originals in
IndoToD's bilingual IndoSMD dev and test files (INDOTOD_REPO is the repository as a git
directory, read with ``git show HEAD:path``; commit 236b81c). Fixed selection, no judgement
of the text: every customer turn of the English conversations of the dev set (Taskmaster-4,
ABCD), 80 English agent turns, the opening customer turn of 120 IndoSMD dialogs and the
opening driver turn of 150 English in-car dialogs (the Stanford originals, Eric et al. 2017,
that IndoToD ships untranslated in its bilingual files: the dialogs not in IndoSMD's own
split files), each drawn with ``random.Random(SEED)`` over the turns in file order; turns of
one or two words are skipped (nothing to judge), as are system events. The in-car turns were
added because the coffee-ordering crowd dialogs have very few impolite customer turns. Labels are added by hand afterwards
(``service_turns.jsonl``; definitions in docs/tone-history.md, "Politeness on customer-service
turns").
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PUBLIC = HERE.parent / "devset" / "public.jsonl"
SEED = 20261130
ENGLISH_AGENT_TURNS = 80
INDONESIAN_TURNS = 120
ENGLISH_CAR_TURNS = 150
INDOTOD_URL = "https://github.com/dehanalkautsar/IndoToD/tree/main/IndoSMD"
SMD = "IndoSMD/IndoSMD_split/"
HELD_OUT_SALT = "karib-politeness-service:"
HELD_OUT_PERCENT = 40


def held_out(turn_id: str) -> bool:
    """The fixed held-out part: sha256(salt + id) mod 100 < HELD_OUT_PERCENT."""
    digest = hashlib.sha256((HELD_OUT_SALT + turn_id).encode("utf-8")).hexdigest()
    return int(digest, 16) % 100 < HELD_OUT_PERCENT


def english_car_turns(repo: str) -> list[dict[str, str]]:
    """Opening driver turns of the English dialogs in IndoToD's bilingual dev and test files."""

    def show(path: str) -> list[dict[str, object]]:
        blob = subprocess.run(
            ["git", "--git-dir", repo, "show", f"HEAD:{SMD}{path}"],
            check=True,
            capture_output=True,
        ).stdout
        return json.loads(blob)  # type: ignore[no-any-return]

    out = []
    for split in ("dev", "test"):
        # The bilingual files also hold the Indonesian dialogs (under other ids): a dialog
        # whose opening turn is that of an IndoSMD dialog is Indonesian.
        indonesian = {
            " ".join(d["dialogue"][0]["data"]["utterance"].split())  # type: ignore[index]
            for split_file in ("dev", "test", "train")
            for d in show(f"IndoSMD_{split_file}.json")
        }
        for dialog in show(f"bilingual/IndoSMD_{split}_bi.json"):
            uuid = str(dialog["scenario"]["uuid"])  # type: ignore[index]
            first = dialog["dialogue"][0]  # type: ignore[index]
            text = " ".join(first["data"]["utterance"].split())
            if text in indonesian or first["turn"] != "driver" or len(text.split()) < 3:
                continue
            out.append(
                {
                    "id": f"smd-en-{uuid[:8]}#0",
                    "source": INDOTOD_URL,
                    "licence": "CC BY-SA 4.0",
                    "language": "en",
                    "role": "customer",
                    "text": text,
                }
            )
    return out


def candidates(indotod: str) -> list[dict[str, str]]:
    english_customer, english_agent, indonesian = [], [], []
    with PUBLIC.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            first_customer = True
            for index, turn in enumerate(row["turns"]):
                if turn["role"] not in ("customer", "agent") or len(turn["text"].split()) < 3:
                    continue
                item = {
                    "id": f"{row['id']}#{index}",
                    "source": row["source"],
                    "licence": row["licence"],
                    "language": "id" if row["id"].startswith("indosmd") else "en",
                    "role": turn["role"],
                    "text": turn["text"],
                }
                if item["language"] == "id":
                    if turn["role"] == "customer" and first_customer:
                        indonesian.append(item)
                        first_customer = False
                elif turn["role"] == "customer":
                    english_customer.append(item)
                else:
                    english_agent.append(item)
    rng = random.Random(SEED)
    english_agent = rng.sample(english_agent, ENGLISH_AGENT_TURNS)
    indonesian = rng.sample(indonesian, INDONESIAN_TURNS)
    english_car = rng.sample(english_car_turns(indotod), ENGLISH_CAR_TURNS)
    return english_customer + english_agent + indonesian + english_car


def main() -> None:
    for item in candidates(sys.argv[1]):
        item["part"] = "held_out" if held_out(item["id"]) else "development"
        print(json.dumps(item, ensure_ascii=False))


if __name__ == "__main__":
    main()
