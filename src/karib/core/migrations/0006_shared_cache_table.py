"""The table of the "shared" cache (settings CACHES, a DatabaseCache), made by Django's own
`createcachetable` so that `migrate` alone sets up a database: `karib demo`, deploys, restores
with --migrate and the tests all migrate. The name is written here, not read from settings, so
the migration does the same on every machine; a cache that moves to another table needs a
migration of its own. An existing table is left as it is."""

from django.core.management import call_command
from django.db import migrations

TABLE = "karib_shared_cache"


def create_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    connection = schema_editor.connection
    if TABLE in connection.introspection.table_names():
        schema_editor.execute("DROP TABLE %s" % connection.ops.quote_name(TABLE))


class Migration(migrations.Migration):
    dependencies = [("core", "0005_more_notifications_to_codes")]

    operations = [migrations.RunPython(create_table, drop_table)]
