"""Conditional GETs for the public programme: one cheap query decides 304 or not.

Every change to what the public programme shows (a room, session, track, agenda
item, person, role, document or published version) bumps
``Meeting.programme_changed_at`` through the signal receivers below, wired in
``AgendaConfig.ready()``. Public pages and feeds derive their ETag and
Last-Modified from that timestamp and the meeting's own ``updated_at``, so a client
or shared cache that already holds the current representation gets a 304 after a
single query, without the programme being read at all.
"""

import dataclasses
import datetime
import functools
import hashlib
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache, caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import condition

from consultation.models import Meeting

from .selectors import published_programme, working_programme

# Shared caches may keep a copy this long without asking again; short, because
# organisers expect a correction to show within a minute.
PUBLIC_MAX_AGE = 60

# How long a worker keeps a rendered page; the key holds the programme's ETag, so
# any change to the programme makes a new key at once and this only bounds memory
# (with the "pages" cache's size limit).
RENDERED_PAGE_TIMEOUT = 60 * 60

# Written where a kept page with a form carries the visitor's CSRF token; as long
# as a token, so that the page's length does not change.
CSRF_TOKEN_PLACEHOLDER = "csrf-token-of-each-visitor-".ljust(64, "x")

# How long a worker may serve a finished page without asking the database whether
# the programme changed (ProgrammePageCacheMiddleware): a change made in another
# worker shows within this time, far within PUBLIC_MAX_AGE; one made in this
# worker shows at once (see forget_programme_states).
PROGRAMME_STATE_RECHECK = 1

# Bumped by every programme or meeting change this process makes, so that its own
# remembered programme states are never older than its own writes.
_local_changes = 0

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


def programme_state(meeting) -> datetime.datetime:
    """Return when the meeting's public programme last changed.

    The agenda shows "now and next" only while the meeting runs, so its start
    and its end count as changes once they have passed.
    """
    now = timezone.now()
    edges = [
        edge for edge in (meeting.local_start(), meeting.local_end()) if edge <= now
    ]
    return max(meeting.updated_at, meeting.programme_changed_at, *edges)


def programme_state_etag(meeting) -> str:
    """The ETag of every public programme page of the meeting as it is now."""
    return f"{meeting.slug}-{programme_state(meeting).timestamp():.6f}"


def recent_published_meeting(meeting_slug):
    """Return the published meeting as read at most PROGRAMME_STATE_RECHECK ago.

    Kept in the default cache, which is each process's own memory; a change this
    process made since (``forget_programme_states``) reads it again. None when the
    meeting is not published.
    """
    remembered = cache.get(_programme_state_key(meeting_slug))
    if remembered is not None and remembered[0] == _local_changes:
        return remembered[1]
    meeting = Meeting.objects.published().filter(slug=meeting_slug).first()
    if meeting is not None:
        remember_published_meeting(meeting)
    return meeting


def recent_live_state(live_state, meeting) -> str:
    """Return ``live_state(meeting)`` as read at most PROGRAMME_STATE_RECHECK ago.

    Like ``recent_published_meeting``: kept in each process's own memory, and read
    again after a change this process made (``forget_programme_states``).
    """
    remembered = cache.get(_live_state_key(live_state, meeting))
    if remembered is not None and remembered[0] == _local_changes:
        return remembered[1]
    value = live_state(meeting)
    remember_live_state(live_state, meeting, value)
    return value


def remember_live_state(live_state, meeting, value):
    """Let ``recent_live_state`` answer with this value for a while."""
    cache.set(
        _live_state_key(live_state, meeting),
        (_local_changes, value),
        PROGRAMME_STATE_RECHECK,
    )


def _live_state_key(live_state, meeting):
    return f"live-state:{live_state.__module__}.{live_state.__qualname__}:{meeting.pk}"


