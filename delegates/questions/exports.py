"""The answers to the registration questions as columns of the exports."""

from collections.abc import Callable

from django.db.models import Prefetch

from .models import Answer, Question


def answer_columns(queryset) -> list[tuple[str, Callable]]:
    """A header and a value per question of the meetings in the export, in order.

    Archived questions keep their column: their answers are kept. With several
    meetings, each header names its meeting.
    """
    questions = list(
        Question.objects.filter(meeting__in=queryset.values("meeting"))
        .select_related("meeting")
        .order_by("meeting__start_date", "meeting", "position", "pk")
    )
    several_meetings = len({question.meeting_id for question in questions}) > 1
    return [
        (
            f"{question.meeting.short_name}: {question.label}"
            if several_meetings
            else question.label,
            _answer_value(question.pk),
        )
        for question in questions
    ]


def _answer_value(question_pk):
    def value(registration, labels):
        for answer in registration.prefetched_answers:
            if answer.question_id == question_pk:
                return answer.display_value()
        return ""

    return value


def with_answers(queryset, *, columns):
    """The registrations with their answers (and chosen choices) prefetched.

    Prefetching works chunk by chunk with ``iterator(chunk_size=...)``: two
    queries per chunk of rows, never one per row; none without answer columns.
    """
    if not columns:
        return queryset
    return queryset.prefetch_related(
        Prefetch(
            "answers",
            # Choices in a list of their own: a related manager per answer
            # (the plain prefetch) costs more than the rest of the row.
            queryset=Answer.objects.select_related("question").prefetch_related(
                Prefetch("choices", to_attr="prefetched_choices")
            ),
            to_attr="prefetched_answers",
        )
    )
