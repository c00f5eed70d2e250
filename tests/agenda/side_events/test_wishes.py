"""Side event wishes: seats asked for before approval, booked when approved.

A wish is a sign-up with status "requested". It holds no seat until the
registration is approved, by whichever path: an organiser's approval (one or
in bulk), or a promotion from the meeting's waiting list.
"""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from agenda.enums import SideEventAccess, SignUpStatus
from agenda.models import SideEventSignUp
from agenda.side_events.services import (
    SideEventError,
    book_side_event_seat,
    book_side_event_wishes,
    cancel_side_event_signup,
    join_side_event,
    request_side_event_seats,
)
from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from delegates.services import (
    RegistrationError,
    approve_registration,
    cancel_registration,
    promote_from_waitlist,
    reject_registration,
)
from tests.factories import (
    InvitationCodeFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventFactory,
    SideEventSignUpFactory,
)

pytestmark = pytest.mark.django_db


def pending(side_event, **fields):
    return RegistrationFactory(meeting=side_event.session.meeting, **fields)


def wish(side_event, **fields):
    registration = pending(side_event, **fields)
    (signup,) = request_side_event_seats(
        registration=registration, side_events=[side_event]
    )
    return signup


def status_of(signup):
    signup.refresh_from_db()
    return signup.status


# Asking for a seat


def test_a_wish_holds_no_seat_and_is_not_counted_in_seats_taken():
    side_event = SideEventFactory(capacity=1)

    signup = wish(side_event)

    assert signup.status == SignUpStatus.REQUESTED
    assert signup.booked_at is None
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0
    assert side_event.seats_left == 1


def test_wishes_for_several_side_events_are_recorded_together():
    first = SideEventFactory()
    second = SideEventFactory(meeting=first.session.meeting)
    registration = pending(first)

    request_side_event_seats(registration=registration, side_events=[first, second])

    assert set(registration.side_event_signups.values_list("side_event", "status")) == {
        (first.pk, SignUpStatus.REQUESTED),
        (second.pk, SignUpStatus.REQUESTED),
    }


def test_a_waitlisted_registration_may_ask_for_seats():
    side_event = SideEventFactory()

    signup = wish(side_event, status=RegistrationStatus.WAITLISTED)

    assert signup.status == SignUpStatus.REQUESTED


@pytest.mark.parametrize(
    "status",
    [
        RegistrationStatus.APPROVED,
        RegistrationStatus.REJECTED,
        RegistrationStatus.CANCELLED,
    ],
)
def test_only_a_registration_awaiting_a_decision_asks_for_seats(status):
    side_event = SideEventFactory()
    registration = pending(side_event, status=status)

    with pytest.raises(SideEventError, match="awaiting a decision"):
        request_side_event_seats(registration=registration, side_events=[side_event])

    assert not SideEventSignUp.objects.exists()


def test_an_invitation_only_side_event_cannot_be_asked_for():
    side_event = SideEventFactory(access=SideEventAccess.INVITATION)

    with pytest.raises(SideEventError, match="invitees sign up with their code once"):
        wish(side_event)

    assert not SideEventSignUp.objects.exists()


def test_a_side_event_closed_to_delegates_cannot_be_asked_for():
    side_event = SideEventFactory(allow_signup_at_registration=False)

    with pytest.raises(SideEventError, match="cannot be requested when registering"):
        wish(side_event)


def test_a_side_event_that_has_started_cannot_be_asked_for():
    side_event = SideEventFactory()
    side_event.session.start = timezone.now() - datetime.timedelta(minutes=1)
    side_event.session.end = timezone.now() + datetime.timedelta(hours=1)
    side_event.session.save(update_fields=["start", "end"])

    with pytest.raises(SideEventError, match="has already started"):
        wish(side_event)


def test_a_restricted_side_event_refuses_a_wish_from_another_category():
    side_event = SideEventFactory(
        access=SideEventAccess.RESTRICTED,
        eligible_categories=[ParticipantCategory.MEMBER_STATE],
    )

    with pytest.raises(SideEventError, match="not open to you"):
        wish(side_event, category=ParticipantCategory.MEDIA)

    assert not SideEventSignUp.objects.exists()


def test_a_side_event_of_another_meeting_cannot_be_asked_for():
    side_event = SideEventFactory()
    stranger = RegistrationFactory(meeting=MeetingFactory())

    with pytest.raises(SideEventError, match="another meeting"):
        request_side_event_seats(registration=stranger, side_events=[side_event])


def test_asking_twice_for_the_same_side_event_is_refused_and_keeps_one_wish():
    side_event = SideEventFactory()
    signup = wish(side_event)

    with pytest.raises(SideEventError, match="already asked"):
        request_side_event_seats(
            registration=signup.registration, side_events=[side_event]
        )

    assert SideEventSignUp.objects.count() == 1


