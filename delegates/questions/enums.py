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
