"""Reads of the programme, built once per page with their related rows."""

import itertools
from dataclasses import dataclass

from .models import Session


@dataclass(frozen=True)
class AgendaDay:
    date: object
    sessions: list


def published_sessions(meeting):
    return (
        Session.objects.published()
        .filter(meeting=meeting)
        .select_related("room")
        .order_by("start", "end", "title", "pk")
    )


def agenda_days(meeting):
    """Group the meeting's published sessions by local day, in its time zone."""
    tz = meeting.tzinfo
    sessions = list(published_sessions(meeting))
    for session in sessions:
        session.meeting = meeting
    return [
        AgendaDay(date=day, sessions=list(group))
        for day, group in itertools.groupby(
            sessions, key=lambda session: session.start.astimezone(tz).date()
        )
    ]
