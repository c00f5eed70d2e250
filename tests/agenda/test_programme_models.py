import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from agenda.enums import Language
from agenda.models import AgendaItem, Session, Speaker
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    RegistrationFactory,
    SessionFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


def test_agenda_items_are_labelled_and_ordered_as_un_agendas_number_them():
    meeting = MeetingFactory()
    item_10 = AgendaItemFactory(meeting=meeting, number=10)
    item_3b = AgendaItemFactory(meeting=meeting, number=3, sub_letter="b")
    item_3 = AgendaItemFactory(meeting=meeting, number=3, title="Country experiences")
    item_3a = AgendaItemFactory(meeting=meeting, number=3, sub_letter="a")
    item_2 = AgendaItemFactory(meeting=meeting, number=2)

    items = list(AgendaItem.objects.filter(meeting=meeting))

    assert items == [item_2, item_3, item_3a, item_3b, item_10]
    assert [item.label for item in items] == [
        "Item 2",
        "Item 3",
        "Item 3 (a)",
        "Item 3 (b)",
        "Item 10",
    ]
    assert str(item_3) == "Item 3. Country experiences"


def test_agenda_item_number_and_letter_are_unique_per_meeting():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, number=3, sub_letter="a")

    with pytest.raises(IntegrityError, match="unique_agenda_item_number_per_meeting"):
        AgendaItemFactory(meeting=meeting, number=3, sub_letter="a")


def test_agenda_item_sub_letter_must_be_one_lowercase_letter():
    item = AgendaItemFactory.build(meeting=MeetingFactory(), number=3, sub_letter="A")

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "A sub-item letter is one lowercase letter, a to z." in str(error.value)


def test_session_slug_cannot_shadow_another_agenda_page():
    session = SessionFactory.build(meeting=MeetingFactory(), room=None, slug="speakers")

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert "address of another agenda page" in error.value.message_dict["slug"][0]


def test_session_interpretation_accepts_only_un_languages():
    session = SessionFactory.build(
        meeting=MeetingFactory(), room=None, interpretation=["zh", "xx"]
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert "interpretation" in error.value.message_dict


def test_session_lists_its_interpretation_languages_by_name():
    session = SessionFactory(interpretation=[Language.CHINESE, Language.RUSSIAN])

    session = Session.objects.get(pk=session.pk)

    assert session.get_interpretation_display() == ["Chinese", "Russian"]


def test_speaker_linked_to_a_registration_of_another_meeting_is_refused():
    speaker = SpeakerFactory.build(
        meeting=MeetingFactory(),
        registration=RegistrationFactory(meeting=MeetingFactory()),
    )

    with pytest.raises(ValidationError) as error:
        speaker.full_clean()

    assert error.value.message_dict["registration"] == [
        "This registration is for another meeting."
    ]


def test_speaker_shows_honorific_before_name():
    speaker = SpeakerFactory(honorific="he", name="Maria Santos")

    assert str(Speaker.objects.get(pk=speaker.pk)) == "H.E. Maria Santos"