def remember_published_meeting(meeting):
    """Let ``recent_published_meeting`` answer with this meeting for a while."""
    cache.set(
        _programme_state_key(meeting.slug),
        (_local_changes, meeting),
        PROGRAMME_STATE_RECHECK,
    )


def _programme_state_key(meeting_slug):
    return f"programme-state:{meeting_slug}"


def forget_programme_states():
    """Make this process read every meeting's programme and live states again."""
    global _local_changes  # noqa: PLW0603 - one counter per process, by design
    _local_changes += 1


def programme_last_modified(request, meeting_slug, **kwargs):
    return programme_state(published_meeting(request, meeting_slug))


def programme_etag(request, meeting_slug, **kwargs):
    return programme_state_etag(published_meeting(request, meeting_slug))


@dataclasses.dataclass(frozen=True)
class ProgrammePage:
    """Which meeting's programme, in which state, a response shows.

    A page that also shows rows the programme state does not cover (seats left,
    side events open to wishes) names a ``live_state``: a module-level function of
    the meeting that names their state, read at most once a second per worker
    (``recent_live_state``), and ``live_value``, what it named when the page was
    rendered. A page with a form (``csrf``) is kept with ``CSRF_TOKEN_PLACEHOLDER``
    where each visitor's own token goes (``with_csrf_token``).
    """

    meeting_slug: str
    etag: str
    live_state: Callable[[Meeting], str] | None = None
    live_value: str = ""
    csrf: bool = False


def render_once(request, *, state, render):
    """Return the page ``render()`` makes, rendered once per state in this worker.

    ``state`` names everything the page shows (e.g. the programme's ETag); the
    page is kept per state, language and address (``page_address``). Responses
    that set cookies are never kept, and a visitor with a pending message gets a
    page rendered for them.
    """
    if messages.get_messages(request):
        return render()
    key = _rendered_page_key(request, state)
    response = kept_pages().get(key)
    if response is None:
        response = render()
        if response.status_code == 200 and not response.cookies:
            kept_pages().set(key, response, RENDERED_PAGE_TIMEOUT)
    return response


def render_once_with_csrf_token(request, *, state, render):
    """``render_once`` for a page with a form, which carries each visitor's CSRF token.

    ``render(**context)`` renders the page with ``context`` added to the template's:
    the kept page is rendered with ``CSRF_TOKEN_PLACEHOLDER`` as its ``csrf_token``,
    and each response carries this visitor's own token in its place. The page with
    the placeholder is ``response.content_for_everyone``, for the middleware to keep.
    """
    if messages.get_messages(request):
        return render()
    key = _rendered_page_key(request, state)
    page = kept_pages().get(key)
    if page is None:
        page = render(csrf_token=CSRF_TOKEN_PLACEHOLDER)
        if page.status_code != 200 or page.cookies:
            return render()
        kept_pages().set(key, page, RENDERED_PAGE_TIMEOUT)
    response = with_csrf_token(request, page)
    response.content_for_everyone = page.content
    return response


def with_csrf_token(request, page):
    """A copy of a kept page with this visitor's CSRF token for the placeholder.

    ``get_token`` asks the CSRF middleware to set the visitor's cookie if needed.
    """
    return with_content(
        page,
        page.content.replace(
            CSRF_TOKEN_PLACEHOLDER.encode(), get_token(request).encode()
        ),
    )


def with_content(response, content):
    """A copy of ``response``, headers and status, with another body."""
    copy = HttpResponse(
        content, status=response.status_code, headers=dict(response.items())
    )
    if "Content-Length" in copy:
        copy["Content-Length"] = str(len(content))
    return copy


def _rendered_page_key(request, state):
    identity = f"{state}|{translation.get_language()}|{page_address(request)}"
    return "rendered-page:" + hashlib.sha256(identity.encode()).hexdigest()


def kept_pages():
    """The cache of finished pages (CACHES["pages"]), bounded in size per worker."""
    return caches["pages"]


