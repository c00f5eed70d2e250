"""Emails to a delegation's focal point, in plain text and HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

SUBJECTS = {
    "received": _("Delegation registered: %(delegation)s, %(meeting)s"),
    "link": _("Your link to manage the delegation: %(delegation)s, %(meeting)s"),
}


def send_delegation_email(delegation, kind):
    """Send the focal point the email of the given kind, with their private link."""
    meeting = delegation.meeting
    context = {
        "delegation": delegation,
        "meeting": meeting,
        "members": list(delegation.members.order_by("pk")),
        "manage_url": settings.SITE_URL + delegation.get_manage_url(),
    }
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind]
        % {"delegation": delegation.name, "meeting": meeting.short_name},
        body=render_to_string(f"delegates/delegation/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delegation.focal_point_email],
    )
    message.attach_alternative(
        render_to_string(f"delegates/delegation/email/{kind}.html", context),
        "text/html",
    )
    message.send()
