"""Reading an uploaded file as a stream: where its bytes are, and its conversations in chunks
of work for the analysis, with the per-conversation fields the engine ignores.

JSONL is read as raw lines (parsed in the analysis workers), CSV through
`tone.iter_conversations`, both in constant memory whatever the file's size; a JSON
document, a WhatsApp export or a plain text transcript is one document the engine parses
whole (50 MB at most, the upload limit).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from karib import tone
from karib.core.errors import DomainError, ErrorCode
from karib.tone import whatsapp

from ..models import ImportFile
from .engine_work import Work
from .metadata import json_metadata

_STREAMED = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_COPY_CHUNK = 1024 * 1024


def stored_name(import_file: ImportFile) -> str:
    return import_file.upload.name or ""


def upload_save(name: str, content: bytes | IO[bytes]) -> str:
    """Keep an uploaded file in the file storage; returns its stored name. A file object is
    copied in chunks (Django's `File.chunks`), never read whole."""
    from django.core.files import File
    from django.core.files.base import ContentFile

    suffix = Path(name).suffix.lower()[:10]
    body = ContentFile(content) if isinstance(content, bytes) else File(content)
    return default_storage.save(f"service/imports/upload{suffix}", body)


_ZIP_MESSAGES = {
    "damaged": _("%(file)s is not a readable .zip file."),
    "encrypted": _(
        "%(file)s: the chat in this .zip is encrypted. Unzip it and upload the _chat.txt inside."
    ),
    "nested": _("%(file)s holds another .zip. Unzip it and upload the _chat.txt inside."),
    "no_chat": _("%(file)s holds no WhatsApp chat (.txt)."),
    "several": _("%(file)s holds several .txt files. Unzip it and upload the chat's _chat.txt."),
    "too_big": _("%(file)s: the chat inside is larger than %(max)d MB."),
}


def unzipped(name: str, content: bytes | IO[bytes]) -> tuple[str, bytes | IO[bytes]]:
    """A WhatsApp export zipped (iOS always zips: "WhatsApp Chat - X.zip" holding
    ``_chat.txt`` and the media) as the one chat inside, named after the zip ("WhatsApp Chat -
    X.txt", so the customer is still read from the name), decompressed at most as much as an
    upload may be; any other file as it came. DomainError naming the file otherwise."""
    if not name.lower().endswith(".zip"):
        return name, content
    stream = io.BytesIO(content) if isinstance(content, bytes) else content
    try:
        member, data = whatsapp.chat_in_zip(stream, file=name, max_bytes=tone.MAX_BYTES)
    except whatsapp.ChatZipError as error:
        raise DomainError(
            ErrorCode.INVALID,
            _ZIP_MESSAGES[error.problem],
            field="files",
            params={"file": name, "max": tone.MAX_BYTES // (1024 * 1024)},
        ) from None
    inner = re.split(r"[\\/]", member)[-1]
    if inner.lower() == "_chat.txt" or whatsapp.chat_partner(inner) is None:
        inner = f"{name[:-4]}.txt"
    return inner, data


def upload_size(content: bytes | IO[bytes]) -> int:
    if isinstance(content, bytes):
        return len(content)
    size = getattr(content, "size", None)
    if isinstance(size, int):
        return size
    position = content.tell()
    end = content.seek(0, os.SEEK_END)
    content.seek(position)
    return end


def upload_delete(import_file: ImportFile) -> None:
    """Drop the stored bytes of a file that is done with (imported or rejected)."""
    _stored_delete(stored_name(import_file))


def _stored_delete(name: str) -> None:
    if name:
        with contextlib.suppress(OSError):
            default_storage.delete(name)


def forget_upload(sender: Any, instance: ImportFile, **kwargs: Any) -> None:
    """``post_delete`` of an imported file (its batch deleted with its team, an admin's
    delete): its stored bytes of conversations go too, once the delete is committed."""
    name = stored_name(instance)
    if name:
        transaction.on_commit(lambda: _stored_delete(name))


@contextlib.contextmanager
def local_path(import_file: ImportFile) -> Iterator[Path]:
    """A path on this machine holding the file's bytes: the storage's own file when it has
    one, else a temporary copy made in chunks (memory storage in tests, remote storages)."""
    name = stored_name(import_file)
    if name:
        try:
            own = Path(default_storage.path(name))
        except NotImplementedError:
            own = None
        if own is not None and own.is_file():  # (the memory storage names paths it lacks)
            yield own
            return
    suffix = Path(import_file.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix, prefix="karib-import-") as copy:
        if name:
            with default_storage.open(name, "rb") as source:
                shutil.copyfileobj(source, copy, _COPY_CHUNK)
        else:  # uploaded before the file storage was used: the bytes are in the row
            content = ImportFile.objects.filter(pk=import_file.pk).values_list(
                "content", flat=True
            )[0]
            copy.write(bytes(content))
        copy.flush()
        yield Path(copy.name)


def is_streamed(file_name: str) -> bool:
    return Path(file_name).suffix.lower() in _STREAMED


def is_jsonl(file_name: str) -> bool:
    return Path(file_name).suffix.lower() in (".jsonl", ".ndjson")


def read_work(
    path: Path,
    *,
    name: str,
    agent: str | None,
    date_order: str | None,
    known_agents: Iterable[str],
    size: int,
) -> Iterator[Work]:
    """The file's conversations in chunks of `size`, in order, as work for the analysis
    (`engine_work.prepare_chunk`). A JSONL file is read as raw lines, which the workers
    parse (the importing process only reads bytes); other formats are parsed here, each
    conversation with its object in the file when it has one (JSON). The first input error
    (or `RoleError`) met here is raised, so a file is imported whole or not at all."""
    if is_jsonl(name):
        yield from _line_chunks(path, name, size)
        return
    by_id = json_metadata(name, path.read_bytes()) if name.lower().endswith(".json") else {}
    chunk: list[tuple[tone.Conversation, dict[str, Any]]] = []
    for conversation in read_conversations(
        path, name=name, agent=agent, date_order=date_order, known_agents=known_agents
    ):
        chunk.append((conversation, by_id.get(conversation.conversation_id, {})))
        if len(chunk) == size:
            yield ("parsed", chunk)
            chunk = []
    if chunk:
        yield ("parsed", chunk)


def _line_chunks(path: Path, name: str, size: int) -> Iterator[Work]:
    if path.stat().st_size == 0:
        raise tone.ToneInputError("empty file: no turns found", file=name)
    chunk: list[tuple[int, bytes]] = []
    with path.open("rb") as handle:
        for number, data in enumerate(handle, start=1):
            chunk.append((number, data))
            if len(chunk) == size:
                yield ("lines", chunk)
                chunk = []
    if chunk:
        yield ("lines", chunk)


def read_conversations(
    path: Path,
    *,
    name: str,
    agent: str | None,
    date_order: str | None,
    known_agents: Iterable[str],
) -> Iterator[tone.Conversation]:
    """The file's conversations in order; the first input error (or `RoleError`) is raised,
    so a file is imported whole or not at all."""
    if is_streamed(name):
        for item in tone.iter_conversations(path, agent=agent, name=name):
            if isinstance(item, tone.ToneInputError):
                raise item
            yield item
        return
    yield from tone.parse(
        path, agent=agent, name=name, date_order=date_order, known_agents=known_agents
    )


def count_conversations(path: Path, name: str) -> int:
    """How many conversations the file holds, counted cheaply for the progress bar: the
    non-empty lines of a JSONL file; 0 (unknown) for a CSV file."""
    if not is_jsonl(name):
        return 0
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())
