"""Staff sessions: they end when idle, and reach nothing before the second factor."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .second_factor import (
    confirm_second_factor_url,
    has_second_factor,
    second_factor_confirmed_at,
)

LAST_REQUEST_AT = "signin_last_request_at"
# The time of the last request is written at most this often, not on every
# request: an idle limit of minutes needs no finer clock.
LAST_REQUEST_RESOLUTION = 60
# Pages a signed-in user reaches before the second factor: signing in and out,
# enrolling, the language switcher, public uploads.
OPEN_VIEW_NAMES = {"admin:logout", "set_language", "upload"}


def note_request(request) -> None:
    """Remember now as the session's last request (at sign-in and while used)."""
    request.session[LAST_REQUEST_AT] = time.time()


class StaffSessionMiddleware:
    """End idle staff sessions; send staff without a confirmed second factor on.

    A signed-in user whose last request is older than STAFF_SESSION_IDLE_SECONDS
    is signed out and asked to sign in again. One who has not confirmed a second
    factor in this session is sent to confirm it, or to enrol one if they have
    none, before any page but the sign-in pages themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Without a session cookie nobody is signed in: leave the session untouched,
        # so that public pages stay free of "Vary: Cookie" and can be kept.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        if not request.user.is_authenticated:
            return None
        now = time.time()
        last_request_at = request.session.get(LAST_REQUEST_AT, 0)
        if now - last_request_at > settings.STAFF_SESSION_IDLE_SECONDS:
            logout(request)
            messages.info(
                request, _("Your session ended after a time without activity.")
            )
            return redirect_to_login(request.get_full_path())
        if now - last_request_at > LAST_REQUEST_RESOLUTION:
            note_request(request)
        if self._open(request, view_func):
            return None
        if second_factor_confirmed_at(request) is not None:
            return None
        next_url = request.get_full_path()
        if has_second_factor(request.user):
            messages.info(request, _("Confirm your second factor to continue."))
            return redirect(confirm_second_factor_url(next_url))
        messages.warning(
            request,
            _(
                "Staff accounts need a second factor. Set up an authenticator app "
                "or a security key to continue."
            ),
        )
        return redirect(f"{reverse('mfa_index')}?{urlencode({'next': next_url})}")

    @staticmethod
    def _open(request, view_func) -> bool:
        if view_func.__module__.startswith("allauth."):
            return True
        match = request.resolver_match
        return match is not None and match.view_name in OPEN_VIEW_NAMES
