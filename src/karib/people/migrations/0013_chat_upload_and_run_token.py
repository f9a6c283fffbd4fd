"""A WhatsApp chat waiting for its import moves from the session to the file storage (a
``ChatUpload`` row and its file), and contact imports get a run token (ADR 0017).

The chat texts that sessions still hold (the key ``people_chat_import``, up to 5 MB of someone's
messages, encoded where the erasure cannot read them) are dropped from every stored session:
a rep who was between two steps uploads the chat again. Backwards, nothing is put back.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

OLD_SESSION_KEY = "people_chat_import"


def chat_texts_out_of_sessions(apps, schema_editor):
    from django.contrib.sessions.backends.db import SessionStore

    Session = apps.get_model("sessions", "Session")
    sessions = Session.objects.using(schema_editor.connection.alias)
    store = SessionStore()
    for key, data in sessions.values_list("session_key", "session_data").iterator(chunk_size=500):
        decoded = store.decode(data)  # {} when it cannot be read (another secret key)
        if OLD_SESSION_KEY in decoded:
            del decoded[OLD_SESSION_KEY]
            sessions.filter(session_key=key).update(session_data=store.encode(decoded))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0012_contact_import_file_in_storage"),
        ("sessions", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="contactimport",
            name="run_token",
            field=models.CharField(blank=True, default="", max_length=32),
        ),
        migrations.CreateModel(
            name="ChatUpload",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("file_name", models.CharField(max_length=255, verbose_name="file")),
                (
                    "upload",
                    models.FileField(
                        blank=True, upload_to="people/chats/", verbose_name="uploaded file"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="people.person",
                    ),
                ),
            ],
            options={
                "verbose_name": "chat upload",
                "verbose_name_plural": "chat uploads",
            },
        ),
        migrations.RunPython(chat_texts_out_of_sessions, migrations.RunPython.noop),
    ]
