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
