"""Writes through the API go through the services the form, admin and desk use."""

import pytest
from django.urls import reverse
from django.utils import timezone

from delegates.enums import RegistrationStatus
from delegates.models import CheckIn, Registration
from delegates.questions.enums import QuestionKind
from delegates.tokens import make_badge_code
from tests.api_tokens import api_client, make_token
from tests.factories import (
    MeetingFactory,
    QuestionFactory,
    RegistrationFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(name, meeting, **kwargs):
    return reverse(name, kwargs={"meeting_slug": meeting.slug, **kwargs})


def post(secret, address, body):
    return api_client(secret).post(address, body, content_type="application/json")


@pytest.fixture
def json_registration(form_data):
    """The public form's data as an importing system sends it, in JSON."""
    return {**form_data, "consent_privacy": True, "consent_public_list": True}


# Check-ins ------------------------------------------------------------------------


@pytest.fixture
def running_meeting():
    return MeetingFactory(running_today=True)


def test_check_in_by_badge_code_records_one_check_in(running_meeting):
    registration = RegistrationFactory(
        meeting=running_meeting, status=RegistrationStatus.APPROVED
    )
    organiser = UserFactory(username="secretariat")
    _, secret = make_token("check_ins:write", meeting=running_meeting, by=organiser)

    response = post(
        secret,
        url("api-check-ins", running_meeting),
        {"code": make_badge_code(registration)},
    )

    assert response.status_code == 201
    check_in = CheckIn.objects.get()
    assert response.json()["outcome"] == "checked_in"
    assert response.json()["check_in"]["id"] == check_in.pk
    assert check_in.registration == registration
    assert check_in.day == timezone.localdate(timezone=running_meeting.tzinfo)
    assert check_in.by == organiser


def test_second_check_in_is_answered_already_and_writes_nothing(running_meeting):
    registration = RegistrationFactory(
        meeting=running_meeting, status=RegistrationStatus.APPROVED
    )
    _, secret = make_token("check_ins:write", meeting=running_meeting)
    address = url("api-check-ins", running_meeting)

    post(secret, address, {"registration": registration.pk})
    response = post(secret, address, {"registration": registration.pk})

    assert response.status_code == 200
    assert response.json()["outcome"] == "already_checked_in"
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (RegistrationStatus.SUBMITTED, "not_approved"),
        (RegistrationStatus.REJECTED, "rejected"),
        (RegistrationStatus.CANCELLED, "cancelled"),
    ],
)
def test_check_in_refused_as_the_desk_refuses(running_meeting, status, code):
    registration = RegistrationFactory(meeting=running_meeting, status=status)
    _, secret = make_token("check_ins:write", meeting=running_meeting)

    response = post(
        secret, url("api-check-ins", running_meeting), {"registration": registration.pk}
    )

    assert response.status_code == 409
    assert response.json()["code"] == code
    assert CheckIn.objects.count() == 0


def test_badge_of_another_meeting_is_refused(running_meeting):
    other = RegistrationFactory(status=RegistrationStatus.APPROVED)
    _, secret = make_token("check_ins:write", meeting=running_meeting)

    response = post(
        secret, url("api-check-ins", running_meeting), {"code": make_badge_code(other)}
    )

    assert response.json()["code"] == "other_meeting"
    assert CheckIn.objects.count() == 0


def test_forged_code_is_refused(running_meeting):
    _, secret = make_token("check_ins:write", meeting=running_meeting)

    response = post(secret, url("api-check-ins", running_meeting), {"code": "nope"})

    assert response.status_code == 409
    assert response.json()["code"] == "forged"


def test_check_in_at_a_side_event_needs_a_seat(running_meeting):
    side_event = SideEventFactory(meeting=running_meeting)
    booked = SideEventSignUpFactory(side_event=side_event).registration
    unbooked = RegistrationFactory(
        meeting=running_meeting, status=RegistrationStatus.APPROVED
    )
    _, secret = make_token("check_ins:write", meeting=running_meeting)
    address = url("api-check-ins", running_meeting)

    refused = post(
        secret, address, {"registration": unbooked.pk, "side_event": side_event.pk}
    )
    admitted = post(
        secret, address, {"registration": booked.pk, "side_event": side_event.pk}
    )

    assert refused.json()["code"] == "no_seat"
    assert admitted.status_code == 201
    assert list(CheckIn.objects.values_list("registration", "side_event")) == [
        (booked.pk, side_event.pk)
    ]


def test_check_in_needs_a_code_or_a_registration(running_meeting):
    _, secret = make_token("check_ins:write", meeting=running_meeting)

    response = post(secret, url("api-check-ins", running_meeting), {})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["message"] == (
        "Give either the badge's code or the registration's id."
    )