def test_the_database_refuses_a_wish_with_an_invitation_code():
    code = InvitationCodeFactory()
    registration = RegistrationFactory(meeting=code.side_event.session.meeting)

    with pytest.raises(IntegrityError, match="side_event_wish_has_no_code"):
        SideEventSignUp.objects.create(
            side_event=code.side_event,
            registration=registration,
            status=SignUpStatus.REQUESTED,
            invitation_code=code,
        )


def test_the_database_refuses_a_wish_with_a_seat_time():
    side_event = SideEventFactory()
    registration = pending(side_event)

    with pytest.raises(IntegrityError, match="side_event_signup_booked_has_seat_time"):
        SideEventSignUp.objects.create(
            side_event=side_event,
            registration=registration,
            status=SignUpStatus.REQUESTED,
            booked_at=timezone.now(),
        )


def test_join_from_the_private_link_asks_before_approval_and_books_after():
    side_event = SideEventFactory()
    waiting = pending(side_event)
    approved = pending(side_event, status=RegistrationStatus.APPROVED)

    asked = join_side_event(registration=waiting, side_event=side_event)
    booked = join_side_event(registration=approved, side_event=side_event)

    assert asked.status == SignUpStatus.REQUESTED
    assert booked.status == SignUpStatus.BOOKED
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1


def test_a_delegate_withdraws_a_wish_and_no_seat_moves():
    side_event = SideEventFactory(capacity=1)
    SideEventSignUpFactory(side_event=side_event)
    waiting = SideEventSignUpFactory(
        side_event=side_event, status=SignUpStatus.WAITLISTED
    )
    signup = wish(side_event)

    promoted = cancel_side_event_signup(
        registration=signup.registration, side_event=side_event
    )

    assert promoted == []
    assert not SideEventSignUp.objects.filter(pk=signup.pk).exists()
    assert status_of(waiting) == SignUpStatus.WAITLISTED
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1


# Approval books the wishes


def test_approval_books_a_seat_for_each_wish_while_seats_are_left(
    organiser, django_capture_on_commit_callbacks
):
    side_event = SideEventFactory(capacity=3)
    signup = wish(side_event)
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        approve_registration(signup.registration, by=organiser)

    signup.refresh_from_db()
    assert signup.status == SignUpStatus.BOOKED
    assert signup.booked_at >= before
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1


def test_approval_puts_a_wish_for_a_full_side_event_on_its_waiting_list(organiser):
    side_event = SideEventFactory(capacity=1)
    seated = SideEventSignUpFactory(side_event=side_event)
    already_waiting = SideEventSignUpFactory(
        side_event=side_event, status=SignUpStatus.WAITLISTED
    )
    signup = wish(side_event)

    approve_registration(signup.registration, by=organiser)

    assert status_of(signup) == SignUpStatus.WAITLISTED
    assert status_of(seated) == SignUpStatus.BOOKED
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1
    # Queued from the approval: behind those who signed up before it.
    line = side_event.signups.filter(status=SignUpStatus.WAITLISTED).order_by(
        "requested_at", "pk"
    )
    assert list(line) == [already_waiting, signup]


def test_a_waitlisted_wish_gets_the_next_freed_seat_and_is_emailed(
    organiser, django_capture_on_commit_callbacks
):
    side_event = SideEventFactory(capacity=1, session__title="Open breakfast")
    seated = SideEventSignUpFactory(side_event=side_event)
    signup = wish(side_event)
    approve_registration(signup.registration, by=organiser)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_side_event_signup(
            registration=seated.registration, side_event=side_event
        )

    assert status_of(signup) == SignUpStatus.BOOKED
    assert [message.to for message in mail.outbox] == [[signup.registration.email]]
    assert "Open breakfast" in mail.outbox[0].subject


def test_the_approval_email_lists_each_side_event_outcome(
    organiser, django_capture_on_commit_callbacks
):
    roomy = SideEventFactory(capacity=5, session__title="Roomy breakfast")
    meeting = roomy.session.meeting
    full = SideEventFactory(meeting=meeting, capacity=1, session__title="Full lunch")
    SideEventSignUpFactory(side_event=full)
    registration = pending(roomy)
    request_side_event_seats(registration=registration, side_events=[roomy, full])

    with django_capture_on_commit_callbacks(execute=True):
        approve_registration(registration, by=organiser)

    (message,) = mail.outbox
    assert message.subject.startswith("Registration approved")
    assert "Roomy breakfast: your seat is booked" in message.body
    assert "Full lunch: the side event is full: you are on its waiting list" in (
        message.body
    )
    html = message.alternatives[0][0]
    assert "Roomy breakfast: your seat is booked" in html


