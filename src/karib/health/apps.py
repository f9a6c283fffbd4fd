from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "karib.health"
    label = "health"
    verbose_name = _("Relationship health")

    def ready(self) -> None:
        # Dirty markers only (which people to recompute); no domain logic in signals.
        from . import access, signals  # noqa: F401  (access declares the rules)

        signals.connect()
