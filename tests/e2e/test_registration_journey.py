import datetime

import pytest
from django.core import mail

from agenda.enums import SideEventAccess, SignUpStatus
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from tests.e2e.public_pages import fill_registration_form
from tests.factories import (
    MeetingFactory,
    SessionFactory,
    SideEventFactory,
    meeting_time,
    publish_programme,
)
from tests.images import PDF_BYTES, image_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_delegate_registers_with_the_full_form_and_a_photo(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = tmp_path / "portrait.png"
    photo.write_bytes(image_bytes("PNG", size=(300, 400)))
    meeting = MeetingFactory(title="Regional Consultation on South-South Cooperation")
    launch = SideEventFactory(meeting=meeting, session__title="Report launch")
    SideEventFactory(
        meeting=meeting,
        session__title="DG Forum",
        session__start=meeting_time(meeting, 0, 12),
        session__end=meeting_time(meeting, 0, 13),
        access=SideEventAccess.INVITATION,
    )
    publish_programme(meeting)
    arrival = meeting.start_date - datetime.timedelta(days=1)
    departure = meeting.end_date + datetime.timedelta(days=1)

    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Register").first.click()
    page.get_by_label("Honorific").select_option(label="Ms")
    page.get_by_label("Given name").fill("Thị Hương")
    page.get_by_label("Family name*", exact=True).fill("Nguyễn")
    page.get_by_label("Name as on badge").fill("Nguyễn Thị Hương")
    page.get_by_label("Gender").select_option(label="Female")
    page.get_by_label("Job title").fill("Deputy Director-General")
    page.get_by_label("Ministry, department or organisation").fill(
        "Ministry of Planning and Investment"
    )
    page.get_by_label("Participant category").select_option(label="Member State")
    page.get_by_label("Country represented").select_option(label="Viet Nam")
    page.get_by_label("Nationality").select_option(label="Viet Nam")
    page.get_by_label("Capacity in the delegation").select_option(
        label="Head of delegation"
    )
    page.get_by_label("Email").fill("huong@example.org")
    page.get_by_label("Phone*", exact=True).fill("+84 24 3823 4567")
    page.get_by_label("Arrival date").fill(arrival.isoformat())
    page.get_by_label("Departure date").fill(departure.isoformat())
    passport = page.get_by_label("Passport number")
    assert not passport.is_visible()  # shown only for a visa letter
    page.get_by_label("Needs a visa support letter").check()
    passport.fill("C1234567")
    page.get_by_label("Passport expiry").fill(
        (meeting.end_date + datetime.timedelta(days=365)).isoformat()
    )
    page.get_by_label("Date of birth").fill("1975-09-02")
    page.get_by_label("Dietary requirements").fill("Vegetarian")
    page.get_by_label("Badge photo").set_input_files(str(photo))
    side_events = page.get_by_role("group", name="Side events")
    assert side_events.get_by_label("DG Forum").count() == 0  # by invitation
    side_events.get_by_label("Report launch").check()
    page.get_by_label("I have read and accept the privacy notice").check()
    page.get_by_label("List my name in the public list of participants").check()
    page.get_by_role("button", name="Register").click()

    page.get_by_role("heading", name="your registration has been received").wait_for()
    registration = Registration.objects.get()
    (wish,) = registration.side_event_signups.all()
    assert (wish.side_event, wish.status) == (launch, SignUpStatus.REQUESTED)
    assert "Report launch: requested" in mail.outbox[0].body
    page.goto(registration.get_private_url())
    page.get_by_text(
        "Requested — confirmed when your registration is approved"
    ).wait_for()
    assert registration.given_name == "Thị Hương"
    assert registration.family_name == "Nguyễn"
    assert registration.country.code == "VN"
    assert registration.phone.as_e164 == "+842438234567"
    assert registration.passport_number == "C1234567"
    assert registration.arrival_date == arrival
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.photo.name.endswith(".jpg")
    assert "portrait" not in registration.photo.name
    assert [message.to for message in mail.outbox] == [["huong@example.org"]]


def test_delegate_sees_clear_errors_for_a_pdf_photo_and_dates_outside_the_meeting(
    page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(PDF_BYTES)
    meeting = MeetingFactory()

    page.goto(f"/{meeting.slug}/register/")
    page.get_by_label("Honorific").select_option(label="Mr")
    page.get_by_label("Given name").fill("Budi")
    page.get_by_label("Family name*", exact=True).fill("Santoso")
    page.get_by_label("Job title").fill("Director")
    page.get_by_label("Ministry, department or organisation").fill("MFA")
    page.get_by_label("Participant category").select_option(label="Member State")
    page.get_by_label("Country represented").select_option(label="Indonesia")
    page.get_by_label("Email").fill("budi@example.org")
    page.get_by_label("Phone*", exact=True).fill("+62 21 384 8626")
    page.get_by_label("Gender").select_option(label="Male")
    page.get_by_label("Arrival date").fill(
        (meeting.end_date + datetime.timedelta(days=20)).isoformat()
    )
    page.get_by_label("Badge photo").set_input_files(str(fake))
    page.get_by_label("I have read and accept the privacy notice").check()
    page.get_by_role("button", name="Register").click()

    form = page.locator("form.registration-form, .registration-form form")
    form.get_by_text("This file is not a JPEG, PNG or WebP image.").wait_for()
    assert form.get_by_text("Please arrive between").is_visible()
    assert Registration.objects.count() == 0


def test_visitor_reads_the_agenda_by_day(page):
    session = SessionFactory(title="Opening session")
    publish_programme(session.meeting)

    page.goto(f"/{session.meeting.slug}/agenda/")
    page.get_by_role("link", name="Opening session").click()

    page.get_by_role("heading", name="Opening session").wait_for()
    assert "Conference Room" in page.content()


def test_a_form_sent_back_with_errors_opens_at_its_summary_with_a_link_to_each(page):
    meeting = MeetingFactory()
    page.goto(f"/{meeting.slug}/register/")
    fill_registration_form(page, email="huong@example.org")
    # Valid to the browser, refused by the server.
    page.get_by_label("Phone*", exact=True).fill("0812345678")

    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state()

    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("node => node === document.activeElement")
    assert "There is a problem" in summary.inner_text()
    link = summary.get_by_role("link", name="Phone: Enter a valid phone number")
    link.click()
    assert page.evaluate("location.hash") == "#id_phone"
    assert Registration.objects.count() == 0
