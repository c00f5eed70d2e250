"""Which questions a submission shows: by category, by answers, nested."""

import pytest

from delegates.enums import ParticipantCategory
from delegates.questions.enums import QuestionKind
from delegates.questions.forms import shown_questions
from delegates.questions.selectors import offered_questions
from tests.factories import ChoiceFactory, QuestionFactory

pytestmark = pytest.mark.django_db

MEMBER = ParticipantCategory.MEMBER_STATE
NGO = ParticipantCategory.CIVIL_SOCIETY


@pytest.mark.parametrize(
    ("visit", "menu", "shown"),
    [
        (None, None, {"visit"}),
        (False, None, {"visit"}),
        (True, None, {"visit", "menu"}),
        (True, "standard", {"visit", "menu"}),
        (True, "special", {"visit", "menu", "diet"}),
        # The menu's answer counts only while the menu itself is shown.
        (False, "special", {"visit"}),
    ],
)
def test_nested_conditions_follow_the_answers(meeting, field_visit, visit, menu, shown):
    questions = offered_questions(meeting)
    values = {field_visit["visit"].pk: visit}
    if menu:
        values[field_visit["menu"].pk] = str(field_visit[menu].pk)

    result = shown_questions(questions, category=MEMBER, values=values)

    assert result == {field_visit[name].pk for name in shown}


@pytest.mark.parametrize(
    ("category", "shown"),
    [(MEMBER, {"everyone", "states"}), (NGO, {"everyone", "ngos", "ngo_detail"})],
)
def test_questions_by_category_and_their_dependents(meeting, category, shown):
    questions = {
        "everyone": QuestionFactory(meeting=meeting),
        "states": QuestionFactory(meeting=meeting, categories=[MEMBER]),
        "ngos": QuestionFactory(
            meeting=meeting, categories=[NGO], kind=QuestionKind.YES_NO
        ),
    }
    questions["ngo_detail"] = QuestionFactory(
        meeting=meeting, shown_if_question=questions["ngos"], shown_if_yes=True
    )

    result = shown_questions(
        offered_questions(meeting),
        category=category,
        values={questions["ngos"].pk: True},
    )

    assert result == {questions[name].pk for name in shown}


def test_an_archived_trigger_takes_its_dependents_off_the_form(meeting, field_visit):
    field_visit["visit"].archived = True
    field_visit["visit"].save()
    everyone = QuestionFactory(meeting=meeting, position=9)

    assert offered_questions(meeting) == [everyone]


def test_several_choices_show_a_question_when_any_named_choice_is_ticked(meeting):
    groups = QuestionFactory(meeting=meeting, kind=QuestionKind.SEVERAL_CHOICES)
    trade, climate, health = (
        ChoiceFactory(question=groups, label=label)
        for label in ("Trade", "Climate", "Health")
    )
    follow_up = QuestionFactory(meeting=meeting, shown_if_question=groups)
    follow_up.shown_if_choices.set([climate, health])
    questions = offered_questions(meeting)

    def shown(*ticked):
        values = {groups.pk: [str(choice.pk) for choice in ticked]}
        return follow_up.pk in shown_questions(
            questions, category=MEMBER, values=values
        )

    assert (shown(), shown(trade), shown(trade, health), shown(climate)) == (
        False,
        False,
        True,
        True,
    )
