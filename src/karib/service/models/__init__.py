"""Conversation QA: imported conversations, their analysis, reviews, disputes and reflections.

A package split by subject; every model is importable from here as before
(`from karib.service.models import Conversation`).
"""

from .conversations import (
    Analysis,
    CancellationPlaybook,
    Channel,
    Conversation,
    Finding,
    FindingCode,
    ImportBatch,
    ImportFile,
    JobClaim,
    Product,
    ServiceSettings,
    finding_label,
)
from .reviews import Dispute, Reflection, Review, StaleVerdict, verdict_basis_entry

__all__ = [
    "Analysis",
    "CancellationPlaybook",
    "Channel",
    "Conversation",
    "Dispute",
    "Finding",
    "FindingCode",
    "ImportBatch",
    "ImportFile",
    "JobClaim",
    "Product",
    "Reflection",
    "Review",
    "ServiceSettings",
    "StaleVerdict",
    "finding_label",
    "verdict_basis_entry",
]
