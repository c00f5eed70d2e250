from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Agenda"

    def ready(self):
        from . import tasks  # noqa: F401  (registers the tasks)
        from .signals import connect_signals

        connect_signals()
