"""The public programme as every export reads it, built in one place."""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from ..selectors import agenda_sessions, session_for_page
from ..snapshots import moment


@dataclass(frozen=True)
class Revision:
    """A session's iCalendar revision: SEQUENCE and LAST-MODIFIED."""

    sequence: int
    last_modified: datetime.datetime


@dataclass(frozen=True)
class ExportDay:
    index: int
    date: datetime.date
    sessions: list


@dataclass(frozen=True)
class PublicProgramme:
    """A programme's sessions with what the exports add to them."""

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


def public_programme(programme, *, base_url, session_slug=None):
    """Read a programme (or one session of it) for the exports.

    ``programme`` is a ``selectors.Programme``, normally the latest published
    version. Each session's revision (SEQUENCE, LAST-MODIFIED) is the one its
    snapshot entry counted. A constant number of queries, whatever the number of
    sessions.
    """
    meeting = programme.meeting
    if session_slug is None:
        sessions = agenda_sessions(programme)
    else:
        session = session_for_page(programme, session_slug)
        sessions = [session] if session else []
    entries = {entry["id"]: entry for entry in programme.entries}
    return PublicProgramme(
        meeting=meeting,
        version=programme.version,
        sessions=sessions,
        revisions={
            session.pk: Revision(
                entries[session.pk]["sequence"],
                moment(entries[session.pk]["changed_at"]),
            )
            for session in sessions
        },
        last_modified=max(meeting.updated_at, meeting.programme_changed_at),
        base_url=base_url.rstrip("/"),
    )
