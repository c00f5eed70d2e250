"""A delegate's language: chosen on the form, used in every email to them."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from agenda.side_events.emails import queue_side_event_email
from delegates.announcements.services import send_announcement
from delegates.delegations.emails import queue_delegation_email
from delegates.emails import queue_registration_email
from delegates.models import Registration
from tests.factories import (
    DelegationFactory,
    RegistrationFactory,
    SideEventSignUpFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def register_url(meeting, language):
    with translation.override(language):
        return reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})


def test_registration_form_offers_the_pages_language(client, meeting):
    page = client.get(register_url(meeting, "ru")).content.decode()

    assert '<option value="ru" selected>Русский</option>' in page
    assert 'name="email"' in page and 'dir="ltr"' in page


def test_registration_forms_help_texts_are_in_the_pages_language(client, meeting):
    page = client.get(register_url(meeting, "fr")).content.decode()

    with translation.override("fr"):
        photo_help = translation.gettext(
            "Optional. A recent passport-style photo for your badge: JPEG, PNG or "
            "WebP, at most %(size)d MB. Otherwise it is taken at the registration desk."
        ) % {"size": 5}
    assert photo_help in page
    assert "Optional. A recent passport-style photo" not in page


def test_registration_keeps_the_language_of_the_page_it_was_sent_from(
    client, meeting, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(meeting, "fr"), form_data)

    registration = Registration.objects.get(email=form_data["email"])
    assert registration.language == "fr"
    (message,) = mail.outbox
    assert message.subject == f"Inscription reçue : {meeting.short_name}"
    assert "Merci de vous être inscrit(e)" in message.body
    assert f"/fr/{meeting.slug}/register/manage/" in message.body


def test_registration_keeps_the_language_the_delegate_chose(
    client, meeting, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(meeting, "en"), {**form_data, "language": "zh-hans"})

    registration = Registration.objects.get(email=form_data["email"])
    assert registration.language == "zh-hans"
    assert "感谢您登记参加" in mail.outbox[0].body


def test_unknown_language_is_a_form_error(client, meeting, form_data):
    response = client.post(register_url(meeting, "en"), {**form_data, "language": "xx"})

    assert response.status_code == 200
    assert "language" in response.context["form"].errors
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("language", "greeting"),
    [
        ("ar", "المحترم"),
        ("zh-hans", "尊敬的"),
        ("fr", "Bonjour"),
        ("ru", "Уважаемый"),
        ("es", "Estimado"),
    ],
)
def test_approval_email_is_in_the_delegates_language(
    language, greeting, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(language=language)

    with (
        translation.override("en"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        queue_registration_email(registration, "approved")

    (message,) = mail.outbox
    html, _mimetype = message.alternatives[0]
    assert greeting in message.body and greeting in html
    assert f"/{language}/{registration.meeting.slug}/" in message.body
    assert "Dear" not in message.body


def test_focal_point_email_is_in_the_delegations_language(
    django_capture_on_commit_callbacks,
):
    delegation = DelegationFactory(language="es")

    with django_capture_on_commit_callbacks(execute=True):
        queue_delegation_email(delegation, "link")

    (message,) = mail.outbox
    assert message.subject.startswith("Su enlace para gestionar la delegación")
    assert f"/es/{delegation.meeting.slug}/" in message.body


def test_side_event_email_is_in_the_delegates_language(
    django_capture_on_commit_callbacks,
):
    signup = SideEventSignUpFactory(registration__language="ru")

    with django_capture_on_commit_callbacks(execute=True):
        queue_side_event_email(signup, "promoted")

    (message,) = mail.outbox
    assert message.subject.startswith("Место за вами")
    assert "освободилось место" in message.body


def test_announcement_reaches_each_person_in_their_language(
    django_capture_on_commit_callbacks,
):
    french = RegistrationFactory(language="fr")
    russian = RegistrationFactory(meeting=french.meeting, language="ru")

    with django_capture_on_commit_callbacks(execute=True):
        send_announcement(
            registrations=Registration.objects.filter(pk__in=[french.pk, russian.pk]),
            subject="Shuttle",
            body="08:00",
            by=UserFactory(),
        )

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert bodies[french.email].startswith("Bonjour")
    assert bodies[russian.email].startswith("Уважаемый(ая)")
    assert f"/fr/{french.meeting.slug}/" in bodies[french.email]
    assert f"/ru/{russian.meeting.slug}/" in bodies[russian.email]
