"""Reading an uploaded file as a stream: where its bytes are, its conversations one by one,
and the per-conversation fields the engine ignores.

JSONL and CSV are read line by line (`tone.iter_conversations`), in constant memory whatever
the file's size; a JSON document, a WhatsApp export or a plain text transcript is one
document the engine parses whole (50 MB at most, the upload limit).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.core.files.storage import default_storage

from karib import tone

from ..models import ImportFile
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
    name = stored_name(import_file)
    if name:
        with contextlib.suppress(OSError):
            default_storage.delete(name)


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
    if Path(name).suffix.lower() not in (".jsonl", ".ndjson"):
        return 0
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


class Metadata:
    """The per-conversation objects of a file, for the fields the engine ignores (channel,
    product, start, agent): a JSONL file's lines are read as a stream beside the engine's,
    one object per conversation in the same order; a JSON document's objects are looked up
    by conversation id (the document is read whole, as the engine does); other formats have
    none."""

    def __init__(self, path: Path, name: str) -> None:
        lowered = name.lower()
        self._lines: Iterator[dict[str, Any]] | None = None
        self._by_id: dict[str, dict[str, Any]] = {}
        if lowered.endswith((".jsonl", ".ndjson")):
            self._lines = self._read_lines(path)
        elif lowered.endswith(".json"):
            self._by_id = json_metadata(name, path.read_bytes())

    @staticmethod
    def _read_lines(path: Path) -> Iterator[dict[str, Any]]:
        with path.open("rb") as handle:
            for line in handle:
                if not line.strip():
                    continue  # the engine skips blank lines too
                try:
                    obj = json.loads(line)
                except ValueError:
                    obj = {}
                yield obj if isinstance(obj, dict) else {}

    def next_for(self, conversation_id: str) -> dict[str, Any]:
        """The object of the next conversation of the file, which has this id."""
        if self._lines is None:
            return self._by_id.get(conversation_id, {})
        obj = next(self._lines, {})
        return obj if str(obj.get("conversation_id")) == conversation_id else {}

    def close(self) -> None:
        if self._lines is not None:
            self._lines.close()  # type: ignore[attr-defined]
