"""The one way an email is made: plain text and HTML from a pair of templates."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def build_email(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    connection=None,
    language: str | None = None,
) -> EmailMultiAlternatives:
    """Render `template`.txt and `template`.html with `context` into one message.

    `template` is the path without its extension, e.g. "delegates/email/approved".
    The message is rendered in `language` (the recipient's), else the current one.
    """
    with translation.override(language or translation.get_language()):
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


def send_email(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    language: str | None = None,
) -> None:
    """Build the email (see build_email) and send it now."""
    build_email(
        to=to, subject=subject, template=template, context=context, language=language
    ).send()
