import datetime

import pytest
from django.core import mail
from django.utils import timezone

from agenda.enums import SideEventAccess, SignUpStatus
from agenda.models import InvitationCode, SideEvent, SideEventSignUp
from agenda.side_events.selectors import side_event_fill
from agenda.side_events.services import (
    SideEventError,
    book_side_event_seat,
    cancel_side_event_signup,
    issue_invitation_codes,
    set_side_event_capacity,
)
from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from delegates.services import reject_registration
from tests.factories import (
    InvitationCodeFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    UserFactory,
    meeting_time,
)

pytestmark = pytest.mark.django_db


def approved(side_event, **kwargs):
    return RegistrationFactory(
        meeting=side_event.session.meeting,
        status=RegistrationStatus.APPROVED,
        **kwargs,
    )


def statuses(side_event):
    return list(
        SideEventSignUp.objects.filter(side_event=side_event)
        .order_by("requested_at", "pk")
        .values_list("registration__email", "status")
    )


def test_book_side_event_seat_gives_an_approved_delegate_a_seat():
    side_event = SideEventFactory(capacity=2)
    delegate = approved(side_event)

    signup = book_side_event_seat(registration=delegate, side_event=side_event)

    assert signup.status == SignUpStatus.BOOKED
    assert signup.booked_at is not None
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1
    assert side_event.seats_left == 1


def test_book_side_event_seat_when_full_puts_people_on_the_waiting_list_in_order():
    side_event = SideEventFactory(capacity=1)
    first, second, third = (approved(side_event) for _ in range(3))

    for delegate in (first, second, third):
        book_side_event_seat(registration=delegate, side_event=side_event)

    assert statuses(side_event) == [
        (first.email, SignUpStatus.BOOKED),
        (second.email, SignUpStatus.WAITLISTED),
        (third.email, SignUpStatus.WAITLISTED),
    ]
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1


def test_book_side_event_seat_twice_is_refused():
    side_event = SideEventFactory()
    delegate = approved(side_event)
    book_side_event_seat(registration=delegate, side_event=side_event)

    with pytest.raises(SideEventError, match="already signed up"):
        book_side_event_seat(registration=delegate, side_event=side_event)

    assert SideEventSignUp.objects.count() == 1
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1


@pytest.mark.parametrize(
    "status",
    [
        RegistrationStatus.SUBMITTED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.REJECTED,
        RegistrationStatus.CANCELLED,
    ],
)
def test_book_side_event_seat_by_a_delegate_not_approved_is_refused(status):
    side_event = SideEventFactory()
    delegate = RegistrationFactory(meeting=side_event.session.meeting, status=status)

    with pytest.raises(SideEventError, match="approved"):
        book_side_event_seat(registration=delegate, side_event=side_event)

    assert not SideEventSignUp.objects.exists()
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0


def test_book_side_event_seat_by_a_delegate_of_another_meeting_is_refused():
    side_event = SideEventFactory()
    stranger = RegistrationFactory(
        meeting=MeetingFactory(), status=RegistrationStatus.APPROVED
    )

    with pytest.raises(SideEventError, match="another meeting"):
        book_side_event_seat(registration=stranger, side_event=side_event)

    assert not SideEventSignUp.objects.exists()


def test_book_side_event_seat_after_the_side_event_started_is_refused():
    side_event = SideEventFactory()
    session = side_event.session
    session.start = timezone.now() - datetime.timedelta(minutes=1)
    session.end = timezone.now() + datetime.timedelta(hours=1)
    session.save()
    delegate = approved(side_event)

    with pytest.raises(SideEventError, match="already started"):
        book_side_event_seat(registration=delegate, side_event=side_event)

    assert not SideEventSignUp.objects.exists()
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0


