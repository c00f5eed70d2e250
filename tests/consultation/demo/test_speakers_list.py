import pytest

from agenda.models import ListOfSpeakers
from consultation.demo import load_demo_meeting

pytestmark = pytest.mark.django_db


def test_demo_has_an_open_list_of_speakers_on_item_3_in_protocol_order(client):
    meeting = load_demo_meeting().meeting
    load_demo_meeting()

    list_of_speakers = ListOfSpeakers.objects.get(
        agenda_item__meeting=meeting, agenda_item__number=3, agenda_item__sub_letter=""
    )
    page = client.get(list_of_speakers.get_absolute_url()).content.decode()

    assert list_of_speakers.is_open
    assert list(
        list_of_speakers.inscriptions.order_by("position").values_list(
            "delegation__name", flat=True
        )
    ) == ["Indonesia", "Thailand", "Islamic Development Bank"]
    assert page.index("Indonesia") < page.index("Islamic Development Bank")
