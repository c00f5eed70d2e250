"""Emails to delegates, in plain text and HTML, rendered from templates."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from consultation.emails import queue_email

SUBJECTS = {
    "received": _("Registration received: %(meeting)s"),
    "approved": _("Registration approved: %(meeting)s"),
    "waitlisted": _("On the waiting list: %(meeting)s"),
    "rejected": _("Your registration for %(meeting)s"),
    "cancelled": _("Registration cancelled: %(meeting)s"),
    "corrected": _("Changes to your registration received: %(meeting)s"),
    "link": _("Your link to your registration: %(meeting)s"),
    "confirm_email": _("Confirm your new email address: %(meeting)s"),
    "email_taken": _("Your email address and %(meeting)s"),
    "email_changed": _("Your registration has a new email address: %(meeting)s"),
    "joining_links": _("How to join the online sessions: %(meeting)s"),
}


def queue_registration_email(registration, kind, *, to=None, **extra_context):
    """Write the delegate's email of the given kind ("received", "approved"...).

    It goes to the registration's address, or to `to` (a new address to confirm).
    Side effects: one outbox row, sent by a worker once the caller commits.
    """
    meeting = registration.meeting
    # The subject and the private link in the delegate's language, like the body.
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "meeting": meeting,
            "site_url": settings.SITE_URL,
            "private_url": settings.SITE_URL + registration.get_private_url(),
            # Read only by the emails that list side events (received, approved).
            "side_event_signups": registration.side_event_signups.select_related(
                "side_event__session"
            ).order_by("side_event__session__start", "pk"),
            **extra_context,
        }
        subject = str(SUBJECTS[kind]) % {"meeting": meeting.short_name}
    queue_email(
        to=to or registration.email,
        kind=str(kind),
        subject=subject,
        template=f"delegates/email/{kind}",
        context=context,
        meeting=meeting,
        registration=registration,
        language=registration.language,
    )
