"""Jobs as a worker runs them: claim once, record progress, file or error, expiry."""

import datetime

import openpyxl
import pytest
from django.utils import timezone

from consultation.jobs import services
from consultation.jobs.enums import JobStatus
from consultation.jobs.models import Job
from consultation.uploads import private_storage
from delegates.exports import start_export_job
from delegates.models import Registration
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def export_job(rows=3, **fields):
    """A queued export job of `rows` registrations, not yet run."""
    RegistrationFactory.create_batch(rows)
    job = start_export_job(
        registrations=Registration.objects.order_by("pk"),
        file_format="xlsx",
        include_personal_data=False,
        by=UserFactory(is_staff=True),
    )
    Job.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job


def test_a_job_ends_done_with_its_file_in_the_private_storage(settings):
    job = export_job(rows=3)

    status = services.run_job(job.pk)

    job.refresh_from_db()
    assert status == JobStatus.DONE
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 3, 3)
    assert job.result.storage is private_storage()
    assert job.result.name.startswith("jobs/")
    assert job.result_name.startswith("registrations-")
    assert job.result_name.endswith(".xlsx")
    sheet = openpyxl.load_workbook(job.result.open("rb")).active
    assert sheet.max_row == 4  # the header and three registrations
    assert job.expires_at == job.finished_at + datetime.timedelta(
        hours=settings.JOBS_RESULT_HOURS
    )


def test_starting_a_job_hands_it_to_the_workers_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_job(rows=2)

    job.refresh_from_db()
    assert job.enqueued_at is not None
    assert job.status == JobStatus.DONE  # the test run's tasks run as queued


def test_a_done_job_run_again_does_nothing():
    job = export_job(rows=2)
    services.run_job(job.pk)
    job.refresh_from_db()
    first = (job.result.name, job.finished_at)

    status = services.run_job(job.pk)

    job.refresh_from_db()
    assert status == JobStatus.DONE
    assert (job.result.name, job.finished_at) == first
    assert private_storage().listdir("jobs")[1] == [first[0].split("/")[-1]]


def test_a_job_another_worker_is_running_is_left_to_it():
    now = timezone.now()
    job = export_job(rows=2, status=JobStatus.RUNNING, heartbeat_at=now, done=1)

    status = services.run_job(job.pk)

    job.refresh_from_db()
    assert status == JobStatus.RUNNING
    assert (job.status, job.done, job.result.name) == (JobStatus.RUNNING, 1, "")


def test_a_job_whose_worker_died_is_swept_and_started_over(settings):
    settings.JOBS_LEASE_SECONDS = 60
    silent_since = timezone.now() - datetime.timedelta(seconds=61)
    job = export_job(
        rows=2, status=JobStatus.RUNNING, heartbeat_at=silent_since, done=1
    )
    alive = export_job(
        rows=1, status=JobStatus.RUNNING, heartbeat_at=timezone.now(), done=0
    )

    swept = services.sweep()

    job.refresh_from_db()
    assert swept == [job.pk]
    assert alive.pk not in swept
    assert (job.status, job.done) == (JobStatus.DONE, 2)  # run as queued in tests


def test_a_job_never_handed_to_the_workers_is_swept():
    job = export_job(rows=1)  # the broker was down: enqueued_at is empty

    swept = services.sweep()

    job.refresh_from_db()
    assert swept == [job.pk]
    assert job.status == JobStatus.DONE


def test_a_failing_job_ends_failed_with_its_error_and_no_file(broken_kind):
    job = services.start_job(
        kind=broken_kind,
        total=5,
        parameters={},
        view_permission="delegates.view_registration",
        created_by=UserFactory(is_staff=True),
    )

    status = services.run_job(job.pk)

    job.refresh_from_db()
    assert status == JobStatus.FAILED
    assert job.status == JobStatus.FAILED
    assert job.error == "The printer's font is missing."
    assert job.finished_at is not None
    assert job.result.name == ""
    assert services.run_job(job.pk) == JobStatus.FAILED  # a retry changes nothing


def test_an_unknown_kind_is_refused_before_any_job_is_written():
    with pytest.raises(KeyError):
        services.start_job(
            kind="nobody.registered.this",
            total=1,
            parameters={},
            view_permission="delegates.view_registration",
            created_by=None,
        )

    assert not Job.objects.exists()


def test_files_past_their_expiry_are_deleted_and_the_jobs_stay():
    expired, kept = export_job(rows=1), export_job(rows=1)
    for job in (expired, kept):
        services.run_job(job.pk)
    Job.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired.refresh_from_db()
    kept.refresh_from_db()
    expired_name = expired.result.name

    deleted = services.delete_expired_results()

    expired.refresh_from_db()
    assert deleted == 1
    assert expired.result.name == ""
    assert expired.status == JobStatus.DONE
    assert not private_storage().exists(expired_name)
    assert private_storage().exists(kept.result.name)
    assert services.delete_expired_results() == 0
