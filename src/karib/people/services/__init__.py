"""Writes of the people app. Every write checks the acting user's rule (people/access.py),
refuses bad input with a `DomainError` naming the field, is audited, and rebuilds the stemmed
search document of the people it touches. Updates take the `version` the editor loaded and
refuse a stale one, so two editors never lose each other's changes."""

from .common import PeopleError, StaleVersion
from .facts import (
    DATE_FIELDS,
    FACT_FIELDS,
    fact_create,
    fact_delete,
    fact_update,
    important_date_create,
    important_date_delete,
)
from .interactions import (
    INTERACTION_FIELDS,
    important_date_reminders_send,
    interaction_create,
    interaction_delete,
    interaction_update,
)
from .organizations import (
    ORGANIZATION_FIELDS,
    organization_create,
    organization_delete,
    organization_update,
)
from .persons import (
    PERSON_FIELDS,
    person_assign_envoy,
    person_create,
    person_delete,
    person_update,
    suggest_is_public_official,
)
from .search_documents import (
    organization_search_documents_rebuild_now,
    search_document_rebuild,
    search_document_text,
)

__all__ = [
    "DATE_FIELDS",
    "FACT_FIELDS",
    "INTERACTION_FIELDS",
    "ORGANIZATION_FIELDS",
    "PERSON_FIELDS",
    "PeopleError",
    "StaleVersion",
    "fact_create",
    "fact_delete",
    "fact_update",
    "important_date_create",
    "important_date_delete",
    "important_date_reminders_send",
    "interaction_create",
    "interaction_delete",
    "interaction_update",
    "organization_create",
    "organization_delete",
    "organization_search_documents_rebuild_now",
    "organization_update",
    "person_assign_envoy",
    "person_create",
    "person_delete",
    "person_update",
    "search_document_rebuild",
    "search_document_text",
    "suggest_is_public_official",
]
