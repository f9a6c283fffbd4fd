"""The audit events about a sensitive fact are flagged sensitive, also those written before the
fact was marked sensitive: its creation event holds its text (secprobe9, F1). A fact counts
when it is sensitive now, or when any event about it is flagged already (it was sensitive once,
perhaps deleted since). Backwards, nothing is unflagged: what was sensitive stays hidden."""

from django.db import migrations

BATCH = 500


def flag(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    PersonalFact = apps.get_model("people", "PersonalFact")
    PersonAuditEvent = apps.get_model("people", "PersonAuditEvent")
    database = schema_editor.connection.alias
    content_type = (
        ContentType.objects.using(database).filter(app_label="people", model="personalfact").first()
    )
    if content_type is None:  # a new database: no event yet
        return
    about_facts = PersonAuditEvent.objects.using(database).filter(event__content_type=content_type)
    sensitive = {
        str(pk)
        for pk in PersonalFact.objects.using(database)
        .filter(is_sensitive=True)
        .values_list("pk", flat=True)
    }
    sensitive |= set(
        about_facts.filter(is_sensitive=True).values_list("event__object_id", flat=True)
    )
    ids = sorted(sensitive)
    for start in range(0, len(ids), BATCH):
        about_facts.filter(
            event__object_id__in=ids[start : start + BATCH], is_sensitive=False
        ).update(is_sensitive=True)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0013_chat_upload_and_run_token"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(flag, migrations.RunPython.noop)]
