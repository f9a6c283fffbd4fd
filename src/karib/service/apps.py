from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "karib.service"
    label = "service"
    verbose_name = _("Conversations")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from . import access, notifications  # noqa: F401  (declare rules and notification codes)
        from .imports.source import forget_upload

        # A batch deleted by a cascade (its team) deletes its files' rows: their stored bytes go.
        post_delete.connect(
            forget_upload, sender="service.ImportFile", dispatch_uid="service.import_upload"
        )
