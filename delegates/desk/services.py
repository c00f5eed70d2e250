"""The check-in desk: who a badge code belongs to, and recording attendance.

A scan always gets an answer: checked in, or a loud warning that says why not
(a forged code, a badge of another meeting, a rejected or cancelled registration,
someone already checked in today). Nothing here ever shows passport data.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.enums import SignUpStatus
from agenda.models import SideEventSignUp

from ..enums import RegistrationStatus
from ..models import CheckIn, Registration
from ..printing.badges import badge_affiliation
from ..tokens import badge_token_from_code
from ..webhooks import check_in_created


class Outcome:
    """What the desk is told about one scan or click."""

    CHECKED_IN = "checked_in"
    ALREADY = "already_checked_in"
    NOT_APPROVED = "not_approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"
    FORGED = "forged"
    OTHER_MEETING = "other_meeting"
    NOT_A_MEETING_DAY = "not_a_meeting_day"
    NO_SEAT = "no_seat"
    SIDE_EVENT_WAITLISTED = "side_event_waitlisted"


STATUS_OUTCOMES = {
    RegistrationStatus.REJECTED: Outcome.REJECTED,
    RegistrationStatus.CANCELLED: Outcome.CANCELLED,
    RegistrationStatus.SUBMITTED: Outcome.NOT_APPROVED,
    RegistrationStatus.WAITLISTED: Outcome.NOT_APPROVED,
}

MESSAGES = {
    Outcome.CHECKED_IN: gettext_lazy("Checked in. Welcome!"),
    Outcome.ALREADY: gettext_lazy("Already checked in %(where)s, at %(time)s."),
    Outcome.NOT_APPROVED: gettext_lazy(
        "NOT APPROVED: this registration is still %(status)s. Do not let in; "
        "refer to the secretariat."
    ),
    Outcome.REJECTED: gettext_lazy(
        "REJECTED: this registration was rejected. Do not let in; refer to the "
        "secretariat."
    ),
    Outcome.CANCELLED: gettext_lazy(
        "CANCELLED: this registration was cancelled. Do not let in; refer to the "
        "secretariat."
    ),
    Outcome.UNKNOWN: gettext_lazy(
        "UNKNOWN: a genuine code, but no registration of this meeting has it (a "
        "replaced or withdrawn badge). Check identity and search by name."
    ),
    Outcome.FORGED: gettext_lazy(
        "NOT A VALID BADGE: this code was not issued by us or has been altered. "
        "Check identity and search by name."
    ),
    Outcome.OTHER_MEETING: gettext_lazy(
        "WRONG MEETING: this badge is for “%(meeting)s”, not this meeting."
    ),
    Outcome.NOT_A_MEETING_DAY: gettext_lazy("%(day)s is not a day of this meeting."),
    Outcome.NO_SEAT: gettext_lazy(
        "NO SEAT: not signed up for “%(side_event)s”. Do not let in unless an "
        "organiser adds them."
    ),
    Outcome.SIDE_EVENT_WAITLISTED: gettext_lazy(
        "WAITING LIST: only on the waiting list for “%(side_event)s”, no seat yet."
    ),
}


@dataclass(frozen=True)
class CheckInResult:
    outcome: str
    message: str
    registration: Registration | None = None
    check_in: CheckIn | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == Outcome.CHECKED_IN

    @property
    def level(self) -> str:
        if self.ok:
            return "success"
        if self.outcome == Outcome.ALREADY:
            return "warning"
        return "danger"

    def as_json(self) -> dict:
        """What the desk page's script needs: never passport or contact data."""
        registration = self.registration
        data = {
            "outcome": self.outcome,
            "ok": self.ok,
            "level": self.level,
            "message": self.message,
            "registration": None,
        }
        if registration is not None:
            data["registration"] = {
                "name": registration.display_name,
                "name_on_badge": registration.name_on_badge,
                "affiliation": badge_affiliation(registration),
                "category": registration.get_category_display(),
                "status": registration.status,
                "status_label": registration.get_status_display(),
                "photo_url": registration.photo.url if registration.photo else "",
            }
        if self.check_in is not None:
            data["checked_in_at"] = formats.time_format(
                timezone.localtime(self.check_in.at, registration.meeting.tzinfo),
                "H:i",
            )
        return data


