"""Questions for delegation members limited to some participant categories.

A member's category is their delegation's: chosen beside the member rows on the
nomination form (each row then shows the questions for it, by the script and
on the server), known on the focal point's page. An answer to a question not
asked of that category, or whose condition is unmet, is dropped, never stored.
"""

import pytest
from django.urls import reverse

from delegates.models import Answer, Delegation, Registration
from delegates.questions.enums import AskedAt, QuestionKind
from delegates.tokens import make_delegation_token
from tests.delegates.delegations.test_management import (
    add_form,
    delegation_with_head,
    member_row,
)
from tests.delegates.delegations.test_nomination import nomination
from tests.delegates.nomination import member, nominate_url
from tests.factories import MeetingFactory, QuestionFactory

pytestmark = pytest.mark.django_db

GOVERNMENT = ["member_state", "associate_member"]


@pytest.fixture
def meeting():
    return MeetingFactory()


@pytest.fixture
def questions(meeting):
    """Governments: "Will you speak?" -> "On which item?" (required when shown);
    civil society: the accreditation number (required)."""
    speaks = QuestionFactory(
        meeting=meeting,
        label="Will you speak in the general debate?",
        kind=QuestionKind.YES_NO,
        asked_at=AskedAt.DELEGATION_MEMBER,
        categories=GOVERNMENT,
    )
    item = QuestionFactory(
        meeting=meeting,
        label="On which agenda item?",
        asked_at=AskedAt.DELEGATION_MEMBER,
        required=True,
        shown_if_question=speaks,
        shown_if_yes=True,
    )
    accreditation = QuestionFactory(
        meeting=meeting,
        label="ECOSOC accreditation number",
        asked_at=AskedAt.DELEGATION_MEMBER,
        categories=["civil_society"],
        required=True,
    )
    return {"speaks": speaks, "item": item, "accreditation": accreditation}


def every_answer(questions, *, speaks="yes"):
    return {
        questions["speaks"].field_name: speaks,
        questions["item"].field_name: "Item 3",
        questions["accreditation"].field_name: "ECOSOC-123",
    }


def stored(family_name):
    return {
        answer.question.label: answer.display_value()
        for answer in Answer.objects.filter(
            registration__family_name=family_name
        ).select_related("question")
    }


def civil_society_nomination(*members):
    return nomination(*members, category="civil_society", country="", name="NGO One")


@pytest.mark.parametrize(
    ("category", "speaks", "expected"),
    [
        (
            "member_state",
            "yes",
            {
                "Will you speak in the general debate?": "yes",
                "On which agenda item?": "Item 3",
            },
        ),
        ("member_state", "no", {"Will you speak in the general debate?": "no"}),
        ("civil_society", "yes", {"ECOSOC accreditation number": "ECOSOC-123"}),
        ("civil_society", "no", {"ECOSOC accreditation number": "ECOSOC-123"}),
    ],
)
def test_nomination_keeps_only_the_answers_shown_for_the_category_chosen(
    client, questions, meeting, category, speaks, expected
):
    row = member(
        0, role="head", family_name="Wong", **every_answer(questions, speaks=speaks)
    )
    data = (
        nomination(row) if category == "member_state" else civil_society_nomination(row)
    )

    client.post(nominate_url(meeting), data)

    assert Delegation.objects.get().category == category
    assert stored("Wong") == expected


def test_each_member_row_is_decided_on_its_own_answers(client, questions, meeting):
    client.post(
        nominate_url(meeting),
        nomination(
            member(0, role="head", family_name="Wong", **every_answer(questions)),
            member(1, family_name="Chai", **every_answer(questions, speaks="no")),
        ),
    )

    assert stored("Wong") == {
        "Will you speak in the general debate?": "yes",
        "On which agenda item?": "Item 3",
    }
    assert stored("Chai") == {"Will you speak in the general debate?": "no"}


def test_a_question_required_when_shown_is_an_error_on_that_row(
    client, questions, meeting
):
    response = client.post(
        nominate_url(meeting),
        nomination(
            member(0, role="head", **{questions["speaks"].field_name: "no"}),
            member(1, **{questions["speaks"].field_name: "yes"}),
        ),
    )

    rows = response.context["formset"].forms
    assert questions["item"].field_name not in rows[0].errors
    assert rows[1].errors[questions["item"].field_name] == [
        "Please answer this question."
    ]
    assert not Registration.objects.exists()


def test_a_question_for_another_category_is_not_required(client, questions, meeting):
    client.post(
        nominate_url(meeting),
        nomination(member(0, role="head", family_name="Wong")),
    )

    assert stored("Wong") == {}
    assert Delegation.objects.exists()


def test_civil_society_must_give_its_own_required_answer(client, questions, meeting):
    response = client.post(
        nominate_url(meeting), civil_society_nomination(member(0, role="head"))
    )

    (row,) = response.context["formset"].forms
    assert row.errors[questions["accreditation"].field_name] == [
        "Please answer this question."
    ]
    assert not Delegation.objects.exists()


def test_each_row_names_its_conditions_with_its_prefix(client, questions, meeting):
    page = client.get(nominate_url(meeting)).content.decode()

    speaks, item = questions["speaks"], questions["item"]
    assert f'data-shown-if="members-1-{speaks.field_name}"' in page
    assert f'name="members-1-{item.field_name}"' in page
    assert 'data-categories="member_state associate_member"' in page
    assert 'data-categories="civil_society"' in page
    assert "delegates/questions.js" in page


def test_focal_point_page_asks_only_the_questions_for_the_delegation(client, questions):
    delegation, _head = delegation_with_head(
        meeting=questions["speaks"].meeting, category="civil_society", country=""
    )

    page = client.get(delegation.get_manage_url()).content.decode()

    assert "ECOSOC accreditation number" in page
    assert "Will you speak in the general debate?" not in page
    assert "On which agenda item?" not in page


def test_focal_point_page_drops_answers_to_another_categorys_questions(
    client, questions
):
    delegation, _head = delegation_with_head(
        meeting=questions["speaks"].meeting, category="civil_society", country=""
    )

    client.post(
        delegation.get_manage_url(),
        add_form(member_row(0, family_name="Silva", **every_answer(questions))),
    )

    assert stored("Silva") == {"ECOSOC accreditation number": "ECOSOC-123"}


def test_replacing_a_member_asks_the_delegations_questions(client, questions):
    delegation, head = delegation_with_head(meeting=questions["speaks"].meeting)

    page = client.get(
        reverse(
            "delegates:delegation_replace_member",
            kwargs={
                "meeting_slug": delegation.meeting.slug,
                "token": make_delegation_token(delegation),
                "member_id": head.pk,
            },
        )
    )

    fields = page.context["form"].fields
    assert questions["speaks"].field_name in fields
    assert questions["accreditation"].field_name not in fields
