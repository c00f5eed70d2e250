import pytest

from delegates.questions.enums import QuestionKind
from tests.factories import ChoiceFactory, QuestionFactory


@pytest.fixture
def field_visit(meeting):
    """The demo's chain: field visit? -> lunch menu -> which allergy, nested."""
    visit = QuestionFactory(
        meeting=meeting,
        position=1,
        label="Will you join the field visit on day 3?",
        kind=QuestionKind.YES_NO,
    )
    menu = QuestionFactory(
        meeting=meeting,
        position=2,
        label="Lunch at the field visit",
        kind=QuestionKind.ONE_CHOICE,
        required=True,
        shown_if_question=visit,
        shown_if_yes=True,
    )
    standard = ChoiceFactory(question=menu, label="Standard")
    special = ChoiceFactory(question=menu, label="Special diet")
    diet = QuestionFactory(
        meeting=meeting,
        position=3,
        label="Dietary needs for the field visit lunch",
        kind=QuestionKind.LONG_TEXT,
        required=True,
        shown_if_question=menu,
    )
    diet.shown_if_choices.set([special])
    return {
        "visit": visit,
        "menu": menu,
        "standard": standard,
        "special": special,
        "diet": diet,
    }
