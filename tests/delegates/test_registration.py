import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from delegates.enums import RegistrationStatus
from delegates.models import Registration
from delegates.services import RegistrationError, register_delegate
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

VALID_DATA = {
    "honorific": "ms",
    "given_name": "Siriporn",
    "family_name": "Chaiyasit",
    "job_title": "Director-General",
    "organisation": "Thailand International Cooperation Agency",
    "category": "member_state",
    "country": "TH",
    "email": "siriporn@example.org",
}


def register_url(meeting):
    return reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})


def test_register_valid_creates_submitted_registration_and_confirms(
    client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(meeting), VALID_DATA, follow=True)

    registration = Registration.objects.get()
    assert registration.meeting == meeting
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.family_name == "Chaiyasit"
    assert "your registration has been received" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["siriporn@example.org"]]
    assert meeting.short_name in mail.outbox[0].subject
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_register_duplicate_email_in_other_case_is_a_form_error(client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="siriporn@example.org")

    response = client.post(
        register_url(meeting), {**VALID_DATA, "email": "SIRIPORN@Example.ORG"}
    )

    assert Registration.objects.count() == 1
    assert "already registered for this meeting" in response.content.decode()
    assert mail.outbox == []


def test_register_same_email_for_another_meeting_is_allowed(client):
    RegistrationFactory(email="siriporn@example.org")
    meeting = MeetingFactory()

    client.post(register_url(meeting), VALID_DATA)

    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_register_missing_fields_shows_errors_and_writes_nothing(client):
    meeting = MeetingFactory()

    response = client.post(register_url(meeting), {"email": "not-an-email"})

    form = response.context["form"]
    assert set(form.errors) >= {"given_name", "family_name", "category", "email"}
    assert Registration.objects.count() == 0


def test_register_member_state_without_country_is_a_form_error(client):
    meeting = MeetingFactory()

    response = client.post(register_url(meeting), {**VALID_DATA, "country": ""})

    assert "country" in response.context["form"].errors
    assert Registration.objects.count() == 0


def test_register_after_registration_closed_is_refused(client):
    meeting = MeetingFactory(
        registration_opens=timezone.now() - datetime.timedelta(days=10),
        registration_closes=timezone.now() - datetime.timedelta(days=1),
    )

    page = client.get(register_url(meeting))
    response = client.post(register_url(meeting), VALID_DATA)

    assert "Registration for this meeting has closed." in page.content.decode()
    assert "<form" not in page.content.decode()
    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_register_before_registration_opens_is_refused(client):
    meeting = MeetingFactory(
        registration_opens=timezone.now() + datetime.timedelta(days=1),
        registration_closes=timezone.now() + datetime.timedelta(days=10),
    )

    response = client.post(register_url(meeting), VALID_DATA)

    assert "has not opened yet" in response.content.decode()
    assert Registration.objects.count() == 0


def test_register_for_unpublished_meeting_is_not_found(client):
    meeting = MeetingFactory(published=False)

    response = client.get(register_url(meeting))

    assert response.status_code == 404


def test_register_names_with_markup_are_escaped_in_the_page(client):
    meeting = MeetingFactory()
    data = {**VALID_DATA, "given_name": "<script>alert(1)</script>", "email": "x"}

    response = client.post(register_url(meeting), data)

    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_register_delegate_service_turns_a_racing_duplicate_into_an_error():
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="siriporn@example.org")
    data = {**VALID_DATA, "email": "Siriporn@example.org"}

    with pytest.raises(RegistrationError, match="already registered"):
        register_delegate(meeting=meeting, data=data)

    assert Registration.objects.count() == 1
