"""iCalendar (RFC 5545) exports: the whole programme or one session."""

import datetime
import re
from urllib.parse import urlsplit

import icalendar

PRODUCT_ID = "-//consultation//Programme//EN"

# The VTIMEZONE spells out the zone's offsets this long before and after the
# meeting, enough for any session that could belong to it.
ZONE_MARGIN = datetime.timedelta(days=366)

# RFC 5545 3.3.11: TEXT holds no control characters but tab; vText escapes the
# line breaks, and the others are dropped.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value):
    """Return ``value`` as an iCalendar TEXT, escaped and without control characters.

    Properties the library does not know (NAME, X-WR-CALNAME) would otherwise go
    out raw, and a line break in them breaks the whole file.
    """
    return icalendar.vText(CONTROL_CHARACTERS.sub("", value))


def session_uid(programme, session):
    """A UID that stays the same through every edit of the session."""
    host = urlsplit(programme.base_url).hostname or "localhost"
    return f"{programme.meeting.slug}-session-{session.pk}@{host}"


def _event(programme, session):
    tz = programme.meeting.tzinfo
    revision = programme.revisions[session.pk]
    event = icalendar.Event()
    event.add("uid", session_uid(programme, session))
    # The moment this representation of the programme came to be (RFC 5545 3.8.7.2).
    event.add("dtstamp", programme.last_modified)
    event.add("dtstart", session.start.astimezone(tz))
    event.add("dtend", session.end.astimezone(tz))
    event.add("summary", _text(session.title))
    if session.description:
        event.add("description", _text(session.description))
    if session.room:
        event.add("location", _text(session.room.name))
    event.add("categories", [session.get_kind_display()])
    event.add("url", programme.session_url(session))
    event.add("sequence", revision.sequence)
    event.add("last-modified", revision.last_modified)
    event.add("status", "CONFIRMED")
    return event


def _calendar(programme, sessions, name):
    meeting = programme.meeting
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", _text(name))
    calendar.add("x-wr-calname", _text(name))
    calendar.add("x-wr-timezone", _text(meeting.time_zone))
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            meeting.time_zone,
            first_date=meeting.start_date - ZONE_MARGIN,
            last_date=meeting.end_date + ZONE_MARGIN,
        )
    )
    for session in sessions:
        calendar.add_component(_event(programme, session))
    return calendar.to_ical()


def programme_ical(programme):
    """Return the whole published programme as an iCalendar file."""
    return _calendar(programme, programme.sessions, programme.meeting.title)


def session_ical(programme, session):
    """Return one session as an iCalendar file, for "add to calendar"."""
    name = f"{session.title} · {programme.meeting.title}"
    return _calendar(programme, [session], name)
