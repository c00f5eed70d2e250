"""Reads for the check-in desk: today's day, searching by name, the counts."""

import datetime
from functools import reduce
from operator import and_

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from agenda.models import SideEvent
from consultation.collation import collated

from ..models import CheckIn, Registration

SEARCH_LIMIT = 20


def today_at(meeting) -> datetime.date:
    """Today in the meeting's time zone."""
    return timezone.localdate(timezone=meeting.tzinfo)


def default_day(meeting, *, today=None) -> datetime.date | None:
    """Today in the meeting's time zone if it is a meeting day, else None.

    Outside the meeting's days the desk chooses the day to record for: a scan
    the day before is never counted against the first day unasked.
    """
    today = today or today_at(meeting)
    return today if today in meeting.days else None


def search_registrations(*, meeting, query, day, side_event=None):
    """Registrations of the meeting whose names or organisation match every word.

    Each carries `checked_in`: whether it was checked in on the given day at the
    entrance, or at the given side event's door.
    """
    words = query.split()
    if not words:
        return []
    conditions = [
        Q(given_name__icontains=word)
        | Q(family_name__icontains=word)
        | Q(badge_name__icontains=word)
        | Q(organisation__icontains=word)
        for word in words[:5]
    ]
    return list(
        Registration.objects.filter(meeting=meeting)
        .filter(reduce(and_, conditions))
        .annotate(
            checked_in=Exists(
                CheckIn.objects.filter(registration=OuterRef("pk")).filter(
                    Q(side_event=side_event)
                    if side_event
                    else Q(day=day, side_event=None)
                )
            )
        )
        .select_related("meeting", "delegation")
        .order_by(collated("family_name"), collated("given_name"), "pk")[:SEARCH_LIMIT]
    )


def recent_check_ins(*, meeting, limit=10):
    return list(
        CheckIn.objects.filter(registration__meeting=meeting)
        .select_related(
            "registration__meeting",
            "registration__delegation",
            "side_event__session",
            "by",
        )
        .order_by("-at", "-pk")[:limit]
    )


def attendance_by_day(meeting) -> list[tuple[datetime.date, int]]:
    """How many people checked in on each day of the meeting (zero days included)."""
    counts = dict(
        CheckIn.objects.filter(registration__meeting=meeting, side_event=None)
        .values_list("day")
        .annotate(count=Count("registration", distinct=True))
        .values_list("day", "count")
    )
    return [(day, counts.get(day, 0)) for day in meeting.days]


def attendance_by_side_event(meeting):
    """The meeting's side events, each with `checked_in` and its `seats_taken`."""
    return list(
        SideEvent.objects.filter(session__meeting=meeting)
        .select_related("session")
        .annotate(checked_in=Count("check_ins", distinct=True))
        .order_by("session__start", "session__title", "pk")
    )
