from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "karib.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from .services import task_retry_or_park

        task_finished.connect(task_retry_or_park, dispatch_uid="karib.ops.task_retry_or_park")
