from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "consultation.jobs"
    label = "jobs"
    verbose_name = _("Jobs")

    def ready(self):
        from . import tasks  # noqa: F401  (registers the tasks)
