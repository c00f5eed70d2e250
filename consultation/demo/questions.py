"""The demo meeting's own registration questions, one of them conditional."""

from delegates.enums import ParticipantCategory
from delegates.models import Choice, Question
from delegates.questions.enums import QuestionKind

from .common import update_if_changed

BREAKOUT_GROUPS = ["Trade and investment", "Digital cooperation", "Climate resilience"]


def load_questions(meeting) -> list[Question]:
    """The demo's questions in form order; found again by meeting and label.

    "Dietary needs for the field visit lunch" is asked only of those who answer
    yes to the field visit; interpretation only of government delegates.
    """
    field_visit, _ = update_if_changed(
        Question,
        meeting=meeting,
        label="Will you join the field visit on day 3?",
        defaults={
            "position": 1,
            "section": "Field visit",
            "kind": QuestionKind.YES_NO,
            "required": True,
            "help_text": "A visit to a South-South cooperation project near Bangkok.",
        },
    )
    lunch, _ = update_if_changed(
        Question,
        meeting=meeting,
        label="Dietary needs for the field visit lunch",
        defaults={
            "position": 2,
            "section": "Field visit",
            "kind": QuestionKind.SHORT_TEXT,
            "shown_if_question": field_visit,
            "shown_if_yes": True,
        },
    )
    breakout, _ = update_if_changed(
        Question,
        meeting=meeting,
        label="Which breakout group would you join?",
        defaults={
            "position": 3,
            "section": "Breakout groups",
            "kind": QuestionKind.ONE_CHOICE,
        },
    )
    for position, label in enumerate(BREAKOUT_GROUPS):
        update_if_changed(
            Choice, question=breakout, label=label, defaults={"position": position}
        )
    interpretation, _ = update_if_changed(
        Question,
        meeting=meeting,
        label="Do you need interpretation into Russian?",
        defaults={
            "position": 4,
            "section": "Interpretation",
            "kind": QuestionKind.YES_NO,
            "categories": [
                ParticipantCategory.MEMBER_STATE.value,
                ParticipantCategory.ASSOCIATE_MEMBER.value,
            ],
        },
    )
    return [field_visit, lunch, breakout, interpretation]
