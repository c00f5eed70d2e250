"""Questions organisers add to a meeting's registration form, and their answers.

A question belongs to one meeting; its choices are rows of their own, so answers
and conditions refer to a choice that keeps its id when its label is reworded.
A question may be shown only to some participant categories, and only when an
earlier question (yes/no or a choice) was answered a certain way: conditions
chain over several levels and never loop (the admin form refuses a cycle).
"""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from simple_history.models import HistoricalRecords

from consultation.models import AttendanceOffer
from consultation.uploads import private_storage, random_file_name

from .constraints import PostgresCompositeForeignKey
from .enums import (
    DATE_OF_BIRTH_MODES,
    GENDER_MODES,
    PHOTO_MODES,
    VISA_SECTION_MODES,
    Approval,
    AskedAt,
    BuiltInMode,
    QuestionKind,
)


def answer_file_upload_to(instance, filename):
    return random_file_name("answers", filename)


class MeetingForm(models.Model):
    """One of a meeting's registration forms, e.g. for government delegates or media.

    Each form has its own address, dates, capacity, participant categories,
    questions and approval rule. The meeting's default form answers at the
    registration address it always had; a meeting without forms registers
    everyone through its own dates, as before forms existed.
    """

    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="forms",
        verbose_name=_("meeting"),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("E.g. “Civil society”.")
    )
    slug = models.SlugField(_("slug"), help_text=_("Used in the form's address."))
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Who the form is for, shown in the list of forms and above it."),
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Forms are listed in this order.")
    )
    is_default = models.BooleanField(
        _("default form"),
        default=False,
        help_text=_("Served at the meeting's registration address."),
    )
    opens_at = models.DateTimeField(
        _("opens"),
        null=True,
        blank=True,
        help_text=_("Empty: when the meeting's registration opens."),
    )
    closes_at = models.DateTimeField(
        _("closes"),
        null=True,
        blank=True,
        help_text=_("Empty: when the meeting's registration closes."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_(
            "Most registrations the form takes (cancelled and rejected ones do "
            "not count); then it says it is full. Empty: no limit."
        ),
    )
    categories = models.JSONField(
        _("participant categories offered"),
        default=list,
        blank=True,
        help_text=_("None ticked: every category."),
    )
    approval = models.CharField(
        _("approval"),
        max_length=20,
        choices=Approval,
        default=Approval.VETTED,
        help_text=_(
            "Automatic approval still follows the meeting's capacity: beyond it, "
            "registrations are waitlisted."
        ),
    )
    attendance_offer = models.CharField(
        _("participation"),
        max_length=20,
        choices=AttendanceOffer,
        blank=True,
        help_text=_(
            "In person, online or both, for those who register with this form; "
            "empty: as the meeting offers."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("registration form")
        verbose_name_plural = _("registration forms")
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance_offer__in=["", *AttendanceOffer.values]),
                name="form_attendance_offer_valid",
            ),
            models.UniqueConstraint(
                fields=["meeting", "slug"],
                name="unique_form_slug_per_meeting",
                violation_error_message=_(
                    "Another form of this meeting has this slug."
                ),
            ),
            models.UniqueConstraint(
                fields=["id", "meeting"], name="form_id_meeting_unique"
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(is_default=True),
                name="one_default_form_per_meeting",
                violation_error_message=_("The meeting has a default form already."),
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="form_closes_after_opening",
                violation_error_message=_("The form must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(approval__in=Approval.values),
                name="form_approval_valid",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="form_capacity_positive",
                violation_error_message=_("A capacity is at least 1."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        if self.is_default:
            return reverse(
                "delegates:register", kwargs={"meeting_slug": self.meeting.slug}
            )
        return reverse(
            "delegates:register_form",
            kwargs={"meeting_slug": self.meeting.slug, "form_slug": self.slug},
        )

    def opens(self):
        return self.opens_at or self.meeting.registration_opens

    def closes(self):
        return self.closes_at or self.meeting.registration_closes

    def registration_state(self, *, now=None):
        """Return "open", "not_yet_open" or "closed", as the meeting does."""
        now = now or timezone.now()
        if now < self.opens():
            return "not_yet_open"
        if now >= self.closes():
            return "closed"
        return "open"

    def offers_category(self, category) -> bool:
        return not self.categories or category in self.categories

    @property
    def is_full(self):
        """Whether the form has no place left (``places_taken`` annotated)."""
        return self.capacity is not None and self.places_taken >= self.capacity

    @property
    def approves_automatically(self):
        return self.approval == Approval.AUTOMATIC


class Question(models.Model):
    meeting = models.ForeignKey(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("meeting"),
    )
    position = models.PositiveIntegerField(
        _("position"), help_text=_("Questions are asked in this order.")
    )
    section = models.CharField(
        _("section"),
        max_length=200,
        blank=True,
        help_text=_(
            "The heading the question is shown under; questions with the same "
            "section are grouped. Empty: “Further questions”."
        ),
    )
    label = models.CharField(_("question"), max_length=300)
    help_text = models.TextField(_("help text"), blank=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=QuestionKind, default=QuestionKind.SHORT_TEXT
    )
    required = models.BooleanField(
        _("required"),
        default=False,
        help_text=_("Required whenever the question is shown."),
    )
    identity = models.BooleanField(
        _("identity"),
        default=False,
        help_text=_(
            "Changing the answer after approval sends the registration back for "
            "review, as changing a name does."
        ),
    )
    categories = models.JSONField(
        _("participant categories"),
        default=list,
        blank=True,
        help_text=_("Shown only to these categories; none ticked: to everyone."),
    )
    min_value = models.DecimalField(
        _("smallest number"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("largest number"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    asked_at = models.CharField(
        _("asked"),
        max_length=30,
        choices=AskedAt,
        default=AskedAt.REGISTRATION,
        help_text=_(
            "A question for delegation members is answered by the focal point for "
            "each member, and by the member from their private link."
        ),
    )
    side_event = models.ForeignKey(
        "agenda.SideEvent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("side event"),
        help_text=_("For a question asked when signing up for a side event."),
    )
    forms = models.ManyToManyField(
        MeetingForm,
        blank=True,
        related_name="questions",
        verbose_name=_("asked on these forms"),
        help_text=_("None ticked: asked on every form of the meeting."),
    )
    shown_if_question = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dependent_questions",
        verbose_name=_("shown only if this question"),
    )
    shown_if_choices = models.ManyToManyField(
        "Choice",
        blank=True,
        related_name="+",
        verbose_name=_("was answered with one of these choices"),
    )
    shown_if_yes = models.BooleanField(
        _("was answered"),
        null=True,
        blank=True,
        choices=[(True, _("Yes")), (False, _("No"))],
        help_text=_("For a yes/no question above."),
    )
    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("No longer asked; its answers are kept."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The question as each delegate saw it: the audit trail keeps every wording.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="unique_question_position_per_meeting",
                violation_error_message=_(
                    "Another question of this meeting has this position."
                ),
            ),
            models.UniqueConstraint(
                fields=["id", "meeting"], name="question_id_meeting_unique"
            ),
            PostgresCompositeForeignKey(
                fields=["shown_if_question", "meeting"],
                to_fields=["id", "meeting"],
                name="question_condition_same_meeting",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values),
                name="question_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(asked_at__in=AskedAt.values),
                name="question_asked_at_valid",
            ),
            models.CheckConstraint(
                # A side event's question is asked at its sign-up, and only there.
                condition=Q(asked_at=AskedAt.SIDE_EVENT, side_event__isnull=False)
                | (~Q(asked_at=AskedAt.SIDE_EVENT) & Q(side_event__isnull=True)),
                name="question_side_event_exactly_when_asked_there",
                violation_error_message=_(
                    "Choose the side event exactly when the question is asked at "
                    "a side event's sign-up."
                ),
            ),
            models.CheckConstraint(
                # The nomination form sends no files.
                condition=~Q(
                    asked_at=AskedAt.DELEGATION_MEMBER, kind=QuestionKind.FILE
                ),
                name="question_no_file_for_delegation_members",
                violation_error_message=_(
                    "The delegation nomination form cannot ask for a file."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(asked_at=AskedAt.SIDE_EVENT, kind=QuestionKind.FILE),
                name="question_no_file_for_side_events",
                violation_error_message=_(
                    "The side event sign-up form cannot ask for a file."
                ),
            ),
            models.CheckConstraint(
                condition=Q(shown_if_question__isnull=True)
                | ~Q(shown_if_question=F("pk")),
                name="question_not_its_own_condition",
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=F("min_value")),
                name="question_bounds_in_order",
                violation_error_message=_(
                    "The largest number cannot be below the smallest."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind=QuestionKind.NUMBER)
                | Q(min_value__isnull=True, max_value__isnull=True),
                name="question_bounds_only_for_numbers",
                violation_error_message=_("Only a number question has bounds."),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def field_name(self):
        return f"question_{self.pk}"

    def is_for_category(self, category) -> bool:
        return not self.categories or category in self.categories


class Choice(models.Model):
    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("question"),
    )
    label = models.CharField(_("choice"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.label


class Answer(models.Model):
    """One registration's answer to one question, in the column its type uses."""

    registration = models.ForeignKey(
        "delegates.Registration",
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("registration"),
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("question"),
    )
    text = models.TextField(_("text"), blank=True)
    number = models.DecimalField(
        _("number"), max_digits=15, decimal_places=3, null=True, blank=True
    )
    yes_no = models.BooleanField(_("yes or no"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    file = models.FileField(
        _("file"),
        upload_to=answer_file_upload_to,
        storage=private_storage,
        blank=True,
    )
    choices = models.ManyToManyField(
        Choice,
        through="AnswerChoice",
        blank=True,
        related_name="answers",
        verbose_name=_("choices"),
    )
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        ordering = ["registration", "question__position", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"],
                name="one_answer_per_question_per_registration",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.display_value()}"

    def display_value(self) -> str:
        """The answer as a person reads it; choices from the prefetched rows
        (``prefetched_choices`` when the export loaded them so)."""
        kind = self.question.kind
        if kind in (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES):
            choices = getattr(self, "prefetched_choices", None)
            if choices is None:
                choices = self.choices.all()
            return ", ".join(choice.label for choice in choices)
        if kind == QuestionKind.YES_NO:
            if self.yes_no is None:
                return ""
            return gettext("yes") if self.yes_no else gettext("no")
        if kind == QuestionKind.NUMBER:
            return "" if self.number is None else f"{self.number.normalize():f}"
        if kind == QuestionKind.DATE:
            return self.date.isoformat() if self.date else ""
        if kind == QuestionKind.FILE:
            return gettext("(file)") if self.file else ""
        if kind == QuestionKind.COUNTRY and self.text:
            return countries.name(self.text) or self.text
        return self.text


class AnswerChoice(models.Model):
    """A choice an answer picked; an answered choice cannot be deleted."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("chosen choice")
        verbose_name_plural = _("chosen choices")
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "choice"], name="choice_picked_once_per_answer"
            ),
        ]

    def __str__(self):
        return str(self.choice)


def _modes(modes):
    return [(mode.value, mode.label) for mode in modes]


class BuiltInFields(models.Model):
    """How a meeting's registration form asks some of its own fields.

    Without a row, the form asks them as it always has (the defaults).
    """

    meeting = models.OneToOneField(
        "consultation.Meeting",
        on_delete=models.CASCADE,
        related_name="built_in_fields",
        verbose_name=_("meeting"),
    )
    visa_section = models.CharField(
        _("visa support letter and passport details"),
        max_length=20,
        choices=_modes(VISA_SECTION_MODES),
        default=BuiltInMode.OPTIONAL,
        help_text=_("Not asked, e.g. for a virtual meeting."),
    )
    photo = models.CharField(
        _("badge photo"),
        max_length=20,
        choices=_modes(PHOTO_MODES),
        default=BuiltInMode.OPTIONAL,
    )
    gender = models.CharField(
        _("gender"),
        max_length=20,
        choices=_modes(GENDER_MODES),
        default=BuiltInMode.OPTIONAL,
        help_text=_("When asked, “prefer not to say” is always a choice."),
    )
    date_of_birth = models.CharField(
        _("date of birth"),
        max_length=20,
        choices=_modes(DATE_OF_BIRTH_MODES),
        default=BuiltInMode.VISA_ONLY,
        help_text=_(
            "Always required with a visa letter request, which needs it; hide the "
            "visa section not to ask it at all."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("built-in fields of the registration form")
        verbose_name_plural = _("built-in fields of the registration forms")
        constraints = [
            models.CheckConstraint(
                condition=Q(visa_section__in=[m.value for m in VISA_SECTION_MODES]),
                name="built_in_visa_section_mode_valid",
            ),
            models.CheckConstraint(
                condition=Q(photo__in=[m.value for m in PHOTO_MODES]),
                name="built_in_photo_mode_valid",
            ),
            models.CheckConstraint(
                condition=Q(gender__in=[m.value for m in GENDER_MODES]),
                name="built_in_gender_mode_valid",
            ),
            models.CheckConstraint(
                condition=Q(date_of_birth__in=[m.value for m in DATE_OF_BIRTH_MODES]),
                name="built_in_date_of_birth_mode_valid",
            ),
        ]

    def __str__(self):
        return str(self.meeting)

    @property
    def offers_visa_letters(self):
        return self.visa_section != BuiltInMode.HIDDEN

    @property
    def asks_date_of_birth_of_everyone(self):
        return self.date_of_birth != BuiltInMode.VISA_ONLY
