"""Find and blank every copy of a person's identifiers across the whole database.

The scan is generic on purpose: it walks every text and JSON column of every installed model, so
a field another app adds tomorrow is covered without anyone remembering to list it here. Two
kinds of identifiers:

- *strong* ones are blanked wherever they appear: the full name (now and former, when of two
  words or more besides titles), e-mail addresses, phone numbers (in any spacing, with +62 or
  0) and long fact texts;
- *weak* ones (single name words, a one-word name, short facts, family members' names) only in
  the records that are about the person (their interactions, conversations, promises, audit
  events), because "Budi" in another customer's record is somebody else.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import functools
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q

if TYPE_CHECKING:
    from karib.people.imports.rows import Source

MASK = "[…]"
logger = logging.getLogger(__name__)

# Models whose text is not a copy of a data subject's data, or that are the legal record.
_SKIPPED_MODELS = frozenset(
    {
        "auth.user",
        "auth.group",
        "auth.permission",
        "contenttypes.contenttype",
        "sessions.session",
        "gifts.gift",  # the gift register kept for KPK reporting (UU 20/2001 Pasal 12C)
        "gifts.giftdecision",
        "gifts.policyrule",
        "gifts.gestureidea",
        "gifts.collectiveleaveday",
        "privacy.erasure",
        "privacy.subjectrequest",
        "privacy.legalhold",
    }
)
_MIN_STRONG_NAME = 4
_MIN_STRONG_TEXT = 12
_MIN_WEAK_WORD = 3
_MIN_PHONE_DIGITS = 7
# Forms of address and titles: not a name, whichever name they stand before.
_NOT_A_NAME = frozenset(
    {
        "bapak", "pak", "ibu", "bu", "mas", "mbak", "kak", "adik", "dik", "bang", "abang",
        "tuan", "nyonya", "nona", "sdr", "sdri", "saudara", "saudari",
        "dr", "drs", "dra", "ir", "prof", "h", "hj", "haji", "hajah", "hajjah",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Hints:
    """A word of each strong identifier and the tail of each phone number (its last seven
    digits): a row of cells that holds none of them cannot make a contact that matches."""

    words: list[str]
    phone_tails: list[str]

    def in_cells(self, cells: Sequence[str]) -> bool:
        for cell in cells:
            folded = cell.casefold()
            if any(word in folded for word in self.words):
                return True
            if self.phone_tails and any(
                tail in re.sub(r"\D", "", cell) for tail in self.phone_tails
            ):
                return True
        return False


@dataclass
class Identifiers:
    """What identifies one person, as regular expressions ready to blank."""

    strong: list[str] = field(default_factory=list)  # plain strings
    weak: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)  # digit strings

    def patterns(self, *, include_weak: bool) -> re.Pattern[str] | None:
        parts = [re.escape(text) for text in self.strong]
        parts += [_phone_pattern(digits) for digits in self.phones]
        if include_weak:
            parts += [rf"\b{re.escape(word)}\b" for word in self.weak]
        parts = sorted(set(parts), key=len, reverse=True)
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def hints(self) -> Hints:
        """What a file's cells must hold for one of its contacts to match a strong identifier
        (``contacts_match``): a contact's texts are its cells, joined with separators (a name
        of its parts, a note of its columns), its phones rewritten as E.164."""
        words = [max(re.findall(r"\w+", text), key=len, default="") for text in self.strong]
        return Hints(
            words=sorted({word.casefold() for word in words if word}),
            phone_tails=sorted({digits[-_MIN_PHONE_DIGITS:] for digits in self.phones}),
        )

    def longest_match(self) -> int:
        """The characters a match may span (a phone number with up to three separators
        between its digits, "(0812) 3456 - 7890"), for the overlap of a streamed scan."""
        texts = [len(text) for text in (*self.strong, *self.weak)]
        phones = [4 * len(digits) + 1 for digits in self.phones]
        return max([0, *texts, *phones])

    def needles(self, *, include_weak: bool) -> list[str]:
        """Substrings to pre-filter rows in SQL (a row must contain one to be read)."""
        found = list(self.strong)
        for digits in self.phones:
            found.append(digits[-_MIN_PHONE_DIGITS:])  # the tail survives any formatting...
            found.append(_grouped_tail(digits))  # ...or is grouped as people write it
        if include_weak:
            found += self.weak
        return sorted({needle for needle in found if needle}, key=len, reverse=True)


def _phone_variants(raw: str) -> list[str]:
    digits = re.sub(r"\D", "", raw)
    if len(digits) < _MIN_PHONE_DIGITS:
        return []
    variants = {digits}
    if digits.startswith("62"):
        variants.add("0" + digits[2:])
    elif digits.startswith("0"):
        variants.add("62" + digits[1:])
    return sorted(variants)


def _phone_pattern(digits: str) -> str:
    # "0812 3456-7890", "(0812) 3456 7890", "+62 812.3456.7890": digits with any separators.
    return r"\+?" + r"[\s\-.()]*".join(re.escape(digit) for digit in digits)


def _grouped_tail(digits: str) -> str:
    return digits[-4:]


def _add_name(found: Identifiers, full_name: str) -> None:
    """A name is strong (blanked everywhere) only when it holds two words or more besides forms
    of address and titles: a single word ("Budi", "Pak Budi", "Ir. Budi") is somebody else in
    another customer's record, so it is weak, as each word of any name is."""
    name = " ".join(full_name.split())
    words = [word for word in re.findall(r"\w+", name) if word.lower() not in _NOT_A_NAME]
    if len(words) >= 2:
        for strong in (name, " ".join(words)):  # as written, and without its titles
            if len(strong) >= _MIN_STRONG_NAME:
                found.strong.append(strong)
    found.weak += [word for word in words if len(word) >= _MIN_WEAK_WORD]


