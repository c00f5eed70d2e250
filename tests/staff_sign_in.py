"""Signing in as staff do, through the real pages: password, then second factor.

Tests about something else sign in with `client.force_login`, which passes the
second factor in tests only (tests/conftest.py).
"""

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


# A code the server checks this many seconds after it was read must still be the
# current one: the server takes only the code of its own 30-second step.
CODE_LASTING_SECONDS = 5


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The code an authenticator app shows now for this secret.

    Without `at`, a code about to expire is not read: as a person would, the test
    waits for the next one, so that a loaded machine's slow request is not refused.
    """
    if at is None:
        left = 30 - time.time() % 30
        if left < CODE_LASTING_SECONDS:
            time.sleep(left)
        at = time.time()
    return format_hotp_value(hotp_value(secret, int(at) // 30))


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
    session[key] = [{**record, "at": record["at"] - seconds} for record in session[key]]
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


def sign_in_in_the_browser(page, user) -> None:
    """Sign a staff member in through the pages, as a person does (Playwright).

    The user, who has no second factor yet, is given an authenticator app first.
    """
    secret = enrol_authenticator_app(user)
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url("**/admin/")


def signed_in_session(base_url, user):
    """Return a requests session signed in as the staff member on a running server."""
    import re

    import requests

    secret = enrol_authenticator_app(user)
    session = requests.Session()
    # The code is read when it is typed, after the password's page.
    for url, data in [
        (
            f"{base_url}/accounts/login/",
            lambda: {"login": user.username, "password": PASSWORD},
        ),
        (
            f"{base_url}/accounts/2fa/authenticate/",
            lambda: {"code": totp_code(secret)},
        ),
    ]:
        form = session.get(url, timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        session.post(
            url,
            {**data(), "csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": url},
            timeout=10,
        )
    return session
