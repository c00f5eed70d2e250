"""The job page (progress, then the file or the error) and the file's download.

Staff only: a visitor who is not signed in is sent to the admin's sign-in; a staff
member who is neither the job's creator nor holds its permission gets a 403.
"""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from ..signin.services import record_personal_data_export
from ..uploads import private_upload_response
from .kinds import job_kind
from .models import Job
from .services import can_view_job


def _viewable_job(request, pk) -> Job:
    job = get_object_or_404(Job.objects.select_related("meeting", "created_by"), pk=pk)
    if not can_view_job(request.user, job):
        raise PermissionDenied
    return job


def progress_label(job: Job) -> str:
    """How far the job got, as the page says it: "120 of 4,000"."""
    return gettext("%(done)s of %(total)s") % {
        "done": number_format(job.done, force_grouping=True),
        "total": number_format(job.total, force_grouping=True),
    }


def _is_downloadable(job: Job) -> bool:
    return bool(job.result) and job.expires_at > timezone.now()


@never_cache
@staff_member_required
def job_detail(request, pk):
    """Show how far the job got; the page's script follows it without a reload."""
    job = _viewable_job(request, pk)
    return TemplateResponse(
        request,
        "jobs/job_detail.html",
        {
            **admin.site.each_context(request),
            "title": job_kind(job.kind).label,
            "job": job,
            "progress_label": progress_label(job),
            "downloadable": _is_downloadable(job),
            "expired": job.status == "done" and not _is_downloadable(job),
        },
    )


@never_cache
@staff_member_required
def job_progress(request, pk):
    """The job's state as JSON, for the page's script."""
    job = _viewable_job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "done": job.done,
            "total": job.total,
            "progress_label": progress_label(job),
            "finished": job.is_finished,
        }
    )


@staff_member_required
def job_download(request, pk):
    """Send the job's file while it is kept; never cached anywhere."""
    job = _viewable_job(request, pk)
    if not _is_downloadable(job):
        raise Http404("The file has expired or is not ready.")
    # The creator's export was recorded when they asked for it (the admin action
    # that started the job); a colleague fetching the file is an export of its own.
    if job.created_by_id != request.user.pk:
        record_personal_data_export(
            user=request.user,
            what=gettext("%(job)s, file of a job started by %(name)s")
            % {
                "job": job_kind(job.kind).label,
                "name": job.created_by.get_username()
                if job.created_by
                else gettext("a deleted account"),
            },
            rows=job.total,
            passport_data=job.view_permission.endswith(".view_passport_data"),
        )
    return private_upload_response(job.result, download_name=job.result_name)
