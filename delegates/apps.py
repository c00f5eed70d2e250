from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DelegatesConfig(AppConfig):
    name = "delegates"
    verbose_name = "Delegates and registrations"

    def ready(self):
        from .roles import sync_roles_after_migrate

        post_migrate.connect(
            sync_roles_after_migrate,
            sender=self,
            dispatch_uid="delegates.sync_roles_after_migrate",
        )
