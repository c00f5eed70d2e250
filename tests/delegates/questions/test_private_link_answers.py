"""Answers through the private link: shown, editable until the deadline, and
an identity answer changed after approval sends the registration back to review."""

import datetime

import pytest
from django.utils import timezone

from delegates.enums import RegistrationStatus
from delegates.models import Answer, Correction
from delegates.questions.enums import QuestionKind
from tests.delegates.test_private_link import correction_data
from tests.factories import QuestionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(meeting, field_visit):
    """Approved, going on the field visit with the standard lunch."""
    registration = RegistrationFactory(
        meeting=meeting,
        phone="+6621234567",
        consent_privacy=True,
        status=RegistrationStatus.APPROVED,
    )
    Answer.objects.create(
        registration=registration, question=field_visit["visit"], yes_no=True
    )
    Answer.objects.create(
        registration=registration, question=field_visit["menu"]
    ).choices.set([field_visit["standard"]])
    return registration


def answers_of(registration):
    return {
        answer.question.label: answer.display_value()
        for answer in registration.answers.select_related("question")
    }


def test_the_private_link_shows_the_answers_and_fills_them_in(client, registration):
    page = client.get(registration.get_private_url())

    html = page.content.decode()
    assert "Lunch at the field visit</dt>" in html
    assert '<dd class="col-sm-9">Standard</dd>' in html
    form = page.context["form"]
    menu = form.questions[1]
    assert form.initial[menu.field_name] == str(menu.choices.all()[0].pk)


def test_changing_an_answer_is_recorded_and_keeps_the_approval(
    client, registration, field_visit
):
    data = correction_data(
        registration,
        **{
            field_visit["visit"].field_name: "yes",
            field_visit["menu"].field_name: str(field_visit["special"].pk),
            field_visit["diet"].field_name: "Gluten-free",
        },
    )

    client.post(registration.get_private_url(), data)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert answers_of(registration) == {
        "Will you join the field visit on day 3?": "yes",
        "Lunch at the field visit": "Special diet",
        "Dietary needs for the field visit lunch": "Gluten-free",
    }
    correction = Correction.objects.get(registration=registration)
    assert sorted(correction.changed_labels) == [
        "Dietary needs for the field visit lunch",
        "Lunch at the field visit",
    ]
    assert correction.reopened_review is False


def test_answering_no_removes_the_answers_that_depended_on_yes(
    client, registration, field_visit
):
    data = correction_data(
        registration,
        **{
            field_visit["visit"].field_name: "no",
            field_visit["menu"].field_name: str(field_visit["standard"].pk),
        },
    )

    client.post(registration.get_private_url(), data)

    assert answers_of(registration) == {"Will you join the field visit on day 3?": "no"}


def test_an_identity_answer_changed_after_approval_reopens_review(
    client, meeting, registration, field_visit
):
    passport_country = QuestionFactory(
        meeting=meeting, kind=QuestionKind.COUNTRY, identity=True, label="Issued by"
    )
    data = correction_data(
        registration,
        **{
            field_visit["visit"].field_name: "yes",
            field_visit["menu"].field_name: str(field_visit["standard"].pk),
            passport_country.field_name: "FJ",
        },
    )

    client.post(registration.get_private_url(), data)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    correction = Correction.objects.get(registration=registration)
    assert correction.reopened_review is True
    assert correction.changes[f"answer_{passport_country.pk}"] == {
        "label": "Issued by",
        "old": "—",
        "new": "Fiji",
    }


def test_after_the_deadline_answers_are_shown_but_not_editable(
    client, meeting, registration, field_visit
):
    meeting.modification_deadline = timezone.now() - datetime.timedelta(hours=1)
    meeting.save()
    data = correction_data(registration, **{field_visit["visit"].field_name: "no"})

    page = client.get(registration.get_private_url())
    client.post(registration.get_private_url(), data)

    assert page.context["form"] is None
    assert "Will you join the field visit on day 3?</dt>" in page.content.decode()
    assert answers_of(registration)["Will you join the field visit on day 3?"] == (
        "yes"
    )
