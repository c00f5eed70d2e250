"""What organisers wrote reaches each delegate in their language: emails and PDFs."""

import datetime

import pytest
from django.core import mail

from delegates.emails import queue_registration_email
from delegates.printing.visa_letters import render_visa_letters
from tests.delegates.pdf_helpers import pdf_text
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(
        title_en="Regional Consultation on South-South Cooperation",
        title_fr="Consultation régionale sur la coopération Sud-Sud",
        title_ru="Региональная консультация по сотрудничеству Юг-Юг",
    )


def test_email_names_the_meeting_in_the_delegates_language(
    meeting, django_capture_on_commit_callbacks
):
    french = RegistrationFactory(meeting=meeting, language="fr")
    spanish = RegistrationFactory(meeting=meeting, language="es")

    with django_capture_on_commit_callbacks(execute=True):
        queue_registration_email(french, "approved")
        queue_registration_email(spanish, "approved")

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Consultation régionale sur la coopération Sud-Sud" in bodies[french.email]
    # Not written in Spanish: the meeting's main language, English.
    assert "Regional Consultation on South-South Cooperation" in bodies[spanish.email]


def test_visa_letter_names_the_meeting_in_the_delegates_language(meeting):
    russian = RegistrationFactory(
        meeting=meeting,
        language="ru",
        status="approved",
        needs_visa_letter=True,
        nationality="KZ",
        passport_number="N1234567",
        passport_expiry=datetime.date(2031, 6, 30),
        date_of_birth=datetime.date(1980, 1, 2),
    )

    text = pdf_text(render_visa_letters([russian]))

    assert "Региональная консультация по сотрудничеству Юг-Юг" in " ".join(text.split())
