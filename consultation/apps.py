from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ConsultationConfig(AppConfig):
    default = True
    name = "consultation"
    verbose_name = "Meetings"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)


class ConsultationAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site (consultation/admin_site.py)."""

    default = False  # named in INSTALLED_APPS; "consultation" is ConsultationConfig
    default_site = "consultation.admin_site.ConsultationAdminSite"
