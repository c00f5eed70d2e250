"""Announcements: one email per person to a set of registrations, with a record.

The organiser's request only records the announcement and whom it selected; a
worker writes the recipients and each person's email to the outbox
(deliver_announcement), and the outbox's workers send them. Every recipient is
tried; an address the mail server refuses is marked failed with the server's
error, and the others still get theirs.
"""

from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.utils import translation
from django.utils.translation import gettext as _

from consultation.celery import task
from consultation.content_languages import columns
from consultation.emails import build_email, render_email
from consultation.models import Meeting
from consultation.outbox.enums import MailStatus
from consultation.outbox.models import OutgoingMail
from consultation.outbox.services import queue_mails

from ..enums import DeliveryStatus
from ..models import Announcement, AnnouncementRecipient, Registration
from ..services import RegistrationError

# Recipients whose emails are written to the outbox per transaction.
CHUNK_SIZE = 200
# Selected registrations written as recipients per transaction.
SELECTION_CHUNK_SIZE = 2000
TEMPLATE = "delegates/email/announcement"
# The outbox's kind of an announcement's emails.
ANNOUNCEMENT = "announcement"


def send_announcement(
    *,
    registrations: QuerySet,
    subject: str | dict[str, str],
    body: str | dict[str, str],
    by,
) -> Announcement:
    """Record an announcement to the registrations; a worker emails each of them.

    ``subject`` and ``body`` are ``{language: text}``, or a text in the meeting's
    main language; each person gets theirs in their own language, else in the
    main one. All registrations must belong to one meeting. The request stores
    only the ids of the selected (``unwritten_selection``): a worker writes the
    recipients from them, so the organiser's request stays short for 10,000
    people. Side effects: writes one Announcement; after commit, starts the
    deliver_announcement task.
    Raises RegistrationError for an empty selection or several meetings.
    """
    meeting_ids = meetings_of(registrations)
    if not meeting_ids:
        raise RegistrationError(_("Select at least one registration."))
    if len(meeting_ids) > 1:
        raise RegistrationError(
            _("Select registrations of one meeting: an announcement is per meeting.")
        )
    meeting = Meeting.objects.get(pk=meeting_ids[0])
    # A registration that the selection's joins list twice is selected once.
    selected = sorted(set(registrations.order_by().values_list("pk", flat=True)))
    with transaction.atomic():
        announcement = Announcement.objects.create(
            meeting=meeting,
            **columns("subject", _by_language(subject, meeting)),
            **columns("body", _by_language(body, meeting)),
            sent_by=by,
            unwritten_selection=selected,
        )
        transaction.on_commit(partial(_deliver_later, announcement.pk))
    return announcement


def meetings_of(registrations: QuerySet) -> list[int]:
    """The meetings of the registrations: none, one, or two (two is too many)."""
    return list(
        registrations.order_by().values_list("meeting_id", flat=True).distinct()[:2]
    )


def write_recipients(announcement_pk) -> int:
    """Write a pending recipient for each registration the organiser selected.

    In chunks of SELECTION_CHUNK_SIZE, each in its own transaction with the
    announcement locked: the chunk's rows are written and the chunk leaves
    ``unwritten_selection`` together, so a worker stopped part-way (or two at
    once) writes nobody twice. A registration deleted since is skipped. Returns
    the number of recipients written.
    """
    written = 0
    while True:
        with transaction.atomic():
            announcement = Announcement.objects.select_for_update().get(
                pk=announcement_pk
            )
            chunk = announcement.unwritten_selection[:SELECTION_CHUNK_SIZE]
            if not chunk:
                return written
            written += _insert_recipients(
                announcement, Registration.objects.filter(pk__in=chunk)
            )
            announcement.unwritten_selection = announcement.unwritten_selection[
                SELECTION_CHUNK_SIZE:
            ]
            announcement.save(update_fields=["unwritten_selection"])


def _insert_recipients(announcement, registrations: QuerySet) -> int:
    """Insert a pending recipient per registration in one statement; the count."""
    rows = (
        registrations.order_by()
        .annotate(
            recipient_announcement=Value(announcement.pk),
            recipient_status=Value(DeliveryStatus.PENDING.value),
            recipient_error=Value(""),
        )
        # The columns come out in this order: the fields, then the annotations.
        .values_list(
            "pk",
            "email",
            "recipient_announcement",
            "recipient_status",
            "recipient_error",
        )
    )
    select, params = rows.query.sql_with_params()
    opts = AnnouncementRecipient._meta
    quote = connection.ops.quote_name
    names = ", ".join(
        quote(opts.get_field(name).column)
        for name in ["registration", "email", "announcement", "status", "error"]
    )
    with connection.cursor() as cursor:
        # A recipient written already (by a worker stopped part-way) stays one.
        cursor.execute(
            f"INSERT INTO {quote(opts.db_table)} ({names}) {select} "
            "ON CONFLICT DO NOTHING",
            params,
        )
        return cursor.rowcount


