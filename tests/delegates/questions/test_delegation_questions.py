"""Questions for each member on the delegation nomination form: the same engine,
asked where the question says."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from delegates.models import Answer, Delegation
from delegates.questions.enums import AskedAt, QuestionKind
from tests.delegates.delegations.test_nomination import nomination
from tests.delegates.nomination import member, nominate_url
from tests.factories import MeetingFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory()


@pytest.fixture
def flight(meeting):
    return QuestionFactory(
        meeting=meeting,
        label="Flight number",
        asked_at=AskedAt.DELEGATION_MEMBER,
        required=True,
    )


def answers(delegation):
    return {
        registration.family_name: {
            answer.question.label: answer.display_value()
            for answer in registration.answers.select_related("question")
        }
        for registration in delegation.members.all()
    }


def test_each_member_answers_the_questions_for_members(client, meeting, flight):
    client.post(
        nominate_url(meeting),
        nomination(
            member(0, role="head", family_name="Wong", **{flight.field_name: "TG 1"}),
            member(1, family_name="Chai", **{flight.field_name: "PG 2"}),
        ),
    )

    assert answers(Delegation.objects.get()) == {
        "Wong": {"Flight number": "TG 1"},
        "Chai": {"Flight number": "PG 2"},
    }


def test_a_required_member_question_is_an_error_on_that_member(client, meeting, flight):
    response = client.post(
        nominate_url(meeting),
        nomination(
            member(0, role="head", **{flight.field_name: "TG 1"}),
            member(1),
        ),
    )

    formset = response.context["formset"]
    assert formset.forms[1].errors[flight.field_name] == ["This field is required."]
    assert not Delegation.objects.exists()


def test_member_questions_are_not_on_the_registration_form_and_back(
    client, meeting, flight
):
    registration_question = QuestionFactory(meeting=meeting, label="Breakout group")

    registration_page = client.get(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    ).content.decode()
    nomination_page = client.get(nominate_url(meeting)).content.decode()

    assert "Flight number" not in registration_page
    assert "Breakout group" in registration_page
    assert "Flight number" in nomination_page
    assert registration_question.label not in nomination_page


def test_a_member_corrects_their_answer_from_their_private_link(
    client, meeting, flight
):
    client.post(
        nominate_url(meeting),
        nomination(member(0, role="head", **{flight.field_name: "TG 1"})),
    )
    registration = Delegation.objects.get().members.get()

    page = client.get(registration.get_private_url())

    assert page.context["form"].initial[flight.field_name] == "TG 1"
    assert list(Answer.objects.values_list("text", flat=True)) == ["TG 1"]


def test_the_database_refuses_a_file_question_for_members(meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionFactory(
            meeting=meeting,
            kind=QuestionKind.FILE,
            asked_at=AskedAt.DELEGATION_MEMBER,
        )
