"""Requesting, confirming, moving and declining bilateral meetings."""

import datetime

import icalendar
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.enums import SessionKind
from agenda.models import Room, Session
from consultation.emails import queue_email

from .models import BilateralRequest, BilateralStatus

# The exclusion constraint that keeps a room from holding two sessions at once.
ROOM_CONSTRAINT = "session_room_not_double_booked"
OPEN = (BilateralStatus.REQUESTED, BilateralStatus.PROPOSED)


class BilateralError(Exception):
    """A request or decision the rules refuse; the message says why."""


def slot_problem(meeting, *, start, minutes, room=None) -> str | None:
    """Why a bilateral cannot take place then (and in that room), or None.

    On a meeting day, not in the past, no longer than the meeting allows, and
    within the hours of the room (or, without one, of some bilateral room).
    """
    if not 5 <= minutes <= meeting.bilateral_max_minutes:
        return _("A bilateral meeting lasts from 5 to %(most)d minutes.") % {
            "most": meeting.bilateral_max_minutes
        }
    local_start = start.astimezone(meeting.tzinfo)
    local_end = local_start + datetime.timedelta(minutes=minutes)
    if local_start.date() not in meeting.days or local_end.date() != local_start.date():
        return _("Bilateral meetings take place on the days of the meeting.")
    if start < timezone.now():
        return _("This time has passed.")
    rooms = [room] if room else Room.objects.filter(meeting=meeting)
    for candidate in rooms:
        if (
            candidate.takes_bilaterals
            and candidate.bilaterals_from <= local_start.time()
            and local_end.time() <= candidate.bilaterals_until
        ):
            return None
    if room and not room.takes_bilaterals:
        return _("%(room)s does not take bilateral meetings.") % {"room": room.name}
    if room:
        return _(
            "%(room)s takes bilateral meetings from %(start)s to %(end)s only."
        ) % {
            "room": room.name,
            "start": room.bilaterals_from.strftime("%H:%M"),
            "end": room.bilaterals_until.strftime("%H:%M"),
        }
    return _("No bilateral meeting room is open then.")


def request_bilateral(
    *, requested_by, counterpart, start, minutes, note=""
) -> BilateralRequest:
    """Record a delegation's request to meet another; the secretariat decides.

    Side effects: writes one request (requested) and emails the counterpart's
    focal point that it was asked.
    """
    meeting = requested_by.meeting
    if counterpart.meeting_id != meeting.pk or counterpart.pk == requested_by.pk:
        raise BilateralError(_("Choose another delegation of this meeting."))
    problem = slot_problem(meeting, start=start, minutes=minutes)
    if problem:
        raise BilateralError(problem)
    with transaction.atomic():
        bilateral = BilateralRequest.objects.create(
            meeting=meeting,
            requested_by=requested_by,
            counterpart=counterpart,
            start=start,
            minutes=minutes,
            note=note,
        )
        _tell_delegations(bilateral, "bilateral_requested", both=False)
    return bilateral


def confirm_bilateral(bilateral, *, room, by, note="") -> BilateralRequest:
    """Book the room for the request's time and tell both delegations.

    The room is held by an unpublished session: PostgreSQL refuses it when the
    room is in use then (a session or another bilateral), also when two
    organisers confirm at once. Raises BilateralError with the reason.
    """
    with transaction.atomic():
        bilateral = _locked_open(bilateral)
        problem = slot_problem(
            bilateral.meeting,
            start=bilateral.start,
            minutes=bilateral.minutes,
            room=room,
        )
        if problem:
            raise BilateralError(problem)
        bilateral.booking = _hold_room(bilateral, room)
        _decide(bilateral, BilateralStatus.CONFIRMED, room=room, by=by, note=note)
        _tell_delegations(bilateral, "bilateral_confirmed", calendar=True)
    return bilateral


def propose_slot(bilateral, *, start, minutes, room, by, note="") -> BilateralRequest:
    """Offer the requesting delegation another time or room; it accepts or not.

    Side effects: the request becomes "proposed" (nothing is booked yet) and both
    delegations are told.
    """
    with transaction.atomic():
        bilateral = _locked_open(bilateral)
        problem = slot_problem(
            bilateral.meeting, start=start, minutes=minutes, room=room
        )
        if problem:
            raise BilateralError(problem)
        bilateral.start, bilateral.minutes = start, minutes
        _decide(bilateral, BilateralStatus.PROPOSED, room=room, by=by, note=note)
        _tell_delegations(bilateral, "bilateral_proposed")
    return bilateral


