"""Importing contacts (vCard, CSV of other tools) and WhatsApp chats into people."""

from .pipeline import ContactRow, ImportReport, Source, contacts_import, detect, read_source

__all__ = ["ContactRow", "ImportReport", "Source", "contacts_import", "detect", "read_source"]
