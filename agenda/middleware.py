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
each address (with its host and query string) and language.
Never kept or served: requests that carry a session or messages cookie (a signed-in
organiser, a pending message), conditional requests (the view answers 304 after
the same one query), and responses that set a cookie or vary on anything but the
language.
"""

import dataclasses
import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import cc_delim_re

from .caching import (
    RENDERED_PAGE_TIMEOUT,
    programme_state_etag,
    recent_published_meeting,
    remember_published_meeting,
)

CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


class ProgrammePageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _cache_key(request)
        if key is None:
            return self.get_response(request)
        kept = cache.get(key.value)
        if kept is not None:
            page, response = kept
            meeting = recent_published_meeting(page.meeting_slug)
            if meeting is not None:
                # The view reads the meeting from here if the page has changed.
                request._published_meeting = meeting
                if programme_state_etag(meeting) == page.etag:
                    return response
        response = self.get_response(request)
        if request.method == "GET" and _may_keep(response, language=key.language):
            # The view read the meeting in the state the page shows.
            remember_published_meeting(request._published_meeting)
            cache.set(
                key.value, (response.programme_page, response), RENDERED_PAGE_TIMEOUT
            )
        return response


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
    language = translation.get_language_from_request(request)
    identity = f"{language}|{request.build_absolute_uri()}"
    digest = hashlib.sha256(identity.encode()).hexdigest()
    return CacheKey(value=f"programme-page-early:{digest}", language=language)


def _may_keep(response, *, language) -> bool:
    """Whether the response is a public programme page, the same for everyone."""
    if getattr(response, "programme_page", None) is None:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    varies = {
        header.strip().lower()
        for header in cc_delim_re.split(response.get("Vary", ""))
        if header.strip()
    }
    return (
        varies <= {"accept-language"}
        and response.get("Content-Language", language) == language
        and "public" in response.get("Cache-Control", "")
    )
