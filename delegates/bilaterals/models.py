import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class BilateralStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    PROPOSED = "proposed", _("Another slot proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


# Longest booking the database accepts, whatever the meeting allows.
MAX_BILATERAL_MINUTES = 240


class BilateralRequest(models.Model):
    """One delegation's request to meet another in a bilateral meeting room."""

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="bilateral_requests",
        verbose_name=_("meeting"),
    )
    requested_by = models.ForeignKey(
        "delegates.Delegation",
        on_delete=models.CASCADE,
        related_name="bilaterals_requested",
        verbose_name=_("requested by"),
    )
    counterpart = models.ForeignKey(
        "delegates.Delegation",
        on_delete=models.CASCADE,
        related_name="bilaterals_invited_to",
        verbose_name=_("to meet"),
    )
    start = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"))
    room = models.ForeignKey(
        "agenda.Room",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bilateral_requests",
        verbose_name=_("room"),
        help_text=_("Chosen by the secretariat when it confirms or proposes a slot."),
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("e.g. who attends, interpretation needed."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BilateralStatus,
        default=BilateralStatus.REQUESTED,
    )
    # The unpublished session that holds the room while the booking is confirmed.
    booking = models.OneToOneField(
        "agenda.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="bilateral_request",
        verbose_name=_("booking"),
    )
    decision_note = models.CharField(
        _("message to the delegations"), max_length=300, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("bilateral meeting")
        verbose_name_plural = _("bilateral meetings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(requested_by=F("counterpart")),
                name="bilateral_between_two_delegations",
                violation_error_message=_("A delegation cannot meet itself."),
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=5, minutes__lte=MAX_BILATERAL_MINUTES),
                name="bilateral_length_in_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=BilateralStatus.values),
                name="bilateral_status_valid",
            ),
            # Confirmed means a room is held; nothing else holds one.
            models.CheckConstraint(
                condition=Q(status=BilateralStatus.CONFIRMED, booking__isnull=False)
                | (~Q(status=BilateralStatus.CONFIRMED) & Q(booking__isnull=True)),
                name="bilateral_confirmed_holds_a_room",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["confirmed", "proposed"])
                | Q(room__isnull=False),
                name="bilateral_confirmed_or_proposed_has_a_room",
            ),
        ]

    def __str__(self):
        return _("%(one)s and %(other)s") % {
            "one": self.requested_by.name,
            "other": self.counterpart.name,
        }

    @property
    def end(self):
        return self.start + datetime.timedelta(minutes=self.minutes)
