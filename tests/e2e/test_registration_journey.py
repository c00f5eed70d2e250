import pytest
from django.core import mail

from delegates.enums import RegistrationStatus
from delegates.models import Registration
from tests.factories import MeetingFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_delegate_registers_in_the_browser_and_sees_the_confirmation(page):
    meeting = MeetingFactory(title="Regional Consultation on South-South Cooperation")

    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Register").first.click()
    page.get_by_label("Honorific").select_option(label="Ms")
    page.get_by_label("Given name").fill("Thị Hương")
    page.get_by_label("Family name").fill("Nguyễn")
    page.get_by_label("Job title").fill("Deputy Director-General")
    page.get_by_label("Ministry, department or organisation").fill(
        "Ministry of Planning and Investment"
    )
    page.get_by_label("Participant category").select_option(label="Member State")
    page.get_by_label("Country represented").select_option(label="Viet Nam")
    page.get_by_label("Email").fill("huong@example.org")
    page.get_by_role("button", name="Register").click()

    page.get_by_role("heading", name="your registration has been received").wait_for()
    registration = Registration.objects.get()
    assert registration.family_name == "Nguyễn"
    assert registration.country.code == "VN"
    assert registration.status == RegistrationStatus.SUBMITTED
    assert [message.to for message in mail.outbox] == [["huong@example.org"]]


def test_visitor_reads_the_agenda_by_day(page):
    session = SessionFactory(title="Opening session")

    page.goto(f"/{session.meeting.slug}/agenda/")
    page.get_by_role("link", name="Opening session").click()

    page.get_by_role("heading", name="Opening session").wait_for()
    assert "Conference Room" in page.content()
