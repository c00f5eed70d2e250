"""The list of speakers' rules: protocol order, closing, limits, moves, the floor."""

import pytest

from agenda.enums import SpeakingLevel
from agenda.models import Inscription, SpeakerMove
from agenda.speakers_list.services import (
    SpeakersListError,
    call_next_speaker,
    inscribe_speaker,
    mark_spoken,
    move_speaker,
    protocol_rank,
    withdraw_inscription,
)
from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def order(list_of_speakers):
    return [
        entry.delegation.name
        for entry in list_of_speakers.inscriptions.order_by("position")
    ]


def inscribe(list_of_speakers, delegation, speaker, level, **kwargs):
    return inscribe_speaker(
        list_of_speakers=list_of_speakers,
        delegation=delegation,
        speaker=speaker,
        level=level,
        **kwargs,
    )


def test_order_follows_protocol_rank_then_inscription_time(
    speakers_list, delegation_with_head
):
    inscribed = [
        ("Fiji", "FJ", SpeakingLevel.OTHER),
        ("UNDP", "", SpeakingLevel.HEAD_OF_DELEGATION),
        ("Thailand", "TH", SpeakingLevel.HEAD_OF_DELEGATION),
        ("Indonesia", "ID", SpeakingLevel.MINISTER),
        ("Viet Nam", "VN", SpeakingLevel.HEAD_OF_DELEGATION),
        ("Mongolia", "MN", SpeakingLevel.HEAD_OF_STATE),
        ("Bangladesh", "BD", SpeakingLevel.MINISTER),
    ]
    for name, country, level in inscribed:
        delegation, head = delegation_with_head(speakers_list, name, country=country)
        inscribe(speakers_list, delegation, head, level)

    assert order(speakers_list) == [
        "Mongolia",
        "Indonesia",
        "Bangladesh",
        "Thailand",
        "Viet Nam",
        "Fiji",
        "UNDP",
    ]
    assert list(
        speakers_list.inscriptions.order_by("position").values_list(
            "position", flat=True
        )
    ) == [1, 2, 3, 4, 5, 6, 7]


def test_member_states_speak_before_associate_members_and_observers():
    minister = SpeakingLevel.MINISTER
    member = protocol_rank(category=ParticipantCategory.MEMBER_STATE, level="other")
    associate = protocol_rank(
        category=ParticipantCategory.ASSOCIATE_MEMBER, level=minister
    )
    observer = protocol_rank(category=ParticipantCategory.UN_SYSTEM, level=minister)

    assert member < associate < observer


def test_a_new_speaker_never_goes_before_one_who_has_had_the_floor(
    speakers_list, delegation_with_head
):
    thailand, thai_head = delegation_with_head(speakers_list, "Thailand", country="TH")
    inscribe(speakers_list, thailand, thai_head, SpeakingLevel.OTHER)
    call_next_speaker(speakers_list)
    mongolia, mongolian_head = delegation_with_head(
        speakers_list, "Mongolia", country="MN"
    )

    late = inscribe(
        speakers_list, mongolia, mongolian_head, SpeakingLevel.HEAD_OF_STATE
    )

    assert late.position == 2
    assert order(speakers_list) == ["Thailand", "Mongolia"]


def test_no_inscription_once_the_list_is_closed(speakers_list, delegation_with_head):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    speakers_list.is_open = False
    speakers_list.save()

    with pytest.raises(SpeakersListError, match="is closed"):
        inscribe(speakers_list, delegation, head, SpeakingLevel.MINISTER)

    assert not Inscription.objects.exists()


def test_one_speaker_per_delegation_unless_the_organiser_allows_more(
    speakers_list, delegation_with_head
):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    alternate = RegistrationFactory(
        meeting=delegation.meeting,
        delegation=delegation,
        role=DelegationRole.ALTERNATE,
        status=RegistrationStatus.APPROVED,
    )
    inscribe(speakers_list, delegation, head, SpeakingLevel.MINISTER)

    with pytest.raises(SpeakersListError, match="as many speakers"):
        inscribe(speakers_list, delegation, alternate, SpeakingLevel.OTHER)
    speakers_list.inscriptions_per_delegation = 2
    speakers_list.save()
    inscribe(speakers_list, delegation, alternate, SpeakingLevel.OTHER)

    assert speakers_list.inscriptions.filter(delegation=delegation).count() == 2


def test_a_person_is_inscribed_once(speakers_list, delegation_with_head):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    speakers_list.inscriptions_per_delegation = 3
    speakers_list.save()
    inscribe(speakers_list, delegation, head, SpeakingLevel.MINISTER)

    with pytest.raises(SpeakersListError, match="already on the list"):
        inscribe(speakers_list, delegation, head, SpeakingLevel.OTHER)