def registration_for_code(*, meeting, code) -> tuple[str | None, Registration | None]:
    """Find whose badge a scanned code is; return (problem outcome or None, person).

    A problem outcome is FORGED (bad signature), UNKNOWN (genuine but void) or
    OTHER_MEETING (a genuine badge of another meeting, returned for the message).
    """
    token = badge_token_from_code(code or "")
    if token is None:
        return Outcome.FORGED, None
    registration = (
        Registration.objects.select_related("meeting", "delegation")
        .filter(badge_token=token)
        .first()
    )
    if registration is None:
        return Outcome.UNKNOWN, None
    if registration.meeting_id != meeting.pk:
        return Outcome.OTHER_MEETING, registration
    return None, registration


def check_in(
    *, meeting, by, day, code=None, registration_id=None, side_event=None
) -> CheckInResult:
    """Record that a participant arrived on a meeting day, or at a side event's door.

    Give either the scanned badge `code` or the `registration_id` picked by name. At a
    side event (`side_event`), only people with a booked seat are let in, and the
    day is the side event's. Side effects: writes one CheckIn when the person may
    enter and was not yet checked in there, and a "check_in.created" webhook for
    it; writes nothing otherwise. Two desks scanning the same badge at once
    record one check-in; the second is told "already checked in".
    """
    if side_event is not None:
        day = timezone.localtime(side_event.session.start, meeting.tzinfo).date()
    if day not in meeting.days:
        return _result(Outcome.NOT_A_MEETING_DAY, day=formats.date_format(day))
    if registration_id is None:
        problem, registration = registration_for_code(meeting=meeting, code=code)
        if problem == Outcome.OTHER_MEETING:
            return _result(problem, meeting=registration.meeting.title)
        if problem:
            return _result(problem)
    else:
        registration = (
            Registration.objects.select_related("meeting", "delegation")
            .filter(meeting=meeting, pk=registration_id)
            .first()
        )
        if registration is None:
            return _result(Outcome.UNKNOWN)
    if registration.status != RegistrationStatus.APPROVED:
        outcome = STATUS_OUTCOMES[registration.status]
        return _result(
            outcome,
            registration=registration,
            status=registration.get_status_display().lower(),
        )
    if side_event is not None:
        problem = _side_event_problem(side_event, registration)
        if problem:
            return _result(problem, registration=registration, side_event=side_event)
    # get_or_create() inserts in a savepoint and, when the unique constraint
    # reports another desk's row, reads that row instead.
    with transaction.atomic():
        if side_event is None:
            record, created = CheckIn.objects.get_or_create(
                registration=registration,
                day=day,
                side_event=None,
                defaults={"by": by},
            )
        else:
            record, created = CheckIn.objects.get_or_create(
                registration=registration,
                side_event=side_event,
                defaults={"by": by, "day": day},
            )
        if created:
            check_in_created(record)
    if side_event is None:
        today = timezone.localdate(timezone=meeting.tzinfo)
        where = _("today") if day == today else formats.date_format(day)
    else:
        where = _("at this side event")
    if created:
        return _result(Outcome.CHECKED_IN, registration=registration, check_in=record)
    local = timezone.localtime(record.at, meeting.tzinfo)
    return _result(
        Outcome.ALREADY,
        registration=registration,
        check_in=record,
        where=where,
        time=formats.time_format(local, "H:i"),
    )


def _side_event_problem(side_event, registration) -> str | None:
    signup = SideEventSignUp.objects.filter(
        side_event=side_event, registration=registration
    ).first()
    if signup is None or signup.status not in (
        SignUpStatus.BOOKED,
        SignUpStatus.WAITLISTED,
    ):
        # A lapsed wish gave no seat.
        return Outcome.NO_SEAT
    if signup.status == SignUpStatus.WAITLISTED:
        return Outcome.SIDE_EVENT_WAITLISTED
    return None


def _result(outcome, *, registration=None, check_in=None, **params) -> CheckInResult:
    message = str(MESSAGES[outcome])
    if params:
        message = message % params
    return CheckInResult(
        outcome=outcome,
        message=message,
        registration=registration,
        check_in=check_in,
    )
