"""Reading vCard 2.1, 3.0 and 4.0 files of any producer into plain contacts.

Each card is read on its own (a broken card is an error on its line, the others are read);
bytes are decoded by BOM, UTF-8, the card's own CHARSET or charset-normalizer's guess;
quoted-printable values (with soft line breaks) are decoded before vobject sees them.
"""

from __future__ import annotations

import codecs
import logging
import quopri
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import vobject  # type: ignore[import-untyped]
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .decoding import decode, split_lines, utf16_without_bom

# DEFAULT_REGION and phone_e164 are imported from here by the CSV reader too (re-exported).
from .phones import DEFAULT_REGION as DEFAULT_REGION
from .phones import is_phone_number, region_of_country, without_tel_scheme
from .phones import phone_e164 as phone_e164
from .relations import APPLE_LABEL_RE, FAMILY_RELATIONS, relation_of_label

# vobject logs every line it skips, personal data included, at ERROR on "vobject.base" (which
# sets its own level): not for users, and not for the logs either.
for _logger in ("vobject", "vobject.base"):
    logging.getLogger(_logger).setLevel(logging.CRITICAL)


@dataclass
class ContactDate:
    kind: str  # "birthday", "anniversary" or "other" (ImportantDate.Kind)
    month: int
    day: int
    year: int | None = None
    label: str = ""  # an "other" date's name as the phone shows it ("Wisuda")


@dataclass
class Relative:
    """Someone a card names with their relation to its person: ``relation`` is a key of
    ``FAMILY_RELATIONS`` or ``OTHER_RELATIONS`` ("spouse", "child", "manager", ...), or the
    user's own label as written ("Istri")."""

    relation: str
    name: str

    @property
    def is_family(self) -> bool:
        return self.relation in FAMILY_RELATIONS


@dataclass
class Contact:
    """One contact of a file, whatever its format; ``errors`` are (field, message)."""

    line: int
    full_name: str = ""
    nickname: str = ""
    organization: str = ""
    job_title: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    dates: list[ContactDate] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    note: str = ""
    relatives: list[Relative] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)  # vCard 4 HOBBY, INTEREST; "Hobby"
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: What was left out of a contact that is still imported (field, message): a cell that
    #: cannot be read, an Exchange address. Never stops the import.
    notices: list[tuple[str, str]] = field(default_factory=list)
    #: A contact with no name, e-mail or phone: left out of the import, and reported.
    left_out: bool = False


_QP_PARAM_RE = re.compile(r";(?:ENCODING=)?QUOTED-PRINTABLE", re.IGNORECASE)
_CHARSET_RE = re.compile(r";CHARSET=([\w\-]+)", re.IGNORECASE)


def _unfold_quoted_printable(lines: list[str]) -> list[str]:
    """vCard 2.1 quoted-printable values decoded (soft line breaks joined) and re-escaped."""
    return _unfold_qp(lines, list(range(len(lines))))[0]