def test_another_delegations_member_cannot_be_inscribed(
    speakers_list, delegation_with_head
):
    thailand, _ = delegation_with_head(speakers_list, "Thailand", country="TH")
    _, indonesian_head = delegation_with_head(speakers_list, "Indonesia", country="ID")

    with pytest.raises(SpeakersListError, match="member of your delegation"):
        inscribe(speakers_list, thailand, indonesian_head, SpeakingLevel.MINISTER)

    assert not Inscription.objects.exists()


def test_a_delegate_without_the_role_cannot_inscribe(
    speakers_list, delegation_with_head
):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    adviser = RegistrationFactory(
        meeting=delegation.meeting,
        delegation=delegation,
        role=DelegationRole.ADVISER,
        status=RegistrationStatus.APPROVED,
    )

    with pytest.raises(SpeakersListError, match="head of delegation, an alternate"):
        inscribe(speakers_list, delegation, head, SpeakingLevel.MINISTER, by=adviser)

    inscription = inscribe(
        speakers_list, delegation, adviser, SpeakingLevel.OTHER, by=head
    )
    assert inscription.inscribed_by == head


def test_moving_a_speaker_shifts_the_others_and_is_recorded(
    speakers_list, delegation_with_head
):
    for name, country in [("Thailand", "TH"), ("Indonesia", "ID"), ("Fiji", "FJ")]:
        delegation, head = delegation_with_head(speakers_list, name, country=country)
        inscribe(speakers_list, delegation, head, SpeakingLevel.HEAD_OF_DELEGATION)
    fiji = speakers_list.inscriptions.get(delegation__name="Fiji")
    organiser = UserFactory(username="secretariat")

    move = move_speaker(
        fiji, to_position=1, reason="Exchanged with Thailand", by=organiser
    )

    assert order(speakers_list) == ["Fiji", "Thailand", "Indonesia"]
    assert list(SpeakerMove.objects.values_list("from_position", "to_position")) == [
        (3, 1)
    ]
    assert move.moved_by == organiser
    assert move.reason == "Exchanged with Thailand"
    move_speaker(fiji, to_position=3, reason="Back at the end", by=organiser)
    assert order(speakers_list) == ["Thailand", "Indonesia", "Fiji"]


def test_a_move_needs_a_reason_and_a_place_still_to_come(
    speakers_list, delegation_with_head
):
    for name, country in [("Thailand", "TH"), ("Indonesia", "ID")]:
        delegation, head = delegation_with_head(speakers_list, name, country=country)
        inscribe(speakers_list, delegation, head, SpeakingLevel.HEAD_OF_DELEGATION)
    call_next_speaker(speakers_list)
    indonesia = speakers_list.inscriptions.get(delegation__name="Indonesia")
    organiser = UserFactory(username="secretariat")

    with pytest.raises(SpeakersListError, match="Say why"):
        move_speaker(indonesia, to_position=1, reason="  ", by=organiser)
    with pytest.raises(SpeakersListError, match="from 2 to 2"):
        move_speaker(indonesia, to_position=1, reason="Urgent", by=organiser)

    assert not SpeakerMove.objects.exists()
    assert order(speakers_list) == ["Thailand", "Indonesia"]


def test_withdrawing_a_speaker_closes_the_gap(speakers_list, delegation_with_head):
    delegations = []
    for name, country in [("Thailand", "TH"), ("Indonesia", "ID"), ("Fiji", "FJ")]:
        delegation, head = delegation_with_head(speakers_list, name, country=country)
        inscribe(speakers_list, delegation, head, SpeakingLevel.HEAD_OF_DELEGATION)
        delegations.append(delegation)
    thai = speakers_list.inscriptions.get(delegation__name="Thailand")

    withdraw_inscription(thai, delegation=delegations[0])

    assert list(
        speakers_list.inscriptions.values_list("delegation__name", "position")
    ) == [("Indonesia", 1), ("Fiji", 2)]


def test_calling_the_next_speaker_marks_the_current_one_as_spoken(
    speakers_list, delegation_with_head
):
    for name, country in [("Thailand", "TH"), ("Indonesia", "ID")]:
        delegation, head = delegation_with_head(speakers_list, name, country=country)
        inscribe(speakers_list, delegation, head, SpeakingLevel.HEAD_OF_DELEGATION)

    first = call_next_speaker(speakers_list)
    second = call_next_speaker(speakers_list)
    nobody = call_next_speaker(speakers_list)

    assert (first.delegation.name, second.delegation.name, nobody) == (
        "Thailand",
        "Indonesia",
        None,
    )
    assert not speakers_list.inscriptions.filter(spoken_at__isnull=True).exists()


def test_an_absent_speaker_can_be_marked_as_spoken(speakers_list, delegation_with_head):
    for name, country in [("Thailand", "TH"), ("Indonesia", "ID")]:
        delegation, head = delegation_with_head(speakers_list, name, country=country)
        inscribe(speakers_list, delegation, head, SpeakingLevel.HEAD_OF_DELEGATION)
    thai = speakers_list.inscriptions.get(delegation__name="Thailand")

    mark_spoken(thai)
    following = call_next_speaker(speakers_list)

    assert following.delegation.name == "Indonesia"