def identifiers_of(
    *,
    full_name: str,
    emails: Iterable[str],
    phones: Iterable[str],
    texts: Iterable[str],
    former_names: Iterable[str] = (),
) -> Identifiers:
    """The identifiers of a person: their name (and `former_names`, by the same rule),
    e-mail addresses, phone numbers and `texts` (facts, forms of address)."""
    found = Identifiers()
    for name in (full_name, *former_names):
        _add_name(found, name or "")
    for email in emails:
        email = (email or "").strip()
        if email:
            found.strong.append(email)
            local = email.partition("@")[0]
            # a copy cut short ("suryo.w@kementerian.exa…") still holds the local part
            (found.strong if len(local) >= _MIN_STRONG_NAME + 2 else found.weak).append(local)
    for phone in phones:
        found.phones += _phone_variants(phone)
    for text in texts:
        text = " ".join((text or "").split())
        if len(text) >= _MIN_STRONG_TEXT:
            found.strong.append(text)
        elif len(text) >= _MIN_WEAK_WORD:
            found.weak.append(text)
    return found


def scrub_value(value: Any, pattern: re.Pattern[str]) -> Any:
    """The value with every match blanked; JSON structures walked (keys kept)."""
    if isinstance(value, str):
        return pattern.sub(MASK, value)
    if isinstance(value, list):
        return [scrub_value(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: scrub_value(item, pattern) for key, item in value.items()}
    return value


def _text_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    found: list[models.Field[Any, Any]] = []
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key or getattr(model_field, "choices", None):
            continue
        if isinstance(model_field, models.CharField | models.TextField | models.JSONField):
            found.append(model_field)
    return found


def scanned_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in _SKIPPED_MODELS
        and not model._meta.proxy
        and model._meta.managed
        and _text_fields(model)
    ]


def _contains(model_field: models.Field[Any, Any], needle: str) -> Q:
    query = Q(**{f"{model_field.name}__icontains": needle})
    if isinstance(model_field, models.JSONField):
        escaped = json.dumps(needle)[1:-1]  # SQLite keeps JSON with \\u escapes
        if escaped != needle:
            query |= Q(**{f"{model_field.name}__icontains": escaped})
    return query


def scrub_rows(
    queryset: models.QuerySet[Any], pattern: re.Pattern[str], needles: Sequence[str]
) -> int:
    """Blank `pattern` in every text/JSON column of the rows of `queryset` that contain one of
    `needles`; returns how many rows changed."""
    model = queryset.model
    text_fields = _text_fields(model)
    if not text_fields or not needles:
        return 0
    query = Q()
    for model_field in text_fields:
        for needle in needles:
            query |= _contains(model_field, needle)
    changed = 0
    names = [model_field.attname for model_field in text_fields]
    for row in queryset.filter(query).values("pk", *names).iterator(chunk_size=500):
        updates = {}
        for name in names:
            new = scrub_value(row[name], pattern)
            if new != row[name]:
                updates[name] = new
        if updates:
            model._base_manager.filter(pk=row["pk"]).update(**updates)
            changed += 1
    return changed


def _binary_fields(model: type[models.Model]) -> list[str]:
    return [
        model_field.attname
        for model_field in model._meta.concrete_fields
        if isinstance(model_field, models.BinaryField)
    ]


