"""Health no longer counts sensitive facts (secprobe6, F4): the people who have one are marked
to recompute, so no stored score keeps the old count."""

from django.db import migrations
from django.utils import timezone


def mark(apps, schema_editor):
    PersonalFact = apps.get_model("people", "PersonalFact")
    HealthDirtyPerson = apps.get_model("health", "HealthDirtyPerson")
    ids = PersonalFact.objects.filter(is_sensitive=True).values_list("person_id", flat=True)
    now = timezone.now()
    HealthDirtyPerson.objects.bulk_create(
        [HealthDirtyPerson(person_id=pk, marked_at=now) for pk in sorted(set(ids))],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("health", "0002_policy_version_1"), ("people", "0013_chat_upload_and_run_token")]
    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
