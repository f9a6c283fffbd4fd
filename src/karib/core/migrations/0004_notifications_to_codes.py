"""Store existing notifications as a code with its values where their text can be mapped.

A notification whose kind is a registered code (see `karib.core.notifications`) and whose title
(and body) match that code's templates in one of the site's languages gets the code and the
recovered values; every other row keeps its free text as it is. Nothing is deleted or rewritten:
`title` and `body` stay as first written.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from karib.core.notifications import recognise, registered_codes

    Notification = apps.get_model("core", "Notification")
    codes = set(registered_codes())
    rows = Notification.objects.filter(code="", kind__in=codes).only("pk", "kind", "title", "body")
    for notification in rows.iterator(chunk_size=500):
        params = recognise(notification.kind, notification.title, notification.body)
        if params is not None:
            Notification.objects.filter(pk=notification.pk).update(
                code=notification.kind, params=params
            )


def backwards(apps, schema_editor):
    Notification = apps.get_model("core", "Notification")
    Notification.objects.exclude(code="").update(code="", params={})


class Migration(migrations.Migration):
    dependencies = [("core", "0003_notification_code_email_outbox_digest")]

    operations = [migrations.RunPython(forwards, backwards)]
