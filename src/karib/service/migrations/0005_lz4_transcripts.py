"""On PostgreSQL, compress the large JSON columns (transcripts and turn analyses) with lz4
instead of pglz: the server spends markedly less CPU storing a bulk import (ADR 0048). Only
new values are compressed with lz4; stored ones are read as they are. A server built without
lz4 keeps pglz (the statement is skipped), and SQLite has no such setting.
"""

from django.db import migrations

COLUMNS = (
    ("service_conversation", "turns"),
    ("service_analysis", "turns"),
)


def _set_compression(apps, schema_editor, method: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in COLUMNS:
        table_name = schema_editor.quote_name(table)
        column_name = schema_editor.quote_name(column)
        schema_editor.execute(
            "DO $$ BEGIN "
            f"ALTER TABLE {table_name} ALTER COLUMN {column_name} SET COMPRESSION {method}; "
            "EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL; "
            "END $$"
        )


def to_lz4(apps, schema_editor):
    _set_compression(apps, schema_editor, "lz4")


def to_default(apps, schema_editor):
    _set_compression(apps, schema_editor, "default")


class Migration(migrations.Migration):
    dependencies = [
        ("service", "0004_import_file_upload_and_date_order"),
    ]

    operations = [migrations.RunPython(to_lz4, to_default, elidable=True)]
