"""JSON API of the people app: organizations, people, facts, interactions.

The same selectors as the pages scope every read (404 for missing and forbidden alike); the
same services do every write and enforce who may do it (403). Every error has the one shape
`{"errors": [{"code", "field", "message"}]}`; PATCH takes the version read (`If-Match`).
"""

from . import dates, facts, interactions, organizations, persons, stakeholders  # noqa: F401  (register operations)
from .common import router

__all__ = ["router"]
