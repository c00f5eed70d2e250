"""Each change the webhooks report writes its delivery in the change's transaction."""

import json

import pytest
from django.db import transaction

from agenda.side_events.services import book_side_event_seat, cancel_side_event_signup
from agenda.versions import publish_programme_version
from consultation.webhooks.models import WebhookDelivery
from delegates.desk.services import check_in
from delegates.enums import RegistrationStatus
from delegates.services import (
    approve_registration,
    cancel_registration,
    change_status,
    confirm_email_change,
    register_delegate,
    reject_registration,
    update_registration,
    waitlist_registration,
)
from tests.admin_forms import change_url, open_change_form
from tests.factories import (
    MeetingFactory,
    RegistrationFactory,
    SessionFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def sent(endpoint):
    """The events written for the endpoint, oldest first, as (name, data)."""
    return [
        (delivery.event, json.loads(delivery.body)["data"])
        for delivery in WebhookDelivery.objects.filter(endpoint=endpoint).order_by("pk")
    ]


def events(endpoint):
    return [name for name, _data in sent(endpoint)]


def new_registration(email="siriporn@example.org"):
    return {
        "honorific": "ms",
        "given_name": "Siriporn",
        "family_name": "Chaiyaporn",
        "email": email,
        "job_title": "Director",
        "organisation": "Ministry of Foreign Affairs",
        "country": "TH",
        "category": "member_state",
    }


def test_a_registration_submitted_is_told_without_personal_data(meeting, endpoint):
    registration = register_delegate(meeting=meeting, data=new_registration())

    ((name, data),) = sent(endpoint)
    assert name == "registration.submitted"
    registration.refresh_from_db()
    assert data == {
        "registration": {
            "id": registration.pk,
            "status": "submitted",
            "category": "member_state",
            "role": registration.role,
            "country": "TH",
            "delegation": None,
            "updated_at": data["registration"]["updated_at"],
        }
    }
    body = WebhookDelivery.objects.get().body
    assert "Siriporn" not in body
    assert "siriporn@example.org" not in body


def test_an_endpoint_allowed_personal_data_gets_the_name_and_address(meeting, endpoint):
    endpoint.include_personal_data = True
    endpoint.save()
    registration = RegistrationFactory(meeting=meeting)

    approve_registration(registration, by=None)

    ((_name, data),) = sent(endpoint)
    assert data["registration"]["given_name"] == registration.given_name
    assert data["registration"]["email"] == registration.email


def test_each_status_an_organiser_decides_is_its_own_event(meeting, endpoint):
    organiser = UserFactory()
    approved, waitlisted, rejected, cancelled = RegistrationFactory.create_batch(
        4, meeting=meeting
    )

    approve_registration(approved, by=organiser)
    waitlist_registration(waitlisted, by=organiser)
    reject_registration(rejected, by=organiser)
    change_status(cancelled, to=RegistrationStatus.CANCELLED, by=organiser)

    assert sent(endpoint) == [
        ("registration.approved", _registration(approved)),
        ("registration.waitlisted", _registration(waitlisted)),
        ("registration.rejected", _registration(rejected)),
        ("registration.cancelled", _registration(cancelled)),
    ]


def _registration(registration):
    registration.refresh_from_db()
    data = {
        "id": registration.pk,
        "status": registration.status,
        "category": registration.category,
        "role": registration.role,
        "country": str(registration.country),
        "delegation": None,
        "updated_at": registration.updated_at.isoformat().replace("+00:00", "Z"),
    }
    # DjangoJSONEncoder writes milliseconds.
    data["updated_at"] = data["updated_at"][:23] + "Z"
    return {"registration": data}


def test_approving_into_a_full_meeting_tells_of_the_waiting_list(endpoint):
    meeting = endpoint.meeting
    meeting.capacity = 1
    meeting.save()
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    registration = RegistrationFactory(meeting=meeting)

    approve_registration(registration, by=None)

    assert events(endpoint) == ["registration.waitlisted"]


def test_a_delegate_cancelling_frees_a_seat_and_the_promotion_is_told(endpoint):
    meeting = endpoint.meeting
    meeting.capacity = 1
    meeting.auto_promote_waitlist = True
    meeting.save()
    leaving = RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    waiting = RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITLISTED)

    cancel_registration(leaving, by=None)

    assert [(name, data["registration"]["id"]) for name, data in sent(endpoint)] == [
        ("registration.cancelled", leaving.pk),
        ("registration.approved", waiting.pk),
    ]


def test_a_delegates_correction_is_a_change(meeting, endpoint):
    registration = RegistrationFactory(meeting=meeting)

    update_registration(registration, data={"job_title": "Ambassador"})
    confirm_email_change(registration, new_email="new@example.org")

    assert events(endpoint) == ["registration.changed", "registration.changed"]


def test_a_correction_that_changes_nothing_tells_nothing(meeting, endpoint):
    registration = RegistrationFactory(meeting=meeting)

    update_registration(registration, data={"job_title": registration.job_title})

    assert events(endpoint) == []


def test_an_organisers_edit_in_the_admin_is_a_change(
    organiser_client, meeting, endpoint
):
    registration = RegistrationFactory(meeting=meeting)
    _response, data = open_change_form(organiser_client, registration)
    data["job_title"] = "Minister"

    organiser_client.post(change_url(registration), data)

    registration.refresh_from_db()
    assert registration.job_title == "Minister"
    assert events(endpoint) == ["registration.changed"]


