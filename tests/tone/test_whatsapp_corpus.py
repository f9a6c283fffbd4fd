"""Every real WhatsApp export of the corpus is read, with the message counts of the manifest."""

import datetime
import json
from pathlib import Path

import pytest

from karib.tone import whatsapp

CORPUS = Path(__file__).parents[1] / "data" / "import_corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["whatsapp"]


def test_the_corpus_is_big_enough():
    assert len(MANIFEST) >= 30
    assert {path.name for path in (CORPUS / "whatsapp").glob("*.txt")} == set(MANIFEST)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_every_export_is_read_whole(name):
    # given a real export and its independently counted messages
    lines = (CORPUS / "whatsapp" / name).read_text(encoding="utf-8-sig").splitlines()
    # when it is read
    order = whatsapp.date_order(lines)
    messages = list(whatsapp.iter_messages(lines, order=order.order, file=name))
    # then every message is found, with a real date, and placeholders are never spoken
    assert len(messages) == MANIFEST[name]["messages"]
    assert all(datetime.datetime.fromisoformat(m.timestamp) for m in messages)
    for message in messages:
        if message.kind == "message":
            assert whatsapp.classify(message.text)[0] == "message"
