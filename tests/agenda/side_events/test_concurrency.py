"""Races on PostgreSQL: real threads, each with its own database connection."""

import threading

import pytest
from django.db import connection

from agenda.enums import SignUpStatus
from agenda.models import SideEvent, SideEventSignUp
from agenda.side_events import services as side_event_services
from agenda.side_events.services import (
    SideEventError,
    book_side_event_seat,
    request_side_event_seats,
)
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from delegates.services import RegistrationError, approve_registration
from tests.factories import (
    InvitationCodeFactory,
    RegistrationFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    UserFactory,
)
from tests.locks import row_locked_elsewhere

pytestmark = pytest.mark.django_db(transaction=True)


def race(calls):
    """Run the calls at the same moment, one thread and connection each."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # the test asserts on every outcome
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_thirty_sign_ups_racing_for_the_last_five_seats_book_exactly_five():
    side_event = SideEventFactory(capacity=25)
    SideEventSignUpFactory.create_batch(20, side_event=side_event)
    delegates = RegistrationFactory.create_batch(
        30, meeting=side_event.session.meeting, status=RegistrationStatus.APPROVED
    )

    outcomes = race(
        [
            lambda delegate=delegate: book_side_event_seat(
                registration=delegate,
                side_event=SideEvent.objects.get(pk=side_event.pk),
            )
            for delegate in delegates
        ]
    )

    assert all(isinstance(outcome, SideEventSignUp) for outcome in outcomes), outcomes
    racers = SideEventSignUp.objects.filter(registration__in=delegates)
    assert racers.filter(status=SignUpStatus.BOOKED).count() == 5
    assert racers.filter(status=SignUpStatus.WAITLISTED).count() == 25
    side_event.refresh_from_db()
    assert side_event.seats_taken == 25
    assert side_event.signups.filter(status=SignUpStatus.BOOKED).count() == 25
    waiting = list(
        racers.filter(status=SignUpStatus.WAITLISTED)
        .order_by("requested_at", "pk")
        .values_list("pk", flat=True)
    )
    assert waiting == sorted(waiting)


def test_approvals_whose_wishes_race_sign_ups_for_the_last_seats_never_oversell():
    side_event = SideEventFactory(capacity=25)
    meeting = side_event.session.meeting
    SideEventSignUpFactory.create_batch(20, side_event=side_event)
    wishing = RegistrationFactory.create_batch(15, meeting=meeting)
    for registration in wishing:
        request_side_event_seats(registration=registration, side_events=[side_event])
    signing_up = RegistrationFactory.create_batch(
        10, meeting=meeting, status=RegistrationStatus.APPROVED
    )
    organiser = UserFactory(is_staff=True)

    outcomes = race(
        [
            lambda registration=registration: approve_registration(
                Registration.objects.get(pk=registration.pk), by=organiser
            )
            for registration in wishing
        ]
        + [
            lambda registration=registration: book_side_event_seat(
                registration=registration,
                side_event=SideEvent.objects.get(pk=side_event.pk),
            )
            for registration in signing_up
        ]
    )

    assert outcomes[:15] == [RegistrationStatus.APPROVED] * 15, outcomes
    assert all(isinstance(outcome, SideEventSignUp) for outcome in outcomes[15:])
    racers = SideEventSignUp.objects.filter(registration__in=wishing + signing_up)
    assert racers.filter(status=SignUpStatus.BOOKED).count() == 5
    assert racers.filter(status=SignUpStatus.WAITLISTED).count() == 20
    assert not racers.filter(status=SignUpStatus.REQUESTED).exists()
    side_event.refresh_from_db()
    assert side_event.seats_taken == 25
    assert side_event.signups.filter(status=SignUpStatus.BOOKED).count() == 25


def test_ten_delegates_racing_with_one_single_use_code_only_one_gets_in():
    code = InvitationCodeFactory(max_uses=1, side_event__capacity=50)
    side_event = code.side_event
    delegates = RegistrationFactory.create_batch(
        10, meeting=side_event.session.meeting, status=RegistrationStatus.APPROVED
    )

    outcomes = race(
        [
            lambda delegate=delegate: book_side_event_seat(
                registration=delegate,
                side_event=SideEvent.objects.get(pk=side_event.pk),
                invitation_code=code.code,
            )
            for delegate in delegates
        ]
    )

    signups = [outcome for outcome in outcomes if isinstance(outcome, SideEventSignUp)]
    refusals = [outcome for outcome in outcomes if isinstance(outcome, SideEventError)]
    assert len(signups) == 1
    assert len(refusals) == 9
    assert all("already been used" in str(refusal) for refusal in refusals)
    assert SideEventSignUp.objects.count() == 1
    code.refresh_from_db()
    assert code.uses == 1


def test_sign_up_waiting_too_long_for_the_lock_asks_to_try_again(monkeypatch):
    side_event = SideEventFactory(capacity=5)
    delegate = RegistrationFactory(
        meeting=side_event.session.meeting, status=RegistrationStatus.APPROVED
    )
    monkeypatch.setattr(side_event_services, "LOCK_TIMEOUT_MS", 100)
    with (
        row_locked_elsewhere(side_event),
        pytest.raises(SideEventError, match="Please try again"),
    ):
        book_side_event_seat(registration=delegate, side_event=side_event)

    assert not SideEventSignUp.objects.exists()
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0


def test_approval_waiting_too_long_for_a_wished_side_event_writes_nothing(
    monkeypatch,
):
    side_event = SideEventFactory(capacity=5)
    registration = RegistrationFactory(meeting=side_event.session.meeting)
    (wish,) = request_side_event_seats(
        registration=registration, side_events=[side_event]
    )
    organiser = UserFactory(is_staff=True)
    monkeypatch.setattr(side_event_services, "LOCK_TIMEOUT_MS", 100)
    with (
        row_locked_elsewhere(side_event),
        pytest.raises(RegistrationError, match="please try again"),
    ):
        approve_registration(registration, by=organiser)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    wish.refresh_from_db()
    assert wish.status == SignUpStatus.REQUESTED
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0