def test_a_wish_for_a_side_event_that_started_before_approval_lapses_with_a_record(
    organiser, django_capture_on_commit_callbacks
):
    side_event = SideEventFactory(capacity=5, session__title="Early breakfast")
    signup = wish(side_event)
    side_event.session.start = timezone.now() - datetime.timedelta(minutes=5)
    side_event.session.end = timezone.now() + datetime.timedelta(hours=1)
    side_event.session.save(update_fields=["start", "end"])

    with django_capture_on_commit_callbacks(execute=True):
        approve_registration(signup.registration, by=organiser)

    signup.refresh_from_db()
    assert signup.status == SignUpStatus.LAPSED
    assert signup.booked_at is None
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0
    assert "Early breakfast: not booked: the side event had started" in (
        mail.outbox[0].body
    )


def test_a_wish_lapses_when_the_capacity_chosen_since_is_not_admitted(organiser):
    side_event = SideEventFactory(
        access=SideEventAccess.RESTRICTED, eligible_roles=[DelegationRole.HEAD]
    )
    signup = wish(side_event, role=DelegationRole.HEAD)
    registration = signup.registration
    registration.role = DelegationRole.ADVISER
    registration.save(update_fields=["role"])

    approve_registration(registration, by=organiser)

    assert status_of(signup) == SignUpStatus.LAPSED
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0


def test_approval_beyond_the_meeting_capacity_waitlists_and_keeps_the_wishes(
    organiser,
):
    side_event = SideEventFactory()
    meeting = side_event.session.meeting
    meeting.capacity = 1
    meeting.save(update_fields=["capacity"])
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    signup = wish(side_event)

    reached = approve_registration(signup.registration, by=organiser)

    assert reached == RegistrationStatus.WAITLISTED
    assert status_of(signup) == SignUpStatus.REQUESTED
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0


def test_promotion_from_the_meeting_waiting_list_books_the_wishes(organiser):
    side_event = SideEventFactory()
    meeting = side_event.session.meeting
    meeting.capacity = 1
    meeting.save(update_fields=["capacity"])
    seated = RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    signup = wish(side_event, status=RegistrationStatus.WAITLISTED)
    cancel_registration(seated, by=organiser)

    promoted = promote_from_waitlist(meeting=meeting, by=organiser)

    assert promoted == [signup.registration]
    assert status_of(signup) == SignUpStatus.BOOKED
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1


def test_automatic_promotion_after_a_cancellation_books_the_wishes(organiser):
    side_event = SideEventFactory()
    meeting = side_event.session.meeting
    meeting.capacity = 1
    meeting.auto_promote_waitlist = True
    meeting.save(update_fields=["capacity", "auto_promote_waitlist"])
    seated = RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    signup = wish(side_event, status=RegistrationStatus.WAITLISTED)

    promoted = cancel_registration(seated, by=organiser)

    assert promoted == [signup.registration]
    assert status_of(signup) == SignUpStatus.BOOKED


@pytest.mark.parametrize("decide", [reject_registration, cancel_registration])
def test_wishes_of_a_rejected_or_cancelled_registration_are_withdrawn(
    organiser, decide
):
    side_event = SideEventFactory()
    signup = wish(side_event)

    decide(signup.registration, by=organiser)

    assert not SideEventSignUp.objects.filter(pk=signup.pk).exists()
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0


def test_a_delegate_cancelling_their_own_registration_withdraws_the_wishes():
    side_event = SideEventFactory()
    signup = wish(side_event)

    cancel_registration(signup.registration, by=None)

    assert not SideEventSignUp.objects.filter(pk=signup.pk).exists()


def test_an_approval_that_fails_leaves_the_wishes_as_they_were(organiser):
    side_event = SideEventFactory()
    signup = wish(side_event)
    registration = signup.registration
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])

    with pytest.raises(RegistrationError):
        approve_registration(registration, by=organiser)

    assert status_of(signup) == SignUpStatus.REQUESTED


def test_booking_wishes_of_a_registration_not_approved_is_refused():
    signup = wish(SideEventFactory())

    with pytest.raises(SideEventError, match="only for an approved"):
        book_side_event_wishes(registration=signup.registration)

    assert status_of(signup) == SignUpStatus.REQUESTED


def test_an_approved_delegate_with_a_booked_wish_cannot_sign_up_again(organiser):
    side_event = SideEventFactory()
    signup = wish(side_event)
    approve_registration(signup.registration, by=organiser)

    with pytest.raises(SideEventError, match="already signed up"):
        book_side_event_seat(registration=signup.registration, side_event=side_event)


def test_admin_bulk_approval_books_the_wishes(client, organiser):
    side_event = SideEventFactory(capacity=1)
    first, second = wish(side_event), wish(side_event)
    client.force_login(organiser)

    client.post(
        reverse("admin:delegates_registration_changelist"),
        {
            "action": "approve_selected",
            "_selected_action": [first.registration.pk, second.registration.pk],
        },
    )

    assert sorted([status_of(first), status_of(second)]) == [
        SignUpStatus.BOOKED,
        SignUpStatus.WAITLISTED,
    ]
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1
