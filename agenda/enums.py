from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    PLENARY = "plenary", _("Plenary")
    PANEL = "panel", _("Panel")
    ROUND_TABLE = "round_table", _("Round table")
    BREAK = "break", _("Break")
    SIDE_EVENT = "side_event", _("Side event")
    CLOSING = "closing", _("Closing")
    BILATERAL = "bilateral", _("Bilateral meetings")


class SideEventAccess(models.TextChoices):
    """Who may take a seat at a side event."""

    OPEN = "open", _("Open to all approved delegates")
    RESTRICTED = "restricted", _("Restricted to chosen categories or roles")
    INVITATION = "invitation", _("By invitation code only")


class SignUpStatus(models.TextChoices):
    BOOKED = "booked", _("Seat booked")
    WAITLISTED = "waitlisted", _("On the waiting list")
