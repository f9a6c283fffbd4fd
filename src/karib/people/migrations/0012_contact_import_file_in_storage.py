"""Contact uploads move from a database row to the file storage (ADR 0016), and contact imports
get a heartbeat (their last sign of progress) so that one whose worker died shows as stopped.

Every upload already stored keeps its file: its bytes are written to the file storage under
``people/imports/`` and the row points at them, before the column that held them is dropped.
Backwards, the bytes are read back into the row (the file is left in the storage).
"""

from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import migrations, models

UPLOAD_TO = "people/imports/"


def bytes_to_storage(apps, schema_editor):
    ContactImport = apps.get_model("people", "ContactImport")
    database = schema_editor.connection.alias
    stored = ContactImport.objects.using(database).exclude(content=b"").filter(upload="")
    for pk in list(stored.values_list("pk", flat=True)):
        # One row at a time: only one upload's bytes (20 MB at most) are in memory.
        row = ContactImport.objects.using(database).only("pk", "file_name", "content").get(pk=pk)
        content = bytes(row.content or b"")
        if not content:
            continue
        suffix = PurePath(row.file_name).suffix.lower()[:10]
        row.upload.save(f"upload{suffix}", ContentFile(content), save=False)
        ContactImport.objects.using(database).filter(pk=pk).update(
            upload=row.upload.name, content=b""
        )


def storage_to_bytes(apps, schema_editor):
    ContactImport = apps.get_model("people", "ContactImport")
    database = schema_editor.connection.alias
    stored = ContactImport.objects.using(database).exclude(upload="")
    for pk in list(stored.values_list("pk", flat=True)):
        row = ContactImport.objects.using(database).only("pk", "upload").get(pk=pk)
        try:
            with row.upload.open("rb") as handle:
                content = handle.read()
        except OSError:
            continue  # the file is gone: the row keeps no bytes, as after an import
        ContactImport.objects.using(database).filter(pk=pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [("people", "0011_person_scope_indexes")]

    operations = [
        # A default, so that going back re-adds the column to rows that have none.
        migrations.AlterField(
            model_name="contactimport",
            name="content",
            field=models.BinaryField(blank=True, default=b""),
        ),
        migrations.AddField(
            model_name="contactimport",
            name="upload",
            field=models.FileField(blank=True, upload_to=UPLOAD_TO, verbose_name="uploaded file"),
        ),
        migrations.AddField(
            model_name="contactimport",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last progress"),
        ),
        migrations.RunPython(bytes_to_storage, storage_to_bytes, elidable=False),
        migrations.RemoveField(model_name="contactimport", name="content"),
    ]
