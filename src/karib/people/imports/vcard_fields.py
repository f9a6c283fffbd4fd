"""The fields of a card vobject has read: names, organization and job title, dates,
relatives, addresses, as Apple, Google, Android, Outlook, Evolution and the vCard RFCs write
them."""

from __future__ import annotations

import re
from typing import Any

import vobject  # type: ignore[import-untyped]
from django.utils.translation import gettext as _

from .contact import ContactDate, Relative
from .relations import APPLE_LABEL_RE, relation_of_label


def first_value(card: Any, name: str) -> str:
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


def card_dates(card: Any) -> list[ContactDate]:
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


def property_types(item: Any) -> set[str]:
    """The TYPE parameters of a property, upper-cased ("TYPE=HOME,FAX", "TYPE=fax;TYPE=home",
    vCard 2.1's bare "FAX")."""
    types = {
        part.strip().upper()
        for value in item.params.get("TYPE", [])
        for part in str(value).split(",")
    }
    return types | {str(name).upper() for name in item.singletonparams}


def card_nickname(card: Any) -> str:
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


def card_relatives(card: Any) -> list[Relative]:
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


def card_name(card: Any, organization: str = "") -> str:
    """FN, else N; N when FN is the company's (Apple's ``X-ABShowAs:COMPANY`` shows a card by
    its company, FN then being ORG) and N names the person of the company."""
    full_name = first_value(card, "fn")
    company_card = first_value(card, "x-abshowas").upper() == "COMPANY" or (
        bool(organization) and full_name.casefold() == organization.casefold()
    )
    if full_name and not company_card:
        return _given_name_first(full_name, card)
    return _person_name(card) or full_name


def _given_name_first(full_name: str, card: Any) -> str:
    """FN written "Family, Given" (Outlook's and Evolution's "File As", KDE's sorted name) the
    way Karib shows every other name, N's way: "Given Family". Only when the two sides are N's
    family and given (and additional) names: "Budi Santoso, S.E." or "PT Maju, Tbk" stay."""
    written_family, comma, written_given = full_name.partition(",")
    names = card.contents.get("n")
    if not comma or not names or not isinstance(names[0].value, vobject.vcard.Name):
        return full_name
    n = names[0].value
    family, given = " ".join(part_text(n.family).split()), " ".join(part_text(n.given).split())
    written_family = " ".join(written_family.split())
    written_given = " ".join(written_given.split())
    givens = {given.casefold(), " ".join([given, part_text(n.additional)]).strip().casefold()}
    is_family_given = written_family.casefold() == family.casefold() and (
        written_given.casefold() in givens
    )
    if family and given and is_family_given:
        return f"{written_given} {written_family}"
    return full_name


def part_text(part: Any) -> str:
    """A part of a structured value (a list when it holds several) as text."""
    if isinstance(part, list):
        return " ".join(str(p).strip() for p in part if str(p).strip())
    return str(part or "").strip()


def card_organization(card: Any) -> tuple[str, list[str]]:
    """The organization of the card's ORG, and its units ("PT Maju;Divisi Penjualan")."""
    org = card.contents.get("org")
    if not org:
        return "", []
    value = org[0].value
    parts = value if isinstance(value, list) else [value]
    texts = [part_text(part) for part in parts]
    return (texts[0] if texts else ""), [text for text in texts[1:] if text]


def job_title(title: str, units: list[str]) -> str:
    """TITLE with the units of ORG ("PT Maju;Divisi Penjualan") after it in brackets: Karib
    keeps no department, and the job title is where a person's place in the company is read
    ("Kepala, Bagian (Keuangan)"; the unit alone without a title)."""
    unit = ", ".join(part for part in dict.fromkeys(units) if part.casefold() != title.casefold())
    if title and unit:
        return f"{title} ({unit})"
    return title or unit


_BOX_NUMBER_RE = re.compile(r"^[\d\s\-/.#]+$")


def address_text(value: Any) -> str:
    """An ADR as one line: street, extended address (an apartment, a floor, or the whole
    address as Japanese phones write it), post office box, city, region, code, country."""
    box = part_text(value.box)
    if box and _BOX_NUMBER_RE.match(box):
        box = _("PO Box %(number)s") % {"number": box}
    extended = part_text(value.extended)
    # The other parts as Karib always wrote them: an address imported again is the same text
    # (a fact already held is not added twice).
    parts = [value.street, extended, box, value.city, value.region, value.code, value.country]
    return ", ".join(" ".join(p) if isinstance(p, list) else str(p) for p in parts if p).strip(", ")
