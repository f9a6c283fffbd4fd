"""Row locks, taken one way everywhere: in primary-key order.

Two transactions that lock the same rows in the same order wait for each other instead of
deadlocking, so every write that locks rows goes through here rather than calling
`select_for_update()` itself::

    from karib.core.locking import lock_in_pk_order, lock_one

    gifts = lock_in_pk_order(Gift.objects.filter(recipient=person))  # a list, locked
    promise = lock_one(Promise.objects.select_related("organization"), pk=promise.pk)

Only the rows of the queryset's own model are locked (`of=("self",)`), not the rows
`select_related` joins in. SQLite has no row locks (it writes one transaction at a time);
PostgreSQL does, and `make test-pg` runs the lock tests there.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def lock_in_pk_order(queryset: QuerySet[M]) -> list[M]:
    """The rows of `queryset`, locked for the rest of the transaction in primary-key order."""
    return list(queryset.select_for_update(of=("self",)).order_by("pk"))


def lock_one(queryset: QuerySet[M], *, pk: Any) -> M:
    """The row `pk` of `queryset`, re-read and locked; `DoesNotExist` when it is not there."""
    rows = lock_in_pk_order(queryset.filter(pk=pk))
    if not rows:
        model: Any = queryset.model
        raise model.DoesNotExist(f"{model.__name__} {pk} does not exist")
    return rows[0]