def _decoded(raw: bytes) -> str:
    for encoding in ("utf-8", "utf-16"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _file_fields(model: type[models.Model]) -> list[str]:
    return [
        model_field.attname
        for model_field in model._meta.concrete_fields
        if isinstance(model_field, models.FileField)
    ]


#: Bytes of a stored upload read at a time by the erasure's scan.
SCAN_CHUNK = 64 * 1024
#: Characters of the text before a chunk searched with it, at least, so that a match across
#: the border of two chunks is found (``Identifiers.longest_match`` when longer).
SCAN_OVERLAP = 4 * 1024
# As ``_decoded`` reads a binary column: UTF-8, UTF-16, else Latin-1 (which reads any byte).
_SCAN_ENCODINGS = ("utf-8", "utf-16", "latin-1")


def stored_matches(name: str, pattern: re.Pattern[str], *, overlap: int = SCAN_OVERLAP) -> bool:
    """Does a stored upload hold `pattern`? Read as a stream, ``SCAN_CHUNK`` bytes at a time
    (never whole), decoded as UTF-8, else UTF-16, else Latin-1, each chunk searched with the
    last ``overlap`` characters before it (at least ``SCAN_OVERLAP``). A match in a reading
    abandoned further on (a byte that is not UTF-8 after it) counts: it is the person's text
    all the same. False when the file is gone."""
    keep = max(overlap, SCAN_OVERLAP)
    for encoding in _SCAN_ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        tail = ""
        try:
            with default_storage.open(name, "rb") as stored:
                for chunk in iter(lambda: stored.read(SCAN_CHUNK), b""):
                    text = tail + decoder.decode(chunk)
                    if pattern.search(text):
                        return True
                    tail = text[-keep:]
                if pattern.search(tail + decoder.decode(b"", final=True)):
                    return True
        except UnicodeError:
            # Not this encoding; UTF-16 without a byte-order mark raises UnicodeError itself,
            # not its UnicodeDecodeError (a Windows-1252 upload made every erasure fail).
            continue
        except OSError:
            return False
        return False
    return False


def _texts_of(value: Any) -> Iterator[str]:
    """Every string of a contact read from a file (its name, e-mails, phones, addresses, note,
    relatives...), its white space runs made one space as a pattern's names are written."""
    if isinstance(value, str):
        yield " ".join(value.split())
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts_of(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in vars(value).values():
            yield from _texts_of(item)


def _holds(value: Any, pattern: re.Pattern[str]) -> bool:
    # one search over every text, each apart (a NUL is in no identifier, no name crosses it)
    return pattern.search("\0".join(_texts_of(value))) is not None


def _compressed(source: Source) -> bool:
    from karib.people.imports.text import head
    from karib.tone.whatsapp import is_zip

    try:
        return is_zip(head(source, 4))
    except OSError:
        return False  # gone


def contacts_match(
    source: Source,
    pattern: re.Pattern[str],
    *,
    mapping: dict[str, str] | None = None,
    hints: Hints | None = None,
) -> bool:
    """Does a contacts file hold a contact `pattern` matches? Read as the import reads it
    (``people.imports.pipeline``: a workbook's first sheet, a vCard's quoted-printable values,
    a name split into first and last name columns), a contact at a time, stopping at the
    first match: a CSV or a workbook cell by cell, then (when a row holds one of the `hints`,
    or without them) its contacts under the upload's `mapping` and under the suggested one
    (the rep may still choose it). A file the import cannot read as contacts is not one it
    could write either: False, unless it is compressed (a damaged workbook, which the text
    search cannot read either); one whose reading fails otherwise: True (Karib cannot tell it
    does not hold the person)."""
    from karib.people.imports.contacts_csv import read_contacts
    from karib.people.imports.csv_file import records
    from karib.people.imports.pipeline import detect, open_source

    try:
        opened = detect(source)
        if opened is None:  # a vCard
            return any(_holds(contact, pattern) for contact in open_source(source)())
        hinted = hints is None or hints.in_cells(opened.headers)
        for _line, cells in records(opened):
            if _holds(cells, pattern):
                return True
            hinted = hinted or hints is None or hints.in_cells(cells)
        if not hinted:  # no row holds a word of a name, nor a phone's digits
            return False
        mappings = [mapping] if mapping else []
        if opened.mapping != mapping:
            mappings.append(opened.mapping)
        return any(
            _holds(contact, pattern)
            for chosen in mappings
            for contact in read_contacts(opened, chosen)
        )
    except (ValueError, UnicodeError, csv.Error, OSError):
        # Not a contacts file (the import refuses it too), or gone: no import can write the
        # person from it. But a zip (a damaged workbook) is compressed, so the text search
        # cannot see inside it either: it may hold the person, so it goes (fail closed).
        return _compressed(source)
    except Exception as error:  # an erasure must not fail on a broken upload
        # Fail closed: what the reader cannot read (a malformed workbook raising its XML
        # parser's error) may hold the person, and no import reads it either.
        logger.warning("erasure: a contact upload could not be read (%s)", type(error).__name__)
        return True


def _waiting_contact_uploads() -> models.QuerySet[Any]:
    """The contact imports whose upload waits to be read (uploaded, its dry run or import
    queued or under way): a finished or failed import's upload is deleted with its field."""
    from karib.people.models import ContactImport

    finished = (ContactImport.Status.DONE, ContactImport.Status.FAILED)
    return ContactImport.objects.exclude(upload="").exclude(status__in=finished)


def _drop_stored(model: type[models.Model], pk: Any, name: str, path: str) -> None:
    """Clear a stored file's field and delete the file once committed. A run reading it (a
    contact import's dry run or import, which holds the file open) loses its run token too,
    so it stops at its next chunk without writing more (ADR 0017)."""
    values: dict[str, str] = {name: ""}
    if any(field.name == "run_token" for field in model._meta.concrete_fields):
        values["run_token"] = ""
    model._base_manager.filter(pk=pk).update(**values)
    transaction.on_commit(functools.partial(default_storage.delete, path))


def empty_matching_contact_uploads(pattern: re.Pattern[str], *, hints: Hints | None = None) -> int:
    """Drop the waiting contact uploads whose contacts `pattern` matches (``contacts_match``),
    which a search of their bytes misses (a workbook is compressed, a vCard 2.1 name
    quoted-printable, a name split in two columns): starting the import would write the
    person again. Its run token is cleared too, so a dry run or an import under way stops at
    its next chunk without writing more (ADR 0017). Returns how many were dropped."""
    from karib.people.imports.storage import stored_source
    from karib.people.models import ContactImport

    dropped = 0
    rows = _waiting_contact_uploads().values_list("pk", "file_name", "upload", "mapping")
    for pk, file_name, path, mapping in list(rows):
        chosen = {str(k): str(v) for k, v in mapping.items()} if isinstance(mapping, dict) else {}
        source = stored_source(file_name, path)
        if contacts_match(source, pattern, mapping=chosen, hints=hints):
            _drop_stored(ContactImport, pk, "upload", path)
            dropped += 1
    return dropped


def empty_matching_files(
    pattern: re.Pattern[str], *, overlap: int = SCAN_OVERLAP, hints: Hints | None = None
) -> Counter[str]:
    """Uploaded files that hold an identifier are dropped: those kept in binary columns are
    emptied, those in the file storage (a waiting contact import's vCard or CSV, a WhatsApp
    chat waiting for its import, a conversation import's file) deleted and their field
    cleared. Blanking words inside a file format is not safe, dropping it is. A stored file is
    read as a stream (``stored_matches``; ``overlap``: the longest match); a waiting contact
    upload the search missed is read as contacts too (``empty_matching_contact_uploads``;
    ``hints``: ``Identifiers.hints``, which spare reading the contacts of a file without)."""
    counts: Counter[str] = Counter()
    for model in apps.get_models():
        if model._meta.label_lower in _SKIPPED_MODELS or not model._meta.managed:
            continue
        for name in _binary_fields(model):
            for pk, raw in model._base_manager.values_list("pk", name).iterator(chunk_size=100):
                if raw and pattern.search(_decoded(bytes(raw))):
                    model._base_manager.filter(pk=pk).update(**{name: b""})
                    counts[model._meta.label_lower] += 1
        for name in _file_fields(model):
            stored = model._base_manager.exclude(**{name: ""}).values_list("pk", name)
            for pk, path in stored.iterator(chunk_size=100):
                if path and stored_matches(path, pattern, overlap=overlap):
                    _drop_stored(model, pk, name, path)
                    counts[model._meta.label_lower] += 1
    if dropped := empty_matching_contact_uploads(pattern, hints=hints):
        counts["people.contactimport"] += dropped
    return counts


def scrub_everywhere(
    found: Identifiers,
    *,
    linked: Iterable[tuple[type[models.Model], Iterable[Any]]],
    exclude: Q | None = None,
) -> Counter[str]:
    """Blank strong identifiers in every scanned row, and weak ones too in the `linked` rows
    ((model, primary keys) of the records about the person). Returns rows changed per model."""
    counts: Counter[str] = Counter()
    strong = found.patterns(include_weak=False)
    if strong is not None:
        needles = found.needles(include_weak=False)
        for model in scanned_models():
            queryset = model._base_manager.all()
            if exclude is not None and model._meta.label_lower == "people.person":
                queryset = queryset.exclude(exclude)
            if changed := scrub_rows(queryset, strong, needles):
                counts[model._meta.label_lower] += changed
        counts.update(
            empty_matching_files(strong, overlap=found.longest_match(), hints=found.hints())
        )
    weak = found.patterns(include_weak=True)
    if weak is not None:
        needles = found.needles(include_weak=True)
        for model, keys in linked:
            queryset = model._base_manager.filter(pk__in=list(keys))
            if changed := scrub_rows(queryset, weak, needles):
                counts[model._meta.label_lower] += changed
    return counts
