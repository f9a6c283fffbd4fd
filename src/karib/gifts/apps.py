from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GiftsConfig(AppConfig):
    name = "karib.gifts"
    label = "gifts"
    verbose_name = _("Gifts")

    def ready(self) -> None:
        from . import access  # noqa: F401 - registers the rules with karib.core.access
        from .notifications import register_codes

        register_codes()
