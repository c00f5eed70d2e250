from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = "Meetings"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
