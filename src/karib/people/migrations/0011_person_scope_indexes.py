"""Covering indexes for the organization rule of `visible_to` (ADR 0015).

An organization is visible through the people a user owns or is envoy for, so every scoped
read asks for the organizations of those people. With an index on the owner (or envoy) alone
each of them is a row to read: 2,000 for a sales user at 100k people, on every list, search and
filter form. (owner, organization) and (envoy, organization) answer from the index. The envoy
index is partial: most people have no envoy, and SQLite's statistics of a column that is almost
all NULL made it scan every person rather than use the plain envoy index.

Plain SQL that both SQLite and PostgreSQL accept, so the model's state is unchanged (the
indexes are a matter of the query plans, not of the schema the ORM knows).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("people", "0010_contactimport_planning")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS people_person_owner_organization "
            "ON people_person (owner_id, organization_id)",
            "DROP INDEX IF EXISTS people_person_owner_organization",
        ),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS people_person_envoy_organization "
            "ON people_person (envoy_id, organization_id) WHERE envoy_id IS NOT NULL",
            "DROP INDEX IF EXISTS people_person_envoy_organization",
        ),
    ]
