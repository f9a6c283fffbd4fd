"""Store the notifications of the codes registered since 0004 (people's important dates; the
promise and gift codes now registered by their apps) as a code with its values, where their
text matches; free text stays as it is."""

from django.db import migrations


def forwards(apps, schema_editor):
    from karib.core.notifications import store_as_codes

    store_as_codes(apps.get_model("core", "Notification"))


class Migration(migrations.Migration):
    dependencies = [("core", "0004_notifications_to_codes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
