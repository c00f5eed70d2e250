"""Requests that cannot be served, turned away before any view sees them."""

from django.shortcuts import render
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
