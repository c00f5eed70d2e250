"""Starting jobs, and the workers' side: claim, run, record, expire.

A job is a row first, written by the admin action that starts it; once that
commits, a task runs it (consultation/jobs/tasks.py). A worker claims the job in
one UPDATE, so a duplicate task never runs it twice at once, and a job that is
done or failed is never run again. A worker that dies mid-job leaves a stale
heartbeat: past JOBS_LEASE_SECONDS the sweep hands the job to another worker,
which starts it over (a job's file is written only at its end).
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from consultation.celery import task

from .enums import JobStatus
from .kinds import job_kind
from .models import Job

logger = logging.getLogger(__name__)

# The worker writes its progress at most this often (seconds).
PROGRESS_INTERVAL = 0.5


def start_job(
    *,
    kind: str,
    total: int,
    parameters: dict,
    view_permission: str,
    created_by,
    meeting_id: int | None = None,
) -> Job:
    """Write a queued job; a worker runs it once the caller commits.

    Side effects: writes one Job (queued); after commit, puts one task on the
    broker (or, if the broker cannot be reached, leaves the job to the sweep).
    """
    job_kind(kind)  # an unknown kind fails here, in the request, not in a worker
    job = Job.objects.create(
        kind=kind,
        total=total,
        parameters=parameters,
        view_permission=view_permission,
        created_by=created_by,
        meeting_id=meeting_id,
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_pk: int) -> None:
    """Hand the job to the workers; a broker that is down leaves it to the sweep."""
    try:
        task("consultation.jobs.tasks.run_job").delay(job_pk)
    except BrokerError:
        logger.warning("Broker unreachable: job %s waits for the sweep", job_pk)
        return
    Job.objects.filter(pk=job_pk).update(enqueued_at=timezone.now())


def can_view_job(user, job: Job) -> bool:
    """Whether the user may see the job and download its file (staff only)."""
    if not (user.is_active and user.is_staff):
        return False
    return job.created_by_id == user.pk or user.has_perm(job.view_permission)


def run_job(job_pk: int) -> str:
    """Do the job's work, unless it is finished or another worker holds it.

    Side effects: marks the job running, writes its progress as it goes, then
    saves its file in the private storage (kept JOBS_RESULT_HOURS) and marks it
    done; or marks it failed with the error. Returns the job's status.
    """
    now = timezone.now()
    lease_over = now - timedelta(seconds=settings.JOBS_LEASE_SECONDS)
    claimed = Job.objects.filter(
        Q(status=JobStatus.QUEUED)
        | Q(status=JobStatus.RUNNING, heartbeat_at__lt=lease_over),
        pk=job_pk,
    ).update(status=JobStatus.RUNNING, heartbeat_at=now, done=0)
    job = Job.objects.filter(pk=job_pk).first()
    if job is None or not claimed:
        return job.status if job else ""
    last_write = time.monotonic()

    def progress(done: int) -> None:
        nonlocal last_write
        if time.monotonic() - last_write >= PROGRESS_INTERVAL:
            Job.objects.filter(pk=job_pk, status=JobStatus.RUNNING).update(
                done=min(done, job.total), heartbeat_at=timezone.now()
            )
            last_write = time.monotonic()

    try:
        result = job_kind(job.kind).run(job, progress)
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job_pk, status=JobStatus.RUNNING).update(
            status=JobStatus.FAILED,
            error=str(error) or error.__class__.__name__,
            finished_at=timezone.now(),
        )
        return JobStatus.FAILED
    stored = job.result.storage.save(
        job.result.field.generate_filename(job, result.file_name),
        ContentFile(result.content),
    )
    finished = timezone.now()
    marked = Job.objects.filter(pk=job_pk, status=JobStatus.RUNNING).update(
        status=JobStatus.DONE,
        done=job.total,
        result=stored,
        result_name=result.file_name,
        notes=result.notes,
        expires_at=finished + timedelta(hours=settings.JOBS_RESULT_HOURS),
        finished_at=finished,
    )
    if not marked:  # another worker finished it meanwhile: keep one file
        job.result.storage.delete(stored)
    return JobStatus.DONE


def delete_expired_results(*, now=None) -> int:
    """Delete the files of jobs past their expiry; the jobs stay, without a file.

    Side effects: deletes files from the private storage and clears the jobs'
    file. Returns how many files were deleted.
    """
    now = now or timezone.now()
    expired = Job.objects.filter(expires_at__lte=now).exclude(result="")
    count = 0
    for job in expired.iterator():
        job.result.storage.delete(job.result.name)
        Job.objects.filter(pk=job.pk, result=job.result.name).update(result="")
        count += 1
    return count


def sweep(*, now=None) -> list[int]:
    """Hand to the workers jobs never handed over, or left by a worker that died.

    Side effects: puts one task per such job on the broker. Returns their ids.
    """
    now = now or timezone.now()
    lease = timedelta(seconds=settings.JOBS_LEASE_SECONDS)
    due = list(
        Job.objects.filter(
            Q(status=JobStatus.QUEUED, enqueued_at__isnull=True)
            | Q(status=JobStatus.QUEUED, enqueued_at__lt=now - lease)
            | Q(status=JobStatus.RUNNING, heartbeat_at__lt=now - lease)
        ).values_list("pk", flat=True)
    )
    for job_pk in due:
        _enqueue(job_pk)
    return due