def test_book_side_event_seat_restricted_to_heads_of_member_states():
    side_event = SideEventFactory(
        access=SideEventAccess.RESTRICTED,
        eligible_categories=[ParticipantCategory.MEMBER_STATE],
        eligible_roles=[DelegationRole.HEAD],
    )
    head = approved(side_event, role=DelegationRole.HEAD)
    adviser = approved(side_event, role=DelegationRole.ADVISER)
    partner_head = approved(
        side_event,
        role=DelegationRole.HEAD,
        category=ParticipantCategory.DEVELOPMENT_PARTNER,
    )

    book_side_event_seat(registration=head, side_event=side_event)
    for ineligible in (adviser, partner_head):
        with pytest.raises(SideEventError, match="not eligible"):
            book_side_event_seat(registration=ineligible, side_event=side_event)

    assert statuses(side_event) == [(head.email, SignUpStatus.BOOKED)]


def test_book_side_event_seat_closed_to_self_sign_up_only_organisers_add():
    side_event = SideEventFactory(allow_signup_at_registration=False)
    delegate = approved(side_event)
    organiser = UserFactory(is_staff=True)

    with pytest.raises(SideEventError, match="organisers only"):
        book_side_event_seat(registration=delegate, side_event=side_event)
    book_side_event_seat(
        registration=delegate, side_event=side_event, added_by=organiser
    )

    signup = SideEventSignUp.objects.get()
    assert signup.added_by == organiser
    assert signup.status == SignUpStatus.BOOKED


def test_book_side_event_seat_by_an_organiser_still_respects_the_capacity():
    side_event = SideEventFactory(
        capacity=1,
        access=SideEventAccess.INVITATION,
        allow_signup_at_registration=False,
    )
    SideEventSignUpFactory(side_event=side_event)
    delegate = approved(side_event)

    signup = book_side_event_seat(
        registration=delegate, side_event=side_event, added_by=UserFactory()
    )

    assert signup.status == SignUpStatus.WAITLISTED
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1


def test_book_side_event_seat_with_an_invitation_code_counts_its_use():
    code = InvitationCodeFactory(max_uses=2)
    side_event = code.side_event
    delegate = approved(side_event)

    signup = book_side_event_seat(
        registration=delegate,
        side_event=side_event,
        invitation_code=code.code.lower().replace("-", " "),
    )

    assert signup.invitation_code == code
    code.refresh_from_db()
    assert code.uses == 1


def test_book_side_event_seat_by_invitation_without_a_code_is_refused():
    side_event = SideEventFactory(access=SideEventAccess.INVITATION)
    delegate = approved(side_event)

    with pytest.raises(SideEventError, match="enter your code"):
        book_side_event_seat(registration=delegate, side_event=side_event)

    assert not SideEventSignUp.objects.exists()


def test_book_side_event_seat_with_a_code_reused_past_its_limit_is_refused():
    code = InvitationCodeFactory(max_uses=1)
    side_event = code.side_event
    first, second = approved(side_event), approved(side_event)
    book_side_event_seat(
        registration=first, side_event=side_event, invitation_code=code.code
    )

    with pytest.raises(SideEventError, match="already been used"):
        book_side_event_seat(
            registration=second, side_event=side_event, invitation_code=code.code
        )

    assert statuses(side_event) == [(first.email, SignUpStatus.BOOKED)]
    code.refresh_from_db()
    assert code.uses == 1


def test_book_side_event_seat_with_a_code_of_another_meeting_is_refused():
    foreign_code = InvitationCodeFactory()
    side_event = SideEventFactory(access=SideEventAccess.INVITATION)
    delegate = approved(side_event)

    with pytest.raises(SideEventError, match="another side event"):
        book_side_event_seat(
            registration=delegate,
            side_event=side_event,
            invitation_code=foreign_code.code,
        )

    assert not SideEventSignUp.objects.exists()
    foreign_code.refresh_from_db()
    assert foreign_code.uses == 0


def test_book_side_event_seat_with_an_unknown_code_is_refused():
    side_event = SideEventFactory(access=SideEventAccess.INVITATION)
    delegate = approved(side_event)

    with pytest.raises(SideEventError, match="not valid"):
        book_side_event_seat(
            registration=delegate,
            side_event=side_event,
            invitation_code="AAAA-BBBB-CCCC-DDDD",
        )

    assert not SideEventSignUp.objects.exists()


