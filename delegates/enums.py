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
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


# What the statuses mean, written once. An *open* registration takes part: it
# counts in its delegation, and its delegate may still correct or cancel it.
OPEN_STATUSES = (
    RegistrationStatus.SUBMITTED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.APPROVED,
)
# Awaiting the organisers' decision: the delegate may wish for side event seats,
# booked on approval.
PENDING_STATUSES = (RegistrationStatus.SUBMITTED, RegistrationStatus.WAITLISTED)
# Ended: the registration holds no seat, wish or place at a side event.
CLOSED_STATUSES = (RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED)


class Attendance(models.TextChoices):
    """How a person takes part: in the room, with a badge, or online, with a link."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Gender(models.TextChoices):
    """Asked for gender-balance statistics only."""

    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Another gender")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class DelegationRole(models.TextChoices):
    """A person's capacity in their delegation, in protocol order."""

    HEAD = "head", _("Head of delegation")
    ALTERNATE = "alternate", _("Alternate")
    DELEGATE = "delegate", _("Delegate")
    ADVISER = "adviser", _("Adviser")
    OBSERVER = "observer", _("Observer")


class CredentialsStatus(models.TextChoices):
    PENDING = "pending", _("Awaited")
    RECEIVED = "received", _("Received, to be checked")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
