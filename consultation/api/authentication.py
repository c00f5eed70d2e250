"""Who calls the API: a token sent as ``Authorization: Bearer cst_…``, or nobody."""

import ipaddress

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from consultation.security import client_ip

from .models import ApiToken, hash_secret
from .services import record_use


class TokenAuthentication(BaseAuthentication):
    """Authenticate by an API token; ``request.auth`` is then the ApiToken.

    The user stays anonymous: a token acts only within its scopes, never with
    the rights of the organiser who created it.
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as “Authorization: Bearer <token>”."),
                code="invalid_token",
            )
        invalid = exceptions.AuthenticationFailed(
            _("This token is not valid."), code="invalid_token"
        )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise invalid from None
        token = (
            ApiToken.objects.select_related("meeting", "created_by")
            .filter(secret_hash=hash_secret(secret))
            .first()
        )
        now = timezone.now()
        if token is None:
            raise invalid
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(
                _("This token was revoked."), code="token_revoked"
            )
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(
                _("This token has expired."), code="token_expired"
            )
        record_use(token, address=_address(request), now=now)
        return AnonymousUser(), token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


def _address(request) -> str | None:
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
