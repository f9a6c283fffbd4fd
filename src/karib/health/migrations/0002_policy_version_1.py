"""Version 1 of the health policy, as shipped (a frozen copy: later code changes to the
defaults never rewrite it)."""

import datetime

from django.db import migrations

from karib.health.scoring.policy import DEFAULT_RULES


def create(apps, schema_editor):
    HealthPolicy = apps.get_model("health", "HealthPolicy")
    HealthPolicy.objects.get_or_create(
        version=1,
        defaults={
            "rules": DEFAULT_RULES,
            "effective_from": datetime.date(2000, 1, 1),
            "notes": "Shipped defaults (docs/health.md).",
        },
    )


def remove(apps, schema_editor):
    apps.get_model("health", "HealthPolicy").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("health", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
