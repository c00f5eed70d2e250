import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultation.constraints import PostgresCheckConstraint

from .enums import DeliveryStatus, WebhookEvent


def new_secret() -> str:
    """A signing secret: 32 random bytes, URL-safe, recognisable by its prefix."""
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """An address of another system that is told about a meeting's events."""

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("meeting"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Who receives it, e.g. “Pass office”.")
    )
    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_(
            "An http or https address on the internet; each event is POSTed to it "
            "as JSON. Redirects are not followed."
        ),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        editable=False,
        help_text=_(
            "The receiver checks each request's Webhook-Signature with it "
            "(see the README's Webhooks section)."
        ),
    )
    # A JSON list of WebhookEvent values (a JSON field, not an array, so that
    # SQLite runs it too; PostgreSQL checks the values).
    events = models.JSONField(
        _("events"), default=list, help_text=_("The events this address is told about.")
    )
    include_personal_data = models.BooleanField(
        _("include personal data"),
        default=False,
        help_text=_(
            "Registrations are sent with names and email addresses. Only a user "
            "who may see personal data can turn this on."
        ),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "An address that keeps failing is turned off; turn it on again once "
            "it answers."
        ),
    )
    consecutive_failures = models.PositiveIntegerField(
        _("failures in a row"), default=0, editable=False
    )
    disabled_at = models.DateTimeField(
        _("turned off after failures"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "name", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        constraints = [
            PostgresCheckConstraint(
                condition=Q(events__contained_by=WebhookEvent.values) & ~Q(events=[]),
                name="webhook_endpoint_events_valid",
            ),
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="webhook_endpoint_url_is_http",
            ),
            models.CheckConstraint(
                condition=Q(disabled_at__isnull=True) | Q(is_active=False),
                name="webhook_endpoint_disabled_is_inactive",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.url})"


class WebhookDelivery(models.Model):
    """One event for one endpoint: written with the change, then POSTed by a worker.

    The body is written with the row, so every attempt (and a resend) sends the
    same bytes under the same Webhook-Id; only the timestamp and signature are new.
    """

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    webhook_id = models.UUIDField(
        _("webhook id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("The same on every attempt, so a receiver can tell a repeat."),
    )
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliveryStatus,
        default=DeliveryStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(
        _("last response code"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    enqueued_at = models.DateTimeField(
        _("handed to the workers"),
        null=True,
        blank=True,
        help_text=_("When a delivery task was last put on the queue for it."),
    )
    claimed_at = models.DateTimeField(
        _("claimed"),
        null=True,
        blank=True,
        help_text=_("When a worker took it; past the lease, another may."),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["queued", "sending", "failed"]),
                name="webhook_delivery_to_send",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values),
                name="webhook_delivery_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(event__in=WebhookEvent.values),
                name="webhook_delivery_event_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=DeliveryStatus.DELIVERED, delivered_at__isnull=False)
                | (~Q(status=DeliveryStatus.DELIVERED) & Q(delivered_at__isnull=True)),
                name="webhook_delivery_delivered_iff_delivered_at",
            ),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.SENDING)
                | Q(claimed_at__isnull=False),
                name="webhook_delivery_sending_is_claimed",
            ),
            models.CheckConstraint(
                condition=~Q(
                    status__in=[DeliveryStatus.FAILED, DeliveryStatus.GIVEN_UP]
                )
                | ~Q(last_error=""),
                name="webhook_delivery_failure_has_error",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING])
                | Q(attempts__gt=0),
                name="webhook_delivery_attempted_when_done",
            ),
        ]

    def __str__(self):
        return f"{self.get_event_display()} → {self.endpoint.name}"


class WebhookAttempt(models.Model):
    """One POST of a delivery and what the receiver answered: the delivery log."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("delivery"),
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    started_at = models.DateTimeField(_("started"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    status_code = models.PositiveSmallIntegerField(
        _("response code"), null=True, blank=True
    )
    response_excerpt = models.TextField(_("response (beginning)"), blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["delivery", "-number", "-pk"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        constraints = [
            models.CheckConstraint(
                condition=Q(status_code__isnull=False) | ~Q(error=""),
                name="webhook_attempt_answered_or_failed",
            ),
        ]

    def __str__(self):
        return f"#{self.number}: {self.status_code or self.error[:60]}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
