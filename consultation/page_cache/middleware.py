"""Serve finished public programme pages before most of the middleware stack.

A public programme page (agenda, session, speakers, documents, feeds) is the same
for every anonymous visitor until the programme changes. ``cached_programme_view``
already renders it once per programme state; this middleware also skips the
sessions, locale, CSRF, authentication, messages, history, CSP and axes layers for
it, like Django's ``FetchFromCacheMiddleware`` but keyed on the programme state.

It sits just below ``SecurityMiddleware`` and WhiteNoise. A response is kept as it
leaves the layers below (so it carries their CSP, X-Frame-Options, Vary and
Content-Language headers) and served again while the meeting is still published
with the same programme state. The worker reads that state from the database at
most once a second (``PROGRAMME_STATE_RECHECK``): a change made in another worker
shows within a second, one made in this worker on the next request. Kept apart:
each address (its host, path and the query parameters the page reads; others,
such as ``utm_source``, are ignored) and language, in the size-bounded "pages"
cache (CACHES["pages"], least recently used out first).
Never kept or served: requests that carry a session or messages cookie (a signed-in
organiser, a pending message), conditional requests (the view answers 304 after
the same one query), and responses that set a cookie or vary on anything but the
language.

Pages that show more than the programme (the side events' seats, the registration
form's side events) name a live state, which is reread at most once a second too.
A page with a form is kept with a placeholder for the CSRF token: serving it, this
middleware runs the CSRF layer itself, so each visitor gets their own token and
cookie as the full stack would give them.
"""

import dataclasses
import functools
import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.cache import cc_delim_re

from .kept_pages import (
    RENDERED_PAGE_TIMEOUT,
    kept_pages,
    page_address,
    programme_state_etag,
    recent_live_state,
    recent_published_meeting,
    remember_live_state,
    remember_published_meeting,
    view_of,
    with_content,
    with_csrf_token,
)

CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


class ProgrammePageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _cache_key(request)
        if key is None:
            return self.get_response(request)
        kept = kept_pages().get(key.value)
        if kept is not None:
            page, response = kept
            meeting = recent_published_meeting(page.meeting_slug)
            if meeting is not None:
                # The view reads the meeting from here if the page has changed.
                request._published_meeting = meeting
                if _still_shows(page, meeting):
                    return self._serve(request, page, response)
        response = self.get_response(request)
        if request.method == "GET" and _may_keep(response, language=key.language):
            page = response.programme_page
            # The view read the meeting and the live state the page shows.
            remember_published_meeting(request._published_meeting)
            if page.live_state is not None:
                remember_live_state(
                    page.live_state, request._published_meeting, page.live_value
                )
            kept_pages().set(
                key.value, (page, _for_everyone(response)), RENDERED_PAGE_TIMEOUT
            )
        return response

    def _serve(self, request, page, response):
        if not page.csrf:
            return response
        self.csrf.process_request(request)
        return self.csrf.process_response(request, with_csrf_token(request, response))

    @functools.cached_property
    def csrf(self):
        """The CSRF layer, which the kept pages with a form skip with the others."""
        return CsrfViewMiddleware(self.get_response)


@dataclasses.dataclass(frozen=True)
class CacheKey:
    value: str
    language: str


def _cache_key(request) -> CacheKey | None:
    if request.method not in ("GET", "HEAD"):
        return None
    if any(header in request.META for header in CONDITIONAL_HEADERS):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return None
    # The language LocaleMiddleware will choose: the address's prefix, else English
    # (consultation.languages has already sent other visitors to their prefix);
    # the address resolves in it, as it will further down.
    language = (
        translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    )
    with translation.override(language):
        view = view_of(request)
    if view is None:
        return None
    identity = f"{language}|{page_address(request, view)}"
    digest = hashlib.sha256(identity.encode()).hexdigest()
    return CacheKey(value=f"programme-page-early:{digest}", language=language)


def _still_shows(page, meeting) -> bool:
    """Whether a kept page still shows the meeting's programme and live state."""
    if programme_state_etag(meeting) != page.etag:
        return False
    return (
        page.live_state is None
        or recent_live_state(page.live_state, meeting) == page.live_value
    )


def _may_keep(response, *, language) -> bool:
    """Whether the response is a public page, the same for everyone.

    A page with a form differs only by the visitor's CSRF token and cookie, which
    vary it on the cookie; every other page must set no cookie and vary only on
    the language.
    """
    page = getattr(response, "programme_page", None)
    if page is None or response.status_code != 200 or response.streaming:
        return False
    if page.csrf:
        if not hasattr(response, "content_for_everyone"):
            return False
        may_set = {settings.CSRF_COOKIE_NAME}
        may_vary = {"accept-language", "cookie"}
    else:
        may_set = set()
        may_vary = {"accept-language"}
    varies = {
        header.strip().lower()
        for header in cc_delim_re.split(response.get("Vary", ""))
        if header.strip()
    }
    return (
        set(response.cookies) <= may_set
        and varies <= may_vary
        and response.get("Content-Language", language) == language
    )


def _for_everyone(response):
    """The response to keep: a page with a form with its CSRF token placeholder."""
    if not response.programme_page.csrf:
        return response
    return with_content(response, response.content_for_everyone)
