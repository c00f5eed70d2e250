"""Changing one's email address from the private link: confirmed by its owner first.

The page answers alike whether or not the new address is registered; only the
owner of that address learns which case it is, and they already know.
"""

import datetime
import json
import re
import threading
import time

import pytest
from django.core import mail, signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from delegates.enums import RegistrationStatus
from delegates.models import Correction, Registration
from delegates.services import (
    RegistrationError,
    confirm_email_change,
    email_change_request,
)
from delegates.tokens import EMAIL_CHANGE_SALT, make_email_change_token
from tests.delegates.test_private_link import correction_data
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

SENT = "We sent a confirmation link to the new address"


@pytest.fixture
def registration(meeting):
    return RegistrationFactory(
        meeting=meeting,
        given_name="Budi",
        family_name="Santoso",
        email="budi@example.org",
        phone="+6621234567",
        consent_privacy=True,
    )


def ask_for(client, registration, new_email, capture):
    with capture(execute=True):
        return client.post(
            registration.get_private_url(),
            correction_data(registration, email=new_email),
            follow=True,
        )


def confirmation_link(message):
    url = re.search(r"http://\S+/register/email/\S+/", message.body).group()
    return url.removeprefix("http://127.0.0.1:8000")


def test_new_address_waits_for_its_owner_to_confirm_it(
    client, registration, django_capture_on_commit_callbacks
):
    response = ask_for(
        client,
        registration,
        "budi.santoso@kemlu.example",
        django_capture_on_commit_callbacks,
    )

    registration.refresh_from_db()
    assert registration.email == "budi@example.org"
    assert SENT in response.content.decode()
    assert "Nothing was changed" not in response.content.decode()
    assert Correction.objects.count() == 0
    [message] = mail.outbox
    assert message.to == ["budi.santoso@kemlu.example"]
    assert "/register/email/" in message.body
    assert "budi@example.org" not in message.body


def test_address_already_registered_gets_the_same_answer_and_changes_nothing(
    client, meeting, registration, django_capture_on_commit_callbacks
):
    holder = RegistrationFactory(meeting=meeting, email="taken@example.org")
    other = RegistrationFactory(
        meeting=meeting, email="other@example.org", phone="+6621234567"
    )

    taken = ask_for(
        client, registration, "Taken@example.org", django_capture_on_commit_callbacks
    )
    free = ask_for(
        client, other, "free@example.org", django_capture_on_commit_callbacks
    )

    def answer(response, email):
        html = response.content.decode().replace(email, "ADDRESS")
        return re.search(r'<div class="alert[^>]*>(.*?)</div>', html, re.S).group(1)

    assert answer(taken, "Taken@example.org") == answer(free, "free@example.org")
    registration.refresh_from_db()
    holder.refresh_from_db()
    assert (registration.email, holder.email) == (
        "budi@example.org",
        "taken@example.org",
    )
    notice = next(m for m in mail.outbox if m.to == ["taken@example.org"])
    assert "already registered" in notice.body
    assert "/register/email/" not in notice.body
    assert "Budi" not in notice.body and "budi@example.org" not in notice.body


def test_confirmation_link_asks_first_and_the_button_changes_the_address(
    client, registration, django_capture_on_commit_callbacks
):
    ask_for(client, registration, "new@example.org", django_capture_on_commit_callbacks)
    link = confirmation_link(mail.outbox[0])

    page = client.get(link)
    registration.refresh_from_db()
    assert registration.email == "budi@example.org"  # a mail scanner's visit
    assert "new@example.org" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(link, follow=True)

    registration.refresh_from_db()
    assert registration.email == "new@example.org"
    assert confirmed.redirect_chain[-1][0] == registration.get_private_url()
    assert "email address is now new@example.org" in confirmed.content.decode()
    assert Correction.objects.get().changes["email"]["new"] == "new@example.org"
    corrected, notice = mail.outbox[-2:]
    assert corrected.to == ["new@example.org"]
    assert notice.to == ["budi@example.org"]
    assert "is now new@example.org" in notice.body


def test_confirmed_address_sends_an_approved_registration_back_to_review(
    registration,
):
    Registration.objects.filter(pk=registration.pk).update(
        status=RegistrationStatus.APPROVED
    )
    registration.refresh_from_db()

    confirm_email_change(registration, new_email="new@example.org")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert Correction.objects.get().reopened_review


