"""The one way an email is made: plain text and HTML from a pair of templates.

Emails are not sent from here: `queue_email` writes them to the outbox in the
caller's transaction, and a worker sends them (consultation/outbox).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from consultation.outbox.models import OutgoingMail
from consultation.outbox.services import message_of, queue_mail


def render_email(
    *, template: str, context: dict, language: str | None = None
) -> tuple[str, str]:
    """Render `template`.txt and `template`.html with `context`: (text, HTML).

    `template` is the path without its extension, e.g. "delegates/email/approved".
    The email is rendered in `language` (the recipient's), else the current one.
    """
    with translation.override(language or translation.get_language()):
        return (
            render_to_string(f"{template}.txt", context),
            render_to_string(f"{template}.html", context),
        )


def build_email(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    language: str | None = None,
) -> EmailMultiAlternatives:
    """The message as it would be sent, for a preview (see render_email)."""
    text, html = render_email(template=template, context=context, language=language)
    with translation.override(language or translation.get_language()):
        subject = str(subject)
    return message_of(
        OutgoingMail(
            to=to,
            subject=subject,
            text_body=text,
            html_body=html,
            from_email=settings.DEFAULT_FROM_EMAIL,
        )
    )


def queue_email(
    *,
    to: str,
    kind: str,
    subject: str,
    template: str,
    context: dict,
    meeting=None,
    registration=None,
    delegation=None,
    language: str | None = None,
    calendar: str = "",
) -> OutgoingMail:
    """Render the email (see render_email) and write it to the outbox.

    `kind` names it in the outbox ("approved", "delegation link"...); the meeting,
    registration and delegation it concerns list it in the admin. It is rendered
    in `language`, the recipient's (else the current one), now: the worker sends
    the text as written. `calendar`, an iCalendar text, is attached as an
    invitation. Side effects: one OutgoingMail, sent by a worker after
    the caller's transaction commits.
    """
    text, html = render_email(template=template, context=context, language=language)
    with translation.override(language or translation.get_language()):
        subject = str(subject)
    return queue_mail(
        to=to,
        kind=kind,
        subject=subject,
        text_body=text,
        html_body=html,
        calendar=calendar,
        meeting=meeting,
        registration=registration,
        delegation=delegation,
    )
