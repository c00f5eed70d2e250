"""Announcements: one email per person to a set of registrations, with a record.

Sending is resilient: every recipient is tried; an address the mail server refuses
is marked failed with the server's error, and the others still get theirs.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultation.emails import build_email

from ..enums import DeliveryStatus
from ..models import Announcement, AnnouncementRecipient
from ..services import RegistrationError

logger = logging.getLogger(__name__)


def send_announcement(*, registrations, subject, body, by) -> Announcement:
    """Record an announcement to the registrations and email each of them.

    All registrations must belong to one meeting. Side effects: writes one
    Announcement and one AnnouncementRecipient per registration (pending); after
    commit, sends one email each and marks each recipient sent or failed.
    Raises RegistrationError for an empty selection or several meetings.
    """
    registrations = list(registrations)
    if not registrations:
        raise RegistrationError(_("Select at least one registration."))
    meetings = {registration.meeting_id for registration in registrations}
    if len(meetings) > 1:
        raise RegistrationError(
            _("Select registrations of one meeting: an announcement is per meeting.")
        )
    with transaction.atomic():
        announcement = Announcement.objects.create(
            meeting=registrations[0].meeting, subject=subject, body=body, sent_by=by
        )
        AnnouncementRecipient.objects.bulk_create(
            AnnouncementRecipient(
                announcement=announcement,
                registration=registration,
                email=registration.email,
            )
            for registration in registrations
        )
    transaction.on_commit(partial(deliver_announcement, announcement.pk))
    return announcement


def deliver_announcement(announcement_pk) -> dict[str, int]:
    """Email every pending recipient of the announcement; return counts by status.

    Side effects: one email per pending recipient over one connection; each
    recipient row is updated to sent (with the time) or failed (with the error).
    """
    announcement = Announcement.objects.select_related("meeting").get(
        pk=announcement_pk
    )
    recipients = announcement.recipients.filter(
        status=DeliveryStatus.PENDING
    ).select_related("registration__meeting")
    connection = get_connection()
    for recipient in recipients:
        try:
            message = announcement_email(announcement, recipient, connection=connection)
            message.send(fail_silently=False)
        except Exception as error:  # Any failure is this one person's only.
            logger.warning(
                "Announcement %s to %s failed: %s",
                announcement.pk,
                recipient.email,
                error,
            )
            recipient.status = DeliveryStatus.FAILED
            recipient.error = f"{type(error).__name__}: {error}"[:1000]
            recipient.save(update_fields=["status", "error"])
        else:
            recipient.status = DeliveryStatus.SENT
            recipient.sent_at = timezone.now()
            recipient.save(update_fields=["status", "sent_at"])
    counts = dict.fromkeys(DeliveryStatus.values, 0)
    for status in announcement.recipients.values_list("status", flat=True):
        counts[status] += 1
    return counts


def announcement_email(announcement, recipient, *, connection=None):
    """The email one recipient gets: greeting, the organisers' text, their link."""
    registration = recipient.registration
    language = registration.language if registration else settings.LANGUAGE_CODE
    with translation.override(language):
        private_url = (
            settings.SITE_URL + registration.get_private_url() if registration else ""
        )
    context = {
        "announcement": announcement,
        "meeting": announcement.meeting,
        "registration": registration,
        "private_url": private_url,
    }
    return build_email(
        to=recipient.email,
        subject=announcement.subject,
        template="delegates/email/announcement",
        context=context,
        connection=connection,
        language=language,
    )
