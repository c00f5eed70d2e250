"""When a staff member's second factor counts as confirmed, and how recently.

allauth keeps in the session a record of each way the user proved who they are
("password", "socialaccount", "mfa"), each with its time. A staff session is
complete once it holds an "mfa" record; passport data and exports of personal
data want one younger than ACCOUNT_REAUTHENTICATION_TIMEOUT seconds.
"""

import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

# A recovery code replaces a lost factor; alone it is no second factor.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def has_second_factor(user) -> bool:
    """Return whether the user has an authenticator app or a WebAuthn key."""
    return is_mfa_enabled(user, SECOND_FACTORS)


def second_factor_confirmed_at(request) -> float | None:
    """Return when this session last confirmed the second factor (epoch seconds)."""
    times = [
        record["at"]
        for record in get_authentication_records(request, request.user)
        if record.get("method") == "mfa"
    ]
    return max(times, default=None)


def second_factor_recent(request) -> bool:
    """Return whether the second factor was confirmed within the timeout."""
    confirmed_at = second_factor_confirmed_at(request)
    if confirmed_at is None:
        return False
    return time.time() - confirmed_at < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT


def confirm_second_factor_url(next_url: str) -> str:
    """Return the page that asks for the second factor, then goes to next_url."""
    return f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}"
