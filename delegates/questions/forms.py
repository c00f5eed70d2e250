"""The registration questions as form fields, and which of them a submission shows.

Every question offered is a field of the registration form. The server decides
what is shown, from the submitted category and answers: a question not shown is
never stored and never required, whatever the browser sent. A small script
(static/delegates/questions.js) shows and hides them as the delegate answers;
without it every question is on the page, each saying when it applies.
"""

import io

from crispy_forms.layout import Div, Fieldset
from django import forms
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from phonenumber_field.formfields import PhoneNumberField
from pypdf import PdfReader

from consultation.widgets import LongSelect

from ..enums import ParticipantCategory
from ..tokens import make_registration_token
from ..uploads.validation import MAX_PHOTO_BYTES, clean_badge_photo
from .enums import CHOICE_KINDS, AskedAt, QuestionKind
from .selectors import answers_of, offered_questions

SHORT_TEXT_MAX_LENGTH = 300
LONG_TEXT_MAX_LENGTH = 2000
MAX_PDF_PAGES = 20
ACCEPTED_FILES = "application/pdf,image/jpeg,image/png,image/webp"
YES, NO = "yes", "no"
CATEGORY_LABELS = dict(ParticipantCategory.choices)


def question_field(question) -> forms.Field:
    """The form field that asks the question (never required by itself)."""
    common = {"label": question.label, "required": False}
    kind = question.kind
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=SHORT_TEXT_MAX_LENGTH, **common)
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(
            max_length=LONG_TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 3}),
            **common,
        )
    if kind == QuestionKind.NUMBER:
        return forms.DecimalField(
            max_digits=12,
            decimal_places=3,
            min_value=question.min_value,
            max_value=question.max_value,
            **common,
        )
    if kind == QuestionKind.YES_NO:
        return forms.TypedChoiceField(
            choices=[(YES, _("Yes")), (NO, _("No"))],
            coerce=lambda value: value == YES,
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    if kind in CHOICE_KINDS:
        choices = [(str(choice.pk), choice.label) for choice in question.choices.all()]
        error = {
            "invalid_choice": _(
                "This choice is not offered; please choose one from the list."
            )
        }
        if kind == QuestionKind.ONE_CHOICE:
            return forms.ChoiceField(
                choices=choices,
                widget=forms.RadioSelect,
                error_messages=error,
                **common,
            )
        return forms.MultipleChoiceField(
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages=error,
            **common,
        )
    if kind == QuestionKind.DATE:
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **common,
        )
    if kind == QuestionKind.COUNTRY:
        return forms.ChoiceField(
            choices=[("", "---------"), *countries],
            widget=LongSelect,
            **common,
        )
    if kind == QuestionKind.EMAIL:
        return forms.EmailField(max_length=254, **common)
    if kind == QuestionKind.PHONE:
        return PhoneNumberField(max_length=40, **common)
    return forms.FileField(
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}), **common
    )


def condition_text(question, by_pk) -> str:
    """When a question applies, in words, for a page seen without the script."""
    parts = []
    if question.categories:
        parts.append(
            gettext("Only for: %(categories)s.")
            % {
                "categories": ", ".join(
                    str(CATEGORY_LABELS.get(category, category))
                    for category in question.categories
                )
            }
        )
    trigger = by_pk.get(question.shown_if_question_id)
    if trigger is not None:
        parts.append(
            gettext("Only if you answered “%(answer)s” to “%(question)s”.")
            % {
                "answer": " / ".join(trigger_values_labels(question, trigger)),
                "question": trigger.label,
            }
        )
    return " ".join(parts)


def trigger_values_labels(question, trigger) -> list[str]:
    if trigger.kind == QuestionKind.YES_NO:
        return [gettext("Yes") if question.shown_if_yes else gettext("No")]
    wanted = {choice.pk for choice in question.shown_if_choices.all()}
    return [choice.label for choice in trigger.choices.all() if choice.pk in wanted]


