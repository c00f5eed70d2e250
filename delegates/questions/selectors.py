"""Reads of the registration questions: the ones a form asks, and their state."""

import dataclasses

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q
from django.utils.translation import gettext

from ..enums import OPEN_STATUSES, RegistrationStatus
from .enums import TRIGGER_KINDS, AskedAt, QuestionKind
from .models import Answer, BuiltInFields, Choice, MeetingForm, Question

# An answer's choices with what their labels fall back by (translation.py).
CHOICES_WITH_MEETING = Prefetch(
    "choices", queryset=Choice.objects.select_related("question__meeting")
)


def offered_questions(
    meeting,
    *,
    form=None,
    asked_at=AskedAt.REGISTRATION,
    side_event=None,
    category=None,
) -> list[Question]:
    """The meeting's questions still asked where ``asked_at`` says (on
    ``form``, for the registration forms; at ``side_event``'s sign-up), in
    order, with choices; given a ``category``, only those for it.

    A question asked on no form in particular is asked on every form. A
    question that depends, even through others, on an archived one, one not
    asked on the form or one not for the category can never be shown, so it is
    not offered either. Three queries, whatever the number of questions.
    """
    questions = Question.objects.filter(
        meeting=meeting, archived=False, asked_at=asked_at
    )
    if asked_at == AskedAt.SIDE_EVENT:
        questions = questions.filter(side_event=side_event)
    if form is not None:
        asked_on_form = MeetingForm.questions.through.objects.filter(
            question=OuterRef("pk")
        )
        questions = questions.filter(
            ~Exists(asked_on_form) | Exists(asked_on_form.filter(meetingform=form))
        )
    questions = list(
        questions.prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("position", "pk")),
            Prefetch(
                "shown_if_choices", queryset=Choice.objects.only("pk", "question")
            ),
        ).order_by("position", "pk")
    )
    for question in questions:
        # Its texts fall back to the meeting's main language (translation.py).
        question.meeting = meeting
    offered = {
        question.pk
        for question in questions
        if category is None or question.is_for_category(category)
    }
    while True:
        unreachable = {
            question.pk
            for question in questions
            if question.shown_if_question_id is not None
            and question.shown_if_question_id not in offered
        }
        if not unreachable & offered:
            break
        offered -= unreachable
    return [question for question in questions if question.pk in offered]


def default_form(meeting) -> MeetingForm | None:
    """The form at the meeting's registration address; None: the meeting's own."""
    forms = with_places_taken(
        MeetingForm.objects.filter(meeting=meeting, is_default=True)
    )
    return _given_meeting(forms.first(), meeting)


def form_by_slug(meeting, slug) -> MeetingForm | None:
    """The meeting's form of this slug, with its places taken."""
    forms = with_places_taken(MeetingForm.objects.filter(meeting=meeting, slug=slug))
    return _given_meeting(forms.first(), meeting)


def _given_meeting(form, meeting):
    """Give the form the meeting read already: its dates fall back to the
    meeting's without a query (and without joining its many columns)."""
    if form is not None:
        form.meeting = meeting
    return form


def form_of(registration) -> MeetingForm | None:
    """The form a registration is corrected with: its own, else the default."""
    if registration.form_id is not None:
        return registration.form
    return default_form(registration.meeting)


def meeting_forms(meeting) -> list[MeetingForm]:
    """The meeting's forms in order, with their places taken (one query)."""
    forms = with_places_taken(MeetingForm.objects.filter(meeting=meeting))
    return [_given_meeting(form, meeting) for form in forms.order_by("position", "pk")]


def forms_state(meeting) -> str:
    """Name the state of the meeting's forms: their rows, which are open now,
    which are full (a form opens and closes by the clock)."""
    return "f" + ",".join(
        f"{form.pk}:{form.updated_at.timestamp():.6f}:{form.registration_state()}"
        f":{form.is_full}"
        for form in meeting_forms(meeting)
    )


def with_places_taken(forms):
    """Annotate each form with ``places_taken``: its registrations not ended."""
    return forms.annotate(
        places_taken=Count(
            "registrations", filter=Q(registrations__status__in=OPEN_STATUSES)
        )
    )


