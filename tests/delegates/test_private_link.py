import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from delegates.enums import RegistrationStatus
from delegates.models import Correction, Registration
from delegates.tokens import make_registration_token
from tests.factories import DelegationFactory, MeetingFactory, RegistrationFactory
from tests.images import PDF_BYTES, image_bytes, upload

pytestmark = pytest.mark.django_db


def manage_url(registration):
    return registration.get_private_url()


def cancel_url(registration):
    return reverse(
        "delegates:cancel",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": make_registration_token(registration),
        },
    )


def correction_data(registration, **changes):
    """What the correction form posts when the delegate changes `changes` only."""
    data = {
        "honorific": registration.honorific,
        "given_name": registration.given_name,
        "family_name": registration.family_name,
        "badge_name": registration.badge_name,
        "gender": registration.gender,
        "job_title": registration.job_title,
        "organisation": registration.organisation,
        "category": registration.category,
        "country": registration.country.code,
        "nationality": registration.nationality.code or "",
        "role": registration.role,
        "email": registration.email,
        "phone": str(registration.phone),
        "dietary_requirements": registration.dietary_requirements,
        "accessibility_requirements": registration.accessibility_requirements,
        "emergency_contact_name": registration.emergency_contact_name,
        "emergency_contact_phone": str(registration.emergency_contact_phone or ""),
        "consent_privacy": "on",
    }
    if registration.consent_public_list:
        data["consent_public_list"] = "on"
    data.update(changes)
    return data


@pytest.fixture
def registration(meeting):
    return RegistrationFactory(
        meeting=meeting,
        given_name="Budi",
        family_name="Santoso",
        email="budi@example.org",
        phone="+6621234567",
        organisation="Ministry of Foreign Affairs",
        consent_privacy=True,
    )


def test_private_link_in_the_confirmation_email_opens_the_registration(
    client, meeting, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("delegates:register", args=[meeting.slug]), form_data)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/manage/" in line)

    response = client.get(link.removeprefix("http://127.0.0.1:8000"))

    html = response.content.decode()
    assert "Siriporn Chaiyasit" in html
    assert "siriporn@example.org" in html
    assert "Submitted" in html
    assert "Correct your registration" in html
    assert "no-store" in response["Cache-Control"]


def test_private_link_with_a_forged_signature_is_refused_clearly(client):
    registration = RegistrationFactory()
    forged = f"{registration.access_key}:not-the-signature"

    response = client.get(
        reverse(
            "delegates:manage",
            kwargs={"meeting_slug": registration.meeting.slug, "token": forged},
        )
    )

    html = response.content.decode()
    assert response.status_code == 404
    assert "This link is not valid" in html
    assert registration.email not in html


def test_private_link_with_a_truncated_token_is_refused(client, registration):
    token = make_registration_token(registration)[:-5]

    response = client.get(
        reverse("delegates:manage", args=[registration.meeting.slug, token])
    )

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


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
    assert registration.email not in response.content.decode()


def test_private_link_cannot_be_used_to_change_another_delegate(client, registration):
    other = RegistrationFactory(meeting=registration.meeting, family_name="Other")

    client.post(
        manage_url(registration),
        correction_data(registration, family_name="Hijacked"),
    )

    other.refresh_from_db()
    registration.refresh_from_db()
    assert other.family_name == "Other"
    assert registration.family_name == "Hijacked"


def test_private_links_are_unique_per_registration():
    first, second = RegistrationFactory.create_batch(2)

    assert first.get_private_url() != second.get_private_url()
    assert len(first.access_key) >= 43


def test_delegate_corrects_job_title_and_it_is_recorded(
    client, registration, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            manage_url(registration),
            correction_data(registration, job_title="Deputy Director-General"),
            follow=True,
        )

    registration.refresh_from_db()
    assert registration.job_title == "Deputy Director-General"
    assert registration.status == RegistrationStatus.SUBMITTED
    assert "Your changes are saved." in response.content.decode()
    correction = Correction.objects.get()
    assert correction.changes == {
        "job_title": {
            "label": "job title",
            "old": "Director",
            "new": "Deputy Director-General",
        }
    }
    assert correction.reopened_review is False
    assert mail.outbox[0].subject.startswith("Changes to your registration received")