def test_check_in_at_another_meetings_side_event_is_refused(running_meeting):
    side_event = SideEventFactory()
    registration = RegistrationFactory(
        meeting=running_meeting, status=RegistrationStatus.APPROVED
    )
    _, secret = make_token("check_ins:write", meeting=running_meeting)

    response = post(
        secret,
        url("api-check-ins", running_meeting),
        {"registration": registration.pk, "side_event": side_event.pk},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_side_event"


# Status changes ---------------------------------------------------------------------


def test_approving_beyond_capacity_waitlists(meeting):
    meeting.capacity = 1
    meeting.save()
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    registration = RegistrationFactory(meeting=meeting)
    _, secret = make_token("registrations:write", meeting=meeting)

    response = post(
        secret,
        url("api-registration-status", meeting, registration_id=registration.pk),
        {"status": "approved"},
    )

    assert response.status_code == 200
    assert response.json()["status"] == "waitlisted"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WAITLISTED
    assert meeting.registrations.filter(status="approved").count() == 1


def test_status_change_not_allowed_is_a_conflict(meeting):
    registration = RegistrationFactory(
        meeting=meeting, status=RegistrationStatus.CANCELLED
    )
    _, secret = make_token("registrations:write", meeting=meeting)

    response = post(
        secret,
        url("api-registration-status", meeting, registration_id=registration.pk),
        {"status": "approved"},
    )

    assert response.status_code == 409
    assert response.json()["code"] == "status_change_refused"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_approval_is_recorded_and_emailed(meeting):
    organiser = UserFactory(username="secretariat")
    registration = RegistrationFactory(meeting=meeting)
    _, secret = make_token("registrations:write", meeting=meeting, by=organiser)

    post(
        secret,
        url("api-registration-status", meeting, registration_id=registration.pk),
        {"status": "approved"},
    )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.status_changed_by == organiser
    assert list(registration.outgoing_mails.values_list("kind", flat=True)) == [
        "approved"
    ]


def test_unknown_status_is_a_field_error(meeting):
    registration = RegistrationFactory(meeting=meeting)
    _, secret = make_token("registrations:write", meeting=meeting)

    response = post(
        secret,
        url("api-registration-status", meeting, registration_id=registration.pk),
        {"status": "promoted"},
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["status"]


# Creating registrations -------------------------------------------------------------


def test_registration_is_created_as_the_public_form_creates_it(
    meeting, json_registration
):
    _, secret = make_token(
        "registrations:write",
        "registrations:read",
        "personal_data:read",
        meeting=meeting,
    )

    response = post(secret, url("api-registrations", meeting), json_registration)

    assert response.status_code == 201
    registration = Registration.objects.get()
    assert response.json()["id"] == registration.pk
    assert response.json()["email"] == "siriporn@example.org"
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.consent_public_list is True
    assert list(registration.outgoing_mails.values_list("kind", flat=True)) == [
        "received"
    ]


def test_created_registration_hides_personal_data_without_its_scope(
    meeting, json_registration
):
    _, secret = make_token("registrations:write", meeting=meeting)

    response = post(secret, url("api-registrations", meeting), json_registration)

    assert response.status_code == 201
    assert "email" not in response.json()
    assert response.json()["status"] == "submitted"


def test_registration_with_the_forms_errors_is_refused(meeting, json_registration):
    _, secret = make_token("registrations:write", meeting=meeting)
    body = {**json_registration, "consent_privacy": False, "country": ""}

    response = post(secret, url("api-registrations", meeting), body)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["fields"] == {
        "country": ["Please choose the country your delegation represents."],
        "consent_privacy": ["Please accept the privacy notice to register."],
    }
    assert Registration.objects.count() == 0


def test_registered_email_is_refused_not_overwritten(meeting, json_registration):
    RegistrationFactory(meeting=meeting, email="Siriporn@example.org")
    _, secret = make_token("registrations:write", meeting=meeting)

    response = post(secret, url("api-registrations", meeting), json_registration)

    assert response.status_code == 409
    assert response.json()["code"] == "registration_refused"
    assert Registration.objects.count() == 1


def test_registration_answers_the_organisers_questions(meeting, json_registration):
    question = QuestionFactory(
        meeting=meeting, kind=QuestionKind.SHORT_TEXT, required=True
    )
    _, secret = make_token(
        "registrations:write",
        "registrations:read",
        "personal_data:read",
        meeting=meeting,
    )
    address = url("api-registrations", meeting)

    missing = post(secret, address, json_registration)
    answered = post(
        secret, address, {**json_registration, question.field_name: "Bangkok office"}
    )

    assert list(missing.json()["fields"]) == [question.field_name]
    assert answered.status_code == 201
    assert [a["value"] for a in answered.json()["answers"]] == ["Bangkok office"]


def test_registration_when_closed_is_refused(json_registration):
    meeting = MeetingFactory(
        registration_opens=timezone.now() - timezone.timedelta(days=9),
        registration_closes=timezone.now() - timezone.timedelta(days=1),
    )
    _, secret = make_token("registrations:write", meeting=meeting)

    response = post(secret, url("api-registrations", meeting), json_registration)

    assert response.status_code == 409
    assert response.json()["message"] == "Registration for this meeting has closed."
