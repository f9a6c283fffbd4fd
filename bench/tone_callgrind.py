"""Instructions per warm long turn, karib against VADER, counted by callgrind.

    PYTHONHASHSEED=0 PYTHONPATH=src valgrind --tool=callgrind --collect-atstart=no \
        --toggle-collect=builtin_eval --callgrind-out-file=OUT \
        python bench/tone_callgrind.py --engine karib [--texts 400] [--passes 2] [--warm-up 1]

Scores the first ``--texts`` SmSA valid texts whole (the long turns of ``tone_bench.py``)
``--warm-up`` times to warm every cache, then ``--passes`` more times inside one ``eval``
call. With ``--collect-atstart=no --toggle-collect=builtin_eval`` callgrind counts only
what runs inside that call: nothing in either engine calls ``eval`` at run time (``exec`` would not
do: imports run module code through nested ``exec`` calls, and each nested call toggles
collection again). The total (``callgrind_annotate OUT | head``) divided by texts x passes
is the warm cost of one turn, without import, model load or the cold pass. Outside
valgrind it prints CPU µs per turn.
"""

from __future__ import annotations

import argparse
import time

from tone_bench import DATA, long_turns

LOOP = compile("for _ in range(passes):\n    for text in texts:\n        score(text)\n", "", "exec")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=("karib", "vader"), default="karib")
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument(
        "--warm-up", type=int, default=1, help="passes before the counted ones (default 1)"
    )
    args = parser.parse_args()
    texts = long_turns(DATA)[: args.texts]
    if args.engine == "karib":
        from karib.tone import score_utterance as score
        from karib.tone.sentiment import load_model

        load_model()
    else:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        score = SentimentIntensityAnalyzer().polarity_scores
    for _ in range(args.warm_up):  # every cache of either engine filled
        for text in texts:
            score(text)
    started = time.process_time()
    eval(LOOP, {"passes": args.passes, "texts": texts, "score": score})  # noqa: S307
    seconds = time.process_time() - started
    print(f"{args.engine}: {seconds / (len(texts) * args.passes) * 1e6:.1f} µs CPU per turn")


if __name__ == "__main__":
    main()
