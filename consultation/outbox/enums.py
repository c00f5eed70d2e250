from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be tried again")
    GIVEN_UP = "given_up", _("Given up")


# A message in one of these may be (re)claimed by a worker once it is due.
SENDABLE = [MailStatus.QUEUED, MailStatus.FAILED]
