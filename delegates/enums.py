from django.db import models
from django.utils.translation import gettext_lazy as _


class Honorific(models.TextChoices):
    MR = "mr", _("Mr")
    MS = "ms", _("Ms")
    MX = "mx", _("Mx")
    DR = "dr", _("Dr")
    PROF = "prof", _("Prof.")
    HE = "he", _("H.E.")
    HON = "hon", _("Hon.")


class ParticipantCategory(models.TextChoices):
    """Who a participant represents, in the order UN lists of participants use."""

    MEMBER_STATE = "member_state", _("Member State")
    ASSOCIATE_MEMBER = "associate_member", _("Associate member")
    UN_SYSTEM = "un_system", _("UN system")
    IGO = "igo", _("Intergovernmental organisation")
    DEVELOPMENT_PARTNER = "development_partner", _("Development partner / donor")
    THINK_TANK = "think_tank", _("Think tank or academia")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    MEDIA = "media", _("Media")
    SECRETARIAT = "secretariat", _("Secretariat")


class RegistrationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
