"""Requests that cannot be served, turned away before any view sees them."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _


class RejectNullCharactersMiddleware:
    """Answer 400 to an address or query string carrying a NUL character.

    PostgreSQL cannot store or compare text containing NUL, so a ``%00`` that
    reached a lookup (a slug, a search, a filter) would end in a server error.
    Forms already refuse NUL in what they validate; this covers the address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return render(
                request,
                "400.html",
                {"reason": _("The address contains a character that is not allowed.")},
                status=400,
            )
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuse a body larger than any form accepts before reading it; parse the rest.

    The limit is ``REQUEST_BODY_MAX_BYTES`` (the public forms: one 5 MB photo or
    letter and their fields), or ``ADMIN_REQUEST_BODY_MAX_BYTES`` under the admin
    (programme documents): a declared Content-Length beyond it is answered 413
    at once, so a 200 MB "photo" is never received. A POST body is then parsed
    here, once, so that one the parser refuses (a multipart body without a
    boundary, more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields) is a 400 page
    that says why, whichever view or error page would have read it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self):
        return reverse("admin:index")

    def limit(self, request) -> int:
        if request.path_info.startswith(self.admin_prefix):
            return settings.ADMIN_REQUEST_BODY_MAX_BYTES
        return settings.REQUEST_BODY_MAX_BYTES

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0:
            return _bad_request(
                request, _("The request declares an impossible length.")
            )
        limit = self.limit(request)
        if length > limit:
            return _too_large(request, limit)
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - parsed here to answer a bad body
            except MultiPartParserError:
                return _bad_request(request, _("The form data could not be read."))
            except TooManyFieldsSent:
                return _bad_request(
                    request,
                    _(
                        "The form sent more than %(count)d fields. In a list, "
                        "use “Select all” instead of ticking this many rows."
                    )
                    % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS},
                )
            except RequestDataTooBig:
                return _too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return self.get_response(request)


def _bad_request(request, reason):
    return render(request, "400.html", {"reason": reason}, status=400)


def _too_large(request, limit):
    return render(request, "413.html", {"limit": limit}, status=413)
