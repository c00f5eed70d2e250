"""Questions, choices and forms in the meeting's languages, falling back to the
meeting's main language."""

import pytest
from django.urls import reverse
from django.utils import translation

from delegates.models import Answer
from delegates.questions.enums import QuestionKind
from tests.factories import (
    ChoiceFactory,
    MeetingFactory,
    MeetingFormFactory,
    QuestionFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def register_url(meeting, language):
    with translation.override(language):
        return reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})


@pytest.fixture
def french_meeting():
    """A meeting whose organisers write in French first."""
    return MeetingFactory(main_language="fr")


@pytest.fixture
def lunch(french_meeting):
    question = QuestionFactory(
        meeting=french_meeting,
        kind=QuestionKind.ONE_CHOICE,
        label_fr="Déjeuner de la visite de terrain",
        label_ru="Обед во время выездного мероприятия",
        help_text_fr="Servi sur le site.",
    )
    ChoiceFactory(question=question, label_fr="Végétarien", label_ru="Вегетарианский")
    return question


def test_a_question_is_asked_in_the_pages_language(client, lunch):
    html = client.get(register_url(lunch.meeting, "ru")).content.decode()

    assert "Обед во время выездного мероприятия" in html
    assert "Вегетарианский" in html


def test_a_language_left_empty_falls_back_to_the_meetings_main_language(client, lunch):
    html = client.get(register_url(lunch.meeting, "es")).content.decode()

    assert "Déjeuner de la visite de terrain" in html
    assert "Végétarien" in html
    assert "Servi sur le site." in html


def test_a_form_is_named_in_the_pages_language(client, french_meeting):
    MeetingFormFactory(
        meeting=french_meeting,
        is_default=True,
        name_fr="Délégations gouvernementales",
        name_ar="الوفود الحكومية",
    )

    arabic = client.get(register_url(french_meeting, "ar")).content.decode()
    spanish = client.get(register_url(french_meeting, "es")).content.decode()

    assert "الوفود الحكومية</h1>" in arabic
    assert "Délégations gouvernementales</h1>" in spanish


def test_the_private_link_shows_answers_in_the_delegates_language(client, lunch):
    registration = RegistrationFactory(meeting=lunch.meeting)
    Answer.objects.create(registration=registration, question=lunch).choices.set(
        lunch.choices.all()
    )
    with translation.override("ru"):
        url = registration.get_private_url()

    html = client.get(url).content.decode()

    assert "Обед во время выездного мероприятия</dt>" in html
    assert "Вегетарианский" in html


def test_the_admin_asks_the_label_in_the_meetings_main_language(
    organiser_client, french_meeting
):
    add = reverse("admin:delegates_question_add")
    data = {
        "meeting": french_meeting.pk,
        "position": 1,
        "kind": QuestionKind.SHORT_TEXT,
        "asked_at": "registration",
        "choices-TOTAL_FORMS": "0",
        "choices-INITIAL_FORMS": "0",
    }

    english_only = organiser_client.post(add, {**data, "label_en": "Flight number"})
    french = organiser_client.post(add, {**data, "label_fr": "Numéro de vol"})

    assert english_only.context["adminform"].form.errors["label_fr"] == [
        "Give it in the meeting's main language, Français."
    ]
    assert french.status_code == 302
    assert french_meeting.questions.get().label_fr == "Numéro de vol"
