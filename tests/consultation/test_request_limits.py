"""Request bodies: refused before they are read when larger than any form takes."""

import pytest
from django.conf import settings
from django.urls import reverse

from delegates.models import Registration
from delegates.uploads.validation import MAX_PHOTO_BYTES
from tests.factories import MeetingFactory, RegistrationFactory
from tests.images import upload

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024


def register_url(meeting):
    return reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})


def test_a_body_larger_than_any_form_takes_is_refused_unread(client):
    meeting = MeetingFactory()
    declared = 200 * MEGABYTE

    # The test client's body holds a few bytes: reading the declared 200 MB
    # from it would fail, so a 413 proves nothing was read.
    response = client.generic(
        "POST",
        register_url(meeting),
        b"given_name=Budi",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(declared),
    )

    assert response.status_code == 413
    assert "larger than this site accepts (6.0" in response.content.decode()
    assert Registration.objects.count() == 0


def test_the_largest_photo_the_form_takes_reaches_the_form(client):
    meeting = MeetingFactory()
    # Not an image, so the form refuses it on its field: the body got through.
    photo = upload(b"\x00" * MAX_PHOTO_BYTES, name="photo.jpg")

    response = client.post(register_url(meeting), {"photo": photo})

    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [
        "This file is not a JPEG, PNG or WebP image."
    ]


def test_the_public_limit_leaves_room_for_the_largest_upload_and_its_fields():
    assert settings.REQUEST_BODY_MAX_BYTES >= MAX_PHOTO_BYTES + MEGABYTE


def test_the_admin_takes_larger_bodies_than_the_public_forms(admin_client):
    size = settings.REQUEST_BODY_MAX_BYTES + MEGABYTE
    document = upload(b"%PDF-" + b"0" * size, name="report.pdf")

    response = admin_client.post(
        reverse("admin:agenda_document_add"), {"title": "", "file": document}
    )

    assert response.status_code == 200
    assert "errornote" in response.content.decode()


def test_an_impossible_content_length_is_a_bad_request(client):
    response = client.generic(
        "POST", "/", b"x=1", content_type="text/plain", CONTENT_LENGTH="-5"
    )

    assert response.status_code == 400
    assert "impossible length" in response.content.decode()


def test_an_admin_action_on_thousands_of_ticked_rows_runs(admin_client):
    registrations = RegistrationFactory.create_batch(3)
    # Rows ticked across a long list: three exist, the others were deleted since.
    ticked = [r.pk for r in registrations] + list(range(10**6, 10**6 + 2997))

    response = admin_client.post(
        reverse("admin:delegates_registration_changelist"),
        {"action": "reissue_badges", "_selected_action": ticked},
        follow=True,
    )

    assert response.status_code == 200
    assert "3 badges reissued" in response.content.decode()


def test_a_form_with_more_fields_than_allowed_says_what_to_do(admin_client):
    ticked = list(range(1, settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 2))

    response = admin_client.post(
        reverse("admin:delegates_registration_changelist"),
        {"action": "reissue_badges", "_selected_action": ticked},
    )

    assert response.status_code == 400
    assert "use “Select all” instead" in response.content.decode()


def test_an_unsafe_next_after_sign_in_goes_to_the_admin_index(client, organiser):
    organiser.set_password("correct horse battery staple")
    organiser.save()

    response = client.post(
        reverse("account_login") + "?next=https://evil.example.org/",
        {
            "login": organiser.username,
            "password": "correct horse battery staple",
            "next": "https://evil.example.org/",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