def _unfold_qp(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """``_unfold_quoted_printable`` with the file line of each line (a value's first)."""
    out: list[str] = []
    out_numbers: list[int] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        out_numbers.append(numbers[index])
        index += 1
        name, colon, value = line.partition(":")
        if not colon or not _QP_PARAM_RE.search(name):
            out.append(line)
            continue
        if value.endswith("=") and index < len(lines):
            # Joined once: appending line by line copied the value per soft break (quadratic).
            parts = [value[:-1]]
            while index < len(lines):
                piece = lines[index].lstrip()
                index += 1
                if not piece.endswith("="):
                    parts.append(piece)
                    break
                parts.append(piece[:-1])
            else:
                parts[-1] += "="  # the file ended on a soft break: kept as it was
            value = "".join(parts)
        charset_match = _CHARSET_RE.search(name)
        charset = charset_match.group(1) if charset_match else "utf-8"
        data = quopri.decodestring(value.encode("latin-1", "replace"))
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            # No CHARSET (The Bat!, old Outlook): the Windows code page wrote the bytes.
            text = data.decode("cp1252", "replace")
        text = text.replace("\r\n", "\\n").replace("\n", "\\n")
        name = _CHARSET_RE.sub("", _QP_PARAM_RE.sub("", name))
        out.append(f"{name}:{text}")
    return out, out_numbers


_BINARY_RE = re.compile(r"^(?:item\d+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_PROPERTY_RE = re.compile(r"^[A-Za-z0-9\-.]+[;:]")

#: The most characters a card may hold, its pictures, sounds and keys aside: vobject reads a
#: value a character at a time (about a second per MiB), so that one 19 MB note held the task
#: worker 43 s.
MAX_CARD_CHARS = 1024 * 1024


@dataclass(frozen=True)
class TooLong:
    """A card over ``MAX_CARD_CHARS``: ``line`` is the line that took it over."""

    line: int


@dataclass
class _Card:
    """A card's text as vobject reads it, and what was left out of it (``Contact.notices``)."""

    text: str
    notices: list[tuple[str, str]] = field(default_factory=list)


_BEGIN, _END = "BEGIN:VCARD", "END:VCARD"


def _blocks(lines: Iterable[str]) -> Iterator[tuple[int, _Card | TooLong | None]]:
    """(first line, card) of every BEGIN:VCARD ... END:VCARD block, without the pictures,
    sounds and keys (base64 Karib does not keep); ``None`` for a card never closed, ``TooLong``
    for one over ``MAX_CARD_CHARS`` (its lines are no longer kept). Only the card being read is
    held.

    A card inside a card (vCard 2.1's AGENT, AOSP's nested cards) is left out of the card
    holding it, with a notice. A card that seems to hold others but never ends (its END:VCARD
    lost) is one that never ends: the lines after it (at most ``MAX_CARD_CHARS``, held until
    then) are read again as cards of their own, once, so a file is read in linear time."""
    source = enumerate(lines, start=1)
    replay: deque[tuple[int, str]] = deque()  # lines read again, nesting aside
    current: list[str] | None = None
    numbers: list[int] = []
    start = size = too_long = 0
    in_binary = False
    held: list[tuple[int, str]] = []  # every line since the first nested BEGIN:VCARD
    held_size = depth = 0
    nested: list[int] = []  # the first lines of the cards nested in this one
    while True:
        flat = bool(replay)
        item = replay.popleft() if replay else next(source, None)
        if item is None:
            if current is None:
                return
            yield (start, None)
            current = None
            replay.extend(held)
            held, held_size, depth, nested = [], 0, 0, []
            continue
        number, line = item
        upper = line.strip().upper()
        if current is not None and held:
            held.append(item)
            held_size += len(line) + 2
            if held_size > MAX_CARD_CHARS:  # no card holds this much: its END:VCARD is lost
                yield (start, None)
                current = None
                replay.extend(held)
                held, held_size, depth, nested = [], 0, 0, []
                continue
            if depth:
                depth += upper == _BEGIN
                depth -= upper == _END
                continue
        if upper == _BEGIN:
            if current is not None:
                if not flat:
                    if not held:
                        held, held_size = [item], len(line) + 2
                    depth = 1
                    nested.append(number)
                    continue
                yield (start, None)
            current, numbers, start, in_binary = [line.strip()], [number], number, False
            size, too_long = len(current[0]), 0
            continue
        if current is None:
            continue
        if in_binary and (not line.strip() or not _PROPERTY_RE.match(line)):
            continue  # the picture's base64 lines, folded or (vCard 2.1) not
        in_binary = _BINARY_RE.match(line) is not None
        if in_binary or upper.startswith("PROFILE:"):  # Lotus Notes' PROFILE:VCARD upsets vobject
            continue
        size += len(line) + 2
        if size > MAX_CARD_CHARS and not too_long:
            too_long = number
            current.clear()
            numbers.clear()
        if upper == _END:
            if too_long:
                yield (start, TooLong(too_long))
            else:
                current.append(line)
                numbers.append(number)
                card = _card(current, numbers)
                for line_number in nested:
                    message = _("the card inside this card (line %(line)d) was left out")
                    card.notices.append(("", message % {"line": line_number}))
                yield (start, card)
            current = None
            held, held_size, depth, nested = [], 0, 0, []
        elif not too_long:
            current.append(line)
            numbers.append(number)
    # not reached: the loop returns at the end of the lines


_VERSION_21_RE = re.compile(r"^VERSION:\s*2\.1\s*$", re.IGNORECASE)


def _card(lines: list[str], numbers: list[int]) -> _Card:
    """The text vobject reads of a card's lines (each with its file line): quoted-printable
    decoded, vCard 2.1's backslash-continued values joined, bare commas escaped, and the lines
    vobject cannot read left out with a notice (vobject skipped them without a word)."""
    lines, numbers = _unfold_qp(lines, numbers)
    if any(_VERSION_21_RE.match(line.strip()) for line in lines):
        lines, numbers = _join_backslash_lines(lines, numbers)
    lines = _escape_commas(lines)
    kept: list[str] = []
    unreadable: list[int] = []
    index = 0
    while index < len(lines):
        end = index + 1
        while end < len(lines) and lines[end][:1] in (" ", "\t"):
            end += 1  # a folded line's continuations
        logical = lines[index] + "".join(part[1:] for part in lines[index + 1 : end])
        if not logical.strip() or vobject.base.line_re.match(logical):
            kept.extend(lines[index:end])
        else:
            unreadable.append(numbers[index])
        index = end
    card = _Card("\r\n".join(kept) + "\r\n")
    if unreadable:
        message = ngettext(
            "%(count)d line of this card could not be read and was left out (line %(lines)s)",
            "%(count)d lines of this card could not be read and were left out (lines %(lines)s)",
            len(unreadable),
        )
        shown = ", ".join(map(str, unreadable[:10])) + (", …" if len(unreadable) > 10 else "")
        card.notices.append(("", message % {"count": len(unreadable), "lines": shown}))
    return card


def _join_backslash_lines(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """vCard 2.1 as Android wrote it: a value continued on the next line after a backslash
    ("ADR;HOME:;;Hermann v. Brevern\\" then "9999999\\" then "Packstation 999;Hamburg;…"). A
    line ending in an unescaped backslash is joined with the next line when that one is no
    property (and no folded line), the break kept as a line break of the value."""
    out: list[str] = []
    out_numbers: list[int] = []
    for line, number in zip(lines, numbers, strict=True):
        if out and _continues(out[-1]) and _is_continuation(line):
            out[-1] = out[-1][:-1] + "\\n" + line
            continue
        out.append(line)
        out_numbers.append(number)
    return out, out_numbers


def _continues(line: str) -> bool:
    trailing = len(line) - len(line.rstrip("\\"))
    return trailing % 2 == 1 and ":" in line


def _is_continuation(line: str) -> bool:
    return (
        bool(line.strip())
        and line[:1] not in (" ", "\t")
        and not _PROPERTY_RE.match(line)
        and line.strip().upper() != _END
    )


# Text values vobject cuts at an unescaped comma ("FN:Läunig, Stephan" read as "Läunig").
_ONE_TEXT_RE = re.compile(r"^(?:[A-Za-z0-9\-]+\.)?(?:FN|NOTE|TITLE|ORG)[;:]", re.IGNORECASE)
_UNESCAPED_COMMA_RE = re.compile(r"(?<!\\),")


def _escape_commas(lines: list[str]) -> list[str]:
    """Escape the bare commas of the single-text properties, their folded lines included."""
    out: list[str] = []
    inside = False
    for line in lines:
        if line[:1] in (" ", "\t"):
            out.append(_UNESCAPED_COMMA_RE.sub(r"\\,", line) if inside else line)
            continue
        inside = _ONE_TEXT_RE.match(line) is not None
        if inside:
            name, colon, value = _split_property(line)
            line = name + colon + _UNESCAPED_COMMA_RE.sub(r"\\,", value)
        out.append(line)
    return out


def _split_property(line: str) -> tuple[str, str, str]:
    """(name with parameters, ":", value): the first colon outside a quoted parameter."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], ":", line[index + 1 :]
    return line, "", ""


def _value(card: Any, name: str) -> str:
    item = card.contents.get(name)
    if not item:
        return ""
    value = item[0].value
    if isinstance(value, list):
        return " ".join(str(v) for v in value if v).strip()
    return str(value).strip()


#: Years that mean "no year": Apple writes 1604 for a date saved without one (and says so in
#: X-APPLE-OMIT-YEAR), some Android and Outlook exports write 0000.
_NO_YEAR = {0, 1604}


def _date(value: str, omit_year: str = "") -> tuple[int | None, int, int] | None:
    """(year, month, day) of a BDAY/ANNIVERSARY: 1980-04-03, 19800403, --0403, --04-03,
    1980-04-03T...; the year is None when the date has none: ``--``, 1604 or 0000, or the year
    Apple's ``X-APPLE-OMIT-YEAR`` parameter (``omit_year``) names."""
    text = value.strip().split("T")[0]
    match = re.fullmatch(r"(\d{4}|--)-?(\d{2})-?(\d{2})", text)
    if not match:
        return None
    year = None if match.group(1) == "--" else int(match.group(1))
    if year is not None and (year in _NO_YEAR or omit_year.strip() == match.group(1)):
        year = None
    month, day = int(match.group(2)), int(match.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (year, month, day)


#: Date properties of one meaning, whatever the producer: vCard 4.0, Thunderbird and some
#: Android (X-ANNIVERSARY), Outlook (X-MS-ANNIVERSARY), Evolution.
_DATE_PROPERTIES = {
    "BDAY": "birthday",
    "ANNIVERSARY": "anniversary",
    "X-ANNIVERSARY": "anniversary",
    "X-MS-ANNIVERSARY": "anniversary",
    "X-EVOLUTION-ANNIVERSARY": "anniversary",
}
# Android's ContactsContract.CommonDataKinds.Event.TYPE: 0 custom (its label follows),
# 1 anniversary, 2 other, 3 birthday.
_ANDROID_EVENTS = {"1": "anniversary", "3": "birthday"}
# Relation.TYPE of the same contract, 0 being custom.
_ANDROID_RELATIONS = {
    "1": "assistant",
    "2": "brother",
    "3": "child",
    "4": "partner",  # domestic partner
    "5": "father",
    "6": "friend",
    "7": "manager",
    "8": "mother",
    "9": "parent",
    "10": "partner",
    "11": "referred_by",
    "12": "relative",
    "13": "sister",
    "14": "spouse",
}
#: Name properties of one relation: Thunderbird, Outlook, Evolution, Palm/Nokia.
_RELATIVE_PROPERTIES = {
    "X-SPOUSE": "spouse",
    "X-MS-SPOUSE": "spouse",
    "X-EVOLUTION-SPOUSE": "spouse",
    "X-CHILDREN": "child",
    "X-MS-CHILDREN": "child",
    "X-CHILD": "child",
    "X-MS-MANAGER": "manager",
    "X-EVOLUTION-MANAGER": "manager",
    "X-MANAGER": "manager",
    "X-MS-ASSISTANT": "assistant",
    "X-EVOLUTION-ASSISTANT": "assistant",
    "X-ASSISTANT": "assistant",
}
_URI_RE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


#: An Exchange address (Outlook's E-mail Type "EX"): "/o=ExchangeLabs/ou=.../cn=Recipients/
#: cn=...", the mailbox's name inside its organization's server, no address to write to.
_EXCHANGE_RE = re.compile(r"^/o=[^/]*/", re.IGNORECASE)


def is_exchange_address(value: str) -> bool:
    return _EXCHANGE_RE.match(value.strip()) is not None


def add_emails(contact: Contact, values: Iterable[str]) -> list[str]:
    """Add the e-mails of a contact. An Exchange address is left out, with a notice; any other
    text that is no e-mail address too, and returned, for the caller to keep in the note."""
    unreadable: list[str] = []
    for value in values:
        value = value.strip()
        if not value or value in contact.emails:
            continue
        if is_exchange_address(value):
            message = _("“%(value)s” is an Exchange address, not an e-mail address: left out")
        else:
            try:
                validate_email(value)
            except ValidationError:
                message = _("“%(value)s” is not an e-mail address: kept in the note")
                unreadable.append(value)
            else:
                contact.emails.append(value)
                continue
        contact.notices.append(("email", message % {"value": value}))
    return unreadable


def leave_out_if_nameless(contact: Contact, message: str) -> None:
    """A contact with no name, e-mail or phone: left out of the import, reported with
    ``message`` (what a row or card lacks), the rest of the file imported."""
    if not contact.full_name:
        contact.left_out = True
        contact.notices.append(("", message))


def _labels(card: Any) -> dict[str, str]:
    """The X-ABLabel of every Apple/Google ``itemN.`` group of the card."""
    return {
        item.group.casefold(): str(item.value).strip()
        for item in card.getChildren()
        if item.name.upper() == "X-ABLABEL" and item.group
    }


def _param(item: Any, name: str) -> str:
    values = item.params.get(name) or []
    return str(values[0]) if values else ""


def _android(item: Any) -> tuple[str, list[str]]:
    """(kind, fields) of an Android X-ANDROID-CUSTOM: ``vnd.android.cursor.item/KIND;data1;
    data2;...``."""
    mime, _semicolon, rest = str(item.value).partition(";")
    kind = mime.strip().rsplit("/", 1)[-1].casefold()
    return kind, [part.strip() for part in rest.split(";")]


def _dates(card: Any) -> list[ContactDate]:
    """Every birthday, anniversary and other dated event of the card, once each."""
    dates: list[ContactDate] = []
    seen: set[tuple[str, int, int]] = set()
    labels = _labels(card)

    def add(kind: str, raw: str, omit_year: str = "", label: str = "") -> None:
        parsed = _date(raw, omit_year)
        if parsed is None:
            return  # vCard 4 allows text ("circa 1800"): nothing to remind of
        year, month, day = parsed
        if (kind, month, day) in seen:
            return
        seen.add((kind, month, day))
        dates.append(ContactDate(kind, month, day, year, label[:120]))

    for item in card.getChildren():
        name = item.name.upper()
        if name in _DATE_PROPERTIES:
            add(_DATE_PROPERTIES[name], str(item.value), _param(item, "X-APPLE-OMIT-YEAR"))
        elif name == "X-ABDATE":  # Apple and Google: a date with its label in the group
            label = labels.get((item.group or "").casefold(), "")
            apple = APPLE_LABEL_RE.match(label)
            word = (apple.group(1) if apple else label).strip()
            if word.casefold() == "anniversary":
                kind, label = "anniversary", ""
            elif word.casefold() == "birthday":
                kind, label = "birthday", ""
            else:
                kind, label = "other", "" if word.casefold() == "other" else word
            add(kind, str(item.value), _param(item, "X-APPLE-OMIT-YEAR"), label)
        elif name == "X-ANDROID-CUSTOM":
            kind, fields = _android(item)
            if kind == "contact_event" and fields:
                event = fields[1] if len(fields) > 1 else ""
                label = fields[2] if event == "0" and len(fields) > 2 else ""
                add(_ANDROID_EVENTS.get(event, "other"), fields[0], label=label)
    return dates


def _types(item: Any) -> set[str]:
    """The TYPE parameters of a property, upper-cased ("TYPE=HOME,FAX", "TYPE=fax;TYPE=home",
    vCard 2.1's bare "FAX")."""
    types = {
        part.strip().upper()
        for value in item.params.get("TYPE", [])
        for part in str(value).split(",")
    }
    return types | {str(name).upper() for name in item.singletonparams}


def _nickname(card: Any) -> str:
    """Every NICKNAME (their lists joined by ", "), else Android's nickname row."""
    names = [
        name
        for item in card.contents.get("nickname", [])
        for part in (item.value if isinstance(item.value, list) else str(item.value).split(","))
        if (name := str(part).strip())
    ]
    if names:
        return ", ".join(dict.fromkeys(names))
    for item in card.contents.get("x-android-custom", []):
        kind, fields = _android(item)
        if kind == "nickname" and fields and fields[0]:
            return fields[0]
    return ""


def _relatives(card: Any) -> list[Relative]:
    """The people the card names by their relation: Apple/Google X-ABRELATEDNAMES (the label
    in the group), vCard 4.0 RELATED as text, Android's relation rows, the X-SPOUSE family."""
    relatives: list[Relative] = []
    labels = _labels(card)

    def add(relation: str, name: str) -> None:
        name = name.strip()
        if relation and name and Relative(relation, name) not in relatives:
            relatives.append(Relative(relation[:60], name[:120]))

    for item in card.getChildren():
        name = item.name.upper()
        value = str(item.value).strip() if not isinstance(item.value, list) else ""
        if name == "X-ABRELATEDNAMES":
            add(relation_of_label(labels.get((item.group or "").casefold(), "")) or "other", value)
        elif name == "RELATED":
            # A URI (urn:uuid:, mailto:, http:) points at another card: no name to keep.
            if _param(item, "VALUE").casefold() != "text" and _URI_RE.match(value):
                continue
            words = ",".join(str(t) for t in item.params.get("TYPE") or []).split(",")
            add(next((r for r in map(relation_of_label, words) if r), "other"), value)
        elif name in _RELATIVE_PROPERTIES:
            for part in value.split(",") if name in ("X-CHILDREN", "X-MS-CHILDREN") else [value]:
                add(_RELATIVE_PROPERTIES[name], part)
        elif name == "X-ANDROID-CUSTOM":
            kind, fields = _android(item)
            if kind == "relation" and fields:
                relation_type = fields[1] if len(fields) > 1 else ""
                if relation_type == "0":
                    relation = relation_of_label(fields[2]) if len(fields) > 2 else ""
                else:
                    relation = _ANDROID_RELATIONS.get(relation_type, "")
                add(relation or "other", fields[0])
    return relatives


def _person_name(card: Any) -> str:
    """The name N spells: prefix, given, additional, family, suffix."""
    names = card.contents.get("n")
    if not names:
        return ""
    n = names[0].value
    if isinstance(n, vobject.vcard.Name):
        parts = [n.prefix, n.given, n.additional, n.family, n.suffix]
        return " ".join(" ".join(p) if isinstance(p, list) else str(p) for p in parts if p).strip()
    return str(n).replace(";", " ").strip()


def _name(card: Any, organization: str = "") -> str:
    """FN, else N; N when FN is the company's (Apple's ``X-ABShowAs:COMPANY`` shows a card by
    its company, FN then being ORG) and N names the person of the company."""
    full_name = _value(card, "fn")
    company_card = _value(card, "x-abshowas").upper() == "COMPANY" or (
        bool(organization) and full_name.casefold() == organization.casefold()
    )
    if full_name and not company_card:
        return full_name
    return _person_name(card) or full_name


def _text(part: Any) -> str:
    """A part of a structured value (a list when it holds several) as text."""
    if isinstance(part, list):
        return " ".join(str(p).strip() for p in part if str(p).strip())
    return str(part or "").strip()


def _organization(card: Any) -> tuple[str, list[str]]:
    """The organization of the card's ORG, and its units ("PT Maju;Divisi Penjualan")."""
    org = card.contents.get("org")
    if not org:
        return "", []
    value = org[0].value
    parts = value if isinstance(value, list) else [value]
    texts = [_text(part) for part in parts]
    return (texts[0] if texts else ""), [text for text in texts[1:] if text]


def _job_title(title: str, units: list[str]) -> str:
    """TITLE with the units of ORG ("PT Maju;Divisi Penjualan") after it in brackets: Karib
    keeps no department, and the job title is where a person's place in the company is read
    ("Kepala, Bagian (Keuangan)"; the unit alone without a title)."""
    unit = ", ".join(part for part in dict.fromkeys(units) if part.casefold() != title.casefold())
    if title and unit:
        return f"{title} ({unit})"
    return title or unit


_BOX_NUMBER_RE = re.compile(r"^[\d\s\-/.#]+$")


def _address(value: Any) -> str:
    """An ADR as one line: street, extended address (an apartment, a floor, or the whole
    address as Japanese phones write it), post office box, city, region, code, country."""
    box = _text(value.box)
    if box and _BOX_NUMBER_RE.match(box):
        box = _("PO Box %(number)s") % {"number": box}
    extended = _text(value.extended)
    # The other parts as Karib always wrote them: an address imported again is the same text
    # (a fact already held is not added twice).
    parts = [value.street, extended, box, value.city, value.region, value.code, value.country]
    return ", ".join(" ".join(p) if isinstance(p, list) else str(p) for p in parts if p).strip(", ")


def read_contact(card: Any, line: int, *, region: str = DEFAULT_REGION) -> Contact:
    contact = Contact(line=line)
    organization, units = _organization(card)
    contact.organization = organization
    contact.full_name = _name(card, contact.organization)
    contact.nickname = _nickname(card)
    contact.job_title = _job_title(_value(card, "title"), units)
    emails = [str(item.value) for item in card.contents.get("email", []) if item.value]
    bad_emails = add_emails(contact, emails)
    countries: list[str] = []
    for adr in card.contents.get("adr", []):
        value = adr.value
        if isinstance(value, vobject.vcard.Address):
            text = _address(value)
            countries.append(_text(value.country))
        else:
            text = str(value)
        if text:
            contact.addresses.append(text)
    # A number written without "+" is read in the card's own country when its address names
    # one: a German card's "040 5550100545" is a Hamburg number, not an Indonesian one.
    region = next(filter(None, map(region_of_country, countries)), region)
    seen: set[str] = set()
    faxes: list[str] = []
    not_phones: list[str] = []
    for tel in card.contents.get("tel", []):
        text = without_tel_scheme(str(tel.value))
        if text and not is_phone_number(text):
            # A SIP address, or words ("ask Jenny for Lisa's number"): no number to dial.
            not_phones.append(text)
            message = _("“%(value)s” is not a phone number: kept in the note")
            contact.notices.append(("phone", message % {"value": text}))
            continue
        phone = phone_e164(text, region)
        if phone and "FAX" in _types(tel):
            faxes.append(phone)  # no one to call or message: kept in the note
        elif phone and phone not in seen:
            seen.add(phone)
            contact.phones.append(phone)
    contact.dates = _dates(card)
    # Apple and SOGo escape the colon of a URL ("http\\://"), which is no vCard escape.
    contact.urls = [
        str(u.value).strip().replace("\\:", ":") for u in card.contents.get("url", []) if u.value
    ]
    notes = [str(item.value).strip() for item in card.contents.get("note", []) if item.value]
    notes += [_("Fax: %(number)s") % {"number": fax} for fax in faxes]
    notes += [_("Phone: %(value)s") % {"value": text} for text in not_phones]
    notes += [_("E-mail: %(value)s") % {"value": email} for email in bad_emails]
    contact.note = "\n\n".join(dict.fromkeys(note for note in notes if note))
    contact.relatives = _relatives(card)
    # vCard 4.0 (RFC 6350 section 6.6.7 and RFC 6715): HOBBY and INTEREST, one each.
    for item in (*card.contents.get("hobby", []), *card.contents.get("interest", [])):
        interest = " ".join(str(item.value).split())
        if interest and interest not in contact.interests:
            contact.interests.append(interest)
    if not contact.full_name:
        # Phones export contacts saved with only a company, an address or a number: a
        # company's card is named after the company, not its switchboard.
        contact.full_name = next(
            (n for n in (contact.organization, *contact.emails, *contact.phones) if n), ""
        )
    leave_out_if_nameless(
        contact, _("this card has no name, e-mail or phone (FN, N, EMAIL, TEL): left out")
    )
    return contact


def read_vcards(raw: bytes, *, region: str = DEFAULT_REGION) -> list[Contact]:
    """Every contact of a vCard file; a card vobject cannot read is an error on its line."""
    return list(iter_vcards(decode(raw, vcard=True), region=region))


def iter_vcards(text: str | Iterable[str], *, region: str = DEFAULT_REGION) -> Iterator[Contact]:
    """The contacts of a decoded vCard file (its text, or its lines as a stream), one card at
    a time."""
    lines = split_lines(text) if isinstance(text, str) else text
    for line, block in _blocks(lines):
        if block is None:
            yield Contact(line=line, errors=[("END", _("this card never ends (END:VCARD)"))])
            continue
        if isinstance(block, TooLong):
            message = _(
                "line %(line)d takes this card over %(max)d characters (pictures aside); "
                "shorten it or leave the card out"
            ) % {"line": block.line, "max": MAX_CARD_CHARS}
            yield Contact(line=line, errors=[("", message)])
            continue
        try:
            card = vobject.readOne(block.text, ignoreUnreadable=True)
        except Exception:  # vobject raises ParseError, ValueError, ... on malformed cards
            yield Contact(
                line=line, errors=[("", _("this card is not valid vCard; skip or fix it"))]
            )
            continue
        contact = read_contact(card, line, region=region)
        contact.notices[:0] = block.notices
        yield contact


def is_vcard(raw: bytes, *, size: int | None = None) -> bool:
    """Does the file start as a vCard? ``raw``: the file, or its first 8 KiB or more and
    ``size`` its length."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf\r\n\t ").upper()
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = raw[:8192].decode("utf-16", "ignore").lstrip("\ufeff\r\n\t ").upper().encode()
    elif utf16 := utf16_without_bom(raw, size=size):
        head = raw[:8192].decode(utf16, "ignore").lstrip("\r\n\t ").upper().encode()
    return head.startswith(b"BEGIN:VCARD")