def test_confirming_twice_changes_the_address_once(client, registration):
    link = reverse(
        "delegates:confirm_email",
        args=[
            registration.meeting.slug,
            make_email_change_token(registration, "new@example.org"),
        ],
    )

    client.post(link)
    second = client.post(link, follow=True)

    registration.refresh_from_db()
    assert registration.email == "new@example.org"
    assert Correction.objects.count() == 1
    assert second.status_code == 200


def test_change_of_letter_case_only_is_saved_at_once(
    client, registration, django_capture_on_commit_callbacks
):
    response = ask_for(
        client, registration, "Budi@Example.org", django_capture_on_commit_callbacks
    )

    registration.refresh_from_db()
    assert registration.email == "Budi@Example.org"
    assert SENT not in response.content.decode()


def test_expired_confirmation_link_is_refused(client, registration, monkeypatch):
    token = make_email_change_token(registration, "new@example.org")
    four_days_later = time.time() + datetime.timedelta(days=4).total_seconds()
    monkeypatch.setattr("django.core.signing.time.time", lambda: four_days_later)

    response = client.post(
        reverse("delegates:confirm_email", args=[registration.meeting.slug, token])
    )

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    registration.refresh_from_db()
    assert registration.email == "budi@example.org"


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" * 40,
        lambda token: token.split(":")[0],
    ],
    ids=["one-char", "junk", "no-signature"],
)
def test_forged_confirmation_link_is_not_found(client, registration, forge):
    token = forge(make_email_change_token(registration, "new@example.org"))

    response = client.post(
        reverse("delegates:confirm_email", args=[registration.meeting.slug, token])
    )

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.email == "budi@example.org"


def test_confirmation_link_under_another_meeting_is_not_found(client, registration):
    token = make_email_change_token(registration, "new@example.org")

    response = client.post(
        reverse("delegates:confirm_email", args=[MeetingFactory().slug, token])
    )

    assert response.status_code == 404


def test_token_does_not_carry_the_current_address(registration):
    token = make_email_change_token(registration, "new@example.org")

    payload = signing.loads(token, salt=EMAIL_CHANGE_SALT)

    assert "budi@example.org" not in json.dumps(payload)


def test_older_link_stops_working_once_the_address_has_changed(registration):
    first = make_email_change_token(registration, "first@example.org")
    second = make_email_change_token(registration, "second@example.org")
    found, new_email = email_change_request(meeting=registration.meeting, token=second)
    confirm_email_change(found, new_email=new_email)

    assert email_change_request(meeting=registration.meeting, token=first) is None


def test_address_registered_after_the_link_was_sent_is_refused(
    client, meeting, registration
):
    token = make_email_change_token(registration, "new@example.org")
    RegistrationFactory(meeting=meeting, email="NEW@example.org")

    response = client.post(
        reverse("delegates:confirm_email", args=[meeting.slug, token])
    )

    assert "already registered for this meeting" in response.content.decode()
    registration.refresh_from_db()
    assert registration.email == "budi@example.org"


def test_confirmation_after_the_modification_deadline_is_refused(
    client, meeting, registration
):
    token = make_email_change_token(registration, "new@example.org")
    meeting.modification_deadline = timezone.now() - datetime.timedelta(minutes=1)
    meeting.save()

    response = client.post(
        reverse("delegates:confirm_email", args=[meeting.slug, token])
    )

    assert "Changes to registrations closed" in response.content.decode()
    registration.refresh_from_db()
    assert registration.email == "budi@example.org"


@pytest.mark.django_db(transaction=True)
def test_two_registrations_confirming_one_address_at_once_end_with_one_holder():
    meeting = MeetingFactory()
    registrations = RegistrationFactory.create_batch(6, meeting=meeting)
    barrier = threading.Barrier(len(registrations))
    errors = []

    def confirm(registration):
        try:
            barrier.wait()
            confirm_email_change(registration, new_email="shared@example.org")
        except RegistrationError as error:
            errors.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(r,)) for r in registrations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert meeting.registrations.filter(email__iexact="shared@example.org").count() == 1
    assert len(errors) == 5
    assert all("already registered" in error for error in errors)
