from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    """What a question asks for, and so which form field and answer column it has."""

    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    YES_NO = "yes_no", _("Yes or no")
    ONE_CHOICE = "one_choice", _("One choice")
    SEVERAL_CHOICES = "several_choices", _("Several choices")
    DATE = "date", _("Date")
    COUNTRY = "country", _("Country")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    FILE = "file", _("File (PDF or image)")


# Questions whose answers are choices (rows of their own).
CHOICE_KINDS = {QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES}
# Questions another question may depend on: their answers are a closed set.
TRIGGER_KINDS = CHOICE_KINDS | {QuestionKind.YES_NO}
# Answers kept in the text column.
TEXT_KINDS = {
    QuestionKind.SHORT_TEXT,
    QuestionKind.LONG_TEXT,
    QuestionKind.COUNTRY,
    QuestionKind.EMAIL,
    QuestionKind.PHONE,
}


class AskedAt(models.TextChoices):
    """Where a question is asked: the same engine serves every form."""

    REGISTRATION = "registration", _("On the registration forms")
    DELEGATION_MEMBER = (
        "delegation_member",
        _("For each member, on the delegation nomination form"),
    )
    SIDE_EVENT = "side_event", _("When signing up for a side event")


class Approval(models.TextChoices):
    """What happens to a registration sent through a form."""

    VETTED = "vetted", _("Vetted by the secretariat")
    AUTOMATIC = "automatic", _("Approved automatically")


class BuiltInMode(models.TextChoices):
    """How the registration form asks one of its own fields."""

    REQUIRED = "required", _("Asked, required")
    OPTIONAL = "optional", _("Asked, optional")
    VISA_ONLY = "visa_only", _("Asked only with a visa letter request")
    HIDDEN = "hidden", _("Not asked")


# The modes each built-in field may take. The visa letter needs the passport
# details and the date of birth: it is offered or not, and the date of birth is
# never hidden while letters are offered (hiding the visa section hides it).
VISA_SECTION_MODES = [BuiltInMode.OPTIONAL, BuiltInMode.HIDDEN]
PHOTO_MODES = [BuiltInMode.REQUIRED, BuiltInMode.OPTIONAL, BuiltInMode.HIDDEN]
GENDER_MODES = [BuiltInMode.OPTIONAL, BuiltInMode.HIDDEN]
DATE_OF_BIRTH_MODES = [
    BuiltInMode.REQUIRED,
    BuiltInMode.OPTIONAL,
    BuiltInMode.VISA_ONLY,
]
