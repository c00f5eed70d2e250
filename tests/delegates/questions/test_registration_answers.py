"""Answers on the public registration form: kept when shown, dropped otherwise."""

import pytest
from django.urls import reverse

from delegates.enums import ParticipantCategory
from delegates.models import Answer, Registration
from delegates.questions.enums import QuestionKind
from tests.factories import ChoiceFactory, MeetingFactory, QuestionFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


def register(client, meeting, data, files=None):
    return client.post(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug}),
        {**data, **(files or {})},
    )


def stored_answers(email):
    registration = Registration.objects.get(email=email)
    return {
        answer.question.label: answer.display_value()
        for answer in registration.answers.select_related("question")
    }


def test_shown_answers_are_stored_with_the_registration(
    client, meeting, form_data, field_visit
):
    data = {
        **form_data,
        field_visit["visit"].field_name: "yes",
        field_visit["menu"].field_name: str(field_visit["special"].pk),
        field_visit["diet"].field_name: "No nuts",
    }

    response = register(client, meeting, data)

    assert response.status_code == 302
    assert stored_answers(form_data["email"]) == {
        "Will you join the field visit on day 3?": "yes",
        "Lunch at the field visit": "Special diet",
        "Dietary needs for the field visit lunch": "No nuts",
    }


def test_answers_to_hidden_questions_are_dropped_and_not_required(
    client, meeting, form_data, field_visit
):
    data = {
        **form_data,
        field_visit["visit"].field_name: "no",
        # Sent anyway (a tampered form, or typed before answering "no").
        field_visit["menu"].field_name: "not-a-choice",
        field_visit["diet"].field_name: "No nuts",
    }

    response = register(client, meeting, data)

    assert response.status_code == 302
    assert stored_answers(form_data["email"]) == {
        "Will you join the field visit on day 3?": "no"
    }


@pytest.mark.parametrize(
    ("visit", "menu", "missing"),
    [
        ("yes", None, "Lunch at the field visit"),
        ("yes", "special", "Dietary needs for the field visit lunch"),
    ],
)
def test_a_required_question_is_required_only_when_shown(
    client, meeting, form_data, field_visit, visit, menu, missing
):
    data = {**form_data, field_visit["visit"].field_name: visit}
    if menu:
        data[field_visit["menu"].field_name] = str(field_visit[menu].pk)

    response = register(client, meeting, data)

    form = response.context["form"]
    errors = {form.fields[name].label: error for name, error in form.errors.items()}
    assert errors == {missing: ["Please answer this question."]}
    assert not Registration.objects.exists()


def test_a_choice_not_offered_is_a_field_error(client, meeting, form_data):
    groups = QuestionFactory(meeting=meeting, kind=QuestionKind.SEVERAL_CHOICES)
    trade = ChoiceFactory(question=groups, label="Trade")
    elsewhere = ChoiceFactory(question__meeting=MeetingFactory(), label="Elsewhere")

    response = register(
        client,
        meeting,
        {**form_data, groups.field_name: [str(trade.pk), str(elsewhere.pk)]},
    )

    assert response.context["form"].errors == {
        groups.field_name: [
            "This choice is not offered; please choose one from the list."
        ]
    }
    assert not Registration.objects.exists()


def test_questions_of_other_meetings_and_archived_ones_are_ignored(
    client, meeting, form_data
):
    foreign = QuestionFactory(meeting=MeetingFactory(), required=True)
    archived = QuestionFactory(meeting=meeting, archived=True, required=True)

    response = register(
        client,
        meeting,
        {**form_data, foreign.field_name: "x", archived.field_name: "y"},
    )

    assert response.status_code == 302
    assert not Answer.objects.exists()


def test_a_file_where_none_is_asked_is_not_stored(
    client, meeting, form_data, field_visit, settings
):
    response = register(
        client,
        meeting,
        {**form_data, field_visit["visit"].field_name: "no"},
        files={f"question_{field_visit['diet'].pk}": upload(image_bytes())},
    )

    assert response.status_code == 302
    assert stored_answers(form_data["email"]) == {
        "Will you join the field visit on day 3?": "no"
    }


def test_a_file_question_stores_a_checked_image(client, meeting, form_data):
    scan = QuestionFactory(meeting=meeting, kind=QuestionKind.FILE, label="Scan")

    response = register(
        client, meeting, form_data, files={scan.field_name: upload(image_bytes())}
    )

    assert response.status_code == 302
    answer = Answer.objects.get(question=scan)
    assert answer.file.name.startswith("answers/")
    assert answer.file.storage.exists(answer.file.name)


def test_a_file_question_refuses_what_is_not_an_image_or_pdf(
    client, meeting, form_data
):
    scan = QuestionFactory(meeting=meeting, kind=QuestionKind.FILE, label="Scan")

    response = register(
        client,
        meeting,
        form_data,
        files={scan.field_name: upload(b"<html>", name="x.jpg")},
    )

    assert scan.field_name in response.context["form"].errors
    assert not Registration.objects.exists()


def test_a_question_for_other_categories_is_dropped(client, meeting, form_data):
    press = QuestionFactory(
        meeting=meeting,
        label="Press card number",
        categories=[ParticipantCategory.MEDIA],
        required=True,
    )

    response = register(client, meeting, {**form_data, press.field_name: "P-1"})

    assert response.status_code == 302
    assert not Answer.objects.exists()


def test_typed_answers_are_validated(client, meeting, form_data):
    nights = QuestionFactory(
        meeting=meeting, kind=QuestionKind.NUMBER, min_value=0, max_value=10
    )
    phone = QuestionFactory(meeting=meeting, kind=QuestionKind.PHONE)

    response = register(
        client,
        meeting,
        {**form_data, nights.field_name: "11", phone.field_name: "call me"},
    )

    errors = response.context["form"].errors
    assert set(errors) == {nights.field_name, phone.field_name}
    assert not Registration.objects.exists()


def test_the_empty_form_shows_questions_in_sections_with_their_conditions(
    client, meeting, field_visit
):
    field_visit["visit"].section = "Field visit"
    field_visit["visit"].save()

    page = client.get(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    ).content.decode()

    assert "<legend>Field visit</legend>" in page
    assert f'data-shown-if="{field_visit["visit"].field_name}"' in page
    assert f'data-shown-if-values="{field_visit["special"].pk}"' in page
    assert "Only if you answered “Yes” to “Will you join the field visit" in page
    assert "delegates/questions.js" in page
