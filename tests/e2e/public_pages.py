"""The public pages every quality check walks through, in one place.

When a feature adds a public page, add it to `visit_public_pages` and its URL name
to CHECKED_URL_NAMES (or, for something that is not an HTML page, to NOT_PAGES):
tests/e2e/test_public_pages.py fails until every public URL is one or the other.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from agenda.enums import SessionKind
from consultation.models import Meeting
from delegates.models import Registration
from tests.factories import (
    MeetingFactory,
    RegistrationFactory,
    SessionFactory,
    meeting_time,
)

CHECKED_URL_NAMES = {
    "home",
    "meeting_home",
    "agenda:agenda",
    "agenda:session_detail",
    "delegates:register",
    "delegates:registration_done",
    "delegates:manage",
}
NOT_PAGES = {
    "upload": "uploaded files, served as downloads (tests/security/test_uploads.py)",
    "delegates:own_badge": "a PDF badge",
}


@dataclass
class PublicSite:
    meeting: Meeting
    closed_meeting: Meeting
    registration: Registration


def build_public_site():
    """A meeting with a programme and a registration, and a closed meeting beside it."""
    meeting = MeetingFactory(
        title=(
            "Regional Consultation on South-South Cooperation in Asia and the Pacific"
        ),
        short_name="RCSSC",
        description="Three days of plenaries, panels and side events.",
    )
    closed_meeting = MeetingFactory(
        registration_opens=timezone.now() - datetime.timedelta(days=30),
        registration_closes=timezone.now() - datetime.timedelta(days=1),
    )
    SessionFactory(
        meeting=meeting,
        title="Opening session",
        slug="opening",
        description="Welcome remarks by the Executive Secretary.",
    )
    SessionFactory(
        meeting=meeting,
        title="Coffee break",
        kind=SessionKind.BREAK,
        start=meeting_time(meeting, 0, 10, 30),
        end=meeting_time(meeting, 0, 11),
    )
    SessionFactory(
        meeting=meeting,
        title="Panel: financing South-South cooperation",
        start=meeting_time(meeting, 1, 9),
        end=meeting_time(meeting, 1, 10, 30),
    )
    registration = RegistrationFactory(meeting=meeting, email="taken@example.org")
    return PublicSite(meeting, closed_meeting, registration)


def fill_registration_form(page, *, email, country="Viet Nam"):
    page.get_by_label("Honorific").select_option(label="Ms")
    page.get_by_label("Given name").fill("Thị Hương")
    page.get_by_label("Family name").fill("Nguyễn")
    page.get_by_label("Job title").fill("Deputy Director-General")
    page.get_by_label("Ministry, department or organisation").fill(
        "Ministry of Planning and Investment"
    )
    page.get_by_label("Participant category").select_option(label="Member State")
    page.get_by_label("Country represented").select_option(label=country)
    page.get_by_label("Email").fill(email)


def submit_registration_form(page):
    """Submit the form; return the HTML the server sent for the page shown next."""
    with page.expect_response(
        lambda response: (
            response.request.resource_type == "document" and response.status < 300
        )
    ) as response:
        page.get_by_role("button", name="Register").click()
    page.wait_for_load_state()
    return response.value.text()


def visit_public_pages(page, site):
    """Open every public page in turn; yield (name, HTML served) while it shows."""
    meeting = site.meeting
    register_url = reverse("delegates:register", args=[meeting.slug])

    yield "home (list of meetings)", page.goto("/").text()
    yield "meeting home", page.goto(meeting.get_absolute_url()).text()
    yield "agenda", page.goto(reverse("agenda:agenda", args=[meeting.slug])).text()
    yield (
        "session page",
        page.goto(
            reverse("agenda:session_detail", args=[meeting.slug, "opening"])
        ).text(),
    )
    yield "registration form", page.goto(register_url).text()

    fill_registration_form(page, email="taken@example.org", country="---------")
    yield "registration form with errors", submit_registration_form(page)

    fill_registration_form(page, email="huong@example.org")
    yield "confirmation", submit_registration_form(page)

    yield "private link", page.goto(site.registration.get_private_url()).text()
    yield (
        "registration closed",
        page.goto(
            reverse("delegates:register", args=[site.closed_meeting.slug])
        ).text(),
    )
