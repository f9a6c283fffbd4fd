"""Extract the public part of the tone development set (run once; output is committed).

Sources (all allow redistribution with attribution):
- Taskmaster-4 (Google LLC, CC BY 4.0): coffee-ordering dialogs written by crowd workers,
  https://github.com/google-research-datasets/Taskmaster/tree/master/TM-4-2024 (commit
  d92cb6a): 107 sampled with SEED from the 3,710 dialogs sorted by conversation id, and
  on 30 Nov and 1 Dec 1,410 more in thirteen steps of 70, 100, 100, 120, 130, 50, 90, 80,
  70, 150, 150, 150 and 150 (``--more 1410``, TASKMASTER_MORE_COUNT, to keep the public share
  above half): the 3,603 dialogs not among the first 107, in conversation-id order, shuffled
  with MORE_SEED, the first 1,410 of that order (a prefix: each step kept the rows of the
  steps before it unchanged, ``--more 70``, then ``--more 170``, ``--more 270``, ``--more
  390``, ``--more 520``, ``--more 570``, ``--more 660``, ``--more 740``, ``--more 810``,
  ``--more 960``, ``--more 1110``, ``--more 1260``, then ``--more 1410``); 1,517 in all.
  "a mocha with the name X" is scrubbed like "my name is" (added with the third step; it
  changes none of the 277 rows before it); in a first-name dialog the customer's "I'm X"
  names X like "for X" does
  (added with the fourth step; it changes none of the 377 rows before it). With the fifth
  step: the customer's "my name is X" / "my name's X" names X for the whole dialog (the
  barista's later "Thanks, X." too; it changes none of the 497 rows before it), and a part
  of an annotated "Name" that is a number word or a common word (_NOT_NAMES: the dialogs
  give cards such as "two of clubs" as order names) is no longer scrubbed, so "two mochas"
  stays "two mochas" (six of the 497 rows before it changed, from "[name]" back to "two";
  their labels hold). With the sixth step:
  "under the name X" is scrubbed like "with the name X" (three dialogs of the 3,710 say
  it; one is a new row, tm4-21949a5a; it changes none of the 627 rows before it). The
  seventh step needed no scrubber change (no name, phone or e-mail in its 90 dialogs; the
  scrubber leaves their text as it is). With the eighth step: in a first-name dialog the
  customer's lower-case "for sam" names sam like "for Sam" does, unless the word is an
  ordinary one (_FOR_NOT_NAMES: "for here", "for you"); one new row, tm4-b26a360e, said
  "a Latte for sam?"; it changes none of the 767 rows before it. With the ninth step: the
  customer's "name for the order is Pete", "the name on the order is David" and "under my
  name Nick" name the word after them in any dialog; in a first-name dialog the customer's
  "This is John." and "a latte under jay" do too, and so does the barista's address at the
  start of a sentence ("Ok Dan do your order look right?", "Sure, Joe.", "Thanks, Giselle.")
  unless the word is an ordinary one (_BARISTA_NOT_NAMES: "Okay Ill ...", "Ok, Your order
  ..."). Over all 3,710 dialogs these rules change nine, each only by scrubbing a real name;
  one of them is an earlier row, tm4-483c8ef1 (the customer said "my name is Jim", the
  barista answered "Ok Dan ...": now "Ok [name] ..."; its label, open, holds); the other 846
  Taskmaster-4 rows before the step stay byte-identical, none of its 70 new rows changes
  (their two names, "for Jack" and "my name is John", were already scrubbed), and the ABCD
  and IndoSMD rows cannot change (the rules only collect names of Taskmaster dialogs). The
  tenth step (1 Dec, 150 dialogs) needed no scrubber change: its four names (three after
  "a latte for" / "a Cortado, please, for", one after "the name for the order is") were
  already scrubbed and nothing else in its text changes; the 917 Taskmaster-4 rows before
  it stay byte-identical. The eleventh step (1 Dec, 150 dialogs) needed no scrubber change
  either: its nine dialogs with a name ("for X" three times, "the order is for X", "under
  my name X", "This is X.", "My name's X" and "I'm X" twice, with the barista's "ready for
  X", "Ok, X", "X, I am happy to help" and "correct, X?" after them) were already
  scrubbed, a reading of all 150 found no other name, e-mail or phone; the 1,067
  Taskmaster-4 rows before it stay byte-identical. The twelfth step (1 Dec, 150 dialogs)
  needed no scrubber change either: its five names ("for X" four times, in first-name
  dialogs, and "the name is X") were already scrubbed, a reading of all 150 found no other
  name, e-mail or phone (the card order names of the annotations change none of their
  text); the 1,217 Taskmaster-4 rows before it stay byte-identical. The thirteenth step (1
  Dec, 150 dialogs) needed no scrubber change either: its four names ("for X" three times,
  in first-name dialogs, once in lower case, and "My name is X" with a lower-case name) were
  already scrubbed, a reading of all 150 found no other name, e-mail or phone (the card order
  names of the annotations change none of their text); the 1,367 Taskmaster-4 rows before it
  stay byte-identical
- ABCD (ASAPP, MIT): the three sample customer-service chats,
  https://github.com/asappresearch/abcd/blob/master/data/abcd_sample.json
- IndoSMD of IndoToD (Kautsar et al. 2023, data CC BY-SA 4.0): the Stanford in-car assistant
  dialogs (Eric et al. 2017, crowd workers playing driver and assistant) translated into
  Indonesian by hired native speakers; every dialog of the dev and test splits (95) and the
  whole train split, 228 (80 added on 30 Nov, 40 more with written part H, 30 more with
  written part I, 60 more with written part J and the last 18 with written part K, to keep
  the public share above half),
  https://github.com/dehanalkautsar/IndoToD/tree/main/IndoSMD (commit 236b81c)

Usage: python tests/tone/devset/extract_public.py TASKMASTER_REPO ABCD_REPO > public.raw.jsonl
       python tests/tone/devset/extract_public.py --more N TASKMASTER_REPO > tm4_more.raw.jsonl
       python tests/tone/devset/extract_public.py --indosmd INDOTOD_REPO > indosmd.raw.jsonl
(the repositories as git directories; files are read with ``git show HEAD:path``). The
conversations are sampled with a fixed seed, personal data (names, e-mails, phones, order
ids of ABCD) replaced; labels are added by hand afterwards (``public.jsonl``).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys

SEED = 20261129
TASKMASTER_COUNT = 107
MORE_SEED = 20261130
TASKMASTER_MORE_COUNT = 1410
TM_URL = "https://github.com/google-research-datasets/Taskmaster/tree/master/TM-4-2024"
ABCD_URL = "https://github.com/asappresearch/abcd/blob/master/data/abcd_sample.json"
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_PHONE_RE = re.compile(r"\(?\d{3}\)?[ -]?\d{3}-\d{4}")
_LONG_NUMBER_RE = re.compile(r"\b\d{6,}\b")
INDOSMD_TRAIN_COUNT = 228
INDOSMD_URL = "https://github.com/dehanalkautsar/IndoToD/tree/main/IndoSMD"
_FOR_NAME_RE = re.compile(r"\bfor ([A-Z][a-z]+)\b")
# "a Latte for sam?": a first-name dialog's name written in lower case; the ordinary words
# that follow "for" in an order are not names ("for here", "for you"; "the" and the two-letter
# "me"/"my" the scrubber already skips).
_FOR_LOWER_NAME_RE = re.compile(r"\bfor ([a-z]{3,})\b")
_FOR_NOT_NAMES = frozenset(
    ["the", "you", "her", "him", "them", "here", "now", "today", "later", "pickup", "takeout"]
)
_I_AM_NAME_RE = re.compile(r"\bI(?:'m|’m| am) ([A-Z][a-z]+)\b")
_MY_NAME_RE = re.compile(
    r"(?i)(my name is|my name's|name is|with the name|under the name)\s+([A-Z][a-z]+)"
)
# The customer's "name for the order is Pete", "the name on the order is David", "under my
# name Nick" (any dialog, like "my name is"; a capitalised word only).
_ORDER_NAME_RE = re.compile(r"\b(?:name (?:for|on) the order is|under my name) ([A-Z][a-z]+)\b")
# In a first-name dialog: the customer's "This is John." and "a latte under jay" (the ordinary
# words after "under": "the name", "my name"), and the barista's address at the start of a
# sentence, "Ok Dan do your order look right?", "Sure, Joe.", "Thanks, Giselle." (the
# capitalised ordinary words the dialogs write there, "Okay Ill ...", "Ok, Your order ...",
# are not names).
_THIS_IS_NAME_RE = re.compile(r"\bThis is ([A-Z][a-z]+)\b")
_UNDER_NAME_RE = re.compile(r"\bunder ([A-Za-z][a-z]{2,})\b")
_UNDER_NOT_NAMES = frozenset(["the", "my", "your", "his", "her", "that", "this", "name"])
_BARISTA_NAME_RE = re.compile(
    r"(?:^|[.!?] )(?:Ok|Okay|OK|Thanks|Thank you|Sure|Hi|Hello),? ([A-Z][a-z]+)\b"
)
_BARISTA_NOT_NAMES = frozenset(
    ["I", "Ill", "Is", "It", "Its", "Your", "You", "What", "Thank", "Thanks", "Please", "We"]
    + ["That", "The", "This", "These", "Here", "There", "Let", "Now", "So", "Yes", "No"]
    + ["Great", "Sure", "Ok", "Okay", "Perfect", "Alright", "Got", "One", "Just", "Have"]
)
# Parts of the Taskmaster "Name" annotations that are ordinary words, not names: the dialogs
# give playing cards and card games as order names ("two of clubs", "four of a kind", "free
# cell"), and "two" in "two mochas" is no personal data. Real names are never on this list.
_NOT_NAMES = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "hundred",
        "the",
        "and",
        "kind",
        "free",
        "cell",
        "speed",
        "war",
        "bridge",
    ]
)


def _show(repo: str, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", repo, "show", f"HEAD:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _scrub(text: str, names: list[str]) -> str:
    text = _EMAIL_RE.sub("[email]", text)
    text = _PHONE_RE.sub("[phone]", text)
    text = _LONG_NUMBER_RE.sub("[number]", text)
    text = _MY_NAME_RE.sub(r"\1 [name]", text)
    for name in names:
        for part in name.split():
            if len(part) > 2 and part.lower() not in _NOT_NAMES:
                text = re.sub(rf"(?i)\b{re.escape(part)}\b", "[name]", text)
    return text


def _taskmaster_dialogs(repo: str) -> list[dict[str, object]]:
    dialogs: list[dict[str, object]] = []
    for number in range(8):
        dialogs.extend(json.loads(_show(repo, f"TM-4-2024/data/data_{number:02d}.json")))
    dialogs.sort(key=lambda d: str(d["conversation_id"]))
    return dialogs


def taskmaster(repo: str) -> list[dict[str, object]]:
    """The first draw: TASKMASTER_COUNT dialogs sampled with SEED."""
    dialogs = _taskmaster_dialogs(repo)
    return _taskmaster_rows(random.Random(SEED).sample(dialogs, TASKMASTER_COUNT))


def taskmaster_more(repo: str, count: int = TASKMASTER_MORE_COUNT) -> list[dict[str, object]]:
    """The second draw: the dialogs the first one did not choose, in conversation-id order,
    shuffled with MORE_SEED; the first ``count`` of them (a prefix, so a larger count keeps
    the rows of a smaller one)."""
    dialogs = _taskmaster_dialogs(repo)
    first = {id(d) for d in random.Random(SEED).sample(dialogs, TASKMASTER_COUNT)}
    rest = [d for d in dialogs if id(d) not in first]
    random.Random(MORE_SEED).shuffle(rest)
    return _taskmaster_rows(rest[:count])


def _taskmaster_rows(chosen: list[dict[str, object]]) -> list[dict[str, object]]:
    out = []
    for dialog in chosen:
        names = []
        for utterance in dialog["utterances"]:  # type: ignore[union-attr]
            for note in utterance.get("annotations", []):
                for match in re.finditer(r'"Name", "option": "([^"]+)"', note.get("value", "")):
                    names.append(match.group(1))
        for utterance in dialog["utterances"]:  # type: ignore[union-attr]
            if utterance["speaker"] == "user":  # "My name's Bob" ... "Thanks, Bob."
                names.extend(m.group(2) for m in _MY_NAME_RE.finditer(utterance["text"]))
                names.extend(_ORDER_NAME_RE.findall(utterance["text"]))  # "name for the order is"
        if "first name" in str(dialog.get("scenario", "")):  # "a Macchiato for Tom", "I'm Tom"
            for utterance in dialog["utterances"]:  # type: ignore[union-attr]
                if utterance["speaker"] == "user":
                    names.extend(_FOR_NAME_RE.findall(utterance["text"]))
                    names.extend(  # "a Latte for sam?"
                        w
                        for w in _FOR_LOWER_NAME_RE.findall(utterance["text"])
                        if w not in _FOR_NOT_NAMES
                    )
                    names.extend(_I_AM_NAME_RE.findall(utterance["text"]))  # "I'm James"
                    names.extend(_THIS_IS_NAME_RE.findall(utterance["text"]))  # "This is John."
                    names.extend(  # "a latte under jay"
                        w
                        for w in _UNDER_NAME_RE.findall(utterance["text"])
                        if w.lower() not in _UNDER_NOT_NAMES
                    )
                else:  # the barista's "Ok Dan do your order look right?"
                    names.extend(
                        w
                        for w in _BARISTA_NAME_RE.findall(utterance["text"])
                        if w not in _BARISTA_NOT_NAMES
                    )
        turns = [
            {
                "speaker": "Barista" if u["speaker"] == "assistant" else "Customer",
                "role": "agent" if u["speaker"] == "assistant" else "customer",
                "text": _scrub(u["text"], names),
            }
            for u in dialog["utterances"]  # type: ignore[union-attr]
            if u["text"].strip()
        ]
        out.append(
            {
                "id": "tm4-" + str(dialog["conversation_id"])[4:12],
                "source": TM_URL,
                "licence": "CC BY 4.0",
                "turns": turns,
            }
        )
    return out


def abcd(repo: str) -> list[dict[str, object]]:
    out = []
    for dialog in json.loads(_show(repo, "data/abcd_sample.json")):
        personal = dialog["scenario"]["personal"]
        names = [personal.get("customer_name", ""), personal.get("username", "")]
        turns = [
            {
                "speaker": "Agent"
                if who == "agent"
                else "Customer"
                if who == "customer"
                else "System",
                "role": "agent"
                if who == "agent"
                else "customer"
                if who == "customer"
                else "system",
                "text": _scrub(text, names),
            }
            for who, text in dialog["original"]
        ]
        out.append(
            {
                "id": f"abcd-{dialog['convo_id']}",
                "source": ABCD_URL,
                "licence": "MIT",
                "turns": turns,
            }
        )
    return out


def indosmd(repo: str) -> list[dict[str, object]]:
    """Every dialog of IndoSMD's dev and test splits, then the first INDOSMD_TRAIN_COUNT of
    the train split, in file order (no sampling)."""
    out = []
    seen: dict[str, int] = {}
    for split, count in (("dev", None), ("test", None), ("train", INDOSMD_TRAIN_COUNT)):
        dialogs = json.loads(_show(repo, f"IndoSMD/IndoSMD_split/IndoSMD_{split}.json"))
        for dialog in dialogs[:count]:
            turns = [
                {
                    "speaker": "Asisten" if t["turn"] == "assistant" else "Pengemudi",
                    "role": "agent" if t["turn"] == "assistant" else "customer",
                    "text": _scrub(t["data"]["utterance"], []),
                }
                for t in dialog["dialogue"]
                if t["data"]["utterance"].strip()
            ]
            short = "indosmd-" + str(dialog["scenario"]["uuid"])[:8]
            seen[short] = seen.get(short, 0) + 1
            if seen[short] > 1:  # a few dialogs share a scenario: "-b", "-c" ...
                short += "-" + "abcdefgh"[seen[short] - 1]
            out.append(
                {
                    "id": short,
                    "source": INDOSMD_URL,
                    "licence": "CC BY-SA 4.0",
                    "turns": turns,
                }
            )
    return out


def main() -> None:
    if sys.argv[1] == "--more":
        for row in taskmaster_more(sys.argv[3], int(sys.argv[2])):
            print(json.dumps(row, ensure_ascii=False))
        return
    if sys.argv[1] == "--indosmd":
        for row in indosmd(sys.argv[2]):
            print(json.dumps(row, ensure_ascii=False))
        return
    rows = taskmaster(sys.argv[1]) + abcd(sys.argv[2])
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
