"""Reads of side events, built once per page with their related rows."""

import hashlib
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from delegates.enums import PENDING_STATUSES, RegistrationStatus
from delegates.models import Registration
from delegates.questions.models import Answer, Choice, Question
from delegates.questions.selectors import side_event_answers

from ..enums import SideEventAccess, SignUpStatus
from ..models import ProgrammeVersion, SideEvent, SideEventSignUp
from ..selectors import programme_sessions

# Each sign-up's person's answers to side events' questions, with their
# choices, in two queries whatever the number of sign-ups
# (``side_event_answers_of`` picks the sign-up's side event's).
SIDE_EVENT_ANSWERS = Prefetch(
    "registration__answers",
    queryset=Answer.objects.filter(question__side_event__isnull=False)
    .select_related("question")
    .prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
    )
    .order_by("question__position", "pk"),
    to_attr="side_event_answers",
)


def side_event_answers_of(signup) -> list:
    """The answers the sign-up's person gave to its side event's questions
    (``SIDE_EVENT_ANSWERS`` prefetched)."""
    return [
        answer
        for answer in signup.registration.side_event_answers
        if answer.question.side_event_id == signup.side_event_id
    ]


def published_side_events(meeting):
    """The meeting's side events that delegates may see and join.

    Those whose session is in the programme's latest published version, as the
    public sees it, and is still marked published in the working programme: a
    side event added since takes sign-ups once a version with it is published,
    and one an organiser is taking off the programme stops taking them at once.
    """
    latest_version = (
        ProgrammeVersion.objects.filter(meeting=meeting)
        .order_by("-number")
        .values("pk")[:1]
    )
    return (
        SideEvent.objects.filter(
            session__meeting=meeting,
            session__published=True,
            session__held_in_versions=Subquery(latest_version),
        )
        .select_related("session__room")
        .order_by("session__start", "session__title", "pk")
    )


