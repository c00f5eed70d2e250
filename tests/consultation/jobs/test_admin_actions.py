"""Admin actions beyond a small selection start a job, not the file at once."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from consultation.jobs.enums import JobStatus
from consultation.jobs.models import Job
from delegates.enums import RegistrationStatus
from tests.delegates.conftest import staff_with_role
from tests.delegates.pdf_helpers import pdf_reader, pdf_text
from tests.delegates.printing.test_visa_letters import visa_applicant
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")
APPROVED = RegistrationStatus.APPROVED


def run_action(client, capture, action, registrations):
    """Post the action as the list does; the job runs once the request commits."""
    with capture(execute=True):
        response = client.post(
            CHANGELIST,
            {"action": action, "_selected_action": [r.pk for r in registrations]},
        )
    return response


def file_of(client, job):
    return b"".join(client.get(job.get_download_url()).streaming_content)


def test_badges_beyond_the_limit_are_a_job_whose_page_opens(
    organiser_client, organiser, inline_limit, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    approved = RegistrationFactory.create_batch(5, meeting=meeting, status=APPROVED)
    pending = RegistrationFactory(meeting=meeting, family_name="Pending-Person")

    response = run_action(
        organiser_client,
        django_capture_on_commit_callbacks,
        "print_badges_a4",
        [*approved, pending],
    )

    job = Job.objects.get()
    page = organiser_client.get(response["Location"]).content.decode()
    content = file_of(organiser_client, job)
    assert response["Location"] == job.get_absolute_url()
    assert (job.kind, job.status, job.done, job.total) == (
        "delegates.badges",
        JobStatus.DONE,
        5,
        5,
    )
    assert job.meeting == meeting
    assert job.created_by == organiser
    assert "done in the background" in page
    assert "1 selected registration is not approved" in page
    assert len(pdf_reader(content).pages) == 2  # 5 badges, 4 per sheet
    text = pdf_text(content)
    assert all(r.name_on_badge in text for r in approved)
    assert "Pending-Person" not in text


def test_badges_up_to_the_limit_are_answered_at_once(
    organiser_client, inline_limit, django_capture_on_commit_callbacks
):
    approved = RegistrationFactory.create_batch(3, status=APPROVED)

    response = run_action(
        organiser_client,
        django_capture_on_commit_callbacks,
        "print_badges_a6",
        approved,
    )

    assert response["Content-Type"] == "application/pdf"
    assert len(pdf_reader(response.content).pages) == 3
    assert not Job.objects.exists()


def test_visa_letters_job_leaves_out_who_cannot_have_one_and_says_why(
    organiser_client, inline_limit, django_capture_on_commit_callbacks
):
    ready = [visa_applicant(family_name=f"Ready{n}") for n in range(4)]
    missing = visa_applicant(family_name="Missing", passport_number="")

    run_action(
        organiser_client,
        django_capture_on_commit_callbacks,
        "visa_letters",
        [*ready, missing],
    )

    job = Job.objects.get()
    page = organiser_client.get(job.get_absolute_url()).content.decode()
    text = pdf_text(file_of(organiser_client, job))
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 5, 5)
    assert job.view_permission == "delegates.view_passport_data"
    assert job.notes == [
        "Wei Missing: The visa support letter needs the passport details; "
        "missing: passport number."
    ]
    assert "Wei Missing: The visa support letter needs the passport details" in page
    assert all(f"Wei Ready{n}" in text for n in range(4))
    assert "E12345678" in text


def test_a_visa_letters_job_with_no_letter_to_write_fails_with_the_reason(
    organiser_client, inline_limit, django_capture_on_commit_callbacks
):
    missing = [visa_applicant(passport_number="") for _ in range(4)]

    run_action(
        organiser_client, django_capture_on_commit_callbacks, "visa_letters", missing
    )

    job = Job.objects.get()
    page = organiser_client.get(job.get_absolute_url()).content.decode()
    assert job.status == JobStatus.FAILED
    assert job.error == "None of the selected registrations can have a visa letter."
    assert "The job failed: None of the selected registrations" in page


def test_an_export_beyond_the_limit_is_a_job_in_the_lists_order(
    organiser_client, inline_limit, django_capture_on_commit_callbacks
):
    for name in ["Dorji", "Santoso", "Chaiyasit", "Islam", "Aung"]:
        RegistrationFactory(family_name=name)
    url = reverse("admin:delegates_registration_export", args=["csv"])

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.get(url, {"o": "2"})  # by family name

    job = Job.objects.get()
    rows = list(
        csv.DictReader(io.StringIO(file_of(organiser_client, job).decode("utf-8-sig")))
    )
    assert response["Location"] == job.get_absolute_url()
    assert job.parameters["personal_data"] is True  # the organiser may see it
    assert [row["Family name"] for row in rows] == [
        "Aung",
        "Chaiyasit",
        "Dorji",
        "Islam",
        "Santoso",
    ]
    assert "Passport number" in rows[0]


def test_an_export_job_of_a_viewer_holds_no_personal_data(
    client, inline_limit, django_capture_on_commit_callbacks
):
    RegistrationFactory.create_batch(4, passport_number="X99999999")
    client.force_login(staff_with_role("viewer", "Viewer"))
    url = reverse("admin:delegates_registration_export", args=["xlsx"])

    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)

    job = Job.objects.get()
    sheet = load_workbook(io.BytesIO(file_of(client, job))).active
    values = [value for row in sheet.iter_rows(values_only=True) for value in row]
    assert job.view_permission == "delegates.view_registration"
    assert job.parameters["personal_data"] is False
    assert sheet.max_row == 5
    assert "Family name" in values
    assert "Passport number" not in values
    assert "X99999999" not in values
