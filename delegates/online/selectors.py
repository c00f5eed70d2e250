"""What an online participant sees: the sessions they join and where."""

from agenda.models import Session
from consultation.models import AttendanceOffer

from ..enums import Attendance, RegistrationStatus

OFFERED = {
    AttendanceOffer.IN_PERSON: [Attendance.IN_PERSON],
    AttendanceOffer.HYBRID: [Attendance.IN_PERSON, Attendance.ONLINE],
    AttendanceOffer.ONLINE: [Attendance.ONLINE],
}


def offered_attendance(meeting, meeting_form=None) -> list[Attendance]:
    """The ways of taking part offered, in-person first: the registration form's
    own choice where it makes one, else the meeting's."""
    if meeting_form is not None and meeting_form.attendance_offer:
        return OFFERED[meeting_form.attendance_offer]
    return OFFERED[meeting.attendance_offer]


def joining_sessions(registration):
    """The published sessions with a joining link, for an approved online
    participant; none for anyone else (the links are not public)."""
    if not (
        registration.is_online and registration.status == RegistrationStatus.APPROVED
    ):
        return Session.objects.none()
    return (
        Session.objects.filter(meeting=registration.meeting_id, published=True)
        .exclude(joining_link="")
        .select_related("room")
        .order_by("start", "position", "pk")
    )
