from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "karib.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from . import access  # noqa: F401  (declares the rules)
        from .dates import register_codes
        from .imports.storage import forget_upload

        post_delete.connect(
            forget_upload, sender="people.ContactImport", dispatch_uid="people.contact_upload"
        )
        post_delete.connect(
            forget_upload, sender="people.ChatUpload", dispatch_uid="people.chat_upload"
        )

        register_codes()  # the important-date reminder's notification code