def _by_language(texts, meeting) -> dict:
    return texts if isinstance(texts, dict) else {meeting.main_language: texts}


def _deliver_later(announcement_pk):
    task("delegates.tasks.deliver_announcement").delay(announcement_pk)


def deliver_announcement(announcement_pk) -> int:
    """Write the recipients still to write, then the email of every recipient who
    has none yet to the outbox.

    Works in chunks of CHUNK_SIZE, each its own transaction, so a worker that
    stops part-way leaves the rest to the next run and nobody gets two. Returns
    the number of emails written. Side effects: OutgoingMail rows, each linked
    to its recipient; the outbox sends them after each chunk commits.
    """
    write_recipients(announcement_pk)
    announcement = Announcement.objects.select_related("meeting").get(
        pk=announcement_pk
    )
    written = 0
    while True:
        with transaction.atomic():
            pending = announcement.recipients.select_for_update(
                skip_locked=True, of=("self",)
            )
            recipients = list(
                pending.filter(mail__isnull=True, status=DeliveryStatus.PENDING)
                .select_related("registration__meeting")
                .order_by("pk")[:CHUNK_SIZE]
            )
            if not recipients:
                return written
            mails = queue_mails(
                [_outgoing_mail(announcement, recipient) for recipient in recipients]
            )
            for recipient, mail in zip(recipients, mails, strict=True):
                recipient.mail = mail
            AnnouncementRecipient.objects.bulk_update(recipients, ["mail"])
            written += len(recipients)


def announcements_to_deliver(*, created_before) -> list[int]:
    """Announcements older than that with recipients, or emails, not written."""
    unwritten_emails = AnnouncementRecipient.objects.filter(
        announcement=OuterRef("pk"), mail__isnull=True, status=DeliveryStatus.PENDING
    )
    return list(
        Announcement.objects.filter(created_at__lte=created_before)
        .filter(~Q(unwritten_selection=[]) | Exists(unwritten_emails))
        .values_list("pk", flat=True)
    )


def follow_mail_status(sender, *, mail: OutgoingMail, **kwargs) -> None:
    """Give the recipient of an announcement its email's delivery status.

    Connected to the outbox's mail_status_changed: sent, given up (failed), or
    still pending, with the mail server's last error while it is tried again.
    """
    if mail.kind != ANNOUNCEMENT:
        return
    if mail.status == MailStatus.SENT:
        status, error = DeliveryStatus.SENT, ""
    elif mail.status == MailStatus.GIVEN_UP:
        status, error = DeliveryStatus.FAILED, mail.last_error
    else:
        status, error = DeliveryStatus.PENDING, mail.last_error
    AnnouncementRecipient.objects.filter(mail_id=mail.pk).update(
        status=status, error=error, sent_at=mail.sent_at
    )


def announcement_email(announcement, recipient):
    """The email one recipient gets: greeting, the organisers' text, their link."""
    with translation.override(_language(recipient)):
        subject = announcement.subject
    return build_email(
        to=recipient.email,
        subject=subject,
        template=TEMPLATE,
        context=_context(announcement, recipient),
        language=_language(recipient),
    )


def _outgoing_mail(announcement, recipient) -> OutgoingMail:
    language = _language(recipient)
    text, html = render_email(
        template=TEMPLATE,
        context=_context(announcement, recipient),
        language=language,
    )
    with translation.override(language):
        subject = announcement.subject
    return OutgoingMail(
        to=recipient.email,
        kind=ANNOUNCEMENT,
        subject=subject,
        text_body=text,
        html_body=html,
        meeting=announcement.meeting,
        registration=recipient.registration,
    )


def _language(recipient) -> str:
    """The recipient's own language, else the meeting's main one.

    The organisers' text (where they wrote it in that language), the greeting and
    the private link are in it.
    """
    registration = recipient.registration
    if registration is not None and registration.language:
        return registration.language
    return recipient.announcement.meeting.main_language


def _context(announcement, recipient):
    registration = recipient.registration
    with translation.override(_language(recipient)):
        private_url = (
            settings.SITE_URL + registration.get_private_url() if registration else ""
        )
    return {
        "announcement": announcement,
        "meeting": announcement.meeting,
        "registration": registration,
        "private_url": private_url,
    }
