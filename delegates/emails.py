"""Emails to delegates, in plain text and HTML, rendered from templates."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

SUBJECTS = {
    "received": "Registration received: {meeting}",
    "approved": "Registration approved: {meeting}",
    "rejected": "Your registration for {meeting}",
}


def send_registration_email(registration, kind):
    """Send the delegate the email of the given kind ("received", "approved", ...)."""
    meeting = registration.meeting
    context = {
        "registration": registration,
        "meeting": meeting,
        "private_url": settings.SITE_URL + registration.get_private_url(),
    }
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind].format(meeting=meeting.short_name),
        body=render_to_string(f"delegates/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    message.attach_alternative(
        render_to_string(f"delegates/email/{kind}.html", context), "text/html"
    )
    message.send()
