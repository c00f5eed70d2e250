import pytest
from django.core import mail
from django.urls import reverse

from delegates.tokens import make_registration_token
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_private_link_in_the_confirmation_email_opens_the_registration(
    client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("delegates:register", kwargs={"meeting_slug": meeting.slug}),
            {
                "honorific": "mr",
                "given_name": "Budi",
                "family_name": "Santoso",
                "job_title": "Director",
                "organisation": "Ministry of Foreign Affairs",
                "category": "member_state",
                "country": "ID",
                "email": "budi@example.org",
            },
        )
    link = next(line for line in mail.outbox[0].body.splitlines() if "/manage/" in line)

    response = client.get(link.removeprefix("http://127.0.0.1:8000"))

    html = response.content.decode()
    assert "Budi Santoso" in html
    assert "budi@example.org" in html
    assert "Submitted" in html


def test_private_link_with_a_forged_signature_is_not_found(client):
    registration = RegistrationFactory()
    forged = f"{registration.access_key}:not-the-signature"

    response = client.get(
        reverse(
            "delegates:manage",
            kwargs={"meeting_slug": registration.meeting.slug, "token": forged},
        )
    )

    assert response.status_code == 404
    assert registration.email not in response.content.decode()


def test_private_link_of_another_meeting_is_not_found(client):
    registration = RegistrationFactory()
    other_meeting = MeetingFactory()

    response = client.get(
        reverse(
            "delegates:manage",
            kwargs={
                "meeting_slug": other_meeting.slug,
                "token": make_registration_token(registration),
            },
        )
    )

    assert response.status_code == 404


def test_private_links_are_unique_per_registration(client):
    first, second = RegistrationFactory.create_batch(2)

    assert first.get_private_url() != second.get_private_url()
    assert len(first.access_key) >= 43
