"""Public pages kept once rendered, and the meeting state that says they are current.

Every change to what the public programme shows bumps
``Meeting.programme_changed_at`` (agenda/signals.py); registrations, delegations
and side events name their own *live state*. Public pages and feeds derive their
ETag and Last-Modified from the meeting's state, so a client or shared cache that
already holds the current representation gets a 304 after a single query, and
each worker renders a page once per state (``render_once``). Pages with a form
are kept with a placeholder for each visitor's CSRF token. The early middleware
(``middleware.py``) serves kept pages before most of the middleware stack.
"""

import dataclasses
import datetime
import functools
import hashlib
import json
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render as render_template
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from ..models import Meeting
from ..selectors import published_meeting

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

    Kept in the "pages" cache, each process's own memory (never the shared default
    cache: the state is compared with this process's own changes); a change this
    process made since (``forget_programme_states``) reads it again. None when the
    meeting is not published.
    """
    remembered = kept_pages().get(_programme_state_key(meeting_slug))
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
    remembered = kept_pages().get(_live_state_key(live_state, meeting))
    if remembered is not None and remembered[0] == _local_changes:
        return remembered[1]
    value = live_state(meeting)
    remember_live_state(live_state, meeting, value)
    return value


def remember_live_state(live_state, meeting, value):
    """Let ``recent_live_state`` answer with this value for a while."""
    kept_pages().set(
        _live_state_key(live_state, meeting),
        (_local_changes, value),
        PROGRAMME_STATE_RECHECK,
    )


def _live_state_key(live_state, meeting):
    return f"live-state:{live_state.__module__}.{live_state.__qualname__}:{meeting.pk}"


def remember_published_meeting(meeting):
    """Let ``recent_published_meeting`` answer with this meeting for a while."""
    kept_pages().set(
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


def built_once(request, *, state, build):
    """Return what ``build()`` returns, built once per state in this worker.

    For data a response renders later, as the API's JSON: kept like ``render_once``
    keeps pages (per state, language and address), with the SHA-256 digest of its
    JSON, which the API's ETag is made of. Returns ``(data, digest)``.
    """
    key = "built-data:" + _rendered_page_key(request, state)
    kept = kept_pages().get(key)
    if kept is None:
        data = build()
        kept = (data, json_digest(data))
        kept_pages().set(key, kept, RENDERED_PAGE_TIMEOUT)
    return kept


def json_digest(data) -> str:
    """The SHA-256 digest of data as JSON, keys sorted: equal data, equal digest."""
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, default=str).encode()
    ).hexdigest()


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
    declares it reads (its ``query_parameters``, see agenda's
    ``cached_programme_view``), in a fixed order: ``?utm_source=…`` or any
    parameter a page ignores names the same page. ``view`` defaults to the one
    the request was resolved to.
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


def shown_row_changed(sender, **kwargs):
    """A row this process changed is in pages without being in the programme.

    The meeting's own fields (title, dates, published), and the side events,
    registrations and delegations that pages name in their live state: this
    process reads every state it remembered again.
    """
    forget_programme_states()


def empty_form_page(request, meeting, *, template, form_context, live_state):
    """A public form before anyone fills it in.

    The same for every visitor but for their CSRF token, so each worker renders
    it once per state and serves it early (``middleware.py``) until the meeting,
    its programme or ``live_state(meeting)`` change. ``form_context()`` builds
    the empty forms; ``live_state`` must be a module-level function.
    """
    etag = programme_state_etag(meeting)
    live = live_state(meeting)
    response = render_once_with_csrf_token(
        request,
        state=f"{etag}|{live}",
        render=lambda **context: render_template(
            request, template, {"meeting": meeting, **form_context(), **context}
        ),
    )
    response.programme_page = ProgrammePage(
        meeting_slug=meeting.slug,
        etag=etag,
        live_state=live_state,
        live_value=live,
        csrf=True,
    )
    return response
