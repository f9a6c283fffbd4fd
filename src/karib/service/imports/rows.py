"""Pass 2 of an import: the rows the workers made ready (`engine_work.Row`), written in bulk.

No model instances and no per-value field preparation: the workers send the JSON columns
already encoded (as `JSONField` encodes them), the few other values are plain, and each table
gets one statement per chunk. Conversations are inserted with their ids returned (and the
`(team, content_hash)` constraint deciding a duplicate stored concurrently); analyses and
findings with one `executemany` (SQLite) or one `COPY` (PostgreSQL: the server parses no SQL
per row).

The analysis row follows `analysis.analysis_rows` (a re-analysis builds the same values from
the engine's objects; a test compares the two).
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model
from django.utils import timezone

from karib import tone

from ..findings import confidence_of, explanation_params
from ..models import Analysis, CancellationPlaybook, Channel, Conversation, Finding, Product
from ..playbook import breach_finding, playbook_breaches, risk_of
from .engine_work import Row
from .speakers import Directory

CONVERSATION_COLUMNS = (
    "external_id",
    "content_hash",
    "team_id",
    "agent_id",
    "agent_name",
    "customer_id",
    "customer_name",
    "channel",
    "product",
    "started_at",
    "turns",
    "transcript_text",
    "redacted_kinds",
    "imported_by_id",
    "batch_id",
    "created_at",
)
ANALYSIS_COLUMNS = (
    "conversation_id",
    "engine_version",
    "language",
    "summary",
    "turns",
    "score",
    "risk",
    "tone_shift",
    "pushes_after_refusal",
    "customer_cut_off",
    "breaks_playbook",
    "analysed_at",
)
FINDING_COLUMNS = (
    "conversation_id",
    "code",
    "severity",
    "turns",
    "evidence",
    "params",
    "confidence",
    "position",
)
_CHANNELS = frozenset(Channel.values)
_PRODUCTS = frozenset(Product.values)


@dataclass
class Target:
    """What every row of one import file shares: where it goes and who imports it."""

    team_id: int
    batch_id: int
    imported_by_id: int | None
    channel: str
    product: str
    created_at: datetime.datetime
    directory: Directory
    playbook: CancellationPlaybook


@dataclass
class Written:
    """What a chunk's writes did: conversations stored, the rows skipped as stored already
    (concurrently), the agents named but not matched, the people linked as customers."""

    imported: int = 0
    skipped: list[Row] = field(default_factory=list)
    unmatched_agents: set[str] = field(default_factory=set)
    customer_ids: set[int] = field(default_factory=set)


def chunk_write(target: Target, rows: Sequence[Row], written: Written) -> None:
    """Insert a chunk's conversations (none stored already), then their analyses and
    findings; a conversation the constraint turns away is added to `written.skipped`."""
    if not rows:
        return
    connection = connections[router.db_for_write(Conversation)]
    now = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value(now)
    values = [conversation_values(target, row, connection, stamp) for row in rows]
    ids = conversations_insert(connection, values)
    analyses: list[tuple[Any, ...]] = []
    findings: list[tuple[Any, ...]] = []
    for row, conversation_values_ in zip(rows, values, strict=True):
        pk = ids.get(row[2])
        if pk is None:
            written.skipped.append(row)
            continue
        analysis, row_findings = analysis_values(pk, row, target.playbook, stamp)
        analyses.append(analysis)
        findings.extend(row_findings)
        agent_id, agent_name, customer_id = conversation_values_[3:6]
        if agent_id is None and agent_name:
            written.unmatched_agents.add(agent_name)
        if customer_id is not None:
            written.customer_ids.add(customer_id)
        written.imported += 1
    rows_insert(connection, Analysis, ANALYSIS_COLUMNS, analyses)
    rows_insert(connection, Finding, FINDING_COLUMNS, findings)


def conversation_values(
    target: Target, row: Row, connection: BaseDatabaseWrapper, stamp: Any
) -> tuple[Any, ...]:
    """The Conversation row of a prepared conversation, in `CONVERSATION_COLUMNS` order."""
    (external_id, _line, digest, agent_name, customer_name, channel, product, started_at) = row[:8]
    directory = target.directory
    return (
        external_id[:200],
        digest,
        target.team_id,
        directory.agent_for(agent_name).agent_id if agent_name else None,
        agent_name[:120],
        directory.customer_for(customer_name) if customer_name else None,
        customer_name[:120],
        channel if isinstance(channel, str) and channel in _CHANNELS else target.channel,
        product if isinstance(product, str) and product in _PRODUCTS else target.product,
        connection.ops.adapt_datetimefield_value(started_at or target.created_at),
        row[8],
        row[9],
        row[10],
        target.imported_by_id,
        target.batch_id,
        stamp,
    )


def analysis_values(
    conversation_id: int, row: Row, playbook: CancellationPlaybook, stamp: Any
) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """The Analysis row and the Finding rows of a prepared conversation (columns in
    `ANALYSIS_COLUMNS` and `FINDING_COLUMNS` order), the team's playbook applied."""
    language, summary, summary_json, turns_json, engine_findings = row[11:16]
    breaches = playbook_breaches(summary, playbook)
    analysis = (
        conversation_id,
        tone.ENGINE_VERSION,
        language,
        summary_json,
        turns_json,
        int(summary["score"]),
        risk_of(summary, breaks_playbook=bool(breaches)),
        bool(summary["tone_shift"]),
        int(summary["pushes_after_refusal"]),
        bool(summary["customer_cut_off"]),
        bool(breaches),
        stamp,
    )
    findings = []
    for position, data in enumerate(engine_findings):
        finding = SimpleNamespace(**data)
        findings.append(
            (
                conversation_id,
                finding.code,
                finding.severity,
                json.dumps(list(finding.turns)),
                json.dumps(list(finding.evidence)),
                json.dumps(explanation_params(finding, summary)),  # type: ignore[arg-type]
                confidence_of(finding),
                position,
            )
        )
    if breaches:
        breach = breach_finding(conversation_id=conversation_id, summary=summary, breaches=breaches)
        findings.append(
            (
                conversation_id,
                breach.code,
                breach.severity,
                json.dumps(breach.turns),
                json.dumps(breach.evidence),
                json.dumps(breach.params),
                breach.confidence,
                breach.position,
            )
        )
    return analysis, findings


