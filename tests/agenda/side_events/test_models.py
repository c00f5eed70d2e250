import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agenda.enums import SessionKind, SideEventAccess, SignUpStatus
from agenda.invitation_codes import generate_invitation_code, normalise_invitation_code
from agenda.models import InvitationCode, SideEvent, SideEventSignUp
from delegates.enums import DelegationRole, ParticipantCategory
from tests.factories import (
    InvitationCodeFactory,
    RegistrationFactory,
    SessionFactory,
    SideEventFactory,
    SideEventSignUpFactory,
)

pytestmark = pytest.mark.django_db


def violates(constraint, action):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        action()


def test_side_event_seats_taken_above_capacity_is_refused_by_the_database():
    side_event = SideEventFactory(capacity=1)
    SideEventSignUpFactory(side_event=side_event)

    violates(
        "side_event_seats_within_capacity",
        lambda: SideEvent.objects.filter(pk=side_event.pk).update(capacity=0),
    )

    side_event.refresh_from_db()
    assert side_event.capacity == 1


def test_side_event_negative_capacity_is_refused_by_the_database():
    side_event = SideEventFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        SideEvent.objects.filter(pk=side_event.pk).update(capacity=-1)


def test_side_event_restricted_without_anyone_eligible_is_refused_by_the_database():
    violates(
        "side_event_restriction_names_who",
        lambda: SideEventFactory(access=SideEventAccess.RESTRICTED),
    )


def test_invitation_code_uses_past_its_limit_are_refused_by_the_database():
    code = InvitationCodeFactory(max_uses=2)

    violates(
        "invitation_code_uses_within_limit",
        lambda: InvitationCode.objects.filter(pk=code.pk).update(uses=3),
    )


def test_invitation_code_allowing_no_use_is_refused_by_the_database():
    violates(
        "invitation_code_max_uses_positive",
        lambda: InvitationCodeFactory(max_uses=0),
    )


def test_side_event_signup_twice_for_one_person_is_refused_by_the_database():
    signup = SideEventSignUpFactory()

    violates(
        "unique_signup_per_registration_per_side_event",
        lambda: SideEventSignUp.objects.create(
            side_event=signup.side_event,
            registration=signup.registration,
            status=SignUpStatus.WAITLISTED,
        ),
    )


def test_side_event_signup_booked_without_a_seat_time_is_refused_by_the_database():
    signup = SideEventSignUpFactory(status=SignUpStatus.WAITLISTED)

    violates(
        "side_event_signup_booked_has_seat_time",
        lambda: SideEventSignUp.objects.filter(pk=signup.pk).update(
            status=SignUpStatus.BOOKED
        ),
    )


def test_side_event_clean_refuses_a_session_of_another_kind():
    session = SessionFactory(kind=SessionKind.PLENARY)
    side_event = SideEvent(session=session, organiser="UNOSSC", capacity=10)

    with pytest.raises(ValidationError) as error:
        side_event.full_clean()

    assert "session" in error.value.message_dict


def test_side_event_clean_refuses_a_capacity_below_the_seats_taken():
    side_event = SideEventFactory(capacity=2)
    SideEventSignUpFactory.create_batch(2, side_event=side_event)
    side_event.refresh_from_db()
    side_event.capacity = 1

    with pytest.raises(ValidationError) as error:
        side_event.full_clean()

    assert error.value.message_dict["capacity"] == [
        "2 seats are already taken: the capacity cannot be lower."
    ]


def test_side_event_admits_under_its_access_rule():
    side_event = SideEventFactory(
        access=SideEventAccess.RESTRICTED,
        eligible_categories=[ParticipantCategory.MEMBER_STATE],
        eligible_roles=[DelegationRole.HEAD, DelegationRole.ALTERNATE],
    )
    meeting = side_event.session.meeting

    assert side_event.admits(RegistrationFactory.build(meeting=meeting, role="head"))
    assert side_event.admits(
        RegistrationFactory.build(meeting=meeting, role="alternate")
    )
    assert not side_event.admits(
        RegistrationFactory.build(meeting=meeting, role="delegate")
    )
    assert not side_event.admits(
        RegistrationFactory.build(meeting=meeting, role="head", category="media")
    )
    assert side_event.access_description() == (
        "Restricted to: Member State; Head of delegation or Alternate."
    )


def test_invitation_codes_are_random_and_forgive_how_they_are_typed():
    codes = {generate_invitation_code() for _ in range(1000)}

    assert len(codes) == 1000
    code = codes.pop()
    assert normalise_invitation_code(f"  {code.lower().replace('-', ' ')} ") == code
