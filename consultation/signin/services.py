"""Writes of the sign-in room: roles from the identity provider, the export log."""

import logging

from django.conf import settings
from django.contrib.auth.models import Group

from .models import PersonalDataExport

logger = logging.getLogger(__name__)


def roles_from_claims(claims: dict) -> set[str]:
    """Return our role names that the provider's groups claim grants.

    OIDC_GROUP_ROLES maps a provider group to one of our role groups; groups the
    map does not name grant nothing.
    """
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    return {
        settings.OIDC_GROUP_ROLES[group]
        for group in groups
        if group in settings.OIDC_GROUP_ROLES
    }


def sync_staff_roles(user, *, roles: set[str]) -> None:
    """Give a single-sign-on user exactly the mapped roles the provider granted.

    Side effects: the user becomes staff; loses the mapped role groups the
    provider no longer grants, joins those it does; keeps groups outside the map.
    """
    mapped = set(settings.OIDC_GROUP_ROLES.values())
    granted = list(Group.objects.filter(name__in=roles & mapped))
    missing = roles - {group.name for group in granted}
    if missing:
        logger.warning("OIDC_GROUP_ROLES names unknown groups: %s", sorted(missing))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.remove(*Group.objects.filter(name__in=mapped - roles))
    user.groups.add(*granted)


def record_personal_data_export(
    *, user, what: str, rows: int, passport_data: bool, username: str | None = None
) -> PersonalDataExport:
    """Log one download of personal data. Side effect: writes a PersonalDataExport.

    ``username`` names who downloaded it when no account does (``user`` None).
    """
    return PersonalDataExport.objects.create(
        user=user,
        username=username or user.get_username(),
        what=what,
        rows=rows,
        passport_data=passport_data,
    )
