from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class DelegatesConfig(AppConfig):
    name = "delegates"
    verbose_name = "Delegates and registrations"

    def ready(self):
        from consultation.outbox.signals import mail_status_changed
        from consultation.page_cache.kept_pages import shown_row_changed

        from . import (
            exports,
            tasks,  # noqa: F401  (registers the tasks)
        )
        from .announcements.services import follow_mail_status
        from .models import (
            BuiltInFields,
            Choice,
            Delegation,
            MeetingForm,
            Question,
            Registration,
        )
        from .printing import jobs as printing_jobs
        from .roles import sync_roles_after_migrate

        exports.register_kinds()
        printing_jobs.register_kinds()
        mail_status_changed.connect(
            follow_mail_status, dispatch_uid="delegates.follow_mail_status"
        )

        # The public list of participants and the empty registration form are
        # kept per state of these rows: a worker that changes one reads that
        # state again (consultation/page_cache/).
        for model in (
            Registration,
            Delegation,
            Question,
            Choice,
            BuiltInFields,
            MeetingForm,
        ):
            uid = f"delegates.forget_states.{model.__name__}"
            post_save.connect(shown_row_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(
                shown_row_changed, sender=model, dispatch_uid=f"{uid}.delete"
            )

        post_migrate.connect(
            sync_roles_after_migrate,
            sender=self,
            dispatch_uid="delegates.sync_roles_after_migrate",
        )
