"""A job's page in a real browser: it follows the job by itself, then shows the end."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultation.jobs.enums import JobStatus
from consultation.jobs.models import Job
from delegates.exports import EXPORT as EXPORT_KIND
from tests.e2e.sessions import give_session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_job_page_counts_progress_without_a_reload(page, live_server):
    creator = UserFactory(is_staff=True, is_superuser=True)
    job = Job.objects.create(
        kind=EXPORT_KIND,
        status=JobStatus.RUNNING,
        heartbeat_at=timezone.now(),
        total=4000,
        done=120,
        created_by=creator,
    )
    give_session(page, live_server.url, creator)
    page.goto(job.get_absolute_url())
    page.evaluate("window.jobPageMarker = 'same page'")
    count = page.locator("[data-job-count]")
    assert count.inner_text() == "120 of 4,000"

    Job.objects.filter(pk=job.pk).update(done=2500, heartbeat_at=timezone.now())
    expect(count).to_have_text("2,500 of 4,000")
    assert page.evaluate("window.jobPageMarker") == "same page"

    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED,
        error="The worker ran out of memory.",
        finished_at=timezone.now(),
    )
    # Once the job is over, the page reloads to show how it ended.
    expect(page.get_by_text("The worker ran out of memory.")).to_be_visible()
    assert page.evaluate("window.jobPageMarker") is None
