"""The organisers' question builder, and the answers on the registration pages."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from modeltranslation.utils import build_localized_fieldname

from consultation.admin_mixins import ReadOnlyHistoryAdmin
from consultation.content_languages import LANGUAGE_CODES
from consultation.widgets import TolerantAutocompleteAdmin

from ..enums import ParticipantCategory
from .enums import CHOICE_KINDS, TRIGGER_KINDS, AskedAt, QuestionKind
from .models import Answer, BuiltInFields, Choice, MeetingForm, Question
from .selectors import with_places_taken

LANGUAGE_NAMES = dict(settings.LANGUAGES)


class MainLanguageTextsForm(forms.ModelForm):
    """A form whose translated texts are required in the meeting's main language
    only (modeltranslation would require English, whatever the meeting's)."""

    # The translated fields that must be given, in the main language.
    main_language_texts = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.main_language_texts:
            for code in LANGUAGE_CODES:
                localized = build_localized_fieldname(name, code)
                if localized in self.fields:
                    self.fields[localized].required = False

    def clean(self):
        cleaned_data = super().clean()
        meeting = cleaned_data.get("meeting")
        if meeting is None:
            return cleaned_data
        language = meeting.main_language
        for name in self.main_language_texts:
            localized = build_localized_fieldname(name, language)
            if localized in self.fields and not cleaned_data.get(localized):
                self.add_error(
                    localized,
                    ValidationError(
                        _("Give it in the meeting's main language, %(language)s."),
                        code="main_language_missing",
                        params={"language": LANGUAGE_NAMES[language]},
                    ),
                )
        return cleaned_data


class MeetingFormAdminForm(MainLanguageTextsForm):
    main_language_texts = ("name",)

    categories = forms.MultipleChoiceField(
        label=_("Participant categories offered"),
        choices=ParticipantCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every category."),
    )

    class Meta:
        model = MeetingForm
        fields = [
            "meeting",
            "name",
            "slug",
            "description",
            "position",
            "is_default",
            "opens_at",
            "closes_at",
            "capacity",
            "categories",
            "approval",
        ]

    def clean(self):
        cleaned_data = super().clean()
        meeting = cleaned_data.get("meeting")
        closes = cleaned_data.get("closes_at")
        opens = cleaned_data.get("opens_at") or (meeting and meeting.registration_opens)
        if opens and closes is not None and closes <= opens:
            self.add_error("closes_at", _("The form must close after it opens."))
        return cleaned_data


@admin.register(MeetingForm)
class MeetingFormAdmin(TolerantAutocompleteAdmin, TranslationAdmin):
    form = MeetingFormAdminForm
    list_display = [
        "name",
        "meeting",
        "is_default",
        "opens_at",
        "closes_at",
        "capacity",
        "approval",
        "registration_count",
    ]
    list_filter = ["meeting", "approval"]
    list_select_related = ["meeting"]
    search_fields = ["name", "slug"]
    ordering = ["meeting", "position", "pk"]
    autocomplete_fields = ["meeting"]
    prepopulated_fields = {"slug": ["name_en"]}
    fieldsets = [
        (None, {"fields": ["meeting", "name", "slug", "description", "position"]}),
        (
            _("Who registers, and when"),
            {
                "fields": [
                    "is_default",
                    ("opens_at", "closes_at"),
                    "capacity",
                    "categories",
                    "attendance_offer",
                    "approval",
                ],
                "description": _(
                    "The form's questions are chosen on each question (“asked on "
                    "these forms”); a question asked on no form in particular is "
                    "asked on every form."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return with_places_taken(super().get_queryset(request))

    @admin.display(description=_("registrations"), ordering="places_taken")
    def registration_count(self, form):
        return form.places_taken

    def has_delete_permission(self, request, obj=None):
        """A form people registered with stays: its registrations name it."""
        if obj is not None and obj.registrations.exists():
            return False
        return super().has_delete_permission(request, obj)


class ConditionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, choice):
        return f"{choice.question.label}: {choice.label}"


class QuestionAdminForm(MainLanguageTextsForm):
    main_language_texts = ("label",)

    categories = forms.MultipleChoiceField(
        label=_("Shown only to these participant categories"),
        choices=ParticipantCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: shown to everyone."),
    )
    shown_if_choices = ConditionChoiceField(
        label=_("was answered with one of these choices"),
        queryset=Choice.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For a one-choice or several-choices question above."),
    )

    class Meta:
        model = Question
        fields = [
            "meeting",
            "position",
            "section",
            "label",
            "help_text",
            "kind",
            "required",
            "identity",
            "min_value",
            "max_value",
            "archived",
            "categories",
            "asked_at",
            "side_event",
            "forms",
            "shown_if_question",
            "shown_if_yes",
            "shown_if_choices",
        ]
        widgets = {"forms": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        triggers = Question.objects.filter(kind__in=TRIGGER_KINDS).select_related(
            "meeting"
        )
        choices = Choice.objects.filter(question__kind__in=CHOICE_KINDS).select_related(
            "question"
        )
        if self.instance.pk:
            triggers = triggers.filter(meeting=self.instance.meeting_id).exclude(
                pk=self.instance.pk
            )
            choices = choices.filter(question__meeting=self.instance.meeting_id)
        self.fields["shown_if_question"].queryset = triggers
        self.fields["shown_if_choices"].queryset = choices
        meeting_forms = MeetingForm.objects.select_related("meeting")
        if self.instance.pk:
            meeting_forms = meeting_forms.filter(meeting=self.instance.meeting_id)
        self.fields["forms"].queryset = meeting_forms

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        question = self.instance
        if (
            question.pk
            and kind != question.kind
            and Answer.objects.filter(question=question).exists()
        ):
            raise ValidationError(
                _(
                    "This question has answers, so its type cannot change: archive "
                    "it and add a new question instead."
                ),
                code="kind_locked",
            )
        return kind

    def clean(self):
        cleaned_data = super().clean()
        meeting = cleaned_data.get("meeting")
        trigger = cleaned_data.get("shown_if_question")
        wanted = list(cleaned_data.get("shown_if_choices") or [])
        yes = cleaned_data.get("shown_if_yes")
        if meeting is not None and any(
            form.meeting_id != meeting.pk for form in cleaned_data.get("forms") or ()
        ):
            self.add_error("forms", _("Choose forms of the question's meeting."))
        self._check_side_event(cleaned_data)
        if trigger is None:
            if wanted or yes is not None:
                self.add_error(
                    "shown_if_question",
                    _("Choose the question this one depends on, or no answer."),
                )
            return cleaned_data
        if meeting is not None and trigger.meeting_id != meeting.pk:
            self.add_error(
                "shown_if_question",
                _("The question it depends on must be of the same meeting."),
            )
            return cleaned_data
        side_event = cleaned_data.get("side_event")
        if trigger.asked_at != cleaned_data.get("asked_at") or (
            trigger.side_event_id != (side_event.pk if side_event else None)
        ):
            self.add_error(
                "shown_if_question",
                _("The question it depends on must be asked in the same place."),
            )
            return cleaned_data
        if trigger.kind == QuestionKind.YES_NO:
            if yes is None or wanted:
                self.add_error(
                    "shown_if_yes",
                    _("Say which answer, yes or no, shows this question."),
                )
        elif (
            not wanted
            or yes is not None
            or any(choice.question_id != trigger.pk for choice in wanted)
        ):
            self.add_error(
                "shown_if_choices",
                _("Tick one or more choices of “%(question)s”.")
                % {"question": trigger.label},
            )
        cycle = self._cycle(trigger)
        if cycle:
            self.add_error(
                "shown_if_question",
                _(
                    "This condition would go round in a circle (%(cycle)s): a "
                    "question cannot depend, even through others, on itself."
                )
                % {"cycle": " → ".join(cycle)},
            )
        return cleaned_data

    def _check_side_event(self, cleaned_data):
        """A side event's question names its side event, of the same meeting."""
        meeting = cleaned_data.get("meeting")
        side_event = cleaned_data.get("side_event")
        at_side_event = cleaned_data.get("asked_at") == AskedAt.SIDE_EVENT
        if at_side_event and side_event is None:
            self.add_error(
                "side_event", _("Choose the side event whose sign-up asks it.")
            )
        elif not at_side_event and side_event is not None:
            self.add_error(
                "side_event",
                _("Only a question asked at a side event's sign-up names one."),
            )
        elif (
            side_event is not None
            and meeting is not None
            and side_event.session.meeting_id != meeting.pk
        ):
            self.add_error(
                "side_event", _("Choose a side event of the question's meeting.")
            )

    def _cycle(self, trigger) -> list[str]:
        """The labels round the circle the condition would close, or none."""
        if self.instance.pk is None:
            return []
        parent_of = dict(
            Question.objects.filter(meeting=trigger.meeting_id).values_list(
                "pk", "shown_if_question"
            )
        )
        labels = dict(
            Question.objects.filter(meeting=trigger.meeting_id).values_list(
                "pk", "label"
            )
        )
        labels[self.instance.pk] = self.cleaned_data.get("label") or labels.get(
            self.instance.pk, ""
        )
        path = [self.instance.pk]
        current = trigger.pk
        while current is not None and current not in path:
            path.append(current)
            current = parent_of.get(current)
        if current != self.instance.pk:
            return []
        return [labels[pk] for pk in [*path, self.instance.pk]]


class ChoiceForm(forms.ModelForm):
    """A choice, labelled in one language at least (its question's main one is
    the fall-back for the others)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            self.fields[build_localized_fieldname("label", code)].required = False

    def clean(self):
        cleaned_data = super().clean()
        labels = [
            cleaned_data.get(build_localized_fieldname("label", code))
            for code in LANGUAGE_CODES
        ]
        if not any(labels):
            raise ValidationError(
                _("Give the choice a label."), code="choice_without_label"
            )
        return cleaned_data


class ChoiceInline(TranslationTabularInline):
    model = Choice
    form = ChoiceForm
    fields = ["label", "position"]
    extra = 3


@admin.register(Question)
class QuestionAdmin(TolerantAutocompleteAdmin, ReadOnlyHistoryAdmin, TranslationAdmin):
    form = QuestionAdminForm
    inlines = [ChoiceInline]
    list_display = [
        "label",
        "meeting",
        "position",
        "section",
        "kind",
        "required",
        "shown_if_question",
        "side_event",
        "archived",
    ]
    list_display_links = ["label"]
    list_filter = ["meeting", "asked_at", "side_event", "kind", "archived", "required"]
    list_select_related = ["meeting", "shown_if_question", "side_event__session"]
    search_fields = ["label", "section"]
    ordering = ["meeting", "position", "pk"]
    autocomplete_fields = ["meeting", "side_event"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "meeting",
                    ("position", "section"),
                    "label",
                    "help_text",
                    "kind",
                    ("required", "identity"),
                    ("min_value", "max_value"),
                    "archived",
                ]
            },
        ),
        (
            _("When it is asked"),
            {
                "fields": [
                    "asked_at",
                    "side_event",
                    "forms",
                    "categories",
                    "shown_if_question",
                    "shown_if_yes",
                    "shown_if_choices",
                ],
                "description": _(
                    "A question may depend on a yes/no or choice question of the "
                    "same meeting, which may depend on another in turn. Choices "
                    "are offered once the question is saved."
                ),
            },
        ),
    ]

    def has_delete_permission(self, request, obj=None):
        """A question with answers is archived, never deleted."""
        if obj is not None and obj.answers.exists():
            return False
        return super().has_delete_permission(request, obj)


class AnswerFilter(admin.SimpleListFilter):
    """Registrations whose answer to a choice or yes/no question is the one picked."""

    title = _("answer")
    parameter_name = "answer"

    def lookups(self, request, model_admin):
        # Answers are a meeting's own: offered once the list shows one meeting.
        meeting = request.GET.get("meeting__id__exact", "")
        if not meeting.isdigit():
            return []
        # One query: each yes/no question once, each choice question per choice.
        rows = (
            Question.objects.filter(
                meeting=meeting, archived=False, kind__in=TRIGGER_KINDS
            )
            .order_by("position", "pk", "choices__position", "choices__pk")
            .values_list("pk", "label", "kind", "choices__pk", "choices__label")
        )
        lookups = []
        for pk, label, kind, choice_pk, choice_label in rows:
            if kind == QuestionKind.YES_NO:
                lookups += [
                    (f"y{pk}", f"{label}: {gettext('yes')}"),
                    (f"n{pk}", f"{label}: {gettext('no')}"),
                ]
            elif choice_pk is not None:
                lookups.append((f"c{choice_pk}", f"{label}: {choice_label}"))
        return lookups

    def queryset(self, request, queryset):
        value = self.value() or ""
        kind, pk = value[:1], value[1:]
        if not pk.isdigit():
            return queryset
        answers = Answer.objects.filter(registration=OuterRef("pk"))
        if kind == "c":
            answers = answers.filter(choices=pk)
        elif kind in ("y", "n"):
            answers = answers.filter(question=pk, yes_no=kind == "y")
        else:
            return queryset
        return queryset.filter(Exists(answers))


class RegistrationAnswersAdminMixin:
    """The registration's answers to the meeting's questions, on its change page."""

    @admin.display(description=_("answers to the registration questions"))
    def registration_answers(self, registration):
        if registration.pk is None:
            return "—"
        answers = (
            Answer.objects.filter(registration=registration)
            .select_related("question__side_event__session")
            .prefetch_related("choices")
            .order_by("question__position", "pk")
        )
        if not answers:
            return _("None.")
        return format_html(
            '<dl class="registration-answers">{}</dl>',
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                (
                    (_question_heading(answer.question), _answer_html(answer))
                    for answer in answers
                ),
            ),
        )


def _question_heading(question):
    """The question's label; a side event's question says which side event."""
    if question.side_event is None:
        return question.label
    return gettext("%(side_event)s (side event): %(question)s") % {
        "side_event": question.side_event.session.title,
        "question": question.label,
    }


def _answer_html(answer):
    if answer.question.kind == QuestionKind.FILE and answer.file:
        return format_html(
            '<a href="{}">{}</a>', answer.file.url, gettext("Open the file")
        )
    return answer.display_value()


@admin.register(BuiltInFields)
class BuiltInFieldsAdmin(TolerantAutocompleteAdmin, admin.ModelAdmin):
    list_display = ["meeting", "visa_section", "photo", "gender", "date_of_birth"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting"]
    fields = ["meeting", "visa_section", "photo", "gender", "date_of_birth"]