def test_cancel_side_event_signup_gives_the_seat_to_the_next_in_line_who_is_emailed(
    django_capture_on_commit_callbacks,
):
    side_event = SideEventFactory(capacity=1)
    holder, next_in_line, later = (approved(side_event) for _ in range(3))
    for delegate in (holder, next_in_line, later):
        book_side_event_seat(registration=delegate, side_event=side_event)

    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel_side_event_signup(registration=holder, side_event=side_event)

    assert [signup.registration for signup in promoted] == [next_in_line]
    assert statuses(side_event) == [
        (next_in_line.email, SignUpStatus.BOOKED),
        (later.email, SignUpStatus.WAITLISTED),
    ]
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1
    assert [message.to for message in mail.outbox] == [[next_in_line.email]]
    assert side_event.session.title in mail.outbox[0].subject
    assert "/manage/" in mail.outbox[0].body


def test_cancel_side_event_signup_skips_waiting_people_no_longer_approved():
    side_event = SideEventFactory(capacity=1)
    holder, withdrawn, next_approved = (approved(side_event) for _ in range(3))
    for delegate in (holder, withdrawn, next_approved):
        book_side_event_seat(registration=delegate, side_event=side_event)
    withdrawn.status = RegistrationStatus.CANCELLED
    withdrawn.save()

    cancel_side_event_signup(registration=holder, side_event=side_event)

    assert statuses(side_event) == [
        (withdrawn.email, SignUpStatus.WAITLISTED),
        (next_approved.email, SignUpStatus.BOOKED),
    ]


def test_cancel_side_event_signup_from_the_waiting_list_frees_no_seat():
    side_event = SideEventFactory(capacity=1)
    holder, waiting = approved(side_event), approved(side_event)
    for delegate in (holder, waiting):
        book_side_event_seat(registration=delegate, side_event=side_event)

    promoted = cancel_side_event_signup(registration=waiting, side_event=side_event)

    assert promoted == []
    assert statuses(side_event) == [(holder.email, SignUpStatus.BOOKED)]
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1


def test_cancel_side_event_signup_gives_the_invitation_code_use_back():
    code = InvitationCodeFactory(max_uses=1)
    side_event = code.side_event
    delegate = approved(side_event)
    book_side_event_seat(
        registration=delegate, side_event=side_event, invitation_code=code.code
    )

    cancel_side_event_signup(registration=delegate, side_event=side_event)

    code.refresh_from_db()
    assert code.uses == 0
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0


def test_cancel_side_event_signup_without_a_signup_is_refused():
    side_event = SideEventFactory()

    with pytest.raises(SideEventError, match="no sign-up"):
        cancel_side_event_signup(
            registration=approved(side_event), side_event=side_event
        )


def test_set_side_event_capacity_below_the_seats_taken_is_refused():
    side_event = SideEventFactory(capacity=3)
    SideEventSignUpFactory.create_batch(2, side_event=side_event)

    with pytest.raises(SideEventError, match="2 seats are already taken"):
        set_side_event_capacity(side_event=side_event, capacity=1)

    side_event.refresh_from_db()
    assert side_event.capacity == 3
    assert side_event.seats_taken == 2


def test_set_side_event_capacity_higher_books_the_waiting_list_in_order(
    django_capture_on_commit_callbacks,
):
    side_event = SideEventFactory(capacity=1)
    people = [approved(side_event) for _ in range(4)]
    for delegate in people:
        book_side_event_seat(registration=delegate, side_event=side_event)

    with django_capture_on_commit_callbacks(execute=True):
        promoted = set_side_event_capacity(side_event=side_event, capacity=3)

    assert [signup.registration for signup in promoted] == people[1:3]
    assert statuses(side_event) == [
        (people[0].email, SignUpStatus.BOOKED),
        (people[1].email, SignUpStatus.BOOKED),
        (people[2].email, SignUpStatus.BOOKED),
        (people[3].email, SignUpStatus.WAITLISTED),
    ]
    side_event.refresh_from_db()
    assert (side_event.capacity, side_event.seats_taken) == (3, 3)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [people[1].email, people[2].email]
    )


