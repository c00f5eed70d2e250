"""The Celery application: the one engine for work outside the request.

Workers start with `celery -A consultation worker`, the periodic sweeps with
`celery -A consultation beat`. Configuration comes from Django's settings, the
`CELERY_*` names (read from the environment in consultation/settings.py).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consultation.settings")

app = Celery("consultation")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def task(name: str):
    """The registered task `name`, for a service its task module imports.

    A service that starts its own task after commit names it instead of
    importing it, so the task module may import the service. Each app registers
    its tasks in AppConfig.ready().
    """
    return app.tasks[name]
