"""The cells of a contact CSV that become personal facts beyond the address and the website:
the notes of several columns kept together, the people a row names by their relation (a
spouse, children, a manager, Google's "Relation N" pairs) and the person's interests.

The people become ``Relative``s of the contact, as a vCard's do, so that the planner writes
them the same way: a family member as a family fact, anyone else as a fact of their relation.
"""

from __future__ import annotations

import re

from .csv_headers import RELATION_VALUE, column_key
from .relations import FAMILY_RELATIONS, OTHER_RELATIONS, relation_of_label
from .vcard import Contact, Relative

_RELATIONS = FAMILY_RELATIONS | OTHER_RELATIONS


def joined_note(notes: list[tuple[str, str]]) -> str:
    """The note of a row from its note cells, (column name, text) in file order: one text as
    written (what a file with one note column always gave), several each under its column's
    name ("Notes: ...", "Description: ..."), a text repeated in two columns once."""
    columns: dict[str, str] = {}
    for column, text in notes:
        columns.setdefault(text, column)
    if len(columns) == 1:
        return next(iter(columns))
    return "\n\n".join(f"{column}: {text}" for text, column in columns.items())


def relation_of(label: str) -> str:
    """The relation a label names: a key of ``relations.FAMILY_RELATIONS`` or ``OTHER_RELATIONS``
    ("Spouse", "Istri", "Domestic Partner", Google's legacy "referred-by"), the user's own
    label as written ("Keponakan"), "" for a kind that is no relation ("Colleague")."""
    text = label.strip(" *")
    relation = relation_of_label(text)
    if relation and relation not in _RELATIONS and "-" in text:
        unhyphenated = relation_of_label(text.replace("-", " "))
        if unhyphenated in _RELATIONS:
            return unhyphenated
    return relation


# The column names whose relation is not their words (keys of ``csv_headers.column_key``).
_HEADER_RELATIONS = {
    "managersname": "manager",
    "assistantsname": "assistant",
    "assistantname": "assistant",  # Salesforce
    "referredby": "referred_by",
    "namedesdervorgesetzten": "manager",  # German Outlook
    "nameassistent": "assistant",
    "empfohlenvon": "referred_by",
    "reportingto": "manager",  # Zoho CRM
    "assistant": "assistant",
}
# The words of a column name that say it holds a name: "Manager's Name", "Nama Istri".
_NAME_WORDS = re.compile(r"['\u2019]s\b|\b(?:name|nama)\b", re.IGNORECASE)


def header_relation(header: str) -> str:
    """The relation of a column of people without a label column: from its name ("Manager's
    Name" is the manager, "Nama Istri" the wife, "Keponakan" a relation of the user's own
    words), "other" for Google's "Relation N - Value" or a name that says none."""
    if RELATION_VALUE.match(header.strip().casefold()):
        return "other"
    known = _HEADER_RELATIONS.get(column_key(header))
    if known:
        return known
    words = " ".join(_NAME_WORDS.sub(" ", header).split())
    return relation_of(words) or "other"


# Between the names of a cell of children: "Rara, Dimas", "Rara; Dimas", "Bima dan Sekar".
_NAME_SEPARATOR = re.compile(r"\s*(?:[,;\n]|:::)\s*|\s+(?:dan|and|&)\s+", re.IGNORECASE)
# A degree written after a name and a comma ("Rara Putri, S.Kom", "Andi, S.E., M.M."): no name.
_DEGREE = re.compile(r"(?:[^\W\d_]{1,4}\.){1,3}[^\W\d_]{0,4}\.?")


def names(cell: str) -> list[str]:
    """The names of a cell that may list several people (children), each with its degree."""
    found: list[str] = []
    for piece in _NAME_SEPARATOR.split(cell):
        if not piece:
            continue
        if found and _DEGREE.fullmatch(piece.replace(" ", "")):
            found[-1] = f"{found[-1]}, {piece}"
        else:
            found.append(piece)
    return found


def add_relative(contact: Contact, relation: str, name: str) -> None:
    """Add someone the row names, once, cut to what a family fact keeps (as a vCard's are)."""
    name = " ".join(name.split())
    relative = Relative(relation[:60], name[:120])
    if relation and name and relative not in contact.relatives:
        contact.relatives.append(relative)


# Between the interests of a cell: Google's " ::: ", ";" or a line (not a comma: "golf, di
# Bogor" is one interest).
_INTEREST_SEPARATOR = re.compile(r"\s*(?:;|:::|\n)\s*")


def add_interests(contact: Contact, cell: str) -> None:
    for interest in _INTEREST_SEPARATOR.split(cell):
        interest = " ".join(interest.split())
        if interest and interest not in contact.interests:
            contact.interests.append(interest)
