import pytest
from django.urls import reverse

from consultation.demo import load_demo_meeting
from delegates.models import Question
from delegates.questions.enums import AskedAt

pytestmark = pytest.mark.django_db


def test_demo_form_asks_its_questions_once_with_the_conditional_lunch(client):
    meeting = load_demo_meeting().meeting
    load_demo_meeting()

    page = client.get(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    ).content.decode()

    questions = list(
        Question.objects.filter(meeting=meeting, asked_at=AskedAt.REGISTRATION)
    )
    assert [question.label for question in questions] == [
        "Will you join the field visit on day 3?",
        "Dietary needs for the field visit lunch",
        "Which breakout group would you join?",
        "Do you need interpretation into Russian?",
        "Which network or constituency do you belong to?",
    ]
    lunch = questions[1]
    assert (lunch.shown_if_question, lunch.shown_if_yes) == (questions[0], True)
    assert "Dietary needs for the field visit lunch" in page
    assert "Digital cooperation" in page
    assert "Which network or constituency" not in page
    assert "Which session will you speak in?" not in page  # the DG Forum's


def test_demo_has_a_second_form_for_civil_society_with_its_own_question(client):
    meeting = load_demo_meeting().meeting
    load_demo_meeting()

    listed = client.get(
        reverse("delegates:registration_forms", kwargs={"meeting_slug": meeting.slug})
    ).content.decode()
    civil_society = client.get(
        reverse(
            "delegates:register_form",
            kwargs={"meeting_slug": meeting.slug, "form_slug": "civil-society"},
        )
    )

    assert "Government delegations and organisations</a>" in listed
    assert "Civil society</a>" in listed
    assert "Which network or constituency do you belong to?" in (
        civil_society.content.decode()
    )
    assert [
        value for value, _ in civil_society.context["form"].fields["category"].choices
    ] == ["", "civil_society"]
