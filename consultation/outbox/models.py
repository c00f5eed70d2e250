from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import MailStatus


class OutgoingMail(models.Model):
    """One email to one address: written with the change that causes it, then sent.

    The subject and both bodies are rendered when the row is written, so a retry
    sends exactly what the person would have got the first time.
    """

    to = models.EmailField(_("to"), max_length=254)
    from_email = models.CharField(_("from"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=60, help_text=_("Which email this is, e.g. “approved”.")
    )
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    text_body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    calendar = models.TextField(
        _("calendar invitation"),
        blank=True,
        help_text=_("An iCalendar event, attached as invitation.ics."),
    )
    message_id = models.CharField(
        _("Message-ID"),
        max_length=250,
        unique=True,
        help_text=_("The same on every attempt, so a receiver can tell a repeat."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MailStatus, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    enqueued_at = models.DateTimeField(
        _("handed to the workers"),
        null=True,
        blank=True,
        help_text=_("When a send task was last put on the queue for it."),
    )
    claimed_at = models.DateTimeField(
        _("claimed"),
        null=True,
        blank=True,
        help_text=_("When a worker took it; past the lease, another may."),
    )
    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outgoing_mails",
        verbose_name=_("meeting"),
    )
    registration = models.ForeignKey(
        "delegates.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outgoing_mails",
        verbose_name=_("registration"),
    )
    delegation = models.ForeignKey(
        "delegates.Delegation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outgoing_mails",
        verbose_name=_("delegation"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["queued", "sending", "failed"]),
                name="outbox_mail_to_send",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MailStatus.values),
                name="outbox_mail_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=MailStatus.SENT, sent_at__isnull=False)
                | (~Q(status=MailStatus.SENT) & Q(sent_at__isnull=True)),
                name="outbox_mail_sent_iff_sent_at",
            ),
            models.CheckConstraint(
                condition=~Q(status=MailStatus.SENDING) | Q(claimed_at__isnull=False),
                name="outbox_mail_sending_is_claimed",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[MailStatus.FAILED, MailStatus.GIVEN_UP])
                | ~Q(last_error=""),
                name="outbox_mail_failure_has_error",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[MailStatus.QUEUED, MailStatus.SENDING])
                | Q(attempts__gt=0),
                name="outbox_mail_attempted_when_done",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"
