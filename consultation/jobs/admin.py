from django.contrib import admin, messages
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..admin_mixins import ReadOnlyAdminMixin
from .kinds import job_kind
from .models import Job


def redirect_to_job(modeladmin, request, job: Job) -> HttpResponseRedirect:
    """Answer an admin action that started a job: say so and open its page."""
    modeladmin.message_user(
        request,
        gettext(
            "This is long work, done in the background: follow it on this page "
            "and download the file when it is ready."
        ),
        messages.INFO,
    )
    return HttpResponseRedirect(job.get_absolute_url())


@admin.register(Job)
class JobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The jobs a staff member may see: their own, and those their role opens."""

    list_display = ["created_at", "title", "meeting", "status", "progress", "by"]
    list_filter = ["status", "meeting"]
    list_select_related = ["meeting", "created_by"]
    list_display_links = None
    show_full_result_count = False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def get_queryset(self, request):
        jobs = super().get_queryset(request)
        if request.user.is_superuser:
            return jobs
        return jobs.filter(
            Q(created_by=request.user)
            | Q(view_permission__in=request.user.get_all_permissions())
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The job's own page says more than a form would."""
        job = self.get_object(request, object_id)
        if job is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return HttpResponseRedirect(job.get_absolute_url())

    @admin.display(description=_("job"))
    def title(self, job):
        return format_html(
            '<a href="{}">{}</a>', job.get_absolute_url(), job_kind(job.kind).label
        )

    @admin.display(description=_("done"))
    def progress(self, job):
        return f"{job.done} / {job.total}"

    @admin.display(description=_("started by"), ordering="created_by__username")
    def by(self, job):
        return job.created_by
