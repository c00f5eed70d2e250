"""The question builder in the admin, and answers on the registration pages."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegates.questions.enums import QuestionKind
from delegates.questions.models import Answer, AnswerChoice, Question
from tests.factories import (
    ChoiceFactory,
    MeetingFactory,
    QuestionFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")


def change_url(question):
    return reverse("admin:delegates_question_change", args=[question.pk])


def question_post(question, **changes):
    """What the question's change form posts, with `changes`."""
    data = {
        "meeting": question.meeting_id,
        "position": question.position,
        "section_en": question.section,
        "label_en": question.label,
        "help_text_en": question.help_text,
        "kind": question.kind,
        "asked_at": question.asked_at,
        "shown_if_question": question.shown_if_question_id or "",
        "shown_if_yes": (
            "" if question.shown_if_yes is None else str(question.shown_if_yes)
        ),
        "choices-TOTAL_FORMS": "0",
        "choices-INITIAL_FORMS": "0",
    }
    choices = list(question.choices.all())
    data["choices-TOTAL_FORMS"] = data["choices-INITIAL_FORMS"] = str(len(choices))
    for index, choice in enumerate(choices):
        data[f"choices-{index}-id"] = choice.pk
        data[f"choices-{index}-question"] = question.pk
        data[f"choices-{index}-label_en"] = choice.label
        data[f"choices-{index}-position"] = choice.position
    data.update(changes)
    return data


