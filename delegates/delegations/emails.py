"""Emails to a delegation's focal point, in plain text and HTML."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from consultation.emails import send_email

SUBJECTS = {
    "received": _("Delegation registered: %(delegation)s, %(meeting)s"),
    "link": _("Your link to manage the delegation: %(delegation)s, %(meeting)s"),
}


def send_delegation_email(delegation, kind):
    """Send the focal point the email of the given kind, with their private link."""
    meeting = delegation.meeting
    with translation.override(delegation.language):
        context = {
            "delegation": delegation,
            "meeting": meeting,
            "members": list(delegation.members.order_by("pk")),
            "manage_url": settings.SITE_URL + delegation.get_manage_url(),
        }
        subject = SUBJECTS[kind] % {
            "delegation": delegation.name,
            "meeting": meeting.short_name,
        }
    send_email(
        to=delegation.focal_point_email,
        subject=subject,
        template=f"delegates/delegation/email/{kind}",
        context=context,
        language=delegation.language,
    )