def test_delegate_saving_without_changes_records_nothing(client, registration):
    response = client.post(
        manage_url(registration), correction_data(registration), follow=True
    )

    assert "Nothing was changed." in response.content.decode()
    assert Correction.objects.count() == 0


def test_identity_change_after_approval_goes_back_to_review(
    client, registration, django_capture_on_commit_callbacks
):
    Registration.objects.filter(pk=registration.pk).update(
        status=RegistrationStatus.APPROVED
    )
    registration.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            manage_url(registration),
            correction_data(
                registration,
                organisation="Ministry of Finance",
                country="ID",
                dietary_requirements="Halal",
            ),
            follow=True,
        )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.status_changed_by is None
    assert registration.organisation == "Ministry of Finance"
    assert "will review your registration again" in response.content.decode()
    correction = Correction.objects.get()
    assert correction.previous_status == RegistrationStatus.APPROVED
    assert correction.reopened_review is True
    assert correction.changes["organisation"]["old"] == "Ministry of Foreign Affairs"
    assert correction.changes["country"] == {
        "label": "country represented",
        "old": "Thailand",
        "new": "Indonesia",
    }
    assert set(correction.changes) == {
        "organisation",
        "country",
        "dietary_requirements",
    }
    assert "will review your registration" in mail.outbox[0].body


def test_logistics_change_after_approval_stays_approved(client, registration):
    Registration.objects.filter(pk=registration.pk).update(
        status=RegistrationStatus.APPROVED
    )
    registration.refresh_from_db()

    client.post(
        manage_url(registration),
        correction_data(registration, dietary_requirements="Vegan"),
    )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.dietary_requirements == "Vegan"


def test_passport_change_is_recorded_without_the_number(client, meeting, visa_data):
    registration = RegistrationFactory(
        meeting=meeting,
        status=RegistrationStatus.APPROVED,
        needs_visa_letter=True,
        nationality="BD",
        passport_number="BX0123456",
        passport_expiry=meeting.end_date + datetime.timedelta(days=400),
        date_of_birth=datetime.date(1978, 4, 2),
        phone="+6621234567",
    )

    client.post(
        manage_url(registration),
        correction_data(
            registration,
            needs_visa_letter="on",
            passport_number="BX9999999",
            passport_expiry=visa_data["passport_expiry"],
            date_of_birth="1978-04-02",
        ),
    )

    registration.refresh_from_db()
    assert registration.passport_number == "BX9999999"
    assert registration.status == RegistrationStatus.SUBMITTED
    change = Correction.objects.get().changes["passport_number"]
    assert change == {"label": "passport number", "old": "(set)", "new": "(changed)"}
    assert "BX" not in str(Correction.objects.get().changes)


def test_correction_uses_the_same_validation_as_registration(client, registration):
    response = client.post(
        manage_url(registration),
        correction_data(
            registration,
            family_name="S" * 10_240,
            phone="12345",
            photo=upload(PDF_BYTES, "photo.jpg"),
        ),
    )

    html = response.content.decode()
    assert "Ensure this value has at most 150 characters" in html
    assert "Enter a valid phone number" in html
    assert "This file is not a JPEG, PNG or WebP image." in html
    registration.refresh_from_db()
    assert registration.family_name == "Santoso"
    assert Correction.objects.count() == 0


def test_delegate_adds_a_badge_photo_after_approval_and_goes_back_to_review(
    client, registration
):
    Registration.objects.filter(pk=registration.pk).update(
        status=RegistrationStatus.APPROVED
    )

    client.post(
        manage_url(registration),
        correction_data(registration, photo=upload(image_bytes(), "me.jpg")),
    )

    registration.refresh_from_db()
    assert registration.photo.name.startswith("photos/")
    assert registration.status == RegistrationStatus.SUBMITTED
    assert Correction.objects.get().changes["photo"]["new"] == "(changed)"


