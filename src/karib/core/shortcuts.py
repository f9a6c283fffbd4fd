"""Reading one record through a scoped queryset.

    return one_or_404(Promise.objects.visible_to(user), pk=pk)

Like Django's `get_object_or_404`, but safe on the scoped querysets Karib reads through: a
visibility rule built from joins or a union may yield the same row more than once, where
`.get()` would raise `MultipleObjectsReturned` (a 500). Missing and not-visible answer the same
404, so a caller cannot tell a record exists that they may not see.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def one_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404
    return found
