"""Full-text indexes over PersonSearchDocument.document, one per database vendor.

SQLite: an FTS5 external-content table kept in sync with triggers (so ORM writes, bulk_create
and test flushes keep it current). PostgreSQL: a GIN index over the same expression that
django.contrib.postgres.search.SearchVector("document", config="simple") produces.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE people_search_fts USING fts5(
        document, content='people_personsearchdocument', content_rowid='person_id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER people_search_fts_ai AFTER INSERT ON people_personsearchdocument BEGIN
        INSERT INTO people_search_fts(rowid, document) VALUES (new.person_id, new.document);
    END""",
    """CREATE TRIGGER people_search_fts_ad AFTER DELETE ON people_personsearchdocument BEGIN
        INSERT INTO people_search_fts(people_search_fts, rowid, document)
        VALUES ('delete', old.person_id, old.document);
    END""",
    """CREATE TRIGGER people_search_fts_au AFTER UPDATE ON people_personsearchdocument BEGIN
        INSERT INTO people_search_fts(people_search_fts, rowid, document)
        VALUES ('delete', old.person_id, old.document);
        INSERT INTO people_search_fts(rowid, document) VALUES (new.person_id, new.document);
    END""",
    "INSERT INTO people_search_fts(people_search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS people_search_fts_au",
    "DROP TRIGGER IF EXISTS people_search_fts_ad",
    "DROP TRIGGER IF EXISTS people_search_fts_ai",
    "DROP TABLE IF EXISTS people_search_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX IF NOT EXISTS people_search_document_gin ON people_personsearchdocument "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE((document)::text, '')))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS people_search_document_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0002_dates_envoys_search")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
