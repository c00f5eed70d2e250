from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Agenda"

    def ready(self):
        from . import side_event_signals
        from .caching import connect_signals

        connect_signals()
        side_event_signals.connect_signals()
