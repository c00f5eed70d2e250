"""A frab-compatible ``schedule.xml``, the format conference apps and video teams read.

It follows the c3voc schedule schema (``../shared/schemas/frab-schedule.xsd``):
days hold rooms, rooms hold events; an event's ``date`` is a full local
date-time, ``start`` its local HH:MM, ``duration`` HH:MM.
"""

import datetime
import itertools
import uuid

from lxml import etree

from .xml_text import xml_text


def session_guid(programme, session):
    """A GUID that stays the same through every edit of the session."""
    return str(
        uuid.uuid5(
            uuid.NAMESPACE_URL,
            f"{programme.base_url}/meetings/{programme.meeting.pk}/sessions/{session.pk}",
        )
    )


def _duration(session):
    minutes = int((session.end - session.start).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _text(parent, tag, value="", **attributes):
    element = etree.SubElement(
        parent, tag, {name: xml_text(text) for name, text in attributes.items()}
    )
    element.text = xml_text(value)
    return element


def _midnight(date, tz):
    return datetime.datetime.combine(date, datetime.time.min, tzinfo=tz)


def _room_name(programme, session):
    # Sessions without a room (registration, coffee) take place around the venue.
    return session.room.name if session.room else programme.meeting.venue


def _event(parent, programme, session):
    tz = programme.meeting.tzinfo
    start = session.start.astimezone(tz)
    event = etree.SubElement(
        parent, "event", id=str(session.pk), guid=session_guid(programme, session)
    )
    _text(event, "date", start.isoformat())
    _text(event, "start", start.strftime("%H:%M"))
    _text(event, "duration", _duration(session))
    _text(event, "room", _room_name(programme, session))
    _text(event, "slug", f"{programme.meeting.slug}-{session.slug}")
    _text(event, "title", session.title)
    _text(event, "subtitle")
    _text(event, "track", session.track.name if session.track else "")
    _text(event, "type", str(session.get_kind_display()))
    _text(event, "language", session.language)
    _text(event, "abstract")
    _text(event, "description", session.description)
    persons = etree.SubElement(event, "persons")
    for role in session.roles.all():
        _text(persons, "person", role.speaker.display_name, id=str(role.speaker_id))
    links = etree.SubElement(event, "links")
    _text(links, "link", session.title, href=programme.session_url(session))
    _text(links, "link", "iCalendar", href=programme.session_ics_url(session))


def programme_frab_xml(programme):
    """Return the published programme as frab ``schedule.xml`` bytes."""
    meeting = programme.meeting
    tz = meeting.tzinfo
    schedule = etree.Element("schedule")
    version = programme.version
    _text(
        schedule,
        "version",
        version.name if version else programme.last_modified.isoformat(),
    )
    conference = etree.SubElement(schedule, "conference")
    _text(conference, "title", meeting.title)
    _text(conference, "acronym", meeting.slug)
    _text(conference, "start", meeting.start_date.isoformat())
    _text(conference, "end", meeting.end_date.isoformat())
    _text(conference, "days", str(len(meeting.days)))
    for day in programme.days():
        element = etree.SubElement(
            schedule,
            "day",
            index=str(day.index),
            date=day.date.isoformat(),
            start=_midnight(day.date, tz).isoformat(),
            end=_midnight(day.date + datetime.timedelta(days=1), tz).isoformat(),
        )
        by_room = itertools.groupby(
            sorted(day.sessions, key=lambda s: (_room_name(programme, s), s.start)),
            key=lambda s: _room_name(programme, s),
        )
        for room_name, sessions in by_room:
            room = etree.SubElement(element, "room", name=xml_text(room_name))
            for session in sessions:
                _event(room, programme, session)
    return etree.tostring(
        schedule, encoding="utf-8", xml_declaration=True, pretty_print=True
    )
