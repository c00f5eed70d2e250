"""Jobs run by a real Celery worker (a separate process) on the test run's broker."""

import time

import pytest
from django.db import connection

from consultation.celery import app
from consultation.jobs.enums import FINISHED, JobStatus
from consultation.jobs.models import Job
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from delegates.printing.jobs import start_badges_job
from tests.delegates.pdf_helpers import pdf_reader
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory
from tests.workers import Worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker():
    """Tasks go to the real broker, as in production, instead of running here."""
    app.conf.task_always_eager = False
    app.control.purge()
    yield
    app.control.purge()
    app.conf.task_always_eager = True


def wait_for_status(job, statuses, *, timeout=90):
    deadline = time.monotonic() + timeout
    while Job.objects.get(pk=job.pk).status not in statuses:
        if time.monotonic() > deadline:
            raise AssertionError(f"job still {Job.objects.get(pk=job.pk).status}")
        time.sleep(0.2)
    job.refresh_from_db()
    connection.close()  # never keep the test database busy for the flush


def test_a_worker_prints_the_badges_once_though_the_task_came_twice(
    tmp_path, settings, broker
):
    meeting = MeetingFactory()
    Registration.objects.bulk_create(
        RegistrationFactory.build_batch(
            60, meeting=meeting, status=RegistrationStatus.APPROVED
        )
    )
    job = start_badges_job(
        registrations=Registration.objects.all(),
        layout="a4",
        by=UserFactory(is_staff=True),
    )  # committed: on_commit hands it to the broker at once
    app.tasks["consultation.jobs.tasks.run_job"].delay(job.pk)  # a duplicate
    worker = Worker(tmp_path, PRIVATE_MEDIA_ROOT=settings.PRIVATE_MEDIA_ROOT)
    try:
        wait_for_status(job, FINISHED)
        time.sleep(1)  # the duplicate has had its turn
    finally:
        worker.stop()

    job.refresh_from_db()
    files = list((settings.PRIVATE_MEDIA_ROOT / "jobs").iterdir())
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 60, 60)
    assert files == [settings.PRIVATE_MEDIA_ROOT / job.result.name]
    assert len(pdf_reader(job.result.open("rb").read()).pages) == 15


def test_a_job_whose_worker_is_killed_is_finished_by_another(
    tmp_path, settings, broker
):
    meeting = MeetingFactory()
    Registration.objects.bulk_create(
        RegistrationFactory.build_batch(
            300, meeting=meeting, status=RegistrationStatus.APPROVED
        )
    )
    job = start_badges_job(
        registrations=Registration.objects.all(),
        layout="a6",
        by=UserFactory(is_staff=True),
    )
    environment = {
        "PRIVATE_MEDIA_ROOT": settings.PRIVATE_MEDIA_ROOT,
        "JOBS_LEASE_SECONDS": 2,
    }
    first = Worker(tmp_path, **environment)
    deadline = time.monotonic() + 90
    while not Job.objects.filter(pk=job.pk, done__gt=0).exists():
        assert time.monotonic() < deadline, "the first worker never started"
        time.sleep(0.1)
    first.kill()
    killed_at = Job.objects.get(pk=job.pk)
    second = Worker(tmp_path, **environment)
    try:
        wait_for_status(job, FINISHED, timeout=180)
    finally:
        second.stop()

    assert killed_at.status == JobStatus.RUNNING
    assert 0 < killed_at.done < 300
    assert (job.status, job.done) == (JobStatus.DONE, 300)
    assert len(pdf_reader(job.result.open("rb").read()).pages) == 300
