"""Conditional GETs for the public programme: one cheap query decides 304 or not.

Every change to what the public programme shows (a room, session, track, agenda
item, person, role, document or published version) bumps
``Meeting.programme_changed_at`` through the signal receivers below, wired in
``AgendaConfig.ready()``. Public pages and feeds derive their ETag and
Last-Modified from that timestamp and the meeting's own ``updated_at``, so a client
or shared cache that already holds the current representation gets a 304 after a
single query, without the programme being read at all.
"""

import datetime
import functools
import hashlib

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import condition

from consultation.models import Meeting

from .selectors import published_programme, working_programme

# Shared caches may keep a copy this long without asking again; short, because
# organisers expect a correction to show within a minute.
PUBLIC_MAX_AGE = 60

# How long a worker keeps a rendered page; the key holds the programme's ETag, so
# any change to the programme makes a new key at once and this only bounds memory.
RENDERED_PAGE_TIMEOUT = 60 * 60

# ?preview=working shows organisers the programme the next version would publish.
PREVIEW_PARAMETER = "preview"
PREVIEW_WORKING = "working"


def published_meeting(request, meeting_slug):
    """Return the published meeting named in the URL, read once per request.

    The ETag, Last-Modified and the view itself all need the meeting; keeping it
    on the request makes that one query instead of three. Raises Http404.
    """
    meeting = getattr(request, "_published_meeting", None)
    if meeting is None or meeting.slug != meeting_slug:
        meeting = get_object_or_404(Meeting.objects.published(), slug=meeting_slug)
        request._published_meeting = meeting
    return meeting


def wants_working_programme(request):
    """Whether an organiser asks to preview the working programme (?preview=working).

    The query string is read first, so a public request never touches the
    session (which would make every response vary on the cookie).
    """
    return request.GET.get(PREVIEW_PARAMETER) == PREVIEW_WORKING and (
        request.user.is_staff and request.user.has_perm("agenda.view_session")
    )


def programme_for(request, meeting):
    """The programme a page shows: the latest version, or an organiser's preview."""
    if wants_working_programme(request):
        return working_programme(meeting)
    return published_programme(meeting)


def programme_last_modified(request, meeting_slug, **kwargs):
    """Return when the meeting's public programme last changed.

    The agenda shows "now and next" only while the meeting runs, so its start
    and its end count as changes once they have passed.
    """
    meeting = published_meeting(request, meeting_slug)
    now = timezone.now()
    edges = [
        edge for edge in (meeting.local_start(), meeting.local_end()) if edge <= now
    ]
    return max(meeting.updated_at, meeting.programme_changed_at, *edges)


def programme_etag(request, meeting_slug, **kwargs):
    moment = programme_last_modified(request, meeting_slug)
    return f"{meeting_slug}-{moment.timestamp():.6f}"


def rendered_once_per_change(view):
    """Serve a public programme page from the cache until the programme changes.

    The agenda of a large meeting takes long to render and is read by many people
    between two changes, so each worker renders it once per programme change and
    query string. Responses that set cookies are never stored.
    """

    @functools.wraps(view)
    def wrapper(request, *args, meeting_slug, **kwargs):
        identity = f"{programme_etag(request, meeting_slug)}|{request.get_full_path()}"
        key = "programme-page:" + hashlib.sha256(identity.encode()).hexdigest()
        response = cache.get(key)
        if response is None:
            response = view(request, *args, meeting_slug=meeting_slug, **kwargs)
            if response.status_code == 200 and not response.cookies:
                cache.set(key, response, RENDERED_PAGE_TIMEOUT)
        return response

    return wrapper


def unless_previewing(public_view, view):
    """Serve ``public_view``, or ``view`` uncached to an organiser's preview."""
    private_view = never_cache(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if wants_working_programme(request):
            return private_view(request, *args, **kwargs)
        return public_view(request, *args, **kwargs)

    return wrapper


def cached_programme_view(view):
    """Make a public programme view answer conditional GETs and be shareable."""
    conditional = condition(
        etag_func=programme_etag, last_modified_func=programme_last_modified
    )(rendered_once_per_change(view))
    return unless_previewing(
        cache_control(public=True, max_age=PUBLIC_MAX_AGE)(conditional), view
    )


def clock_programme_view(view):
    """Make a programme view that changes with the clock briefly shareable."""
    return unless_previewing(
        cache_control(public=True, max_age=PUBLIC_MAX_AGE)(view), view
    )


def touch_programme(*, meeting_id: int, now: datetime.datetime | None = None) -> None:
    """Record that the meeting's public programme changed.

    Side effects: one UPDATE of the meeting's ``programme_changed_at``; no save(),
    so ``updated_at`` and the meeting's own signals are left alone.
    """
    Meeting.objects.filter(pk=meeting_id).update(
        programme_changed_at=now or timezone.now()
    )


def programme_row_changed(sender, instance, **kwargs):
    touch_programme(meeting_id=instance.meeting_id)


def session_row_changed(sender, instance, **kwargs):
    """Bump the meeting of a row that belongs to one session (a person's role)."""
    Meeting.objects.filter(sessions=instance.session_id).update(
        programme_changed_at=timezone.now()
    )


def agenda_item_sessions_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        touch_programme(meeting_id=instance.meeting_id)


def connect_signals():
    """Bump the programme's timestamp whenever a row the public sees changes."""
    from .models import (
        AgendaItem,
        Document,
        ProgrammeVersion,
        Room,
        Session,
        SessionRole,
        Speaker,
        Track,
    )

    receivers = dict.fromkeys(
        (AgendaItem, Document, ProgrammeVersion, Room, Session, Speaker, Track),
        programme_row_changed,
    )
    receivers[SessionRole] = session_row_changed
    for model, receiver in receivers.items():
        uid = f"agenda.caching.{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}.delete")
    m2m_changed.connect(
        agenda_item_sessions_changed,
        sender=AgendaItem.sessions.through,
        dispatch_uid="agenda.caching.AgendaItem.sessions",
    )
