"""The figures of each current meeting's dashboard, a few queries per meeting."""

import dataclasses
import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django_countries import countries as all_countries

from agenda.side_events.selectors import side_event_fill
from consultation.models import Meeting
from consultation.outbox.enums import MailStatus
from consultation.outbox.models import OutgoingMail

from ..enums import RegistrationStatus
from ..models import CheckIn, Registration
from ..services import seats_free

# Meetings stay on the dashboard this long after their last day.
SHOWN_AFTER_THE_END = datetime.timedelta(days=7)


@dataclasses.dataclass(frozen=True)
class MeetingDashboard:
    meeting: Meeting
    submitted: int
    waitlisted: int
    approved: int
    seats_left: int | None
    # (value, label, count): the value is the registration list's filter value.
    approved_by_category: list[tuple[str, str, int]]
    approved_by_country: list[tuple[str, str, int]]
    countries: int
    side_events: list
    checked_in_today: int
    mails_failed: int


def current_meetings(*, today=None):
    """Meetings under way, coming, or ended within the last week, soonest first."""
    today = today or timezone.localdate()
    return Meeting.objects.filter(end_date__gte=today - SHOWN_AFTER_THE_END).order_by(
        "start_date", "pk"
    )


def meeting_dashboard(meeting) -> MeetingDashboard:
    registrations = Registration.objects.filter(meeting=meeting)
    counts = registrations.aggregate(
        submitted=Count("pk", filter=Q(status=RegistrationStatus.SUBMITTED)),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        approved=Count("pk", filter=Q(status=RegistrationStatus.APPROVED)),
        countries=Count(
            "country", filter=Q(status=RegistrationStatus.APPROVED), distinct=True
        ),
    )
    labels = dict(Registration._meta.get_field("category").flatchoices)
    approved = registrations.filter(status=RegistrationStatus.APPROVED)
    by_category = (
        approved.values_list("category")
        .annotate(count=Count("pk"))
        .order_by("-count", "category")
    )
    by_country = (
        approved.exclude(country="")
        .values_list("country")
        .annotate(count=Count("pk"))
        .order_by("-count", "country")
    )
    today = timezone.localdate(timezone=meeting.tzinfo)
    return MeetingDashboard(
        meeting=meeting,
        submitted=counts["submitted"],
        waitlisted=counts["waitlisted"],
        approved=counts["approved"],
        seats_left=seats_free(meeting),
        approved_by_category=[
            (category, str(labels.get(category, category)), count)
            for category, count in by_category
        ],
        approved_by_country=[
            (code, all_countries.name(code) or code, count)
            for code, count in by_country
        ],
        countries=counts["countries"],
        side_events=side_event_fill(meeting),
        checked_in_today=CheckIn.objects.filter(
            registration__meeting=meeting, day=today, side_event=None
        ).count(),
        mails_failed=OutgoingMail.objects.filter(
            meeting=meeting, status__in=[MailStatus.FAILED, MailStatus.GIVEN_UP]
        ).count(),
    )
