import pytest
from django.urls import reverse

from consultation.demo import load_demo_meeting
from delegates.models import Question

pytestmark = pytest.mark.django_db


def test_demo_form_asks_its_questions_once_with_the_conditional_lunch(client):
    meeting = load_demo_meeting().meeting
    load_demo_meeting()

    page = client.get(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    ).content.decode()

    questions = list(Question.objects.filter(meeting=meeting))
    assert [question.label for question in questions] == [
        "Will you join the field visit on day 3?",
        "Dietary needs for the field visit lunch",
        "Which breakout group would you join?",
        "Do you need interpretation into Russian?",
    ]
    lunch = questions[1]
    assert (lunch.shown_if_question, lunch.shown_if_yes) == (questions[0], True)
    assert "Dietary needs for the field visit lunch" in page
    assert "Digital cooperation" in page