def trigger_values(question, trigger) -> list[str]:
    """The submitted values of the trigger question that show the question."""
    if trigger.kind == QuestionKind.YES_NO:
        return [YES if question.shown_if_yes else NO]
    return [str(choice.pk) for choice in question.shown_if_choices.all()]


def shown_questions(questions, *, category, values) -> set[int]:
    """The ids of the questions a submission shows.

    ``values`` maps a question id to its submitted (cleaned) value. A question is
    shown when it is for the category and, if it has a condition, the question it
    depends on is shown and was answered with one of the values named.
    """
    by_pk = {question.pk: question for question in questions}
    decided = {}

    def is_shown(question, seen):
        if question.pk in decided:
            return decided[question.pk]
        shown = question.is_for_category(category)
        if shown and question.shown_if_question_id is not None:
            trigger = by_pk.get(question.shown_if_question_id)
            shown = (
                trigger is not None
                and trigger.pk not in seen
                and is_shown(trigger, seen | {question.pk})
                and _answered_with(
                    values.get(trigger.pk), trigger_values(question, trigger)
                )
            )
        decided[question.pk] = shown
        return shown

    return {question.pk for question in questions if is_shown(question, frozenset())}


def _answered_with(value, wanted) -> bool:
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        given = {YES if value else NO}
    elif isinstance(value, (list, tuple)):
        given = {str(item) for item in value}
    else:
        given = {str(value)}
    return bool(given & set(wanted))


