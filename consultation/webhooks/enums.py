from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    """What a meeting's systems can be told about; the value is the payload's name."""

    REGISTRATION_SUBMITTED = "registration.submitted", _("Registration submitted")
    REGISTRATION_APPROVED = "registration.approved", _("Registration approved")
    REGISTRATION_WAITLISTED = "registration.waitlisted", _("Registration waitlisted")
    REGISTRATION_REJECTED = "registration.rejected", _("Registration rejected")
    REGISTRATION_CANCELLED = "registration.cancelled", _("Registration cancelled")
    REGISTRATION_CHANGED = "registration.changed", _("Registration changed")
    CHECK_IN_CREATED = "check_in.created", _("Check-in recorded")
    PROGRAMME_VERSION_PUBLISHED = (
        "programme.version_published",
        _("Programme version published"),
    )
    SIDE_EVENT_SEAT_BOOKED = "side_event.seat_booked", _("Side event seat booked")
    SIDE_EVENT_SEAT_FREED = "side_event.seat_freed", _("Side event seat freed")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed, will be tried again")
    GIVEN_UP = "given_up", _("Given up")


# A delivery in one of these may be (re)claimed by a worker once it is due.
SENDABLE = [DeliveryStatus.QUEUED, DeliveryStatus.FAILED]
