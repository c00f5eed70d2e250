"""The job page, its progress and its file: who sees them, and what they say."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from consultation.jobs import services
from consultation.jobs.enums import JobStatus
from consultation.jobs.models import Job
from delegates.exports import start_export_job
from delegates.models import Registration
from tests.delegates.conftest import staff_with_role
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def creator():
    return UserFactory(username="creator", is_staff=True)


def export_job(creator, *, personal_data=False, run=True):
    RegistrationFactory.create_batch(2)
    job = start_export_job(
        registrations=Registration.objects.order_by("pk"),
        file_format="csv",
        include_personal_data=personal_data,
        by=creator,
    )
    if run:
        services.run_job(job.pk)
    job.refresh_from_db()
    return job


def urls(job):
    return [
        job.get_absolute_url(),
        reverse("jobs:progress", kwargs={"pk": job.pk}),
        job.get_download_url(),
    ]


def test_a_visitor_not_signed_in_is_sent_to_the_sign_in(client, creator):
    job = export_job(creator)

    for url in urls(job):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_jobs_permission_are_refused(client, creator):
    job = export_job(creator)
    client.force_login(UserFactory(username="other", is_staff=True))

    for url in urls(job):
        assert client.get(url).status_code == 403


def test_a_non_staff_user_is_sent_to_the_sign_in(client, creator):
    job = export_job(creator)
    client.force_login(UserFactory(username="delegate", is_staff=False))

    response = client.get(job.get_download_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anyone_who_may_view_registrations_sees_a_plain_export(client, creator):
    job = export_job(creator)
    client.force_login(staff_with_role("viewer", "Viewer"))

    response = client.get(job.get_download_url())

    assert response.status_code == 200
    assert b"Family name" in b"".join(response.streaming_content)


def test_an_export_with_personal_data_is_for_those_who_may_see_it(client, creator):
    job = export_job(creator, personal_data=True)
    client.force_login(staff_with_role("viewer", "Viewer"))
    refused = client.get(job.get_download_url()).status_code
    client.force_login(staff_with_role("secretariat", "Organiser"))

    response = client.get(job.get_download_url())

    assert refused == 403
    assert b"Passport number" in b"".join(response.streaming_content)


def test_the_creator_downloads_the_file_which_no_cache_keeps(client, creator):
    job = export_job(creator)
    client.force_login(creator)

    response = client.get(job.get_download_url())

    content = b"".join(response.streaming_content).decode()
    assert content.startswith("\ufeffHonorific,Given name")
    assert len(content.splitlines()) == 3
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{job.result_name}"'
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_page_of_a_done_job_offers_the_file_until_it_expires(client, creator):
    job = export_job(creator)
    client.force_login(creator)

    page = client.get(job.get_absolute_url()).content.decode()

    assert "Done" in page
    assert "2 of 2" in page
    assert f'href="{job.get_download_url()}"' in page
    assert "The file is kept until" in page
    assert 'data-job-progress-url=""' in page  # nothing left to follow


def test_an_expired_file_is_not_served_and_the_page_says_so(client, creator):
    job = export_job(creator)
    Job.objects.filter(pk=job.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(creator)

    download = client.get(job.get_download_url())
    page = client.get(job.get_absolute_url()).content.decode()

    assert download.status_code == 404
    assert "The file has expired and was deleted" in page
    assert job.get_download_url() not in page


def test_a_running_job_page_follows_it_with_a_script_and_a_refresh_link(
    client, creator
):
    job = export_job(creator, run=False)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, done=1, heartbeat_at=timezone.now()
    )
    client.force_login(creator)

    page = client.get(job.get_absolute_url()).content.decode()
    progress = client.get(reverse("jobs:progress", kwargs={"pk": job.pk})).json()

    assert "Running" in page
    assert "1 of 2" in page
    assert '<progress data-job-bar value="1" max="2">' in page
    assert f'href="{job.get_absolute_url()}" data-job-refresh>Refresh</a>' in page
    progress_url = reverse("jobs:progress", kwargs={"pk": job.pk})
    assert f'data-job-progress-url="{progress_url}"' in page
    assert re.search(r'<script src="[^"]*jobs/job\.js" defer>', page)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # nothing inline
    assert job.get_download_url() not in page
    assert progress == {
        "status": "running",
        "status_label": "Running",
        "done": 1,
        "total": 2,
        "progress_label": "1 of 2",
        "finished": False,
    }


def test_a_failed_job_page_shows_its_error(client, creator, broken_kind):
    job = services.start_job(
        kind=broken_kind,
        total=4,
        parameters={},
        view_permission="delegates.view_registration",
        created_by=creator,
    )
    services.run_job(job.pk)
    client.force_login(creator)

    page = client.get(job.get_absolute_url()).content.decode()

    assert "Failed" in page
    assert "The job failed: The printer&#x27;s font is missing." in page
    assert "Download" not in page


def test_the_jobs_list_shows_a_user_only_the_jobs_they_may_see(client, creator):
    own = export_job(creator)
    personal = export_job(UserFactory(is_staff=True), personal_data=True)
    client.force_login(creator)

    page = client.get(reverse("admin:jobs_job_changelist")).content.decode()

    assert f'href="{own.get_absolute_url()}"' in page
    assert f'href="{personal.get_absolute_url()}"' not in page
