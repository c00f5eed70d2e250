"""Registration forms in the admin: added with their rules, questions put on them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from delegates.questions.enums import Approval, QuestionKind
from delegates.questions.models import MeetingForm, Question
from tests.factories import (
    MeetingFactory,
    MeetingFormFactory,
    QuestionFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

ADD = reverse("admin:delegates_meetingform_add")


def form_post(meeting, **changes):
    return {
        "meeting": meeting.pk,
        "name_en": "Civil society",
        "slug": "civil-society",
        "description": "For accredited NGOs.",
        "position": 1,
        "approval": Approval.VETTED,
        **changes,
    }


def test_an_organiser_adds_a_form_with_its_rules(organiser_client, meeting):
    opens = timezone.localtime(timezone.now() + datetime.timedelta(days=1))
    closes = opens + datetime.timedelta(days=10)

    response = organiser_client.post(
        ADD,
        form_post(
            meeting,
            opens_at_0=opens.strftime("%Y-%m-%d"),
            opens_at_1=opens.strftime("%H:%M"),
            closes_at_0=closes.strftime("%Y-%m-%d"),
            closes_at_1=closes.strftime("%H:%M"),
            capacity=120,
            categories=["civil_society", "private_sector"],
            approval=Approval.AUTOMATIC,
        ),
    )

    assert response.status_code == 302
    added = MeetingForm.objects.get()
    assert (added.capacity, added.categories, added.approval) == (
        120,
        ["civil_society", "private_sector"],
        Approval.AUTOMATIC,
    )


def test_a_form_closing_before_it_opens_is_refused(organiser_client, meeting):
    closes = timezone.localtime(meeting.registration_opens - datetime.timedelta(days=1))

    response = organiser_client.post(
        ADD,
        form_post(
            meeting,
            closes_at_0=closes.strftime("%Y-%m-%d"),
            closes_at_1=closes.strftime("%H:%M"),
        ),
    )

    assert response.context["adminform"].form.errors["closes_at"] == [
        "The form must close after it opens."
    ]
    assert not MeetingForm.objects.exists()


def test_a_second_default_form_is_refused_with_a_message(organiser_client, meeting):
    MeetingFormFactory(meeting=meeting, is_default=True)

    response = organiser_client.post(
        ADD, form_post(meeting, is_default="on", slug="second")
    )

    assert "The meeting has a default form already." in str(
        response.context["adminform"].form.errors
    )
    assert MeetingForm.objects.count() == 1


def test_a_form_people_registered_with_cannot_be_deleted(organiser_client, meeting):
    used = MeetingFormFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, form=used)

    response = organiser_client.post(
        reverse("admin:delegates_meetingform_delete", args=[used.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert MeetingForm.objects.filter(pk=used.pk).exists()


def test_the_list_counts_each_forms_registrations(organiser_client, meeting):
    used = MeetingFormFactory(meeting=meeting, name="Media")
    RegistrationFactory.create_batch(3, meeting=meeting, form=used)

    response = organiser_client.get(reverse("admin:delegates_meetingform_changelist"))

    assert response.context["cl"].result_list[0].places_taken == 3


def test_a_question_is_put_on_forms_of_its_meeting_only(organiser_client, meeting):
    media = MeetingFormFactory(meeting=meeting, name="Media")
    foreign = MeetingFormFactory(meeting=MeetingFactory(), name="Elsewhere")
    question = QuestionFactory(meeting=meeting, kind=QuestionKind.SHORT_TEXT)
    data = {
        "meeting": meeting.pk,
        "position": question.position,
        "label_en": question.label,
        "kind": question.kind,
        "asked_at": "registration",
        "choices-TOTAL_FORMS": "0",
        "choices-INITIAL_FORMS": "0",
    }
    url = reverse("admin:delegates_question_change", args=[question.pk])

    refused = organiser_client.post(url, {**data, "forms": [foreign.pk]})
    accepted = organiser_client.post(url, {**data, "forms": [media.pk]})

    assert "forms" in refused.context["adminform"].form.errors
    assert accepted.status_code == 302
    assert list(Question.objects.get(pk=question.pk).forms.all()) == [media]
