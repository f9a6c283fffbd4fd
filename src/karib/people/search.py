"""Search that understands Indonesian word forms.

Text is stemmed with Sastrawi ("pelatihan" and "dilatih" both become "latih") before it is
stored in PersonSearchDocument and before a query is run, so both sides meet on the stem.
SQLite answers with FTS5 (people_search_fts, created in migration 0003); PostgreSQL with its
full-text search over the same stemmed text ('simple' configuration, a stored tsvector column
with a GIN index, migration 0004).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import Expression, RawSQL

from karib.core.roles import Role, has_role, is_admin
from karib.core.selectors import team_members
from karib.core.types import AnyUser

from .models import PersonSearchDocument

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Sastrawi knows Indonesian: plain Latin letters. It cuts other letters out of a word
# ("müller" became "m ller", which broke PostgreSQL's query syntax), so a word with any
# other letter ("Müller", "García", "Nguyễn") is kept whole, in lower case.
STEMMABLE = re.compile(r"[a-z]+")
MAX_QUERY_TERMS = 8


@functools.lru_cache(maxsize=1)
def _stemmer() -> Any:
    """Sastrawi's stemmer without its own result cache: that cache (``CachedStemmer``) keeps
    every word it ever saw, so a worker importing 100k contacts grew with every new name;
    ``stem_word``'s bounded cache is the only one."""
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary  # type: ignore[import-untyped]
    from Sastrawi.Stemmer.Stemmer import Stemmer  # type: ignore[import-untyped]
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # type: ignore[import-untyped]

    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@functools.lru_cache(maxsize=50_000)
def stem_word(word: str) -> str:
    lowered = word.lower()
    if not STEMMABLE.fullmatch(lowered):
        return lowered
    stemmed: str = _stemmer().stem(lowered)
    return stemmed if STEMMABLE.fullmatch(stemmed or "") else lowered


def stem_text(text: str) -> str:
    """The stemmed words of `text`, lower case, separated by spaces."""
    return " ".join(stem_word(word) for word in WORD.findall(text or ""))


def query_terms(query: str) -> list[str]:
    """The distinct stems of a user's query, in order (at most MAX_QUERY_TERMS)."""
    terms: list[str] = []
    for word in WORD.findall(query or ""):
        stem = stem_word(word)
        if stem and stem not in terms:
            terms.append(stem)
    return terms[:MAX_QUERY_TERMS]


def build_document(parts: Iterable[str]) -> str:
    return stem_text(" ".join(part for part in parts if part))


class DocumentVector(Expression):
    """PostgreSQL only: the stored `document_vector` column of PersonSearchDocument, under
    whatever alias the query gives the table (it is used inside subqueries)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.document_vector", []


def scope_prefilter(user: AnyUser | None) -> Q:
    """A condition on PersonSearchDocument that keeps at least every person `user` may see
    (the same rules as PersonQuerySet.visible_to, on the document's copies of the person's
    scoping columns). It lets PostgreSQL narrow a common word's matches inside the index
    scan; the caller still filters the result through visible_to."""
    if user is None or is_admin(user):
        return Q()
    if not user.is_authenticated:
        return Q(pk__in=[])
    from .models import Organization

    visible = Organization.objects.visible_to(user).values("pk")
    # = ANY(ARRAY(subquery)) on PostgreSQL: the subquery runs once and the column's index is
    # used inside the OR (it was a literal list, read by a query of its own; ADR 0015).
    lookup = "in_array" if connection.vendor == "postgresql" else "in"
    condition = (
        Q(owner_id_copy=user.pk)
        | Q(envoy_id_copy=user.pk)
        | Q(**{f"organization_id_copy__{lookup}": visible})
    )
    if has_role(user, Role.MANAGER):
        condition |= Q(**{f"owner_id_copy__{lookup}": team_members(user).values("pk")})
    return condition


def matching_person_ids(
    query: str, *, user: AnyUser | None = None
) -> QuerySet[Any] | RawSQL | None:
    """A subquery of the ids of people whose document contains every stem of the query. On
    PostgreSQL it is narrowed to the documents `user` may see (when given), so the database
    combines the text and scope indexes; the caller always filters through visible_to.

    None when the query has no searchable word.
    """
    terms = query_terms(query)
    if not terms:
        return None
    if connection.vendor == "postgresql":
        # document_vector is a stored generated column, to_tsvector('simple', document),
        # with a GIN index (migration 0004); the model does not declare it because SQLite
        # has no tsvector.
        # Whole stems, not prefixes: PostgreSQL estimates a prefix query's matches badly
        # (40 rows for 60,000) and then filters them one by one instead of combining indexes.
        tsquery = " & ".join(terms)
        return (
            PersonSearchDocument.objects.filter(scope_prefilter(user))
            .annotate(vector=DocumentVector())
            .filter(vector=SearchQuery(tsquery, config="simple", search_type="raw"))
            .values("person_id")
        )
    if connection.vendor == "sqlite":
        return _fts_rowids(" AND ".join(f'"{term}"' for term in terms))
    # Any other database: a plain containment test on the stemmed text.
    documents = PersonSearchDocument.objects.filter(scope_prefilter(user))
    for term in terms:
        documents = documents.filter(document__contains=term)
    return documents.values("person_id")


def _fts_rowids(match: str) -> RawSQL:
    """SQLite: the ids of the people whose document matches the FTS5 query `match`, straight
    from the index (the rowid of people_search_fts is the person's id). Not narrowed through
    the document's scope copies: SQLite then looked up the document of every match (73,000
    for a common word at 100k people, 120 ms) where the caller's visible_to, probing the
    matches with each visible id, takes a tenth of that (ADR 0015)."""
    return RawSQL("SELECT rowid FROM people_search_fts WHERE people_search_fts MATCH %s", [match])


def prefix_terms(query: str) -> list[str]:
    """The distinct lower-case words of a typed query, unstemmed (a prefix is not a word yet:
    "waya" must still find "wayang")."""
    terms: list[str] = []
    for word in WORD.findall(query or ""):
        lowered = word.lower()
        if lowered not in terms:
            terms.append(lowered)
    return terms[:MAX_QUERY_TERMS]


def prefix_matching_person_ids(
    query: str, *, user: AnyUser | None = None
) -> QuerySet[Any] | RawSQL | None:
    """Like `matching_person_ids`, but each word of the query may be the start of a word of
    the document ("sury" finds Suryo, "Denpas" Denpasar). None without a word."""
    terms = prefix_terms(query)
    if not terms:
        return None
    if connection.vendor == "sqlite":
        return _fts_rowids(" AND ".join(f'"{term}"*' for term in terms))
    documents = PersonSearchDocument.objects.filter(scope_prefilter(user))
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{term}:*" for term in terms)
        return (
            documents.annotate(vector=DocumentVector())
            .filter(vector=SearchQuery(tsquery, config="simple", search_type="raw"))
            .values("person_id")
        )
    for term in terms:
        documents = documents.filter(
            Q(document__startswith=term) | Q(document__contains=f" {term}")
        )
    return documents.values("person_id")
