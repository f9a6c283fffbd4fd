from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteerConfig(AppConfig):
    name = "karib.steer"
    label = "steer"
    verbose_name = _("Next best actions")

    def ready(self) -> None:
        from karib.core.outbox import register_digest_section

        from . import access  # noqa: F401  (declares the rules)
        from .selectors import digest_section

        register_digest_section(digest_section)
