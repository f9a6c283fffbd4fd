"""Where a contact upload's bytes are: Django's file storage (ADR 0016), read as a stream.

Copied there in chunks from Django's upload (never read whole), opened as a stream by the dry
run and the import, deleted once the import is done or failed, or the upload purged. Web and
workers share the storage (``MEDIA_ROOT`` on one machine in ``deploy/``), and ``karib backup``
keeps everything under it.
"""

from __future__ import annotations

import contextlib
from pathlib import PurePath
from typing import IO

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from karib.people.models import ContactImport

from .rows import Source

UPLOAD_TO = "people/imports/"


def upload_save(file_name: str, content: bytes | IO[bytes]) -> str:
    """Keep an upload in the file storage; returns its stored name."""
    suffix = PurePath(file_name).suffix.lower()[:10]
    body = ContentFile(content) if isinstance(content, bytes) else File(content)
    if hasattr(content, "seek"):
        content.seek(0)
    return default_storage.save(f"{UPLOAD_TO}upload{suffix}", body)


def stored_delete(name: str) -> None:
    if name:
        with contextlib.suppress(OSError):
            default_storage.delete(name)


def upload_delete(contact_import: ContactImport) -> None:
    """Drop an upload's bytes (the row stays, with its report)."""
    stored_delete(contact_import.upload.name or "")


def stored_source(file_name: str, stored_name: str) -> Source:
    return Source(name=file_name, opener=lambda: default_storage.open(stored_name, "rb"))


def upload_source(contact_import: ContactImport) -> Source:
    """The upload as a file to import, opened from the storage each time it is read."""
    return stored_source(contact_import.file_name, contact_import.upload.name or "")


def upload_size(contact_import: ContactImport) -> int:
    name = contact_import.upload.name or ""
    if not name:
        return 0
    try:
        return int(default_storage.size(name))
    except OSError:
        return 0
