"""The empty registration form stays kept, and shows an edited question."""

import pytest
from django.test import Client
from django.urls import reverse

from delegates.questions.models import Choice, Question
from tests.factories import ChoiceFactory, QuestionFactory
from tests.kept_pages import later_than_the_recheck, served_early

pytestmark = pytest.mark.django_db


def register_url(meeting):
    return reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})


def test_the_form_with_questions_is_kept_and_served_without_a_query(
    client, meeting, field_visit, django_assert_max_num_queries
):
    client.get(register_url(meeting))

    with django_assert_max_num_queries(0):
        again = Client().get(register_url(meeting))

    assert served_early(again)
    assert "Lunch at the field visit" in again.content.decode()


def test_a_question_edited_in_this_worker_shows_at_once(client, meeting, field_visit):
    client.get(register_url(meeting))
    menu = field_visit["menu"]

    menu.label = "Lunch on the field visit day"
    menu.save()
    ChoiceFactory(question=menu, label="Vegan")

    page = client.get(register_url(meeting)).content.decode()
    assert "Lunch on the field visit day" in page
    assert "Vegan" in page


@pytest.mark.parametrize("change", ["question", "choice", "added", "deleted"])
def test_a_question_edited_in_another_worker_shows_after_the_recheck(
    client, meeting, field_visit, change
):
    extra = QuestionFactory(meeting=meeting, label="Flight number", position=8)
    before = client.get(register_url(meeting)).content.decode()
    # Through another worker: only the database tells.
    if change == "question":
        Question.objects.filter(pk=field_visit["menu"].pk).update(label="Renamed")
        # The admin's save moves updated_at, as .update() does not.
        Question.objects.filter(pk=field_visit["menu"].pk).update(
            updated_at=field_visit["menu"].updated_at.replace(year=2099)
        )
        expected = "Renamed"
    elif change == "choice":
        Choice.objects.bulk_create(
            [Choice(question=field_visit["menu"], label="Vegan")]
        )
        expected = "Vegan"
    elif change == "added":
        Question.objects.bulk_create(
            [Question(meeting=meeting, position=9, label="Seat preference")]
        )
        expected = "Seat preference"
    else:
        Question.objects.filter(pk=extra.pk).delete()
        expected = None
    with later_than_the_recheck():
        after = client.get(register_url(meeting)).content.decode()

    assert "Flight number" in before
    if expected:
        assert expected not in before
        assert expected in after
    else:
        assert "Flight number" not in after
