"""The one way an email is made: plain text and HTML from a pair of templates."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def build_email(
    *, to: str, subject: str, template: str, context: dict, connection=None
) -> EmailMultiAlternatives:
    """Render `template`.txt and `template`.html with `context` into one message.

    `template` is the path without its extension, e.g. "delegates/email/approved".
    """
    message = EmailMultiAlternatives(
        subject=str(subject),
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        connection=connection,
    )
    message.attach_alternative(
        render_to_string(f"{template}.html", context), "text/html"
    )
    return message


def send_email(*, to: str, subject: str, template: str, context: dict) -> None:
    """Build the email (see build_email) and send it now."""
    build_email(to=to, subject=subject, template=template, context=context).send()