def page_address(request, view=None) -> str:
    """The address of the page a request asks for, as far as the page reads it.

    Scheme, host and path, and of the query string only the parameters the view
    declares it reads (``query_parameters``, see ``cached_programme_view``), in
    a fixed order: ``?utm_source=…`` or any parameter a page ignores names the
    same page. ``view`` defaults to the one the request was resolved to.
    """
    view = view or request.resolver_match.func
    query = urlencode(
        sorted(
            (name, value)
            for name in getattr(view, "query_parameters", ())
            for value in request.GET.getlist(name)
        )
    )
    return f"{request.scheme}://{request.get_host()}{request.path}?{query}"


def view_of(request):
    """The view the request's path resolves to, or None."""
    try:
        return resolve(request.path_info).func
    except Resolver404:
        return None


def rendered_once_per_change(view):
    """Serve a public programme page from the cache until the programme changes.

    The agenda of a large meeting takes long to render and is read by many people
    between two changes, so each worker renders it once per programme change.
    """

    @functools.wraps(view)
    def wrapper(request, *args, meeting_slug, **kwargs):
        etag = programme_etag(request, meeting_slug)
        response = render_once(
            request,
            state=etag,
            render=functools.partial(
                view, request, *args, meeting_slug=meeting_slug, **kwargs
            ),
        )
        # What ProgrammePageCacheMiddleware needs to keep the finished response.
        response.programme_page = ProgrammePage(meeting_slug=meeting_slug, etag=etag)
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


def cached_programme_view(view=None, *, query_parameters=()):
    """Make a public programme view answer conditional GETs and be shareable.

    ``query_parameters`` names the query string parameters the view reads (the
    agenda's filters); pages are kept per their values, and any other parameter
    is ignored. Use as ``@cached_programme_view`` or with the keyword.
    """
    if view is None:
        return functools.partial(
            cached_programme_view, query_parameters=query_parameters
        )
    conditional = condition(
        etag_func=programme_etag, last_modified_func=programme_last_modified
    )(rendered_once_per_change(view))
    wrapper = unless_previewing(
        cache_control(public=True, max_age=PUBLIC_MAX_AGE)(conditional), view
    )
    wrapper.query_parameters = tuple(query_parameters)
    return wrapper


def clock_programme_view(view):
    """Make a programme view that changes with the clock briefly shareable."""
    return unless_previewing(
        cache_control(public=True, max_age=PUBLIC_MAX_AGE)(view), view
    )


def touch_programme(*, meeting_id: int, now: datetime.datetime | None = None) -> None:
    """Record that the meeting's public programme changed.

    Side effects: one UPDATE of the meeting's ``programme_changed_at``; no save(),
    so ``updated_at`` and the meeting's own signals are left alone. This process
    forgets the programme states it remembered.
    """
    Meeting.objects.filter(pk=meeting_id).update(
        programme_changed_at=now or timezone.now()
    )
    forget_programme_states()


def programme_row_changed(sender, instance, **kwargs):
    touch_programme(meeting_id=instance.meeting_id)


def session_row_changed(sender, instance, **kwargs):
    """Bump the meeting of a row that belongs to one session (a person's role)."""
    Meeting.objects.filter(sessions=instance.session_id).update(
        programme_changed_at=timezone.now()
    )
    forget_programme_states()


def shown_row_changed(sender, **kwargs):
    """A row this process changed is in pages without being in the programme.

    The meeting's own fields (title, dates, published), and the side events,
    registrations and delegations that pages name in their live state: this
    process reads every state it remembered again.
    """
    forget_programme_states()


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
        SideEvent,
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
    for model in (Meeting, SideEvent):
        uid = f"agenda.caching.{model.__name__}"
        post_save.connect(shown_row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(
            shown_row_changed, sender=model, dispatch_uid=f"{uid}.delete"
        )
    m2m_changed.connect(
        agenda_item_sessions_changed,
        sender=AgendaItem.sessions.through,
        dispatch_uid="agenda.caching.AgendaItem.sessions",
    )
