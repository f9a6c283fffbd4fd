"""Organizations, people, what we know about them, and how we met them.

A package split by subject; every model is importable from here as before
(`from karib.people.models import Person`).
"""

from .directory import (
    EnvoyAssignment,
    Membership,
    Organization,
    Person,
    PersonAuditEvent,
    PersonSearchDocument,
    RelationshipChange,
)
from .imports import ChatDay, ChatUpload, ContactImport, ImportColumnMapping, SuggestedFact
from .records import ImportantDate, Interaction, PersonalFact

__all__ = [
    "ChatDay",
    "ChatUpload",
    "ContactImport",
    "EnvoyAssignment",
    "ImportColumnMapping",
    "ImportantDate",
    "Interaction",
    "Membership",
    "Organization",
    "Person",
    "PersonAuditEvent",
    "PersonSearchDocument",
    "PersonalFact",
    "RelationshipChange",
    "SuggestedFact",
]
