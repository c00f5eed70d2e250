"""Reads of the registration questions: the ones a form asks, and their state."""

import dataclasses

from django.db.models import Count, Max, Prefetch, Q
from django.utils.translation import gettext

from ..enums import OPEN_STATUSES, RegistrationStatus
from .enums import TRIGGER_KINDS, QuestionKind
from .models import Answer, BuiltInFields, Choice, Question


def offered_questions(meeting) -> list[Question]:
    """The meeting's questions still asked, in order, with their choices loaded.

    A question that depends, even through others, on an archived one can never
    be shown, so it is not offered either. Three queries, whatever the number
    of questions.
    """
    questions = list(
        Question.objects.filter(meeting=meeting, archived=False)
        .prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("position", "pk")),
            Prefetch(
                "shown_if_choices", queryset=Choice.objects.only("pk", "question")
            ),
        )
        .order_by("position", "pk")
    )
    offered = {question.pk for question in questions}
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
        .select_related("question")
        .prefetch_related("choices")
    )
    return {answer.question_id: answer for answer in answers}


def answers_in_order(registration) -> list[Answer]:
    """The registration's answers in the form's order, for its summary."""
    return list(
        Answer.objects.filter(registration=registration)
        .select_related("question")
        .prefetch_related("choices")
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
