"""A WhatsApp chat with a customer, imported onto that person's timeline.

Each day of messages becomes one interaction (kind message) whose summary is the excerpt of
the day with who spoke; a day already imported is skipped, so a longer export of the same chat
adds only the new days. What the customer says about themself — a birthday, their children,
a hobby, what they like — is offered as a suggested fact whose source is the message; the rep
confirms (a personal fact is created) or rejects it. Nothing about the person is stored
without that confirmation.

While the rep says which speaker is the customer or how the dates read, the export waits in the
file storage as a ``ChatUpload`` of that rep and that person (never in the session, whose
encoded data the erasure cannot read): it is deleted once the chat is imported or the upload
cancelled, and by the daily purge a day later (ADR 0017).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from karib.core.errors import DomainError, ErrorCode
from karib.core.filtering import is_id
from karib.people import services
from karib.people.imports.storage import printable_name, stored_delete, stored_source, upload_save
from karib.people.imports.text import detect_encoding, text_lines
from karib.people.imports.vcard import phone_e164
from karib.people.models import (
    ChatDay,
    ChatUpload,
    Interaction,
    Person,
    PersonalFact,
    SuggestedFact,
)
from karib.tone import whatsapp
from karib.tone.errors import ToneInputError

MAX_EXCERPT = 2000
# New days written by one import, each an interaction with its audit and search entry, in one
# transaction: a few seconds. An export of years is added over several uploads.
MAX_NEW_DAYS = 250
MAX_BYTES = 20 * 1024 * 1024
CHAT_UPLOAD_TO = "people/chats/"
#: A chat upload nobody imported or cancelled is deleted by the daily purge after this.
CHAT_UPLOAD_KEEP = datetime.timedelta(days=1)

# First-person statements only (precision before recall): (category, pattern, template).
_SUGGESTIONS: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (category, re.compile(pattern, re.IGNORECASE), template)
    for category, pattern, template in (
        (
            PersonalFact.Category.IMPORTANT_DATE,
            r"\b(?:ulang ?tahun|ultah|hari lahir)\s+(?:saya|aku|sy|ku)\b[^.!?\n]{0,40}"
            r"|\b(?:saya|aku|sy)\s+(?:lahir|ulang ?tahun|ultah)\b[^.!?\n]{0,40}"
            r"|\bmy birthday\b[^.!?\n]{0,40}",
            "birthday",
        ),
        (
            PersonalFact.Category.FAMILY,
            r"\b(?:anak|anak-anak|putra|putri|istri|suami|cucu)\s+(?:saya|aku|sy|ku)\b"
            r"[^.!?\n]{0,60}|\bmy (?:son|daughter|kids?|children|wife|husband)\b[^.!?\n]{0,60}",
            "family",
        ),
        (
            PersonalFact.Category.INTEREST,
            # Each optional part takes its own spaces ("hobi\s*(saya)?\s*(adalah)?\s+" split a
            # run of spaces three ways: cubic).
            r"\bhobi(?:\s*(?:saya|aku|sy|ku))?(?:\s*(?:adalah|itu|:))?\s+[^.!?\n]{2,50}"
            r"|\b(?:saya|aku|sy)\s+(?:sangat\s+|paling\s+|memang\s+)?(?:suka|senang|hobi)\s+"
            r"[^.!?\n]{2,50}|\bmy hobby\b[^.!?\n]{2,50}|\bI (?:love|enjoy)\s+[^.!?\n]{2,50}",
            "interest",
        ),
    )
)


@dataclass(frozen=True)
class Suggestion:
    category: str
    text: str


# A statement about oneself fits on one line; longer lines are read up to here.
MAX_SUGGESTION_LINE = 500


def suggestions_in(text: str) -> Iterator[Suggestion]:
    """What a customer's own message says about them (at most one per category), read line
    by line: the patterns' optional spaces met a run of blank lines every way (cubic)."""
    lines = [line[:MAX_SUGGESTION_LINE] for line in text.splitlines()]
    for category, pattern, _kind in _SUGGESTIONS:
        found = next(filter(None, map(pattern.search, lines)), None)
        if found:
            yield Suggestion(category, " ".join(found.group(0).split())[:255])


@dataclass
class ChatPlan:
    """What an export holds for a person, before anything is written."""

    speakers: list[str]
    customer: str | None
    order: whatsapp.DateOrder
    days: dict[datetime.date, list[whatsapp.ChatMessage]]


