from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "karib.promises"
    label = "promises"
    verbose_name = _("Promises")

    def ready(self) -> None:
        from . import access  # noqa: F401 - registers the rules with karib.core.access
        from .notifications import register_codes

        register_codes()