def clean_answer_file(upload):
    """Accept a readable, unencrypted PDF, or an image checked as badge photos are.

    An image is re-encoded (no metadata kept); a PDF is kept as sent.
    """
    upload.seek(0)
    if upload.read(5) != b"%PDF-":
        upload.seek(0)
        return clean_badge_photo(upload)
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(megabytes)d MB."),
            code="file_too_large",
            params={"megabytes": MAX_PHOTO_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    try:
        reader = PdfReader(io.BytesIO(upload.read()))
        unreadable = reader.is_encrypted or not 1 <= len(reader.pages) <= MAX_PDF_PAGES
    except Exception:  # pypdf raises many types on a malformed file.
        unreadable = True
    finally:
        upload.seek(0)
    if unreadable:
        raise ValidationError(
            _(
                "This PDF could not be read: it must open without a password and "
                "have 1 to %(pages)d pages."
            ),
            code="file_unreadable",
            params={"pages": MAX_PDF_PAGES},
        )
    return upload


class QuestionFieldsMixin:
    """Give a registration form the meeting's questions, and clean their answers.

    After validation, ``answers()`` maps every offered question to its value: None
    for a question the submission does not show (its answer, if any, goes).
    """

    # Where the form asks its questions (AskedAt): on which registration form,
    # at which side event's sign-up; and, when the form's category is known
    # before it is shown, only the questions for that category.
    questions_asked_at = AskedAt.REGISTRATION
    meeting_form = None
    question_side_event = None
    offered_category = None

    def add_question_fields(self):
        self.questions = offered_questions(
            self.meeting,
            form=self.meeting_form,
            asked_at=self.questions_asked_at,
            side_event=self.question_side_event,
            category=self.offered_category,
        )
        self._answers = {}
        instance = getattr(self, "instance", None)
        on_file = answers_of(instance) if instance is not None and instance.pk else {}
        by_pk = {question.pk: question for question in self.questions}
        for question in self.questions:
            field = question_field(question)
            always_shown = (
                not question.categories or self.offered_category is not None
            ) and not question.shown_if_question_id
            field.required = question.required and always_shown
            field.help_text = " ".join(
                part
                for part in (question.help_text, condition_text(question, by_pk))
                if part
            )
            self.fields[question.field_name] = field
            if question.pk in on_file:
                answer = on_file[question.pk]
                answer.registration = instance
                self.initial[question.field_name] = initial_value(question, answer)

    def question_fieldsets(self) -> list:
        """The questions grouped by section, each in a box the script can hide."""
        by_pk = {question.pk: question for question in self.questions}
        sections = {}
        for question in self.questions:
            attributes = {"css_class": "registration-question"}
            if question.categories:
                attributes["data_categories"] = " ".join(question.categories)
            trigger = by_pk.get(question.shown_if_question_id)
            if trigger is not None:
                # A formset's row names its fields with the row's prefix.
                attributes["data_shown_if"] = self.add_prefix(trigger.field_name)
                attributes["data_shown_if_values"] = " ".join(
                    trigger_values(question, trigger)
                )
            section = question.section or gettext("Further questions")
            sections.setdefault(section, []).append(
                Div(question.field_name, **attributes)
            )
        return [Fieldset(title, *boxes) for title, boxes in sections.items()]

    def clean_answers(self, cleaned_data):
        """Keep the answers the submission shows; drop the others and their errors."""
        values = {
            question.pk: cleaned_data.get(question.field_name)
            for question in self.questions
        }
        shown = shown_questions(
            self.questions,
            category=self.answering_category(cleaned_data),
            values=values,
        )
        self._answers = {}
        for question in self.questions:
            name = question.field_name
            if question.pk not in shown:
                self._errors.pop(name, None)
                cleaned_data.pop(name, None)
                self._answers[question] = None
                continue
            value = values[question.pk]
            if name in self._errors:
                continue
            if (
                question.kind == QuestionKind.FILE
                and value
                and name in self.changed_data
            ):
                try:
                    value = clean_answer_file(value)
                except ValidationError as error:
                    self.add_error(name, error)
                    continue
            if question.required and _is_empty(question, value):
                self.add_error(
                    name,
                    ValidationError(_("Please answer this question."), code="required"),
                )
                continue
            self._answers[question] = self._as_answer(question, value)

    def answering_category(self, cleaned_data):
        """The participant category the questions are shown for: the one chosen
        on the form, or the one it was given."""
        return self.offered_category or cleaned_data.get("category")

    def _as_answer(self, question, value):
        if question.kind in CHOICE_KINDS:
            by_pk = {str(choice.pk): choice for choice in question.choices.all()}
            picked = value if isinstance(value, list) else [value] if value else []
            return [by_pk[pk] for pk in picked]
        return value

    def answers(self) -> dict:
        """Each offered question and its cleaned answer (None: not shown)."""
        return dict(self._answers)


def _is_empty(question, value) -> bool:
    if question.kind == QuestionKind.YES_NO:
        return value is None  # "No" is an answer
    # A cleared file is False; a number 0 is an answer.
    return value is None or value is False or value in ("", [])


def initial_value(question, answer):
    """An answer as the question's field shows it again."""
    kind = question.kind
    if kind in CHOICE_KINDS:
        picked = [str(choice.pk) for choice in answer.choices.all()]
        return (
            picked if kind == QuestionKind.SEVERAL_CHOICES else next(iter(picked), "")
        )
    if kind == QuestionKind.YES_NO:
        return None if answer.yes_no is None else (YES if answer.yes_no else NO)
    if kind == QuestionKind.NUMBER:
        return answer.number
    if kind == QuestionKind.DATE:
        return answer.date
    if kind == QuestionKind.FILE:
        return OwnAnswerFile(answer) if answer.file else None
    return answer.text


class OwnAnswerFile(FieldFile):
    """A file sent as an answer, whose link opens it through the private link.

    The stored file's own address is the staff view's; beside "Currently" the
    correction form links to this one instead, named for what it is. It keeps
    the stored name, so an unchanged answer compares equal to the one on file.
    """

    def __init__(self, answer):
        super().__init__(answer, answer.file.field, answer.file.name)
        self.answer = answer

    def __str__(self):
        return gettext("the file you sent")

    @property
    def url(self):
        registration = self.answer.registration
        return reverse(
            "delegates:own_answer_file",
            kwargs={
                "meeting_slug": registration.meeting.slug,
                "token": make_registration_token(registration),
                "question_id": self.answer.question_id,
            },
        )
