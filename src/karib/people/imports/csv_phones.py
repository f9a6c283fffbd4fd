"""The phone numbers of a contact CSV's cell: several in one cell, numbers a spreadsheet wrote
as a float or shortened to scientific notation, and words that are no number (a template's
"pager" or "phone work") kept in the note."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .phones import is_phone_number
from .vcard import Contact

# A number column a spreadsheet wrote as a float ("+6281234567890.0") or in scientific
# notation ("6.28123E+12": the digits after the sixth are lost).
_FLOAT_NUMBER = re.compile(r"(\+?\d{5,})\.0+")
_SCIENTIFIC_NUMBER = re.compile(r"[+-]?\d(?:[.,]\d+)?e\+?\d+", re.IGNORECASE)
# Two numbers in one cell, as Indonesian sheets often hold them: "0812 3456 7890 / 0813 ...".
_PHONE_SEPARATOR = re.compile(r"\s*(?:[/,;]|\batau\b|\bor\b)\s*", re.IGNORECASE)
_MIN_PHONE_DIGITS = 7


def phone_cells(value: str, contact: Contact, *, column: str, kept: list[str]) -> list[str]:
    """The phone numbers of a cell (Google's ``:::`` and ``/ , ; atau`` between whole numbers),
    as written; a number a spreadsheet shortened is left out, with a notice of the row, and a
    piece that is no number (no digits: "pager", "phone work"; a SIP address) is added to
    ``kept`` as "Column: text" for the note, with a notice, as the vCard reader does."""
    numbers: list[str] = []
    for item in re.split(r"\s*:::\s*", value):
        pieces = [piece for piece in _PHONE_SEPARATOR.split(item) if piece]
        if len(pieces) < 2 or any(
            sum(c.isdigit() for c in piece) < _MIN_PHONE_DIGITS for piece in pieces
        ):
            pieces = [item]  # one number with an extension or a note ("021 555 1234 / 12")
        for piece in pieces:
            if not is_phone_number(piece):
                message = _("“%(value)s” is not a phone number: kept in the note")
                contact.notices.append(("phone", message % {"value": piece}))
                kept.append(f"{column}: {piece}")
                continue
            if _SCIENTIFIC_NUMBER.fullmatch(piece):
                contact.notices.append(
                    (
                        "phone",
                        _(
                            "“%(value)s”: the spreadsheet shortened this number, so it is left "
                            "out; format the column as text and export it again"
                        )
                        % {"value": piece},
                    )
                )
                continue
            whole = _FLOAT_NUMBER.fullmatch(piece)
            numbers.append(whole.group(1) if whole else piece)
    return numbers
