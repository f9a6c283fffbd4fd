"""The relations a contact file names beside a person (spouse, children, manager ...): the
family relations and the others, and the labels phones and mail clients write for them in
English and Indonesian, shared by the vCard reader and the CSV reader."""

from __future__ import annotations

import re

#: Relations that make a family fact; RFC 6350's RELATED types and Apple's and Google's labels.
FAMILY_RELATIONS = frozenset(
    {"spouse", "partner", "child", "mother", "father", "parent", "brother", "sister"}
    | {"sibling", "relative"}
)
#: "other": a name with no relation or Apple's "Other" label.
OTHER_RELATIONS = frozenset({"assistant", "manager", "friend", "referred_by", "other"})
_RELATION_WORDS = {
    "domestic_partner": "partner",
    "domesticpartner": "partner",
    "kin": "relative",
    "wife": "spouse",
    "husband": "spouse",
    "son": "child",
    "daughter": "child",
    "children": "child",
    "co-worker": "",  # RFC 6350 types that are no relative and no one the product asks about
    "colleague": "",
    "contact": "",
    "acquaintance": "",
    "met": "",
    "co-resident": "",
    "neighbor": "",
    "muse": "",
    "crush": "",
    "date": "",
    "sweetheart": "partner",
    "me": "",
    "agent": "",
    "emergency": "",
    # Indonesian labels a phone's user types (the product's first language)
    "istri": "spouse",
    "isteri": "spouse",
    "suami": "spouse",
    "pasangan": "spouse",
    "anak": "child",
    "putra": "child",
    "putri": "child",
    "ibu": "mother",
    "mama": "mother",
    "mamah": "mother",
    "bunda": "mother",
    "ayah": "father",
    "bapak": "father",
    "papa": "father",
    "papah": "father",
    "orang_tua": "parent",
    "orangtua": "parent",
    "kakak": "sibling",
    "adik": "sibling",
    "abang": "brother",
    "saudara": "sibling",
    "kerabat": "relative",
    "atasan": "manager",
    "bos": "manager",
    "asisten": "assistant",
    "sekretaris": "assistant",
    "teman": "friend",
}
#: Apple's own labels: "_$!<Spouse>!$_" (a label the user typed is written as it is).
APPLE_LABEL_RE = re.compile(r"^_\$!<(.*)>!\$_$")


def relation_of_label(label: str) -> str:
    """The relation key of a label or TYPE ("_$!<Spouse>!$_", "spouse", "DOMESTIC_PARTNER"),
    the label as written when it is the user's own, "" for a type that is no relation."""
    text = label.strip()
    apple = APPLE_LABEL_RE.match(text)
    word = (apple.group(1) if apple else text).strip().casefold().replace(" ", "_")
    if word in FAMILY_RELATIONS or word in OTHER_RELATIONS:
        return word
    if word in _RELATION_WORDS:
        return _RELATION_WORDS[word]
    if not word:
        return ""
    return text if not apple else apple.group(1).strip()
