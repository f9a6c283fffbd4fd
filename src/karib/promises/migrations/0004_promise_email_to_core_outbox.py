"""Promise emails move to core's one outbox (`core.OutboundEmail`); `PromiseEmail` goes.

Every row is copied with what it knew (sent or not, attempts, last error), so a pending email
is still sent by the next delivery and a sent one is never sent again; then the model is
deleted.
"""

from django.db import migrations


def to_core_outbox(apps, schema_editor):
    PromiseEmail = apps.get_model("promises", "PromiseEmail")
    OutboundEmail = apps.get_model("core", "OutboundEmail")
    rows = PromiseEmail.objects.select_related("notification").order_by("pk")
    batch = []
    for email in rows.iterator(chunk_size=500):
        batch.append(
            OutboundEmail(
                user_id=email.notification.user_id,
                kind="notification",
                notification_id=email.notification_id,
                dedupe_key=f"notification:{email.notification_id}",
                emailed_at=email.emailed_at,
                attempts=email.attempts,
                last_error=email.last_error,
            )
        )
        if len(batch) >= 500:
            OutboundEmail.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    OutboundEmail.objects.bulk_create(batch, ignore_conflicts=True)


def to_promise_emails(apps, schema_editor):
    PromiseEmail = apps.get_model("promises", "PromiseEmail")
    OutboundEmail = apps.get_model("core", "OutboundEmail")
    kinds = ("promise_overdue", "promise_escalation", "promise_communication")
    rows = OutboundEmail.objects.filter(notification__kind__in=kinds).order_by("pk")
    PromiseEmail.objects.bulk_create(
        [
            PromiseEmail(
                notification_id=email.notification_id,
                emailed_at=email.emailed_at,
                attempts=email.attempts,
                last_error=email.last_error,
            )
            for email in rows
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("promises", "0003_promise_version"),
        ("core", "0004_notifications_to_codes"),
    ]

    operations = [
        migrations.RunPython(to_core_outbox, to_promise_emails),
        migrations.DeleteModel(name="PromiseEmail"),
    ]
