"""Private links: a signed, unguessable token that opens one registration."""

import datetime
import secrets

from django.core import signing
from django.utils.crypto import salted_hmac

from .email_addresses import email_key

SALT = "delegates.registration-link"


def generate_access_key():
    return secrets.token_urlsafe(32)


def make_registration_token(registration) -> str:
    return signing.Signer(salt=SALT).sign(registration.access_key)


def access_key_from_token(token) -> str | None:
    """Return the access key in a genuine token, or None for a forged one."""
    try:
        return signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None


DELEGATION_SALT = "delegates.delegation-link"


def make_delegation_token(delegation) -> str:
    """Sign a delegation's access key for its focal point, apart from people's."""
    return signing.Signer(salt=DELEGATION_SALT).sign(delegation.access_key)


def delegation_access_key_from_token(token) -> str | None:
    """Return the delegation access key in a genuine token, or None for a forged one."""
    try:
        return signing.Signer(salt=DELEGATION_SALT).unsign(token)
    except signing.BadSignature:
        return None


BADGE_SALT = "delegates.badge"


def generate_badge_token():
    """A random badge token: 128 bits, neither the database id nor personal data."""
    return secrets.token_urlsafe(16)


def make_badge_code(registration) -> str:
    """The text a badge's QR code holds: the badge token, signed."""
    return signing.Signer(salt=BADGE_SALT).sign(registration.badge_token)


def badge_token_from_code(code) -> str | None:
    """Return the badge token in a genuine badge code, or None for a forged one."""
    try:
        return signing.Signer(salt=BADGE_SALT).unsign(code.strip())
    except signing.BadSignature:
        return None


EMAIL_CHANGE_SALT = "delegates.email-change"
# How long the link that confirms a new email address works.
EMAIL_CHANGE_MAX_AGE = datetime.timedelta(days=3)


def make_email_change_token(registration, new_email) -> str:
    """Sign a request to give the registration a new address, for that address.

    The token holds the registration's id and the new address, not the current
    one (it goes to an address not yet confirmed), only a keyed fingerprint of it:
    once the address changes, every earlier token stops working.
    """
    return signing.dumps(
        [registration.pk, new_email, email_fingerprint(registration.email)],
        salt=EMAIL_CHANGE_SALT,
    )


def email_change_from_token(token) -> tuple[int, str, str] | None:
    """Return (registration id, new address, fingerprint), or None if forged or old."""
    try:
        registration_id, new_email, fingerprint = signing.loads(
            token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not (
        type(registration_id) is int
        and isinstance(new_email, str)
        and isinstance(fingerprint, str)
    ):
        return None
    return registration_id, new_email, fingerprint


def email_fingerprint(email) -> str:
    return salted_hmac(EMAIL_CHANGE_SALT, email_key(email)).hexdigest()
