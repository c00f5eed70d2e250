"""The audit trail keeps each wording of a question, as delegates saw it."""

import pytest

from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_a_reworded_question_keeps_its_earlier_wording(meeting):
    question = QuestionFactory(meeting=meeting, label="Flight number")

    question.label = "Arrival flight number"
    question.save()

    assert [record.label for record in question.history.order_by("history_id")] == [
        "Flight number",
        "Arrival flight number",
    ]