def side_event_list_state(meeting) -> str:
    """Name the state of what the public side events page shows of its side events.

    Seats left change with every sign-up, so the page is kept per this state
    (with the programme's, which covers the published version's sessions and
    rooms): a digest of the side events' shown columns, read live as
    ``side_event_list`` reads them in one small query, so every write path counts
    without having to bump anything.
    """
    rows = (
        SideEvent.objects.filter(session__meeting=meeting)
        .order_by("pk")
        .values_list(
            "pk",
            "session_id",
            "updated_at",
            "seats_taken",
            "capacity",
            "allow_signup_at_registration",
            "access",
            "eligible_categories",
            "eligible_roles",
            "organiser",
            "description",
        )
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


@dataclass(frozen=True)
class WishesOffered:
    """What the registration form says of side events."""

    # Some side event takes wishes on the form.
    any_open: bool
    # Some that would take wishes are left out: they ask questions of their own.
    any_asking_questions: bool


def wishes_offered(meeting, *, now=None) -> WishesOffered:
    """Whether the registration form has side events to offer, and whether it
    leaves some out for their questions (one small query, at most two rows)."""
    asks = set(
        _taking_wishes(meeting, now=now)
        .annotate(asks_questions=asks_questions())
        .order_by()
        .values_list("asks_questions", flat=True)
        .distinct()
    )
    return WishesOffered(any_open=False in asks, any_asking_questions=True in asks)


def side_events_open_to_wishes(meeting, *, now=None) -> list[SideEvent]:
    """The side events a delegate may ask for a seat at while registering.

    Published, taking sign-ups from delegates, not by invitation (invitees sign
    up with their code once approved) and not started. Restricted ones are
    listed too: the form checks the person's category and role.
    """
    side_events = list(_open_to_wishes(meeting, now=now))
    for side_event in side_events:
        _give_meeting(side_event, meeting)
    return side_events


def _give_meeting(side_event, meeting):
    """Give the side event's session and room their meeting, read once already.

    Their names and titles fall back to its main language without a query.
    """
    side_event.session.meeting = meeting
    if side_event.session.room is not None:
        side_event.session.room.meeting = meeting


def side_events_open_to_wishes_state(meeting, *, now=None) -> str:
    """Name the state of what the registration form shows of its side events.

    A digest of the columns their checkboxes' labels show, read in one small
    query: which side events, their titles, times, access rules and whether
    they are full; and which of those that would take wishes ask questions of
    their own (they are left out, and the help says why).
    """
    rows = (
        _taking_wishes(meeting, now=now)
        .annotate(asks_questions=asks_questions())
        .values_list(
            "asks_questions",
            "pk",
            "updated_at",
            "seats_taken",
            "capacity",
            "access",
            "eligible_categories",
            "eligible_roles",
            "session__title",
            "session__start",
            "session__end",
        )
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def asks_questions():
    """Whether a side event has questions of its own, for ``annotate``/``filter``."""
    return Exists(Question.objects.filter(side_event=OuterRef("pk"), archived=False))


def _taking_wishes(meeting, *, now=None):
    return (
        published_side_events(meeting)
        .filter(
            allow_signup_at_registration=True,
            session__start__gt=now or timezone.now(),
        )
        .exclude(access=SideEventAccess.INVITATION)
    )


def _open_to_wishes(meeting, *, now=None):
    # A wish made on the registration form cannot answer a side event's own
    # questions: such a side event is signed up for from the private link.
    return _taking_wishes(meeting, now=now).filter(~asks_questions())


def side_event_list(programme) -> list[SideEvent]:
    """The public side events page: each side event with its session and room.

    ``programme`` is a ``selectors.Programme``: the side events of its sessions,
    with their time and room as it gives them, in programme order; the side
    event's own details and seats are read live.
    """
    side_events = {
        side_event.session_id: side_event
        for side_event in SideEvent.objects.filter(session__meeting=programme.meeting)
    }
    sessions = programme_sessions(programme, ids=side_events.keys(), people=False)
    for session in sessions:
        side_events[session.pk].session = session
    return [side_events[session.pk] for session in sessions]


@dataclass(frozen=True)
class SideEventOffer:
    """A side event as one delegate sees it on their private page."""

    side_event: SideEvent
    signup: SideEventSignUp | None
    waiting_position: int | None
    # Before approval a delegate asks for a seat; the approval books it.
    before_approval: bool = False
    # The person's answers to the side event's own questions, in order.
    answers: tuple = ()

    @property
    def asks_questions(self):
        """Whether signing up goes through the side event's sign-up page."""
        return self.side_event.asks_questions

    @property
    def needs_code(self):
        return self.side_event.access == SideEventAccess.INVITATION


def side_event_offers(registration, *, now=None) -> list[SideEventOffer]:
    """The side events a delegate is signed up for or may still join.

    Listed: every side event they hold a seat, waiting place or wish at, and
    those that have not started, take sign-ups from delegates and whose access
    rule admits them: for an approved delegate (invitation-only ones ask for a
    code), and for one awaiting a decision, who may ask for a seat at those
    that are not by invitation.
    """
    now = now or timezone.now()
    meeting = registration.meeting
    ahead = (
        SideEventSignUp.objects.filter(
            side_event=OuterRef("side_event"), status=SignUpStatus.WAITLISTED
        )
        .filter(
            Q(requested_at__lt=OuterRef("requested_at"))
            | Q(requested_at=OuterRef("requested_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("side_event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    own_signups = SideEventSignUp.objects.filter(registration=registration).annotate(
        ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), 0)
    )
    side_events = (
        published_side_events(meeting)
        .annotate(asks_questions=asks_questions())
        .prefetch_related(
            Prefetch("signups", queryset=own_signups, to_attr="own_signups")
        )
    )
    answers = side_event_answers(registration)
    approved = registration.status == RegistrationStatus.APPROVED
    pending = registration.status in PENDING_STATUSES
    offers = []
    for side_event in side_events:
        _give_meeting(side_event, meeting)
        signup = side_event.own_signups[0] if side_event.own_signups else None
        may_join = (
            (approved or (pending and side_event.access != SideEventAccess.INVITATION))
            and side_event.allow_signup_at_registration
            and side_event.session.start > now
            and side_event.admits(registration)
        )
        if signup is None and not may_join:
            continue
        waiting = None
        if signup is not None and signup.status == SignUpStatus.WAITLISTED:
            waiting = signup.ahead + 1
        offers.append(
            SideEventOffer(
                side_event,
                signup,
                waiting,
                before_approval=pending,
                answers=tuple(answers.get(side_event.pk, ())),
            )
        )
    return offers


@dataclass(frozen=True)
class SideEventFill:
    side_event: SideEvent
    seats_taken: int
    capacity: int
    waitlisted: int
    # Wishes of registrations awaiting a decision: no seat yet.
    requested: int = 0

    @property
    def percent(self) -> int:
        if not self.capacity:
            return 100
        return round(100 * self.seats_taken / self.capacity)


def side_event_fill(meeting) -> list[SideEventFill]:
    """Seats taken against capacity, the waiting list and the seats requested
    by registrations awaiting a decision, per side event."""
    side_events = (
        SideEvent.objects.filter(session__meeting=meeting)
        # The titles fall back to the meeting's main language: read it once.
        .select_related("session__meeting")
        .annotate(
            waitlisted=Count(
                "signups",
                filter=Q(signups__status=SignUpStatus.WAITLISTED),
            ),
            requested=Count(
                "signups",
                filter=Q(signups__status=SignUpStatus.REQUESTED),
            ),
        )
        .order_by("session__start", "session__title", "pk")
    )
    return [
        SideEventFill(
            side_event=side_event,
            seats_taken=side_event.seats_taken,
            capacity=side_event.capacity,
            waitlisted=side_event.waitlisted,
            requested=side_event.requested,
        )
        for side_event in side_events
    ]


def attendees(side_event):
    """Sign-ups with a seat, in the order the seats were given."""
    return (
        _signups(side_event)
        .filter(status=SignUpStatus.BOOKED)
        .order_by("booked_at", "requested_at", "pk")
    )


def waiting_list(side_event):
    """Sign-ups waiting for a seat, first in line first."""
    return _signups(side_event).filter(status=SignUpStatus.WAITLISTED)


def _signups(side_event):
    return (
        SideEventSignUp.objects.filter(side_event=side_event)
        .select_related(
            "side_event__session__meeting",
            "registration",
            "invitation_code",
            "added_by",
        )
        .order_by("requested_at", "pk")
    )


def numbered(signups) -> list[SideEventSignUp]:
    """The sign-ups as a list, each with ``position``: 1 for the first in it."""
    signups = list(signups)
    for position, signup in enumerate(signups, start=1):
        signup.position = position
    return signups


def approved_without_signup(side_event):
    """Approved registrations of the meeting not yet signed up for the side event."""
    return Registration.objects.filter(
        meeting_id=side_event.session.meeting_id,
        status=RegistrationStatus.APPROVED,
    ).exclude(side_event_signups__side_event=side_event)


def booked_session_ids(registration) -> set[int]:
    """The sessions of the side events where the delegate holds a seat."""
    return set(
        SideEventSignUp.objects.filter(
            registration=registration, status=SignUpStatus.BOOKED
        ).values_list("side_event__session_id", flat=True)
    )


def registration_signups(registration) -> list[SideEventSignUp]:
    """A registration's sign-ups (seats, waiting places, wishes), soonest first."""
    return list(
        registration.side_event_signups.select_related("side_event__session").order_by(
            "side_event__session__start", "pk"
        )
    )
