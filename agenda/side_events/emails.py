"""Emails to delegates about their side event seats, in plain text and HTML."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from consultation.emails import queue_email

SUBJECTS = {
    "promoted": _("A seat is yours: %(side_event)s"),
    "changed": _("Programme change: %(side_event)s"),
}


def queue_side_event_email(signup, kind, **extra_context):
    """Write the delegate's email of the given kind ("promoted", "changed").

    ``extra_context`` reaches the email's templates, e.g. the ``change`` and the
    programme ``version`` of a "changed" email. Side effects: one outbox row,
    sent by a worker once the caller commits.
    """
    registration = signup.registration
    side_event = signup.side_event
    meeting = registration.meeting
    with translation.override(registration.language):
        context = {
            "signup": signup,
            "side_event": side_event,
            "session": side_event.session,
            "registration": registration,
            "meeting": meeting,
            "start": side_event.session.start.astimezone(meeting.tzinfo),
            "private_url": settings.SITE_URL + registration.get_private_url(),
            **extra_context,
        }
        subject = SUBJECTS[kind] % {"side_event": side_event.session.title}
    queue_email(
        to=registration.email,
        kind=f"side event {kind}",
        subject=subject,
        template=f"agenda/side_events/email/{kind}",
        context=context,
        meeting=meeting,
        registration=registration,
        language=registration.language,
    )
