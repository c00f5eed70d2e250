"""What a token may do: its scopes, and the meetings it covers."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from .models import ApiToken, Scope


def token_of(request) -> ApiToken | None:
    return request.auth if isinstance(request.auth, ApiToken) else None


def has_scope(request, scope: str) -> bool:
    token = token_of(request)
    return token is not None and scope in token.scopes


class ScopePermission(BasePermission):
    """Allow a request whose token holds ``scope``; the view checks the meeting."""

    scope: str

    def has_permission(self, request, view):
        if token_of(request) is None:
            # DRF answers 401 with WWW-Authenticate for an anonymous request.
            self.message = _("This needs an API token.")
            return False
        self.message = _("This token does not have the “%(scope)s” scope.") % {
            "scope": self.scope
        }
        return has_scope(request, self.scope)


def requires(scope: str) -> type[ScopePermission]:
    """A permission class for one scope, e.g. ``requires(Scope.WRITE_CHECK_INS)``."""
    name = "".join(part.title() for part in re.split(r"\W", scope))
    return type(f"Requires{name}", (ScopePermission,), {"scope": scope})


CanReadRegistrations = requires(Scope.READ_REGISTRATIONS)
CanWriteCheckIns = requires(Scope.WRITE_CHECK_INS)
CanWriteRegistrations = requires(Scope.WRITE_REGISTRATIONS)


def may_read_personal_data(request) -> bool:
    return has_scope(request, Scope.READ_PERSONAL_DATA)
