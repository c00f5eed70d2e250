"""Emails to a delegation's focal point, in plain text and HTML."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from consultation.emails import queue_email

SUBJECTS = {
    "received": _("Delegation registered: %(delegation)s, %(meeting)s"),
    "link": _("Your link to manage the delegation: %(delegation)s, %(meeting)s"),
}


def queue_delegation_email(delegation, kind):
    """Write the focal point's email of the given kind, with their private link.

    Side effects: one outbox row, sent by a worker once the caller commits.
    """
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
    queue_email(
        to=delegation.focal_point_email,
        kind=f"delegation {kind}",
        subject=subject,
        template=f"delegates/delegation/email/{kind}",
        context=context,
        meeting=meeting,
        delegation=delegation,
        language=delegation.language,
    )
