"""Where a contact upload's bytes are: Django's file storage (ADR 0016), read as a stream.

Copied there in chunks from Django's upload (never read whole), opened as a stream by the dry
run and the import, deleted once the import is done or failed, or the upload purged. Web and
workers share the storage (``MEDIA_ROOT`` on one machine in ``deploy/``), and ``karib backup``
keeps everything under it.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePath
from typing import IO, Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from karib.people.models import ChatUpload, ContactImport

from .rows import Source

UPLOAD_TO = "people/imports/"

logger = logging.getLogger(__name__)


def upload_save(file_name: str, content: bytes | IO[bytes], *, folder: str = UPLOAD_TO) -> str:
    """Keep an upload in the file storage (under ``folder``: a chat export goes under
    ``people/chats/``); returns its stored name."""
    # the suffix only, of letters and digits (the name is the rep's: a NUL or a separator must
    # not reach the storage)
    suffix = re.sub(r"[^a-z0-9.]", "", PurePath(file_name).suffix.lower())[:10]
    body = ContentFile(content) if isinstance(content, bytes) else File(content)
    if hasattr(content, "seek"):
        content.seek(0)
    return default_storage.save(f"{folder}upload{suffix}", body)


def stored_delete(name: str) -> None:
    if not name:
        return
    try:
        default_storage.delete(name)
    except OSError as error:  # logged (a stored name, never the rep's file name) to be removed
        logger.warning("upload %s could not be deleted (%s)", name, type(error).__name__)


def printable_name(file_name: str) -> str:
    """An uploaded file's name as shown, without control characters (PostgreSQL's text
    refuses a NUL)."""
    return "".join(c for c in file_name if c.isprintable()).strip() or "upload"


def forget_upload(sender: Any, instance: ContactImport | ChatUpload, **kwargs: Any) -> None:
    """``post_delete`` of a contact import or a waiting chat upload (its user or person
    deleted, an admin's delete, the purge): its file of personal data goes too, once the delete
    is committed."""
    name = instance.upload.name or ""
    if name:
        transaction.on_commit(lambda: stored_delete(name))


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
