"""Organisers preview the working programme on the public pages (?preview=working).

Public programme views are kept and shared (consultation/page_cache); a preview
is never kept, and a public request never touches the session.
"""

import functools

from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import condition

from consultation.page_cache.kept_pages import (
    PUBLIC_MAX_AGE,
    programme_etag,
    programme_last_modified,
    rendered_once_per_change,
)

from .selectors import published_programme, working_programme

# ?preview=working shows organisers the programme the next version would publish.
PREVIEW_PARAMETER = "preview"
PREVIEW_WORKING = "working"


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
    is ignored (see ``page_address``). Use as ``@cached_programme_view`` or with
    the keyword.
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