def _read(
    text: str | Sequence[str], file_name: str, date_order: str | None
) -> tuple[whatsapp.DateOrder, list[whatsapp.ChatMessage]]:
    lines = text.splitlines() if isinstance(text, str) else list(text)
    order = whatsapp.date_order(lines)
    if date_order in ("dmy", "mdy", "ymd"):
        order = whatsapp.DateOrder(date_order, "user", order.example)  # type: ignore[arg-type]
    try:
        messages = list(whatsapp.iter_messages(lines, order=order.order, file=file_name))
    except whatsapp.UnsupportedDateLayout as error:
        raise DomainError(
            ErrorCode.INVALID,
            _(
                "%(file)s, line %(line)s: this WhatsApp export writes its dates in a layout "
                "Karib does not read yet (%(example)s)."
            ),
            field="file",
            params={"file": file_name, "line": error.line or 1, "example": error.example},
        ) from None
    except ToneInputError as error:
        raise DomainError(
            ErrorCode.INVALID,
            _("%(file)s, line %(line)s: this is not a WhatsApp chat export."),
            field="file",
            params={"file": file_name, "line": error.line or 1},
        ) from None
    if not any(m.is_spoken for m in messages):
        raise DomainError(
            ErrorCode.INVALID,
            _("%(file)s holds no messages."),
            field="file",
            params={"file": file_name},
        )
    return order, messages


def _customer(person: Person, speakers: list[str], file_name: str) -> str | None:
    """The speaker who is the person: by phone, by the name in the file name, by name."""
    phones = {phone_e164(str(p)) for p in person.phones or []}
    for speaker in speakers:
        if phone_e164(speaker) in phones:
            return speaker
    keys = {whatsapp.speaker_key(s): s for s in speakers}
    partner = whatsapp.chat_partner(file_name)
    if partner and whatsapp.speaker_key(partner) in keys:
        return keys[whatsapp.speaker_key(partner)]
    name = whatsapp.speaker_key(person.full_name)
    matches = [s for key, s in keys.items() if key == name or (key and key in name.split())]
    return matches[0] if len(matches) == 1 else None


def chat_plan(
    *, person: Person, text: str | Sequence[str], file_name: str, date_order: str | None = None
) -> ChatPlan:
    """What the chat (its text, or its lines) holds for ``person``; nothing is written."""
    order, messages = _read(text, file_name, date_order)
    speakers = list(dict.fromkeys(m.speaker for m in messages if m.speaker))
    days: dict[datetime.date, list[whatsapp.ChatMessage]] = {}
    for message in messages:
        if message.kind == "event":
            continue  # encryption notices, group events, iOS's marked system texts (written
            # under a speaker's name): nobody's words, and a day of them alone is no interaction
        day = datetime.datetime.fromisoformat(message.timestamp).date()
        days.setdefault(day, []).append(message)
    return ChatPlan(speakers, _customer(person, speakers, file_name), order, days)


def _excerpt(messages: list[whatsapp.ChatMessage]) -> str:
    lines = []
    for message in messages:
        text = message.text if message.is_spoken else f"[{message.event or message.kind}]"
        lines.append(f"{message.timestamp[11:16]} {message.speaker}: {text}")
    excerpt = "\n".join(lines)
    if len(excerpt) > MAX_EXCERPT:
        excerpt = excerpt[: MAX_EXCERPT - 1].rsplit("\n", 1)[0] + "\n…"
    return excerpt


def _aware(timestamp: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(timestamp))


@dataclass
class ChatImportResult:
    days_added: int
    days_skipped: int
    suggestions: int
    days_left: int = 0  # new days over MAX_NEW_DAYS, for the next upload of the same export