def test_after_the_deadline_the_page_is_read_only_with_a_clear_message(client):
    meeting = MeetingFactory(
        modification_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    registration = RegistrationFactory(meeting=meeting, family_name="Santoso")

    page = client.get(manage_url(registration))
    response = client.post(
        manage_url(registration),
        correction_data(registration, family_name="Changed"),
        follow=True,
    )

    assert "Changes to registrations closed on" in page.content.decode()
    # No correction form; the one form left is the language switcher.
    assert 'name="family_name"' not in page.content.decode()
    assert "This registration can no longer be changed." in response.content.decode()
    registration.refresh_from_db()
    assert registration.family_name == "Santoso"


def test_without_a_deadline_changes_close_when_the_meeting_starts(client):
    meeting = MeetingFactory(
        start_date=timezone.localdate() - datetime.timedelta(days=1),
        end_date=timezone.localdate() + datetime.timedelta(days=1),
        registration_opens=timezone.now() - datetime.timedelta(days=30),
        registration_closes=timezone.now() - datetime.timedelta(days=5),
    )
    registration = RegistrationFactory(meeting=meeting)

    response = client.get(manage_url(registration))

    assert "Changes to registrations closed on" in response.content.decode()
    assert "Cancel my registration" not in response.content.decode()


def test_delegate_cancels_through_the_private_link(
    client, registration, django_capture_on_commit_callbacks
):
    confirm = client.get(cancel_url(registration))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(registration), follow=True)

    assert "Do you really want to cancel" in confirm.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.status_changed_by is None
    assert registration.status_changed_at is not None
    html = response.content.decode()
    assert "Your registration has been cancelled." in html
    assert "can no longer be changed" in html
    assert mail.outbox[0].subject.startswith("Registration cancelled")


def test_delegate_cannot_cancel_after_the_deadline(client):
    meeting = MeetingFactory(
        modification_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    registration = RegistrationFactory(meeting=meeting)

    response = client.post(cancel_url(registration), follow=True)

    assert "Changes to registrations closed on" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_forged_cancel_link_cancels_nothing(client, registration):
    url = reverse(
        "delegates:cancel", args=[registration.meeting.slug, "forged:signature"]
    )

    response = client.post(url)

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_resend_link_form_gives_the_same_answer_for_any_address(
    client, registration, django_capture_on_commit_callbacks
):
    url = reverse("delegates:resend_link", args=[registration.meeting.slug])

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": "Budi@Example.org"}, follow=True)
        unknown = client.post(url, {"email": "nobody@example.org"}, follow=True)

    assert known.content == unknown.content
    assert "If this address is registered" in known.content.decode()
    assert [message.to for message in mail.outbox] == [["budi@example.org"]]
    assert registration.get_private_url() in mail.outbox[0].body


def test_resend_link_form_invalid_email_is_a_form_error(client, meeting):
    response = client.post(
        reverse("delegates:resend_link", args=[meeting.slug]), {"email": "x" * 10_000}
    )

    assert "Enter a valid email address." in response.content.decode()
    assert mail.outbox == []


def test_resend_link_form_is_rate_limited_per_client(client, meeting, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "resend_link": "2/h"}
    url = reverse("delegates:resend_link", args=[meeting.slug])
    for n in range(2):
        client.post(url, {"email": f"probe{n}@example.org"})

    response = client.post(url, {"email": "probe3@example.org"})

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_delegation_member_cannot_change_what_the_focal_point_decided(client):
    delegation = DelegationFactory(country="TH", name="Thailand")
    member = RegistrationFactory(
        meeting=delegation.meeting,
        delegation=delegation,
        role="delegate",
        country="TH",
        phone="+6621234567",
        consent_privacy=True,
    )

    client.post(
        manage_url(member),
        correction_data(member, country="ID", role="head", job_title="Senior Adviser"),
    )

    member.refresh_from_db()
    assert (member.country.code, member.role) == ("TH", "delegate")
    assert member.job_title == "Senior Adviser"
