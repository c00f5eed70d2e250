"""API tokens for tests: issued by the service, as the admin issues them."""

import datetime

from django.test import Client
from django.utils import timezone

from consultation.api.models import ApiToken
from consultation.api.services import issue_token

SCOPE_FIELDS = {
    "registrations:read": "can_read_registrations",
    "personal_data:read": "can_read_personal_data",
    "check_ins:write": "can_write_check_ins",
    "registrations:write": "can_write_registrations",
}


def make_token(*scopes, meeting=None, expires_at=None, by=None, name="Pass office"):
    """Return (token, secret) with these scopes, for ``meeting`` or every meeting."""
    token = ApiToken(
        name=name,
        meeting=meeting,
        expires_at=expires_at or timezone.now() + datetime.timedelta(days=30),
        **{SCOPE_FIELDS[scope]: True for scope in scopes},
    )
    secret = issue_token(token, by=by)
    return token, secret


def api_client(secret=None) -> Client:
    """A test client that sends the token (or none) with every request."""
    headers = {"Accept": "application/json"}
    if secret:
        headers["Authorization"] = f"Bearer {secret}"
    return Client(headers=headers)
