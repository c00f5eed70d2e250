"""The published programme as JSON, for apps and websites that show the agenda."""

from consultation.content_languages import active_language

FORMAT_VERSION = 1


def _iso(moment, tz):
    return moment.astimezone(tz).isoformat()


def _session(programme, session):
    tz = programme.meeting.tzinfo
    room = session.room
    return {
        "id": session.pk,
        "slug": session.slug,
        "title": session.title,
        "kind": session.kind,
        "kind_label": str(session.get_kind_display()),
        "start": _iso(session.start, tz),
        "end": _iso(session.end, tz),
        "duration_minutes": int((session.end - session.start).total_seconds() // 60),
        "room": {"id": room.pk, "name": room.name} if room else None,
        "track": session.track.name if session.track else None,
        "language": session.language,
        "interpretation": session.interpretation,
        "description": session.description,
        "people": [_person(programme, role) for role in session.roles.all()],
        "url": programme.session_url(session),
        "ical_url": programme.session_ics_url(session),
    }


def _person(programme, role):
    speaker = role.speaker
    return {
        "id": speaker.pk,
        "name": speaker.display_name,
        "role": role.role,
        "role_label": str(role.get_role_display()),
        "title": speaker.title,
        "organisation": speaker.organisation,
        "url": programme.speaker_url(speaker),
    }


def programme_json(programme):
    """Return the published programme as JSON-ready data, day by day."""
    meeting = programme.meeting
    version = programme.version
    return {
        "format": FORMAT_VERSION,
        # The language of the texts: the address's (/fr/…/schedule.json).
        "language": active_language(),
        "meeting": {
            "slug": meeting.slug,
            "title": meeting.title,
            "short_name": meeting.short_name,
            "venue": meeting.venue,
            "city": meeting.city,
            "country": meeting.country.code,
            "time_zone": meeting.time_zone,
            "start_date": meeting.start_date.isoformat(),
            "end_date": meeting.end_date.isoformat(),
            "url": programme.absolute(meeting.get_absolute_url()),
        },
        "version": {
            "number": version.number,
            "name": version.name,
            "published_at": version.published_at.isoformat(),
        }
        if version
        else None,
        "last_modified": programme.last_modified.isoformat(),
        "days": [
            {
                "date": day.date.isoformat(),
                "sessions": [_session(programme, session) for session in day.sessions],
            }
            for day in programme.days()
        ],
    }