def test_issue_invitation_codes_makes_distinct_random_codes():
    side_event = SideEventFactory(access=SideEventAccess.INVITATION)

    codes = issue_invitation_codes(
        side_event=side_event, count=20, max_uses=2, label="Member States"
    )

    assert InvitationCode.objects.filter(side_event=side_event).count() == 20
    assert len({code.code for code in codes}) == 20
    assert all(len(code.code) == 19 and code.max_uses == 2 for code in codes)


def test_issue_invitation_codes_for_an_open_side_event_is_refused():
    side_event = SideEventFactory(access=SideEventAccess.OPEN)

    with pytest.raises(SideEventError, match="by invitation"):
        issue_invitation_codes(side_event=side_event, count=3)

    assert not InvitationCode.objects.exists()


def test_issue_invitation_codes_with_too_many_is_refused():
    side_event = SideEventFactory(access=SideEventAccess.INVITATION)

    with pytest.raises(SideEventError, match="between 1 and 500"):
        issue_invitation_codes(side_event=side_event, count=501)

    assert not InvitationCode.objects.exists()


def test_side_event_seats_taken_matches_the_booked_rows_after_a_day_of_changes():
    side_event = SideEventFactory(capacity=2)
    people = [approved(side_event) for _ in range(5)]
    for delegate in people:
        book_side_event_seat(registration=delegate, side_event=side_event)
    cancel_side_event_signup(registration=people[0], side_event=side_event)
    cancel_side_event_signup(registration=people[4], side_event=side_event)
    set_side_event_capacity(side_event=side_event, capacity=4)

    side_event = SideEvent.objects.get(pk=side_event.pk)
    booked = side_event.signups.filter(status=SignUpStatus.BOOKED).count()
    assert side_event.seats_taken == booked == 3


def test_side_event_fill_counts_seats_and_the_waiting_list_per_side_event():
    side_event = SideEventFactory(capacity=4)
    meeting = side_event.session.meeting
    SideEventFactory(
        meeting=meeting,
        capacity=10,
        session__start=meeting_time(meeting, 2, 9),
        session__end=meeting_time(meeting, 2, 10),
    )
    for _ in range(3):
        book_side_event_seat(registration=approved(side_event), side_event=side_event)

    fill = side_event_fill(side_event.session.meeting)

    assert [(row.seats_taken, row.capacity, row.waitlisted) for row in fill] == [
        (3, 4, 0),
        (0, 10, 0),
    ]
    assert [row.percent for row in fill] == [75, 0]


def test_rejecting_a_registration_gives_its_seat_to_the_next_in_line(
    django_capture_on_commit_callbacks,
):
    side_event = SideEventFactory(capacity=1)
    seated, waiting = approved(side_event), approved(side_event)
    for person in (seated, waiting):
        book_side_event_seat(registration=person, side_event=side_event)

    with django_capture_on_commit_callbacks(execute=True):
        reject_registration(seated, by=UserFactory(is_staff=True))

    assert statuses(side_event) == [(waiting.email, SignUpStatus.BOOKED)]
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1
    assert [
        message.subject for message in mail.outbox if message.to == [waiting.email]
    ] == [f"A seat is yours: {side_event.session.title}"]


def test_saving_an_approved_registration_keeps_its_seat(
    django_capture_on_commit_callbacks,
):
    side_event = SideEventFactory()
    seated = approved(side_event)
    book_side_event_seat(registration=seated, side_event=side_event)

    with django_capture_on_commit_callbacks(execute=True):
        seated.job_title = "Director-General"
        seated.save()

    assert statuses(side_event) == [(seated.email, SignUpStatus.BOOKED)]
