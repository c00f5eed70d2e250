from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "consultation.signin"
    label = "signin"
    verbose_name = _("Sign-in and personal data audit")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
