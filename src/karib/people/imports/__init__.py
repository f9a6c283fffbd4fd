"""Importing contacts (vCard, CSV of other tools) and WhatsApp chats into people."""

from .pipeline import contacts_import, detect, read_source
from .rows import ContactRow, ImportReport, Source

__all__ = ["ContactRow", "ImportReport", "Source", "contacts_import", "detect", "read_source"]
