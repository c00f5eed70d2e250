"""The public programme as every export reads it, built in one place."""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from ..selectors import agenda_sessions, session_for_page
from ..versions import current_version, revisions


@dataclass(frozen=True)
class ExportDay:
    index: int
    date: datetime.date
    sessions: list


@dataclass(frozen=True)
class PublicProgramme:
    """A meeting's published sessions with what the exports add to them."""

    meeting: object
    version: object
    sessions: list
    revisions: dict
    last_modified: datetime.datetime
    base_url: str

    def absolute(self, path):
        return f"{self.base_url}{path}"

    def session_url(self, session):
        return self.absolute(session.get_absolute_url())

    def speaker_url(self, speaker):
        return self.absolute(speaker.get_absolute_url())

    def session_ics_url(self, session):
        path = reverse(
            "agenda:session_ics",
            kwargs={"meeting_slug": self.meeting.slug, "session_slug": session.slug},
        )
        return self.absolute(path)

    def days(self):
        """Return the meeting's days, numbered from 1, each with its sessions.

        A day is a local date in the meeting's zone; a session on a date outside
        the meeting's days still gets a day of its own rather than vanishing.
        """
        tz = self.meeting.tzinfo
        by_date = {}
        for session in self.sessions:
            by_date.setdefault(session.start.astimezone(tz).date(), []).append(session)
        dates = sorted(set(self.meeting.days) | by_date.keys())
        return [
            ExportDay(index=index, date=date, sessions=by_date.get(date, []))
            for index, date in enumerate(dates, start=1)
        ]


def public_programme(meeting, *, base_url, session_slug=None):
    """Read the published programme (or one session of it) for the exports.

    A constant number of queries, whatever the number of sessions.
    """
    if session_slug is None:
        sessions = agenda_sessions(meeting)
    else:
        session = session_for_page(meeting, session_slug)
        sessions = [session] if session else []
    for session in sessions:
        for role in session.roles.all():
            role.speaker.meeting = meeting
    version = current_version(meeting)
    if version is not None:
        version.meeting = meeting
    last_modified = max(meeting.updated_at, meeting.programme_changed_at)
    return PublicProgramme(
        meeting=meeting,
        version=version,
        sessions=sessions,
        revisions=revisions(
            sessions=sessions, version=version, programme_changed_at=last_modified
        ),
        last_modified=last_modified,
        base_url=base_url.rstrip("/"),
    )
