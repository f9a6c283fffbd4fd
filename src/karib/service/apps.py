from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "karib.service"
    label = "service"
    verbose_name = _("Conversations")

    def ready(self) -> None:
        from . import access, notifications  # noqa: F401  (declare rules and notification codes)
