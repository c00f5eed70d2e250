"""Emails to delegates about their side event seats, in plain text and HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

SUBJECTS = {
    "promoted": _("A seat is yours: %(side_event)s"),
    "changed": _("Programme change: %(side_event)s"),
}


def send_side_event_email(signup, kind, **extra_context):
    """Send the delegate the email of the given kind ("promoted", "changed").

    ``extra_context`` reaches the email's templates, e.g. the ``change`` and the
    programme ``version`` of a "changed" email.
    """
    registration = signup.registration
    side_event = signup.side_event
    meeting = registration.meeting
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
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind] % {"side_event": side_event.session.title},
        body=render_to_string(f"agenda/side_events/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    message.attach_alternative(
        render_to_string(f"agenda/side_events/email/{kind}.html", context),
        "text/html",
    )
    message.send()