def test_a_check_in_at_the_desk_is_told_once(endpoint):
    meeting = MeetingFactory(running_today=True)
    endpoint.meeting = meeting
    endpoint.save()
    registration = RegistrationFactory(
        meeting=meeting, status=RegistrationStatus.APPROVED
    )

    for _scan in range(2):
        check_in(
            meeting=meeting,
            by=None,
            day=meeting.start_date,
            registration_id=registration.pk,
        )

    ((name, data),) = sent(endpoint)
    assert name == "check_in.created"
    assert data["check_in"]["day"] == meeting.start_date.isoformat()
    assert data["check_in"]["side_event"] is None
    assert data["registration"]["id"] == registration.pk


def test_publishing_a_programme_version_is_told(meeting, endpoint):
    SessionFactory(meeting=meeting, published=True)

    version = publish_programme_version(meeting=meeting, name="v1", notes="First")

    ((name, data),) = sent(endpoint)
    assert name == "programme.version_published"
    assert data["programme_version"] == {
        "id": version.pk,
        "number": 1,
        "name": "v1",
        "notes": "First",
        "published_at": data["programme_version"]["published_at"],
        "sessions": 1,
    }


def test_a_side_event_seat_booked_and_freed_are_told(meeting, endpoint):
    side_event = SideEventFactory(meeting=meeting, capacity=1)
    first, second = RegistrationFactory.create_batch(
        2, meeting=meeting, status=RegistrationStatus.APPROVED
    )

    signup = book_side_event_seat(registration=first, side_event=side_event)
    book_side_event_seat(registration=second, side_event=side_event)  # waiting list
    cancel_side_event_signup(registration=first, side_event=side_event)

    told = [
        (name, data["sign_up"]["status"], data["registration"]["id"])
        for name, data in sent(endpoint)
    ]
    assert told == [
        ("side_event.seat_booked", "booked", first.pk),
        ("side_event.seat_freed", "booked", first.pk),
        ("side_event.seat_booked", "booked", second.pk),  # promoted into the seat
    ]
    assert sent(endpoint)[0][1]["sign_up"]["id"] == signup.pk
    assert sent(endpoint)[0][1]["sign_up"]["side_event"] == side_event.pk


def test_a_wish_booked_on_approval_is_a_seat_booked(meeting, endpoint):
    from agenda.side_events.services import request_side_event_seats

    side_event = SideEventFactory(meeting=meeting)
    registration = RegistrationFactory(meeting=meeting)
    request_side_event_seats(registration=registration, side_events=[side_event])

    approve_registration(registration, by=None)

    assert events(endpoint) == ["side_event.seat_booked", "registration.approved"]


def test_rejecting_a_delegate_with_a_seat_frees_it(meeting, endpoint):
    signup = SideEventSignUpFactory(side_event=SideEventFactory(meeting=meeting))

    reject_registration(signup.registration, by=None)

    assert events(endpoint) == ["side_event.seat_freed", "registration.rejected"]


@pytest.mark.parametrize(
    "change",
    [
        "submitted",
        "approved",
        "corrected",
        "checked_in",
        "version_published",
        "seat_booked",
        "seat_freed",
    ],
)
def test_a_change_rolled_back_leaves_no_delivery_and_sends_nothing(
    change, endpoint, receiver, django_capture_on_commit_callbacks
):
    # The desk checks in during the meeting; corrections close before it.
    meeting = MeetingFactory(running_today=change == "checked_in")
    endpoint.meeting = meeting
    endpoint.save()
    registration = RegistrationFactory(meeting=meeting)
    approved = RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    SessionFactory(meeting=meeting, published=True)
    side_event = SideEventFactory(meeting=meeting)
    booked = SideEventSignUpFactory(side_event=side_event)
    changes = {
        "submitted": lambda: register_delegate(
            meeting=meeting, data=new_registration("new@example.org")
        ),
        "approved": lambda: approve_registration(registration, by=None),
        "corrected": lambda: update_registration(
            registration, data={"job_title": "Minister"}
        ),
        "checked_in": lambda: check_in(
            meeting=meeting,
            by=None,
            day=meeting.start_date,
            registration_id=approved.pk,
        ),
        "version_published": lambda: publish_programme_version(
            meeting=meeting, name="v1"
        ),
        "seat_booked": lambda: book_side_event_seat(
            registration=approved, side_event=side_event
        ),
        "seat_freed": lambda: cancel_side_event_signup(
            registration=booked.registration, side_event=side_event
        ),
    }

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                changes[change]()
                assert WebhookDelivery.objects.count() == 1  # written inside
                raise RuntimeError("the change fails after its event")
        except RuntimeError:
            pass

    assert WebhookDelivery.objects.count() == 0
    assert callbacks == []
    assert receiver.received == []


def test_a_change_committed_is_delivered_to_the_receiver(
    meeting, endpoint, receiver, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(meeting=meeting)

    with django_capture_on_commit_callbacks(execute=True):
        approve_registration(registration, by=None)

    (request,) = receiver.received
    assert request.headers["Webhook-Event"] == "registration.approved"
    assert json.loads(request.body)["data"]["registration"]["id"] == registration.pk


def test_a_meeting_without_endpoints_reads_one_query_more_and_writes_nothing(
    django_assert_num_queries,
):
    from consultation.webhooks.services import emit

    meeting = MeetingFactory()

    with django_assert_num_queries(1):
        assert emit(meeting=meeting, event="check_in.created", data={}) == []