@transaction.atomic
def chat_import(
    *,
    person: Person,
    by: User,
    text: str | Sequence[str],
    file_name: str,
    customer: str,
    date_order: str | None = None,
) -> ChatImportResult:
    """Add each day of the chat not imported yet as one interaction, and offer suggestions."""
    plan = chat_plan(person=person, text=text, file_name=file_name, date_order=date_order)
    if plan.order.evidence is None and date_order is None:
        raise DomainError(
            ErrorCode.REQUIRED,
            _("The dates (e.g. %(example)s) read as day/month and as month/day: choose one."),
            field="date_order",
            params={"example": plan.order.example},
        )
    if customer not in plan.speakers:
        raise DomainError(
            ErrorCode.INVALID,
            _("“%(name)s” does not speak in this chat."),
            field="customer",
            params={"name": customer},
        )
    known = set(ChatDay.objects.filter(person=person).values_list("day", flat=True))
    added = skipped = offered = 0
    new_days = sum(1 for day in plan.days if day not in known)
    for day, messages in sorted(plan.days.items()):
        if day in known:
            skipped += 1
            continue
        if added == MAX_NEW_DAYS:
            break  # the oldest days first; the same export uploaded again adds the rest
        interaction = services.interaction_create(
            by=by,
            kind=Interaction.Kind.MESSAGE,
            occurred_at=_aware(messages[0].timestamp),
            summary=_excerpt(messages),
            participants=[person],
            location="WhatsApp",
        )
        ChatDay.objects.create(
            person=person, day=day, interaction=interaction, messages=len(messages)
        )
        added += 1
        for message in messages:
            if message.speaker != customer or not message.is_spoken:
                continue
            for suggestion in suggestions_in(message.text):
                _suggested, created = SuggestedFact.objects.get_or_create(
                    person=person,
                    said_at=_aware(message.timestamp),
                    text=suggestion.text,
                    defaults={
                        "interaction": interaction,
                        "category": suggestion.category,
                        "message": message.text,
                        "speaker": message.speaker,
                        "created_by": by,
                    },
                )
                offered += int(created)
    return ChatImportResult(added, skipped, offered, days_left=new_days - added)


#: The most a chat inside a .zip may hold once decompressed: what a plain upload may be.
MAX_ZIPPED_CHAT_BYTES = 5 * 1024 * 1024