def built_in_fields(meeting) -> BuiltInFields:
    """How the meeting's form asks its own fields (the defaults without a row)."""
    return BuiltInFields.objects.filter(meeting=meeting).first() or BuiltInFields(
        meeting=meeting
    )


def questions_state(meeting) -> str:
    """Name the state of the meeting's questions, choices and built-in fields.

    Saving a question (the admin saves it with its choices) moves its
    ``updated_at``; adding or removing one changes the count.
    """
    built_in = (
        BuiltInFields.objects.filter(meeting=meeting)
        .values_list("updated_at", flat=True)
        .first()
    )
    state = Question.objects.filter(meeting=meeting).aggregate(
        count=Count("pk", distinct=True),
        changed=Max("updated_at"),
        choices=Count("choices", distinct=True),
    )
    changed = state["changed"].timestamp() if state["changed"] else 0
    built_in_changed = built_in.timestamp() if built_in else 0
    return f"q{state['count']}-{state['choices']}-{changed:.6f}-{built_in_changed:.6f}"


def answers_of(registration) -> dict[int, Answer]:
    """The registration's answers by question id, with their choices loaded."""
    answers = (
        Answer.objects.filter(registration=registration)
        .select_related("question__meeting")
        .prefetch_related(CHOICES_WITH_MEETING)
    )
    return {answer.question_id: answer for answer in answers}


def answers_in_order(registration) -> list[Answer]:
    """The registration's answers in the form's order, for its summary (those
    given at side events' sign-ups are shown with their side event)."""
    return list(
        Answer.objects.filter(registration=registration, question__side_event=None)
        .select_related("question__meeting")
        .prefetch_related(CHOICES_WITH_MEETING)
        .order_by("question__position", "pk")
    )


@dataclasses.dataclass(frozen=True)
class Tally:
    """How many seated (submitted, approved, waitlisted) and approved people gave
    an answer; the statistics page's tables read these three."""

    label: str
    seated: int
    approved: int


def answer_tallies(meeting) -> list[tuple[str, list[Tally]]]:
    """How many seated and approved people gave each answer to each yes/no or
    choice question still asked, in form order; three queries in all."""
    seated = Q(answers__registration__status__in=OPEN_STATUSES)
    approved = Q(answers__registration__status=RegistrationStatus.APPROVED)
    questions = list(
        Question.objects.filter(
            meeting=meeting, archived=False, kind__in=TRIGGER_KINDS
        ).order_by("position", "pk")
    )
    choices = {}
    for choice in (
        Choice.objects.filter(question__in=questions)
        .annotate(
            seated=Count("answers", filter=seated),
            approved=Count("answers", filter=approved),
        )
        .order_by("position", "pk")
    ):
        choices.setdefault(choice.question_id, []).append(
            Tally(choice.label, choice.seated, choice.approved)
        )
    yes_no = {
        (row["question"], row["yes_no"]): row
        for row in Answer.objects.filter(
            question__in=questions, question__kind=QuestionKind.YES_NO
        )
        .values("question", "yes_no")
        .annotate(
            seated=Count("pk", filter=Q(registration__status__in=OPEN_STATUSES)),
            approved=Count(
                "pk", filter=Q(registration__status=RegistrationStatus.APPROVED)
            ),
        )
        .order_by()
    }
    tallies = []
    for question in questions:
        if question.kind == QuestionKind.YES_NO:
            rows = []
            for value, label in ((True, gettext("Yes")), (False, gettext("No"))):
                row = yes_no.get((question.pk, value), {"seated": 0, "approved": 0})
                rows.append(Tally(label, row["seated"], row["approved"]))
        else:
            rows = choices.get(question.pk, [])
        tallies.append((question.label, rows))
    return tallies


def side_event_answers(registration) -> dict[int, list[Answer]]:
    """The registration's answers given at side events' sign-ups, in order, by
    side event id (one query, and one for their choices)."""
    answers = (
        Answer.objects.filter(
            registration=registration, question__side_event__isnull=False
        )
        .select_related("question__meeting")
        .prefetch_related(CHOICES_WITH_MEETING)
        .order_by("question__position", "pk")
    )
    by_side_event = {}
    for answer in answers:
        by_side_event.setdefault(answer.question.side_event_id, []).append(answer)
    return by_side_event
