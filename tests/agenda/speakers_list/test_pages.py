"""The pages: the public order, inscription by private link, the chair's view,
the exports and the organiser's move in the admin."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from agenda.enums import SpeakingLevel
from agenda.models import Inscription, SpeakerMove
from agenda.speakers_list.services import call_next_speaker, inscribe_speaker
from delegates.enums import DelegationRole, RegistrationStatus
from delegates.roles import ORGANISER, VIEWER
from delegates.tokens import make_delegation_token, make_registration_token
from tests.delegates.pdf_helpers import pdf_text
from tests.factories import ListOfSpeakersFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    def log_in(role):
        user = UserFactory(username=role.lower().replace(" ", "-"), is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return log_in


def inscribe(list_of_speakers, delegation, speaker, level=SpeakingLevel.OTHER):
    return inscribe_speaker(
        list_of_speakers=list_of_speakers,
        delegation=delegation,
        speaker=speaker,
        level=level,
    )


def url(name, list_of_speakers, *args):
    meeting = list_of_speakers.agenda_item.meeting
    return reverse(f"speakers_list:{name}", args=[meeting.slug, *args])


def list_url(name, list_of_speakers):
    return url(name, list_of_speakers, list_of_speakers.pk)


def test_public_list_shows_the_speaking_order(
    client, speakers_list, delegation_with_head
):
    thailand, thai_head = delegation_with_head(speakers_list, "Thailand", country="TH")
    fiji, fijian_head = delegation_with_head(speakers_list, "Fiji", country="FJ")
    inscribe(speakers_list, thailand, thai_head, SpeakingLevel.OTHER)
    inscribe(speakers_list, fiji, fijian_head, SpeakingLevel.MINISTER)

    page = client.get(list_url("public", speakers_list)).content.decode()

    assert "General debate" in page
    assert page.index("Fiji") < page.index("Thailand")
    assert "Minister or Vice-Minister" in page
    assert "Open for inscriptions" in page


def test_public_list_costs_the_same_queries_for_one_or_many_speakers(
    client, speakers_list, delegation_with_head, django_assert_num_queries
):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    inscribe(speakers_list, delegation, head)
    client.get(list_url("public", speakers_list))
    with django_assert_num_queries(3) as one:
        client.get(list_url("public", speakers_list))
    for code in ["ID", "VN", "PH", "FJ"]:
        delegation, head = delegation_with_head(speakers_list, code, country=code)
        inscribe(speakers_list, delegation, head)

    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(list_url("public", speakers_list)).content.decode()
    assert page.count("<tr") == 6


def test_head_of_delegation_inscribes_a_member_from_the_private_link(
    client, speakers_list, delegation_with_head
):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    minister = RegistrationFactory(
        meeting=delegation.meeting,
        delegation=delegation,
        role=DelegationRole.DELEGATE,
        status=RegistrationStatus.APPROVED,
    )
    manage = client.get(head.get_private_url()).content.decode()
    assert "Inscribe a speaker for your delegation" in manage
    address = url("inscribe", speakers_list, make_registration_token(head))

    response = client.post(
        address,
        {
            "list_of_speakers": speakers_list.pk,
            "speaker": minister.pk,
            "level": SpeakingLevel.MINISTER,
        },
        follow=True,
    )

    inscription = Inscription.objects.get()
    assert (inscription.speaker, inscription.inscribed_by) == (minister, head)
    assert "is inscribed on" in response.content.decode()


def test_a_delegate_without_the_role_cannot_inscribe(
    client, speakers_list, delegation_with_head
):
    delegation, _ = delegation_with_head(speakers_list, "Thailand", country="TH")
    adviser = RegistrationFactory(
        meeting=delegation.meeting,
        delegation=delegation,
        role=DelegationRole.ADVISER,
        status=RegistrationStatus.APPROVED,
    )
    address = url("inscribe", speakers_list, make_registration_token(adviser))

    response = client.post(
        address,
        {
            "list_of_speakers": speakers_list.pk,
            "speaker": adviser.pk,
            "level": SpeakingLevel.OTHER,
        },
    )

    assert response.status_code == 403
    assert "Only an approved head of delegation" in response.content.decode()
    assert not Inscription.objects.exists()
    assert (
        "Inscribe a speaker"
        not in client.get(adviser.get_private_url()).content.decode()
    )


def test_focal_point_cannot_inscribe_another_delegations_speaker(
    client, speakers_list, delegation_with_head
):
    thailand, _ = delegation_with_head(speakers_list, "Thailand", country="TH")
    _, indonesian_head = delegation_with_head(speakers_list, "Indonesia", country="ID")
    address = url("delegation_inscribe", speakers_list, make_delegation_token(thailand))

    response = client.post(
        address,
        {
            "list_of_speakers": speakers_list.pk,
            "speaker": indonesian_head.pk,
            "level": SpeakingLevel.MINISTER,
        },
    )

    assert "Select a valid choice" in response.content.decode()
    assert not Inscription.objects.exists()


def test_focal_point_inscribes_and_withdraws_a_speaker(
    client, speakers_list, delegation_with_head
):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    token = make_delegation_token(delegation)
    assert (
        "Lists of speakers" in client.get(delegation.get_manage_url()).content.decode()
    )
    client.post(
        url("delegation_inscribe", speakers_list, token),
        {
            "list_of_speakers": speakers_list.pk,
            "speaker": head.pk,
            "level": SpeakingLevel.HEAD_OF_DELEGATION,
        },
    )
    inscription = Inscription.objects.get()
    assert inscription.inscribed_by is None

    response = client.post(
        url("delegation_withdraw", speakers_list, token, inscription.pk), follow=True
    )

    assert not Inscription.objects.exists()
    assert "is no longer on the list of speakers" in response.content.decode()


def test_closed_list_offers_no_inscription(client, speakers_list, delegation_with_head):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    speakers_list.is_open = False
    speakers_list.save()
    address = url("inscribe", speakers_list, make_registration_token(head))

    page = client.get(address).content.decode()
    client.post(
        address,
        {"list_of_speakers": speakers_list.pk, "speaker": head.pk, "level": "other"},
    )

    assert "No list of speakers is open for inscriptions" in page
    assert not Inscription.objects.exists()


def test_chair_view_is_for_organisers_only(client, staff_client, speakers_list):
    address = list_url("chair", speakers_list)

    anonymous = client.get(address)
    viewer = staff_client(VIEWER).get(address)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))
    assert viewer.status_code == 403


def test_chair_view_shows_now_and_next_and_gives_the_floor(
    staff_client, speakers_list, delegation_with_head
):
    for name, country in [("Thailand", "TH"), ("Indonesia", "ID"), ("Fiji", "FJ")]:
        delegation, head = delegation_with_head(speakers_list, name, country=country)
        inscribe(speakers_list, delegation, head)
    client = staff_client(ORGANISER)
    call_next_speaker(speakers_list)

    before = client.get(list_url("chair", speakers_list)).content.decode()
    after = client.post(list_url("next", speakers_list), follow=True).content.decode()

    assert before.index("Now speaking") < before.index("Thailand")
    assert before.index("Next speaker") < before.index("Indonesia")
    assert 'data-remaining="' in before
    assert "3:00" in before or "2:59" in before
    assert after.index("Now speaking") < after.index("Indonesia")
    assert after.index("Have spoken") < after.index("Thailand")
    assert speakers_list.inscriptions.get(delegation__name="Thailand").has_spoken


def test_chair_marks_an_absent_speaker_as_spoken(
    staff_client, speakers_list, delegation_with_head
):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    absent = inscribe(speakers_list, delegation, head)
    client = staff_client(ORGANISER)

    client.post(url("mark_spoken", speakers_list, speakers_list.pk, absent.pk))

    absent.refresh_from_db()
    assert absent.has_spoken


def test_chair_actions_need_a_post(staff_client, speakers_list):
    response = staff_client(ORGANISER).get(list_url("next", speakers_list))

    assert response.status_code == 405


def test_csv_lists_the_speakers_in_order(
    staff_client, speakers_list, delegation_with_head
):
    thailand, thai_head = delegation_with_head(speakers_list, "Thailand", country="TH")
    fiji, fijian_head = delegation_with_head(
        speakers_list, "=Fiji", country="FJ", family_name="Bainimarama"
    )
    inscribe(speakers_list, thailand, thai_head, SpeakingLevel.OTHER)
    inscribe(speakers_list, fiji, fijian_head, SpeakingLevel.MINISTER)

    response = staff_client(VIEWER).get(list_url("csv", speakers_list))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Place", "Delegation", "Speaker", "Speaks as"]
    assert [row[:2] for row in rows[1:]] == [["1", "'=Fiji"], ["2", "Thailand"]]
    assert "Bainimarama" in rows[1][2]
    assert rows[1][3] == "Minister or Vice-Minister"


def test_pdf_lists_the_speakers_in_order(
    staff_client, speakers_list, delegation_with_head
):
    thailand, thai_head = delegation_with_head(speakers_list, "Thailand", country="TH")
    fiji, fijian_head = delegation_with_head(speakers_list, "Fiji", country="FJ")
    inscribe(speakers_list, thailand, thai_head, SpeakingLevel.OTHER)
    inscribe(speakers_list, fiji, fijian_head, SpeakingLevel.MINISTER)

    response = staff_client(VIEWER).get(list_url("pdf", speakers_list))

    text = pdf_text(response.content)
    assert "List of speakers" in text
    assert "General debate" in text
    assert text.index("Fiji") < text.index("Thailand")


def test_organiser_moves_a_speaker_in_the_admin_with_a_reason(
    staff_client, speakers_list, delegation_with_head
):
    for name, country in [("Thailand", "TH"), ("Indonesia", "ID")]:
        delegation, head = delegation_with_head(speakers_list, name, country=country)
        inscribe(speakers_list, delegation, head)
    indonesia = speakers_list.inscriptions.get(delegation__name="Indonesia")
    client = staff_client(ORGANISER)
    address = reverse(
        "admin:agenda_listofspeakers_move", args=[speakers_list.pk, indonesia.pk]
    )

    refused = client.post(address, {"to_position": "9", "reason": "Urgent"})
    client.post(address, {"to_position": "1", "reason": "Must leave early"})

    assert "less than or equal to 2" in refused.content.decode()
    move = SpeakerMove.objects.get()
    assert (move.from_position, move.to_position, move.reason) == (
        2,
        1,
        "Must leave early",
    )
    assert move.moved_by.username == "organiser"
    change_page = client.get(
        reverse("admin:agenda_listofspeakers_change", args=[speakers_list.pk])
    ).content.decode()
    assert change_page.index("Indonesia") < change_page.index("Thailand")


def test_organiser_opens_and_closes_lists_in_the_admin(staff_client, speakers_list):
    client = staff_client(ORGANISER)
    changelist = reverse("admin:agenda_listofspeakers_changelist")

    client.post(
        changelist,
        {"action": "close_lists", "_selected_action": [speakers_list.pk]},
    )

    speakers_list.refresh_from_db()
    assert not speakers_list.is_open


def test_admin_lists_the_lists_with_their_pages_and_moves(
    staff_client, speakers_list, delegation_with_head
):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    inscribe(speakers_list, delegation, head)
    client = staff_client(ORGANISER)

    changelist = client.get(
        reverse("admin:agenda_listofspeakers_changelist")
    ).content.decode()
    moves = client.get(reverse("admin:agenda_speakermove_changelist"))

    assert "General debate" in changelist
    assert list_url("chair", speakers_list) in changelist
    assert list_url("pdf", speakers_list) in changelist
    assert moves.status_code == 200


def test_chair_view_costs_the_same_queries_for_one_or_many_speakers(
    staff_client,
    speakers_list,
    delegation_with_head,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    client = staff_client(ORGANISER)
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    inscribe(speakers_list, delegation, head)
    call_next_speaker(speakers_list)
    client.get(list_url("chair", speakers_list))
    with django_assert_max_num_queries(50) as one:
        client.get(list_url("chair", speakers_list))
    for code in ["ID", "VN", "PH", "FJ"]:
        delegation, head = delegation_with_head(speakers_list, code, country=code)
        inscribe(speakers_list, delegation, head)
    call_next_speaker(speakers_list)

    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(list_url("chair", speakers_list)).content.decode()
    assert page.count("Skip ") == 2


def test_inscription_page_costs_the_same_queries_for_one_or_many_lists(
    client,
    speakers_list,
    delegation_with_head,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    inscribe(speakers_list, delegation, head)
    address = url("inscribe", speakers_list, make_registration_token(head))
    client.get(address)
    with django_assert_max_num_queries(50) as one:
        client.get(address)
    meeting = speakers_list.agenda_item.meeting
    for _ in range(3):
        inscribe(ListOfSpeakersFactory(agenda_item__meeting=meeting), delegation, head)

    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(address).content.decode()
    assert page.count("Withdraw ") == 4


@pytest.mark.parametrize(
    "data",
    [
        {"list_of_speakers": "x", "speaker": "y", "level": "king"},
        {"list_of_speakers": "99999999999999999999", "speaker": "-1", "level": ""},
        {"list_of_speakers": "\u200b", "speaker": "1e9", "level": "other" * 100},
    ],
)
def test_bad_input_to_the_inscription_form_is_a_form_error(
    client, speakers_list, delegation_with_head, data
):
    _, head = delegation_with_head(speakers_list, "Thailand", country="TH")

    response = client.post(
        url("inscribe", speakers_list, make_registration_token(head)), data
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Inscription.objects.exists()


def test_bad_input_to_the_move_form_is_a_form_error(
    staff_client, speakers_list, delegation_with_head
):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    inscription = inscribe(speakers_list, delegation, head)
    address = reverse(
        "admin:agenda_listofspeakers_move", args=[speakers_list.pk, inscription.pk]
    )

    response = staff_client(ORGANISER).post(
        address, {"to_position": "99999999999999999999", "reason": ""}
    )

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not SpeakerMove.objects.exists()