def _columns(model: type[Model], names: Iterable[str]) -> list[str]:
    by_attname = {f.attname: f.column for f in model._meta.concrete_fields}
    return [by_attname[name] for name in names]


def _max_params(connection: BaseDatabaseWrapper) -> int:
    """Parameters one statement may carry: SQLite's own limit (32,766 since 3.32; Django
    assumes 999), PostgreSQL's 65,535."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        try:
            return int(connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
        except AttributeError:  # Python < 3.11
            return 999
    return int(connection.features.max_query_params or 65_535)


def conversations_insert(
    connection: BaseDatabaseWrapper, values: Sequence[tuple[Any, ...]]
) -> dict[str, int]:
    """Insert conversation rows, a few statements of many rows each; returns the new ids by
    content hash. A row whose `(team, content_hash)` is stored already (a concurrent
    import) is not inserted and not returned."""
    model = Conversation
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in _columns(model, CONVERSATION_COLUMNS))
    team, digest = _columns(model, ("team_id", "content_hash"))
    placeholders = "(" + ", ".join(["%s"] * len(CONVERSATION_COLUMNS)) + ")"
    per_statement = max(1, _max_params(connection) // len(CONVERSATION_COLUMNS))
    ids: dict[str, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(values), per_statement):
            part = values[start : start + per_statement]
            # table and column names come from the model, the values are parameters
            sql = (
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
                f"VALUES {', '.join([placeholders] * len(part))} "
                f"ON CONFLICT ({quote(team)}, {quote(digest)}) DO NOTHING "
                f"RETURNING {quote(model._meta.pk.column)}, {quote(digest)}"
            )
            cursor.execute(sql, [value for row in part for value in row])
            ids.update((content_hash, pk) for pk, content_hash in cursor.fetchall())
    return ids


def rows_insert(
    connection: BaseDatabaseWrapper,
    model: type[Model],
    names: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """Insert rows whose ids nobody needs back: one `COPY` on PostgreSQL, one `executemany`
    elsewhere."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(c) for c in _columns(model, names))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # the table and column names come from the model; the rows are data, not SQL
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(names))})"  # noqa: S608
        cursor.executemany(sql, rows)
