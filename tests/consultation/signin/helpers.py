"""Signing in as staff do, through the real pages: password, then second factor."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse

PASSWORD = "correct horse battery staple"  # noqa: S105  # nosec B105


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The code an authenticator app shows now for this secret."""
    return format_hotp_value(hotp_value(secret, int(at or time.time()) // 30))


def enrol_authenticator_app(user) -> str:
    """Give the user an authenticator app (and recovery codes); return its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def recovery_codes(user) -> list[str]:
    authenticator = Authenticator.objects.get(
        user=user, type=Authenticator.Type.RECOVERY_CODES
    )
    return authenticator.wrap().get_unused_codes()


def sign_in_with_password(client, user, *, next_url="/admin/", ip="203.0.113.7"):
    return client.post(
        f"{reverse('account_login')}?next={next_url}",
        {"login": user.username, "password": PASSWORD},
        REMOTE_ADDR=ip,
    )


def age_second_factor(client, seconds: float) -> None:
    """Make the session's confirmations of the second factor `seconds` older."""
    session = client.session
    key = "account_authentication_methods"
    session[key] = [
        {**record, "at": record["at"] - seconds} for record in session[key]
    ]
    session.save()


def forget_second_factor(client) -> None:
    """Leave the session signed in as if by some way that skipped the second factor."""
    session = client.session
    session["account_authentication_methods"] = [
        record
        for record in session["account_authentication_methods"]
        if record["method"] != "mfa"
    ]
    session.save()
