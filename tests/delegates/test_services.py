import datetime

import pytest
from django.core import mail
from django.utils import timezone

from delegates.enums import RegistrationStatus
from delegates.models import Registration
from delegates.services import (
    RegistrationError,
    approve_registration,
    cancel_registration,
    change_status,
    promote_from_waitlist,
    reject_registration,
    seats_free,
    send_link_again,
    waitlist_registration,
)
from tests.factories import CorrectionFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

SUBMITTED = RegistrationStatus.SUBMITTED
APPROVED = RegistrationStatus.APPROVED
WAITLISTED = RegistrationStatus.WAITLISTED
REJECTED = RegistrationStatus.REJECTED
CANCELLED = RegistrationStatus.CANCELLED


def statuses(*registrations):
    for registration in registrations:
        registration.refresh_from_db()
    return [registration.status for registration in registrations]


def test_approve_registration_records_who_and_when_and_emails(
    organiser, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        reached = approve_registration(registration, by=organiser)

    registration.refresh_from_db()
    assert reached == APPROVED
    assert registration.status == APPROVED
    assert registration.status_changed_by == organiser
    assert registration.status_changed_at >= before
    assert [message.subject for message in mail.outbox] == [
        f"Registration approved: {registration.meeting.short_name}"
    ]


@pytest.mark.parametrize(
    ("service", "status", "subject"),
    [
        (waitlist_registration, WAITLISTED, "On the waiting list"),
        (reject_registration, REJECTED, "Your registration for"),
    ],
)
def test_organiser_decision_sets_status_and_sends_its_email(
    organiser, django_capture_on_commit_callbacks, service, status, subject
):
    registration = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        service(registration, by=organiser)

    assert statuses(registration) == [status]
    assert mail.outbox[0].subject.startswith(subject)


def test_change_status_from_cancelled_is_refused_with_a_clear_message(organiser):
    registration = RegistrationFactory(
        status=CANCELLED, given_name="Budi", family_name="Santoso"
    )

    with pytest.raises(RegistrationError) as error:
        approve_registration(registration, by=organiser)

    assert str(error.value) == "Budi Santoso cannot be approved from “Cancelled”."
    assert statuses(registration) == [CANCELLED]


def test_approve_beyond_capacity_waitlists_instead(
    organiser, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(capacity=1)
    first, second = RegistrationFactory.create_batch(2, meeting=meeting)

    with django_capture_on_commit_callbacks(execute=True):
        reached = [
            approve_registration(first, by=organiser),
            approve_registration(second, by=organiser),
        ]

    assert reached == [APPROVED, WAITLISTED]
    assert statuses(first, second) == [APPROVED, WAITLISTED]
    assert [message.subject.split(":")[0] for message in mail.outbox] == [
        "Registration approved",
        "On the waiting list",
    ]
    assert seats_free(meeting) == 0


def test_approve_waitlisted_when_full_is_refused(organiser):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting, status=APPROVED)
    waiting = RegistrationFactory(meeting=meeting, status=WAITLISTED)

    with pytest.raises(RegistrationError, match="The meeting is full"):
        approve_registration(waiting, by=organiser)

    assert statuses(waiting) == [WAITLISTED]


def test_cancelling_an_approved_registration_frees_a_seat_for_the_organiser(
    organiser, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(capacity=1)
    approved = RegistrationFactory(meeting=meeting, status=APPROVED)
    waiting = RegistrationFactory(meeting=meeting, status=WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel_registration(approved, by=organiser)

    assert promoted == []
    assert statuses(approved, waiting) == [CANCELLED, WAITLISTED]
    assert seats_free(meeting) == 1
    assert [message.to for message in mail.outbox] == [[approved.email]]


def test_cancellation_promotes_the_next_waitlisted_when_the_meeting_says_so(
    organiser, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(capacity=1, auto_promote_waitlist=True)
    approved = RegistrationFactory(meeting=meeting, status=APPROVED)
    now = timezone.now()
    later = RegistrationFactory(
        meeting=meeting, status=WAITLISTED, status_changed_at=now
    )
    earlier = RegistrationFactory(
        meeting=meeting,
        status=WAITLISTED,
        status_changed_at=now - datetime.timedelta(hours=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel_registration(approved, by=None)

    assert promoted == [earlier]
    assert statuses(approved, earlier, later) == [CANCELLED, APPROVED, WAITLISTED]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [approved.email, earlier.email]
    )


def test_promote_from_waitlist_fills_free_seats_in_waiting_order(organiser):
    meeting = MeetingFactory(capacity=3)
    RegistrationFactory(meeting=meeting, status=APPROVED)
    now = timezone.now()
    waiting = [
        RegistrationFactory(
            meeting=meeting,
            status=WAITLISTED,
            status_changed_at=now - datetime.timedelta(minutes=minutes),
        )
        for minutes in (1, 30, 20)
    ]

    promoted = promote_from_waitlist(meeting=meeting, by=organiser)

    assert promoted == [waiting[1], waiting[2]]
    assert statuses(*waiting) == [WAITLISTED, APPROVED, APPROVED]
    assert all(r.status_changed_by == organiser for r in promoted)


def test_promote_from_waitlist_without_capacity_promotes_one(organiser):
    meeting = MeetingFactory(capacity=None)
    RegistrationFactory.create_batch(2, meeting=meeting, status=WAITLISTED)

    promoted = promote_from_waitlist(meeting=meeting, by=organiser)

    assert len(promoted) == 1
    assert meeting.registrations.filter(status=APPROVED).count() == 1


def test_delegate_cannot_cancel_after_the_modification_deadline():
    meeting = MeetingFactory(
        modification_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    registration = RegistrationFactory(meeting=meeting, status=APPROVED)

    with pytest.raises(RegistrationError, match="Changes to registrations closed"):
        cancel_registration(registration, by=None)

    assert statuses(registration) == [APPROVED]


def test_organiser_can_cancel_after_the_modification_deadline(organiser):
    meeting = MeetingFactory(
        modification_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    registration = RegistrationFactory(meeting=meeting, status=APPROVED)

    cancel_registration(registration, by=organiser)

    assert statuses(registration) == [CANCELLED]


def test_send_link_again_emails_a_registered_address_once_per_interval(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(email="budi@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        send_link_again(meeting=registration.meeting, email="BUDI@example.org")
        send_link_again(meeting=registration.meeting, email="budi@example.org")

    assert [message.to for message in mail.outbox] == [["budi@example.org"]]
    assert registration.get_private_url() in mail.outbox[0].body


def test_send_link_again_after_the_interval_sends_again(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(
        link_sent_at=timezone.now() - datetime.timedelta(minutes=10)
    )

    with django_capture_on_commit_callbacks(execute=True):
        send_link_again(meeting=registration.meeting, email=registration.email)

    assert len(mail.outbox) == 1


def test_send_link_again_for_an_unknown_address_sends_nothing(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory()

    with django_capture_on_commit_callbacks(execute=True):
        send_link_again(meeting=meeting, email="nobody@example.org")

    assert mail.outbox == []


def test_change_status_keeps_the_callers_object_in_step(organiser):
    registration = RegistrationFactory()

    change_status(registration, to=REJECTED, by=organiser)

    assert registration.status == REJECTED
    assert Registration.objects.get().status == REJECTED


def test_correction_factory_describes_its_change():
    correction = CorrectionFactory()

    assert correction.changed_labels == ["job title"]
    assert str(correction).endswith(": job title")
