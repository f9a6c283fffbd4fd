from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "karib.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from . import access  # noqa: F401  (declares the rules)
        from .dates import register_codes

        register_codes()  # the important-date reminder's notification code
