from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "consultation.outbox"
    label = "outbox"
    verbose_name = _("Outgoing email")

    def ready(self):
        from . import tasks  # noqa: F401  (registers the tasks)
