"""Who may see a delegate's passport and personal data, and how it looks to others.

Passport number, passport expiry, date of birth and the emergency contact are shown
only to users with the `delegates.view_passport_data` permission (the Organiser
role). Everyone else sees them masked in the admin and never gets them in exports.
"""

from django.utils.translation import gettext_lazy as _

from consultation.signin.second_factor import second_factor_recent

PASSPORT_PERMISSION = "delegates.view_passport_data"
CHECK_IN_PERMISSION = "delegates.check_in_registration"

PERSONAL_DATA_FIELDS = (
    "passport_number",
    "passport_expiry",
    "date_of_birth",
    "emergency_contact_name",
    "emergency_contact_phone",
)

HIDDEN = _("hidden")
MASK = "••••"
# Fewer characters than this and even the last four would say too much.
SHORTEST_PARTLY_SHOWN = 8


def can_view_passport_data(user) -> bool:
    """Return whether the user may see passport and personal data unmasked."""
    return user.has_perm(PASSPORT_PERMISSION)


def passport_data_shown(request) -> bool:
    """Return whether a page may show passport data to this request's user now.

    It needs the permission and a second factor confirmed within the last
    minutes (ACCOUNT_REAUTHENTICATION_TIMEOUT); without the latter the page
    shows the data masked, with a link to confirm.
    """
    return can_view_passport_data(request.user) and second_factor_recent(request)


def mask_passport_number(number: str) -> str:
    """Return the passport number with all but its last four characters hidden."""
    if not number:
        return ""
    if len(number) < SHORTEST_PARTLY_SHOWN:
        return MASK
    return f"{MASK} {number[-4:]}"


def mask_personal_value(field_name: str, value) -> str:
    """Return what a user without the permission sees instead of a personal value."""
    if value in (None, ""):
        return ""
    if field_name == "passport_number":
        return mask_passport_number(str(value))
    return str(HIDDEN)
