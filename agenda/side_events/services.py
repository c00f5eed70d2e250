"""Business rules that write side event seats, waiting lists and invitation codes.

Every change to a side event's seats or to one of its invitation codes happens
inside one transaction that holds the side event's row lock, so two delegates
signing up at once are counted one after the other and a seat or a code use is
never given twice.

A delegate whose registration is not yet approved may ask for seats (on the
registration form or from their private link): such a *wish* is a sign-up with
status "requested" that holds no seat. The registration's approval books each
wish under its side event's lock, like any other sign-up.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultation.page_cache.kept_pages import forget_programme_states
from consultation.transactions import set_local_lock_timeout
from delegates.enums import CLOSED_STATUSES, PENDING_STATUSES, RegistrationStatus
from delegates.questions.services import delete_side_event_answers, write_answers

from ..enums import SideEventAccess, SignUpStatus
from ..exceptions import AgendaError
from ..invitation_codes import normalise_invitation_code
from ..models import InvitationCode, SideEvent, SideEventSignUp
from .emails import queue_side_event_email
from .webhooks import seat_booked, seat_freed, sign_up_data

# How long a sign-up waits for another one on the same side event before giving up.
LOCK_TIMEOUT_MS = 3000
# PostgreSQL's SQLSTATE for "lock_not_available" (raised when lock_timeout expires).
LOCK_NOT_AVAILABLE = "55P03"
MAX_CODES_AT_ONCE = 500

TRY_AGAIN = gettext_lazy(
    "Many people are signing up for this side event right now. Please try again."
)


class SideEventError(AgendaError):
    """A side event rule was broken; the message is shown to the user."""


class SideEventBusyError(SideEventError):
    """A side event stayed locked by other sign-ups too long; try again."""


class InvitationCodeError(SideEventError):
    """The invitation code given is the problem: the message belongs beside it."""


def join_side_event(
    *,
    registration,
    side_event: SideEvent,
    invitation_code: str | None = None,
    answers: dict | None = None,
) -> SideEventSignUp:
    """Sign up from the private link: a seat once approved, a wish before.

    ``answers`` are the person's answers to the side event's questions, as the
    sign-up form kept them (``{question: value}``).
    Side effects: as ``book_side_event_seat`` for an approved registration, as
    ``request_side_event_seats`` for a pending one.
    Raises SideEventError when a rule is broken; then nothing is written.
    """
    if registration.status in PENDING_STATUSES:
        (wish,) = request_side_event_seats(
            registration=registration, side_events=[side_event], answers=answers
        )
        return wish
    return book_side_event_seat(
        registration=registration,
        side_event=side_event,
        invitation_code=invitation_code,
        answers=answers,
    )


def request_side_event_seats(
    *, registration, side_events: list[SideEvent], answers: dict | None = None
) -> list[SideEventSignUp]:
    """Record a pending registration's wishes for seats at these side events.

    A wish holds no seat and is never counted in the seats taken: the
    registration's approval books it (``book_side_event_wishes``). Only side
    events that take sign-ups from delegates, are not by invitation, admit the
    person's category and role and have not started can be wished for.
    Side effects: writes one SideEventSignUp with status "requested" per side
    event, and the Answer rows of ``answers`` (to their questions), in one
    transaction.
    Raises SideEventError when a rule is broken or a sign-up exists already;
    then nothing is written.
    """
    if registration.status not in PENDING_STATUSES:
        raise SideEventError(
            _("Only a registration awaiting a decision can ask for seats.")
        )
    now = timezone.now()
    for side_event in side_events:
        if side_event.session.meeting_id != registration.meeting_id:
            raise SideEventError(_("This side event belongs to another meeting."))
        problem = wish_problem(
            side_event, category=registration.category, role=registration.role, now=now
        )
        if problem:
            raise SideEventError(problem)
    try:
        with transaction.atomic():
            wishes = SideEventSignUp.objects.bulk_create(
                SideEventSignUp(
                    side_event=side_event,
                    registration=registration,
                    status=SignUpStatus.REQUESTED,
                    requested_at=now,
                )
                for side_event in side_events
            )
            _write_answers(registration, side_events, answers)
            return wishes
    except IntegrityError as error:
        if "unique_signup_per_registration_per_side_event" not in str(error):
            raise
        raise SideEventError(
            _("You have already asked for a seat at this side event.")
        ) from error


def wish_problem(side_event: SideEvent, *, category, role, now) -> str | None:
    """Why a person of this category and role cannot ask for a seat, or None."""
    if side_event.access == SideEventAccess.INVITATION:
        return _(
            "“%(title)s” is by invitation: invitees sign up with their code once "
            "their registration is approved."
        ) % {"title": side_event.session.title}
    if not side_event.allow_signup_at_registration or not side_event.session.published:
        return _("Seats at “%(title)s” cannot be requested when registering.") % {
            "title": side_event.session.title
        }
    if side_event.session.start <= now:
        return _("“%(title)s” has already started.") % {
            "title": side_event.session.title
        }
    if not side_event.admits_person(category=category, role=role):
        return _("“%(title)s” is not open to you. %(rule)s") % {
            "title": side_event.session.title,
            "rule": side_event.access_description(),
        }
    return None


def book_side_event_wishes(*, registration) -> list[SideEventSignUp]:
    """Turn the wishes of a registration just approved into seats or waiting places.

    Called inside the approval's transaction, which holds the registration's
    lock. Each wish is decided under its side event's row lock (side events in
    id order): a seat while seats are left, else the waiting list, queued from
    now like a sign-up made at this moment; a wish whose side event has started,
    or no longer takes this person's wish, lapses and stays as a record.
    Side effects: locks each wished-for side event's row; updates each wish's
    status; raises the side events' seats_taken; a "side_event.seat_booked"
    webhook per seat. Sends no email: the approval email lists the outcomes.
    Returns the wishes as decided.
    Raises SideEventError when a side event stays locked too long (the caller's
    transaction then rolls back).
    """
    if registration.status != RegistrationStatus.APPROVED:
        raise SideEventError(_("Wishes are booked only for an approved registration."))
    wishes = list(
        SideEventSignUp.objects.filter(
            registration=registration, status=SignUpStatus.REQUESTED
        )
        .select_related("side_event")
        .order_by("side_event_id")
    )
    for wish in wishes:
        with _locked(wish.side_event) as locked:
            now = timezone.now()
            wish.side_event = locked
            if wish_problem(
                locked, category=registration.category, role=registration.role, now=now
            ):
                wish.status = SignUpStatus.LAPSED
            elif locked.seats_taken < locked.capacity:
                wish.status = SignUpStatus.BOOKED
                wish.booked_at = now
                _save_seats(locked, seats_taken=locked.seats_taken + 1)
            else:
                wish.status = SignUpStatus.WAITLISTED
            if wish.status != SignUpStatus.LAPSED:
                wish.requested_at = now
            wish.save(update_fields=["status", "booked_at", "requested_at"])
            if wish.status == SignUpStatus.BOOKED:
                seat_booked(wish)
    return wishes


def withdraw_side_event_wishes(*, registration) -> int:
    """Withdraw the wishes of a registration that will not be approved.

    Wishes hold no seat,
    so no side event lock is needed. Side effects: deletes the registration's
    sign-ups with status "requested", and its answers to their side events'
    questions. Returns how many were withdrawn.
    """
    with transaction.atomic():
        wishes = SideEventSignUp.objects.filter(
            registration=registration, status=SignUpStatus.REQUESTED
        )
        delete_side_event_answers(
            registration=registration,
            side_events=wishes.values("side_event"),
        )
        deleted, _by_model = wishes.delete()
    return deleted


def book_side_event_seat(
    *,
    registration,
    side_event: SideEvent,
    invitation_code: str | None = None,
    added_by=None,
    answers: dict | None = None,
) -> SideEventSignUp:
    """Give the delegate a seat at the side event, or a place on its waiting list.

    A delegate signing up themselves must be eligible under the access rule and,
    for an invitation-only side event, bring an invitation code with a use left.
    An organiser passing ``added_by`` adds a person by hand: the access rule and
    the code do not apply, the capacity does.

    Side effects: locks the side event row; writes one SideEventSignUp (booked
    while seats are left, else waitlisted) and the Answer rows of ``answers``
    (to the side event's questions); raises the side event's seats_taken
    when a seat is given (and a "side_event.seat_booked" webhook); counts one
    use of the invitation code.
    Raises SideEventError when a rule is broken; then nothing is written.
    """
    by_organiser = added_by is not None
    _check_may_sign_up(registration, side_event, by_organiser=by_organiser)
    code = ""
    if side_event.access == SideEventAccess.INVITATION and not by_organiser:
        code = normalise_invitation_code(invitation_code or "")
        if not code:
            raise InvitationCodeError(
                _("This side event is by invitation: please enter your code.")
            )
    with _locked(side_event) as locked:
        now = timezone.now()
        _check_not_started(locked, now=now)
        already = SideEventSignUp.objects.filter(
            side_event=locked, registration=registration
        ).exists()
        if already:
            raise SideEventError(_("You are already signed up for this side event."))
        code_row = _use_invitation_code(locked, code) if code else None
        has_seat = locked.seats_taken < locked.capacity
        signup = SideEventSignUp.objects.create(
            side_event=locked,
            registration=registration,
            status=SignUpStatus.BOOKED if has_seat else SignUpStatus.WAITLISTED,
            booked_at=now if has_seat else None,
            invitation_code=code_row,
            added_by=added_by,
            requested_at=now,
        )
        _write_answers(registration, [locked], answers)
        if has_seat:
            _save_seats(locked, seats_taken=locked.seats_taken + 1)
            seat_booked(signup)
    side_event.seats_taken = locked.seats_taken
    return signup


def cancel_side_event_signup(
    *, registration, side_event: SideEvent, by=None
) -> list[SideEventSignUp]:
    """Cancel the person's seat or waiting-list place; a freed seat moves up the list.

    Delegates may cancel until the side event starts; organisers (``by``) at any
    time, though after the start nobody is promoted.
    Side effects: locks the side event row; deletes the sign-up and the
    person's answers to the side event's questions; gives its
    invitation code use back; for a seat, a "side_event.seat_freed" webhook;
    gives a freed seat to the first approved person on the waiting list, who is
    emailed (outbox), with a "side_event.seat_booked" webhook. Returns the
    promoted sign-ups.
    Raises SideEventError when there is no such sign-up or the event has started.
    """
    if by is None:
        _check_not_started(side_event, now=timezone.now())
    with _locked(side_event) as locked:
        now = timezone.now()
        if by is None:
            _check_not_started(locked, now=now)
        signup = SideEventSignUp.objects.filter(
            side_event=locked, registration=registration
        ).first()
        if signup is None:
            raise SideEventError(_("There is no sign-up to cancel."))
        if signup.invitation_code_id:
            InvitationCode.objects.filter(pk=signup.invitation_code_id).update(
                uses=F("uses") - 1
            )
        freed = sign_up_data(signup)
        signup.delete()
        delete_side_event_answers(registration=registration, side_events=[locked])
        promoted = []
        if signup.status == SignUpStatus.BOOKED:
            seat_freed(registration, freed)
            seats_taken = locked.seats_taken - 1
            if locked.session.start > now:
                promoted = _promote_from_waiting_list(locked, seats=1, now=now)
            _save_seats(locked, seats_taken=seats_taken + len(promoted))
    side_event.seats_taken = locked.seats_taken
    return promoted


def settle_side_event_signups(*, registration) -> list[SideEventSignUp]:
    """Bring a registration's side event sign-ups in line with its new status.

    The one path every status change takes: delegates.services calls it inside
    the change's transaction, which holds the registration's and the meeting's
    locks; side event rows are locked after them, never before, so no two
    changes wait for each other.
    Approved: its wishes are booked (``book_side_event_wishes``). Rejected or
    cancelled: its wishes are withdrawn, and its seats and waiting places at side
    events that have not started are given up, a freed seat going to the next
    approved person waiting (emailed through the outbox); places at side events under
    way are kept as a record. Other statuses change nothing.
    Returns the sign-ups promoted into freed seats.
    Raises SideEventBusyError when a side event stays locked too long.
    """
    if registration.status == RegistrationStatus.APPROVED:
        book_side_event_wishes(registration=registration)
        return []
    if registration.status not in CLOSED_STATUSES:
        return []
    withdraw_side_event_wishes(registration=registration)
    promoted = []
    places = (
        SideEventSignUp.objects.filter(
            registration=registration, side_event__session__start__gt=timezone.now()
        )
        .select_related("side_event__session")
        .order_by("side_event_id")
    )
    for place in places:
        try:
            promoted += cancel_side_event_signup(
                registration=registration, side_event=place.side_event
            )
        except SideEventBusyError:
            raise
        except SideEventError:
            continue  # It started a moment ago: the place stays as a record.
    return promoted


def set_side_event_capacity(
    *, side_event: SideEvent, capacity: int
) -> list[SideEventSignUp]:
    """Change the number of seats; new seats go to the waiting list in order.

    Side effects: locks the side event row; saves its capacity; books the first
    approved people on the waiting list into new seats (before the start) and
    emails them (outbox). Returns the promoted sign-ups.
    Raises SideEventError when the capacity is below the seats already taken.
    """
    if capacity < 0:
        raise SideEventError(_("The capacity cannot be negative."))
    with _locked(side_event) as locked:
        if capacity < locked.seats_taken:
            raise SideEventError(
                _(
                    "%(taken)d seats are already taken: the capacity cannot be "
                    "lower. Cancel sign-ups first."
                )
                % {"taken": locked.seats_taken}
            )
        now = timezone.now()
        _save_seats(locked, capacity=capacity)
        promoted = []
        if locked.session.start > now:
            promoted = _promote_from_waiting_list(
                locked, seats=capacity - locked.seats_taken, now=now
            )
        if promoted:
            _save_seats(locked, seats_taken=locked.seats_taken + len(promoted))
    side_event.capacity = capacity
    side_event.seats_taken = locked.seats_taken
    return promoted


def issue_invitation_codes(
    *, side_event: SideEvent, count: int, max_uses: int = 1, label: str = "", by=None
) -> list[InvitationCode]:
    """Create ``count`` new random codes for an invitation-only side event.

    Side effects: writes ``count`` InvitationCode rows.
    Raises SideEventError for a side event that is not by invitation, or for a
    count or number of uses out of range.
    """
    if side_event.access != SideEventAccess.INVITATION:
        raise SideEventError(
            _("Invitation codes are only for side events that are by invitation.")
        )
    if not 1 <= count <= MAX_CODES_AT_ONCE:
        raise SideEventError(
            _("Issue between 1 and %(most)d codes at a time.")
            % {"most": MAX_CODES_AT_ONCE}
        )
    if max_uses < 1:
        raise SideEventError(_("A code must allow at least one use."))
    with transaction.atomic():
        return InvitationCode.objects.bulk_create(
            InvitationCode(
                side_event=side_event, max_uses=max_uses, label=label, created_by=by
            )
            for _ in range(count)
        )


def _write_answers(registration, side_events, answers):
    """Store the answers to these side events' questions; others are dropped."""
    if not answers:
        return
    asked_at = {side_event.pk for side_event in side_events}
    write_answers(
        registration=registration,
        answers={
            question: value
            for question, value in answers.items()
            if question.side_event_id in asked_at
        },
    )


def _check_may_sign_up(registration, side_event, *, by_organiser):
    session = side_event.session
    if registration.meeting_id != session.meeting_id:
        raise SideEventError(_("This side event belongs to another meeting."))
    if registration.status != RegistrationStatus.APPROVED:
        raise SideEventError(
            _("Only delegates whose registration is approved can sign up.")
        )
    if not by_organiser:
        if not side_event.allow_signup_at_registration:
            raise SideEventError(
                _("Seats at this side event are given by its organisers only.")
            )
        if not side_event.admits(registration):
            raise SideEventError(
                _("You are not eligible for this side event. %(rule)s")
                % {"rule": side_event.access_description()}
            )
    _check_not_started(side_event, now=timezone.now())


def _check_not_started(side_event, *, now):
    if side_event.session.start <= now:
        raise SideEventError(
            _("This side event has already started: sign-up is closed.")
        )


def _use_invitation_code(locked_side_event, code) -> InvitationCode:
    """Count one use of the code; the caller holds the side event's lock."""
    row = InvitationCode.objects.filter(side_event=locked_side_event, code=code).first()
    if row is None:
        if InvitationCode.objects.filter(code=code).exists():
            raise InvitationCodeError(
                _("This invitation code is for another side event.")
            )
        raise InvitationCodeError(_("This invitation code is not valid."))
    if row.uses >= row.max_uses:
        raise InvitationCodeError(_("This invitation code has already been used."))
    InvitationCode.objects.filter(pk=row.pk).update(uses=F("uses") + 1)
    row.uses += 1
    return row


def _promote_from_waiting_list(locked_side_event, *, seats, now):
    """Book the first ``seats`` approved people waiting; email them (outbox)."""
    if seats <= 0:
        return []
    promoted = list(
        SideEventSignUp.objects.filter(
            side_event=locked_side_event,
            status=SignUpStatus.WAITLISTED,
            registration__status=RegistrationStatus.APPROVED,
        )
        .select_related("registration__meeting", "side_event__session")
        .order_by("requested_at", "pk")[:seats]
    )
    for signup in promoted:
        signup.status = SignUpStatus.BOOKED
        signup.booked_at = now
        signup.save(update_fields=["status", "booked_at"])
        queue_side_event_email(signup, "promoted")
        seat_booked(signup)
    return promoted


def _save_seats(locked_side_event, **columns):
    """Write the locked side event's seat columns (capacity, seats taken)."""
    SideEvent.objects.filter(pk=locked_side_event.pk).update(**columns)
    for name, value in columns.items():
        setattr(locked_side_event, name, value)
    # Pages showing seats are read again in this worker; in others within a second.
    forget_programme_states()


@contextmanager
def _locked(side_event) -> Iterator[SideEvent]:
    """Open a transaction holding the side event's row lock; yield the fresh row.

    The wait for the lock is bounded: past LOCK_TIMEOUT_MS the transaction is
    rolled back and the caller gets a "please try again" SideEventBusyError.
    """
    try:
        with transaction.atomic():
            set_local_lock_timeout(LOCK_TIMEOUT_MS)
            yield (
                SideEvent.objects.select_related("session")
                .select_for_update(of=("self",))
                .get(pk=side_event.pk)
            )
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) == LOCK_NOT_AVAILABLE:
            raise SideEventBusyError(str(TRY_AGAIN)) from error
        raise
