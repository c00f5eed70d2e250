import datetime
import io
import re
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from delegates.enums import DelegationRole, Gender, RegistrationStatus
from delegates.models import Registration
from delegates.services import RegistrationError, register_delegate
from tests.factories import MeetingFactory, RegistrationFactory
from tests.images import PDF_BYTES, exif_with_gps_and_camera, image_bytes, upload

pytestmark = pytest.mark.django_db


def register_url(meeting):
    return reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})


def test_register_full_form_creates_submitted_registration_and_confirms(
    client, meeting, visa_data, django_capture_on_commit_callbacks
):
    photo = upload(image_bytes(exif=exif_with_gps_and_camera()), "IMG_0001.jpg")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            register_url(meeting), {**visa_data, "photo": photo}, follow=True
        )

    registration = Registration.objects.get()
    assert registration.meeting == meeting
    assert registration.status == RegistrationStatus.SUBMITTED
    assert (registration.family_name, registration.gender, registration.role) == (
        "Chaiyasit",
        Gender.FEMALE,
        DelegationRole.HEAD,
    )
    assert registration.phone.as_e164 == "+6622881234"
    assert registration.needs_visa_letter is True
    assert registration.passport_number == "BX0123456"
    assert registration.nationality.code == "BD"
    assert registration.arrival_date == meeting.start_date - datetime.timedelta(1)
    assert registration.consent_privacy and registration.consent_public_list
    assert registration.photo.name.startswith("photos/")
    assert "IMG_0001" not in registration.photo.name
    with registration.photo.open() as stored:
        assert dict(Image.open(io.BytesIO(stored.read())).getexif()) == {}
    assert "your registration has been received" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["siriporn@example.org"]]
    assert meeting.short_name in mail.outbox[0].subject
    assert registration.get_private_url() in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_register_while_the_mail_server_is_down_keeps_the_registration(
    client, meeting, form_data, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.delegates.email_backends.UnreachableServerBackend"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(meeting), form_data, follow=True)

    assert "your registration has been received" in response.content.decode()
    assert list(Registration.objects.values_list("email", flat=True)) == [
        form_data["email"]
    ]


def test_register_page_shows_the_fieldsets_and_the_visa_script(client, meeting):
    response = client.get(register_url(meeting))

    html = response.content.decode()
    for legend in ["About you", "Whom you represent", "Travel and visa", "Consent"]:
        assert f"<legend>{legend}</legend>" in html
    assert 'id="passport-fields"' in html
    assert "js/registration.js" in html
    assert "<script>" not in html  # no inline script
    assert reverse("delegates:privacy", args=[meeting.slug]) in html


def test_register_existing_email_looks_like_success_and_resends_the_link(
    client, meeting, form_data, django_capture_on_commit_callbacks
):
    existing = RegistrationFactory(
        meeting=meeting, email="siriporn@example.org", family_name="Original"
    )
    Registration.objects.filter(pk=existing.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )
    data = {**form_data, "email": "SIRIPORN@Example.ORG", "family_name": "Intruder"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(meeting), data, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "delegates:registration_done", args=[meeting.slug]
    )
    assert "already" not in response.content.decode()
    assert list(Registration.objects.all()) == [existing]
    existing.refresh_from_db()
    assert existing.family_name == "Original"
    assert [message.to for message in mail.outbox] == [["siriporn@example.org"]]
    assert "link to your registration" in mail.outbox[0].subject
    assert existing.get_private_url() in mail.outbox[0].body


def test_register_new_and_existing_email_get_the_same_page(client, meeting, form_data):
    RegistrationFactory(meeting=meeting, email="taken@example.org")

    new = client.post(register_url(meeting), form_data, follow=True)
    taken = client.post(
        register_url(meeting), {**form_data, "email": "taken@example.org"}, follow=True
    )

    assert new.content == taken.content


def test_register_double_click_creates_one_registration_and_one_email(
    client, meeting, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(meeting), form_data)
        client.post(register_url(meeting), form_data)

    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1
    assert "Registration received" in mail.outbox[0].subject


def test_link_asked_for_right_after_registering_is_sent_at_once(
    client, meeting, form_data, django_capture_on_commit_callbacks
):
    # The "received" email was lost: "send my link again" must not wait.
    resend_url = reverse("delegates:resend_link", args=[meeting.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(meeting), form_data)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(resend_url, {"email": form_data["email"]})
        client.post(resend_url, {"email": form_data["email"]})

    registration = Registration.objects.get()
    assert [message.to for message in mail.outbox] == [["siriporn@example.org"]]
    assert "link to your registration" in mail.outbox[0].subject
    assert registration.get_private_url() in mail.outbox[0].body
    assert registration.link_sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_register_simultaneous_duplicate_submissions_create_one_registration(
    meeting, form_data
):
    barrier = threading.Barrier(4)
    responses = []

    def submit():
        try:
            barrier.wait()
            responses.append(Client().post(register_url(meeting), form_data))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Registration.objects.filter(meeting=meeting).count() == 1
    assert [response.status_code for response in responses] == [302] * 4


def test_register_missing_fields_shows_errors_and_writes_nothing(client, meeting):
    response = client.post(register_url(meeting), {"email": "not-an-email"})

    form = response.context["form"]
    assert set(form.errors) >= {
        "given_name",
        "family_name",
        "category",
        "email",
        "phone",
        "consent_privacy",
    }
    assert Registration.objects.count() == 0


def test_register_member_state_without_country_is_a_form_error(
    client, meeting, form_data
):
    response = client.post(register_url(meeting), {**form_data, "country": ""})

    assert "country" in response.context["form"].errors
    assert Registration.objects.count() == 0


def test_register_10kb_name_is_a_form_error_not_a_crash(client, meeting, form_data):
    response = client.post(
        register_url(meeting), {**form_data, "family_name": "N" * 10_240}
    )

    assert "Ensure this value has at most 150 characters (it has 10240)." in (
        response.content.decode()
    )
    assert Registration.objects.count() == 0


def test_register_dates_outside_the_meeting_are_form_errors(client, meeting, form_data):
    far = meeting.end_date + datetime.timedelta(days=60)

    response = client.post(
        register_url(meeting),
        {**form_data, "arrival_date": far.isoformat(), "departure_date": ""},
    )

    assert "Please arrive between" in response.content.decode()
    assert Registration.objects.count() == 0


def test_register_renamed_pdf_photo_is_a_form_error_and_writes_nothing(
    client, meeting, form_data
):
    response = client.post(
        register_url(meeting),
        {**form_data, "photo": upload(PDF_BYTES, "photo.jpg")},
    )

    assert "This file is not a JPEG, PNG or WebP image." in response.content.decode()
    assert Registration.objects.count() == 0


def test_register_50_megapixel_photo_is_a_form_error(client, meeting, form_data):
    content = image_bytes("PNG", size=(10_000, 5_000), mode="1", color=1)

    response = client.post(
        register_url(meeting), {**form_data, "photo": upload(content, "big.png")}
    )

    assert "the limit is 25 megapixels" in response.content.decode()
    assert Registration.objects.count() == 0


def test_register_invalid_phone_is_a_form_error(client, meeting, form_data):
    response = client.post(register_url(meeting), {**form_data, "phone": "12345"})

    assert "Enter a valid phone number" in response.content.decode()
    assert Registration.objects.count() == 0


def test_register_same_email_for_another_meeting_is_allowed(client, meeting, form_data):
    RegistrationFactory(email="siriporn@example.org")

    client.post(register_url(meeting), form_data)

    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_register_after_registration_closed_is_refused(client, form_data):
    meeting = MeetingFactory(
        registration_opens=timezone.now() - datetime.timedelta(days=10),
        registration_closes=timezone.now() - datetime.timedelta(days=1),
    )

    page = client.get(register_url(meeting))
    response = client.post(register_url(meeting), form_data)

    assert "Registration for this meeting has closed." in page.content.decode()
    # No registration form; the one form left is the language switcher.
    assert 'name="family_name"' not in page.content.decode()
    assert response.status_code == 403
    assert "Registration for this meeting has closed." in response.content.decode()
    assert Registration.objects.count() == 0


def test_register_before_registration_opens_is_refused(client, form_data):
    meeting = MeetingFactory(
        registration_opens=timezone.now() + datetime.timedelta(days=1),
        registration_closes=timezone.now() + datetime.timedelta(days=10),
    )

    response = client.post(register_url(meeting), form_data)

    assert "has not opened yet" in response.content.decode()
    assert Registration.objects.count() == 0


def test_register_delegate_service_refuses_when_registration_has_closed(form_data):
    meeting = MeetingFactory(
        registration_opens=timezone.now() - datetime.timedelta(days=10),
        registration_closes=timezone.now() - datetime.timedelta(minutes=1),
    )

    with pytest.raises(RegistrationError, match="has closed"):
        register_delegate(
            meeting=meeting, data={"email": "late@example.org", "given_name": "Late"}
        )

    assert Registration.objects.count() == 0


def test_register_for_unpublished_meeting_is_not_found(client):
    meeting = MeetingFactory(published=False)

    response = client.get(register_url(meeting))

    assert response.status_code == 404


def test_register_names_with_markup_are_escaped_in_the_page(client, meeting, form_data):
    data = {**form_data, "given_name": "<script>alert(1)</script>", "email": "x"}

    response = client.post(register_url(meeting), data)

    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_register_names_with_markup_are_stored_as_typed_and_escaped_in_emails(
    client, meeting, form_data, django_capture_on_commit_callbacks
):
    data = {**form_data, "family_name": "<b>Bold</b>"}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(meeting), data)

    assert Registration.objects.get().family_name == "<b>Bold</b>"
    html = mail.outbox[0].alternatives[0][0]
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html


def test_register_delegate_service_keeps_the_registration_on_file_for_a_duplicate(
    meeting,
):
    existing = RegistrationFactory(meeting=meeting, email="siriporn@example.org")
    data = {"email": "Siriporn@example.org", "given_name": "Someone else"}

    assert register_delegate(meeting=meeting, data=data) == existing

    assert Registration.objects.count() == 1


def test_privacy_notice_names_the_organisers_and_the_public_list(client, meeting):
    response = client.get(reverse("delegates:privacy", args=[meeting.slug]))

    html = response.content.decode()
    assert "<h1>Privacy notice</h1>" in html
    assert "Government of Thailand" in html
    assert "public list of participants" in html
    assert "mailto:secretariat@localhost" in html


def test_privacy_notice_names_the_meetings_own_secretariat_address(client, meeting):
    meeting.secretariat_email = "ssc-consultation@un.example.org"
    meeting.save()

    html = client.get(reverse("delegates:privacy", args=[meeting.slug])).content
    assert b"mailto:ssc-consultation@un.example.org" in html
    assert b"secretariat@localhost" not in html


def test_register_delegate_service_can_refuse_a_duplicate_for_focal_points(meeting):
    RegistrationFactory(meeting=meeting, email="siriporn@example.org")

    with pytest.raises(RegistrationError, match="already registered"):
        register_delegate(
            meeting=meeting,
            data={"email": "SIRIPORN@example.org"},
            reveal_duplicate=True,
        )

    assert Registration.objects.count() == 1
    assert mail.outbox == []


def test_form_sent_back_lists_each_problem_with_a_link_to_its_field(
    client, meeting, form_data
):
    data = {**form_data, "family_name": "", "phone": "0812345678"}

    html = client.post(register_url(meeting), data).content.decode()

    assert 'data-error-summary aria-labelledby="error-summary-title"' in html
    assert (
        '<a href="#id_family_name" class="alert-link">'
        "Family name: This field is required.</a>"
    ) in html
    assert '<a href="#id_phone" class="alert-link">Phone: Enter a valid phone' in html
    assert "js/error-summary.js" in html


def test_empty_form_has_no_error_summary(client, meeting):
    html = client.get(register_url(meeting)).content.decode()

    assert "data-error-summary" not in html


def statement_tables(queries) -> list[str]:
    """Each query as what it does and to which table ("select meeting"...)."""
    described = []
    for query in queries:
        sql = query["sql"]
        verb = sql.split(None, 1)[0].lower()
        if verb not in {"select", "insert", "update", "delete"}:
            continue  # savepoints
        # Not a subquery's table: Django gives those an alias (U0, U1...).
        table = re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"(?! U\d)', sql)
        described.append(f"{verb} {table.group(1) if table else '-'}")
    return described


def test_a_registration_post_reads_the_form_once_and_writes_its_rows(
    client, meeting, form_data
):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(register_url(meeting), form_data)

    assert response.status_code == 302
    assert statement_tables(queries.captured_queries) == [
        "select consultation_meeting",
        "select delegates_meetingform",  # the default form, if any
        "select agenda_sideevent",  # side events to offer, or left out
        "select delegates_question",
        "select delegates_builtinfields",
        "select delegates_registration",  # the address registered already?
        "insert delegates_registration",
        "insert delegates_historicalregistration",
        "select webhooks_webhookendpoint",
        "insert outbox_outgoingmail",
    ]