def accept_proposal(bilateral) -> BilateralRequest:
    """The requesting delegation takes the proposed slot: it is booked as proposed."""
    with transaction.atomic():
        bilateral = _locked_open(bilateral)
        if bilateral.status != BilateralStatus.PROPOSED:
            raise BilateralError(_("There is no proposal to accept."))
        bilateral.booking = _hold_room(bilateral, bilateral.room)
        bilateral.status = BilateralStatus.CONFIRMED
        bilateral.save(update_fields=["booking", "status"])
        _tell_delegations(bilateral, "bilateral_confirmed", calendar=True)
    return bilateral


def decline_bilateral(bilateral, *, by, note="") -> BilateralRequest:
    """Turn the request down, or cancel a confirmed booking, freeing its room."""
    with transaction.atomic():
        bilateral = BilateralRequest.objects.select_for_update().get(pk=bilateral.pk)
        if bilateral.status not in (*OPEN, BilateralStatus.CONFIRMED):
            raise BilateralError(_("This bilateral meeting was already declined."))
        booking = bilateral.booking
        bilateral.booking = None
        _decide(
            bilateral, BilateralStatus.DECLINED, room=bilateral.room, by=by, note=note
        )
        if booking is not None:
            booking.delete()
        _tell_delegations(bilateral, "bilateral_declined")
    return bilateral


def _locked_open(bilateral):
    locked = (
        BilateralRequest.objects.select_for_update()
        .select_related("meeting", "requested_by", "counterpart")
        .get(pk=bilateral.pk)
    )
    if locked.status not in OPEN:
        raise BilateralError(
            _("This request was already decided: %(status)s.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _hold_room(bilateral, room) -> Session:
    try:
        with transaction.atomic():
            return Session.objects.create(
                meeting=bilateral.meeting,
                title=_("Bilateral meeting: %(between)s") % {"between": bilateral},
                slug=f"bilateral-{bilateral.pk}",
                kind=SessionKind.BILATERAL,
                start=bilateral.start,
                end=bilateral.end,
                room=room,
                published=False,
            )
    except IntegrityError as error:
        if ROOM_CONSTRAINT not in str(error):
            raise
        raise BilateralError(
            _(
                "%(room)s is in use at that time (a session or another bilateral "
                "meeting): propose another slot."
            )
            % {"room": room.name}
        ) from error


def _decide(bilateral, status, *, room, by, note):
    bilateral.status = status
    bilateral.room = room
    bilateral.decided_by = by
    bilateral.decided_at = timezone.now()
    bilateral.decision_note = note
    bilateral.save()


SUBJECTS = {
    "bilateral_requested": gettext_lazy(
        "A bilateral meeting is requested with you: %(meeting)s"
    ),
    "bilateral_confirmed": gettext_lazy("Bilateral meeting confirmed: %(meeting)s"),
    "bilateral_proposed": gettext_lazy(
        "Another slot for your bilateral meeting: %(meeting)s"
    ),
    "bilateral_declined": gettext_lazy("Bilateral meeting declined: %(meeting)s"),
}


def _tell_delegations(bilateral, kind, *, both=True, calendar=False):
    """Email each delegation's focal point, in its language (through the outbox)."""
    delegations = (
        [bilateral.requested_by, bilateral.counterpart]
        if both
        else [bilateral.counterpart]
    )
    for delegation in delegations:
        with translation.override(delegation.language):
            subject = str(SUBJECTS[kind]) % {"meeting": bilateral.meeting.short_name}
            queue_email(
                to=delegation.focal_point_email,
                kind=kind,
                subject=subject,
                template=f"delegates/email/{kind}",
                context={
                    "bilateral": bilateral,
                    "delegation": delegation,
                    "other": bilateral.counterpart
                    if delegation == bilateral.requested_by
                    else bilateral.requested_by,
                    "meeting": bilateral.meeting,
                    "manage_url": settings.SITE_URL + delegation.get_manage_url(),
                },
                meeting=bilateral.meeting,
                delegation=delegation,
                language=delegation.language,
                calendar=invitation(bilateral) if calendar else "",
            )


def invitation(bilateral) -> str:
    """The confirmed bilateral as an iCalendar event, to attach to the emails."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//consultation//Bilateral meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{bilateral.meeting.slug}-bilateral-{bilateral.pk}@consultation")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", bilateral.start)
    event.add("dtend", bilateral.end)
    event.add(
        "summary", str(bilateral.booking.title if bilateral.booking else bilateral)
    )
    if bilateral.room:
        event.add("location", bilateral.room.name)
    event.add("status", "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode()