def _chat_in_zip(content: IO[bytes], file_name: str) -> tuple[str, bytes]:
    """The chat .txt inside an uploaded .zip (its media are never read); DomainError naming
    the file when there is not exactly one, or it is encrypted, nested or too large."""
    try:
        return whatsapp.chat_in_zip(content, file=file_name, max_bytes=MAX_ZIPPED_CHAT_BYTES)
    except whatsapp.ChatZipError as error:
        messages = {
            "damaged": _("%(file)s is not a readable .zip file."),
            "encrypted": _(
                "%(file)s: the chat in this .zip is encrypted. Unzip it and upload the "
                "_chat.txt inside."
            ),
            "nested": _("%(file)s holds another .zip. Unzip it and upload the _chat.txt inside."),
            "no_chat": _("%(file)s holds no WhatsApp chat (.txt)."),
            "several": _(
                "%(file)s holds several .txt files. Unzip it and upload the chat's _chat.txt."
            ),
            "too_big": _("%(file)s: the chat inside is larger than %(max)d MB."),
        }
        raise DomainError(
            ErrorCode.INVALID,
            messages[error.problem],
            field="file",
            params={"file": file_name, "max": MAX_ZIPPED_CHAT_BYTES // (1024 * 1024)},
        ) from None


#: Chats a rep may keep waiting, one per person: a new one drops the oldest (secprobe7, F6).
MAX_WAITING_CHATS = 10


def chat_upload_create(
    *, person: Person, by: User, file_name: str, content: IO[bytes]
) -> ChatUpload:
    """Keep an uploaded chat export for the next step, in the file storage (copied in chunks);
    one that is not text is refused and not kept. The rep's earlier upload onto this person,
    if any waits, is deleted: one chat waits per rep and person, and at most
    MAX_WAITING_CHATS in all (the oldest goes)."""
    file_name = printable_name(file_name)
    start = content.read(len(whatsapp.ZIP_MAGIC))
    content.seek(0)
    if whatsapp.is_zip(start):  # iOS's export: keep only the chat inside, never the media
        _member, chat = _chat_in_zip(content, file_name)
        stored = upload_save("chat.txt", chat, folder=CHAT_UPLOAD_TO)
    else:
        stored = upload_save(file_name, content, folder=CHAT_UPLOAD_TO)
    try:
        try:
            detect_encoding(stored_source(file_name, stored))  # read through, a chunk at a time
        except (ValueError, UnicodeError):
            raise DomainError(ErrorCode.INVALID, _("The file is not text."), field="file") from None
        with transaction.atomic():
            # the user's row locked: two uploads at once count each other
            User.objects.select_for_update().filter(pk=by.pk).first()
            earlier = ChatUpload.objects.filter(created_by=by).order_by("-created_at", "-pk")
            others = earlier.exclude(person=person).values_list("pk", flat=True)
            # the earlier chat onto this person, and the oldest beyond the limit (their files
            # go with them: people.apps connects forget_upload to the delete)
            ChatUpload.objects.filter(
                Q(created_by=by, person=person) | Q(pk__in=list(others[MAX_WAITING_CHATS - 1 :]))
            ).delete()
            return ChatUpload.objects.create(
                person=person, created_by=by, file_name=file_name[:255], upload=stored
            )
    except BaseException:
        stored_delete(stored)  # refused or not saved: the chat is not kept
        raise


def chat_upload_get_for_user(*, user: User, person: Person, pk: Any) -> ChatUpload:
    """A waiting chat upload onto ``person`` by ``user`` (its uploader alone); the same 404
    for one that is missing, another person's or another user's."""
    upload = ChatUpload.objects.filter(
        pk=pk if is_id(pk) else 0, person=person, created_by_id=user.pk
    ).first()
    if upload is None:
        raise Http404
    upload.person = person
    return upload


def chat_upload_lines(upload: ChatUpload) -> list[str]:
    """The lines of a waiting chat, decoded from the storage a chunk at a time (as a contact
    upload is). Raises DomainError when its file is gone or cannot be read."""
    source = stored_source(upload.file_name, upload.upload.name or "")
    try:
        return list(text_lines(source, detect_encoding(source)))
    except (OSError, ValueError, UnicodeError):
        raise DomainError(ErrorCode.INVALID, _("The file is not text."), field="file") from None


def chat_upload_plan(*, upload: ChatUpload, date_order: str | None = None) -> ChatPlan:
    return chat_plan(
        person=upload.person,
        text=chat_upload_lines(upload),
        file_name=upload.file_name,
        date_order=date_order,
    )


@transaction.atomic
def chat_upload_import(
    *, upload: ChatUpload, by: User, customer: str, date_order: str | None = None
) -> ChatImportResult:
    """Import a waiting chat (``chat_import``); the upload and its file are then deleted.
    The upload's row is locked first: a cancel or a second tab sent at the same time waits,
    then finds it gone."""
    if not ChatUpload.objects.select_for_update().filter(pk=upload.pk).exists():
        raise DomainError(
            ErrorCode.CONFLICT, _("This chat was already imported or cancelled."), field="file"
        )
    result = chat_import(
        person=upload.person,
        by=by,
        text=chat_upload_lines(upload),
        file_name=upload.file_name,
        customer=customer,
        date_order=date_order,
    )
    upload.delete()  # its file goes once this commits (``imports.storage.forget_upload``)
    return result


def chat_upload_cancel(*, upload: ChatUpload, by: User) -> None:
    """The rep gives up: the upload and its file are deleted (after an import of it running
    at the same time, which holds its row)."""
    with transaction.atomic():
        ChatUpload.objects.select_for_update().filter(pk=upload.pk, created_by=by).delete()


def chat_uploads_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the chat uploads older than ``CHAT_UPLOAD_KEEP`` (nobody imported or cancelled
    them) and their files; returns how many."""
    moment = now or timezone.now()
    old = ChatUpload.objects.filter(created_at__lt=moment - CHAT_UPLOAD_KEEP)
    return old.delete()[1].get(ChatUpload._meta.label, 0)


def _source_note(suggestion: SuggestedFact) -> str:
    said = timezone.localtime(suggestion.said_at).strftime("%Y-%m-%d %H:%M")
    note = f"WhatsApp {said} {suggestion.speaker}: “{suggestion.message}”"
    return note if len(note) <= 255 else note[:253] + "…”"


@transaction.atomic
def suggested_fact_confirm(*, suggestion: SuggestedFact, by: User) -> PersonalFact:
    """The rep confirms: a personal fact whose source is the message (and its day)."""
    locked = SuggestedFact.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != SuggestedFact.Status.PENDING:
        raise DomainError(ErrorCode.CONFLICT, _("This suggestion was already reviewed."))
    fact = services.fact_create(
        person=locked.person,
        by=by,
        text=locked.text,
        category=locked.category,
        source_interaction=locked.interaction,
        source_note=_source_note(locked),
        learned_on=timezone.localdate(locked.said_at),
        confidence=PersonalFact.Confidence.SURE,
    )
    locked.status = SuggestedFact.Status.CONFIRMED
    locked.fact = fact
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "fact", "reviewed_at"])
    return fact


@transaction.atomic
def suggested_fact_reject(*, suggestion: SuggestedFact, by: User) -> None:
    updated = SuggestedFact.objects.filter(
        pk=suggestion.pk, status=SuggestedFact.Status.PENDING
    ).update(status=SuggestedFact.Status.REJECTED, reviewed_at=timezone.now())
    if not updated:
        raise DomainError(ErrorCode.CONFLICT, _("This suggestion was already reviewed."))
