"""PostgreSQL: keep the tsvector of each search document in a stored generated column.

Computing to_tsvector() while filtering made a common word (matching most documents) cost a
full scan with parsing; a stored vector is parsed once, on write. The GIN index moves to the
column. SQLite is unchanged (FTS5 from 0003).
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER TABLE people_personsearchdocument ADD COLUMN IF NOT EXISTS document_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, COALESCE(document, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS people_search_vector_gin ON people_personsearchdocument "
    "USING gin (document_vector)",
    "DROP INDEX IF EXISTS people_search_document_gin",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS people_search_document_gin ON people_personsearchdocument "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE((document)::text, '')))",
    "DROP INDEX IF EXISTS people_search_vector_gin",
    "ALTER TABLE people_personsearchdocument DROP COLUMN IF EXISTS document_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0003_search_indexes")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