def test_an_organiser_adds_a_conditional_question(organiser_client, field_visit):
    visit = field_visit["visit"]

    response = organiser_client.post(
        reverse("admin:delegates_question_add"),
        {
            "meeting": visit.meeting_id,
            "position": 9,
            "label_en": "Do you need transport back to the hotel?",
            "kind": QuestionKind.YES_NO,
            "asked_at": "registration",
            "shown_if_question": visit.pk,
            "shown_if_yes": "True",
            "categories": ["member_state", "civil_society"],
            "choices-TOTAL_FORMS": "0",
            "choices-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    added = Question.objects.get(position=9)
    assert (added.shown_if_question, added.shown_if_yes, added.categories) == (
        visit,
        True,
        ["member_state", "civil_society"],
    )


def test_a_cycle_of_conditions_is_refused_with_its_path(organiser_client, field_visit):
    visit, menu = field_visit["visit"], field_visit["menu"]
    visit.kind = QuestionKind.ONE_CHOICE
    visit.save()
    choice = ChoiceFactory(question=visit, label="Yes, please")
    # The diet depends on the menu, which depends on the visit: making the visit
    # depend on the diet's trigger (the menu) would close the circle.
    response = organiser_client.post(
        change_url(visit),
        {
            **question_post(visit, shown_if_question=menu.pk),
            "shown_if_choices": [field_visit["standard"].pk],
        },
    )

    errors = response.context["adminform"].form.errors
    assert errors["shown_if_question"] == [
        "This condition would go round in a circle (Will you join the field visit "
        "on day 3? → Lunch at the field visit → Will you join the field visit on "
        "day 3?): a question cannot depend, even through others, on itself."
    ]
    visit.refresh_from_db()
    assert visit.shown_if_question is None
    assert choice.pk


def test_a_condition_on_another_meetings_question_is_refused(
    organiser_client, field_visit
):
    other = QuestionFactory(meeting=MeetingFactory(), kind=QuestionKind.YES_NO)
    diet = field_visit["diet"]

    response = organiser_client.post(
        change_url(diet),
        {**question_post(diet, shown_if_question=other.pk, shown_if_yes="True")},
    )

    assert "shown_if_question" in response.context["adminform"].form.errors
    diet.refresh_from_db()
    assert diet.shown_if_question == field_visit["menu"]


def test_the_database_refuses_a_condition_across_meetings(field_visit):
    other = QuestionFactory(meeting=MeetingFactory(), kind=QuestionKind.YES_NO)

    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.filter(pk=field_visit["diet"].pk).update(
            shown_if_question=other
        )
        # The composite foreign key is checked at the end of the transaction.
        with transaction.get_connection().cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_the_database_refuses_two_questions_at_one_position(meeting):
    QuestionFactory(meeting=meeting, position=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionFactory(meeting=meeting, position=1)


def test_condition_choices_must_be_the_triggers(organiser_client, field_visit):
    diet, visit_choice_elsewhere = field_visit["diet"], ChoiceFactory()

    response = organiser_client.post(
        change_url(diet),
        {**question_post(diet), "shown_if_choices": [visit_choice_elsewhere.pk]},
    )

    assert "shown_if_choices" in response.context["adminform"].form.errors


def test_the_type_of_an_answered_question_cannot_change(organiser_client, meeting):
    question = QuestionFactory(meeting=meeting, label="Flight number")
    Answer.objects.create(
        registration=RegistrationFactory(meeting=meeting), question=question, text="TG1"
    )

    response = organiser_client.post(
        change_url(question), question_post(question, kind=QuestionKind.NUMBER)
    )

    assert response.context["adminform"].form.errors["kind"] == [
        "This question has answers, so its type cannot change: archive it and add "
        "a new question instead."
    ]
    question.refresh_from_db()
    assert question.kind == QuestionKind.SHORT_TEXT


def test_an_answered_question_is_archived_not_deleted(organiser_client, meeting):
    question = QuestionFactory(meeting=meeting)
    Answer.objects.create(
        registration=RegistrationFactory(meeting=meeting), question=question, text="x"
    )

    delete_page = organiser_client.get(
        reverse("admin:delegates_question_delete", args=[question.pk])
    )
    archived = organiser_client.post(
        change_url(question), question_post(question, archived="on")
    )

    assert delete_page.status_code == 403
    assert archived.status_code == 302
    question.refresh_from_db()
    assert question.archived
    assert question.answers.count() == 1


def test_a_picked_choice_cannot_be_deleted(organiser_client, field_visit, meeting):
    menu, special = field_visit["menu"], field_visit["special"]
    answer = Answer.objects.create(
        registration=RegistrationFactory(meeting=meeting), question=menu
    )
    AnswerChoice.objects.create(answer=answer, choice=special)
    data = question_post(menu)
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.endswith("-id") and value == special.pk
    )

    response = organiser_client.post(
        change_url(menu), {**data, f"choices-{index}-DELETE": "on"}
    )

    # Django's own inline formset refuses it, naming the picks that protect it.
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors() == [
        "Deleting choice Special diet would require deleting the following "
        "protected related objects: chosen choice Special diet"
    ]
    assert menu.choices.filter(pk=special.pk).exists()


def test_answers_are_shown_on_the_registration_change_page(
    organiser_client, meeting, field_visit
):
    registration = RegistrationFactory(meeting=meeting)
    Answer.objects.create(
        registration=registration, question=field_visit["visit"], yes_no=True
    )
    answer = Answer.objects.create(
        registration=registration, question=field_visit["menu"]
    )
    answer.choices.set([field_visit["special"]])

    page = organiser_client.get(
        reverse("admin:delegates_registration_change", args=[registration.pk])
    ).content.decode()

    assert (
        "<dt>Will you join the field visit on day 3?</dt><dd>yes</dd>"
        "<dt>Lunch at the field visit</dt><dd>Special diet</dd>"
    ) in page


def test_the_registration_list_filters_by_answer(
    organiser_client, meeting, field_visit
):
    yes, no, special = (RegistrationFactory(meeting=meeting) for _ in range(3))
    Answer.objects.create(registration=yes, question=field_visit["visit"], yes_no=True)
    Answer.objects.create(registration=no, question=field_visit["visit"], yes_no=False)
    Answer.objects.create(
        registration=special, question=field_visit["visit"], yes_no=True
    )
    Answer.objects.create(
        registration=special, question=field_visit["menu"]
    ).choices.set([field_visit["special"]])

    def listed(value):
        response = organiser_client.get(
            CHANGELIST, {"meeting__id__exact": meeting.pk, "answer": value}
        )
        return set(response.context["cl"].result_list)

    assert listed(f"y{field_visit['visit'].pk}") == {yes, special}
    assert listed(f"n{field_visit['visit'].pk}") == {no}
    assert listed(f"c{field_visit['special'].pk}") == {special}


def test_the_registration_list_query_count_is_fixed_with_10_questions(
    organiser_client, django_assert_num_queries
):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    organiser_client.get(CHANGELIST)  # sessions and permissions settle
    one_meeting = {"meeting__id__exact": meeting.pk}
    with CaptureQueriesContext(connection) as before:
        organiser_client.get(CHANGELIST, one_meeting)
    for position in range(10):
        question = QuestionFactory(
            meeting=meeting, position=position, kind=QuestionKind.ONE_CHOICE
        )
        ChoiceFactory.create_batch(3, question=question)
    RegistrationFactory.create_batch(20, meeting=meeting)

    with django_assert_num_queries(len(before.captured_queries)):
        response = organiser_client.get(CHANGELIST, one_meeting)

    assert len(response.context["cl"].result_list) == 21
    answer_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.title == "answer"
    )
    assert len(answer_filter.lookup_choices) == 30
