import pytest

from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from tests.factories import (
    DelegationFactory,
    ListOfSpeakersFactory,
    RegistrationFactory,
)


@pytest.fixture
def speakers_list():
    return ListOfSpeakersFactory(agenda_item__title="General debate")


@pytest.fixture
def delegation_with_head():
    """Make a delegation of the list's meeting with an approved head; return both."""

    def build(list_of_speakers, name, *, country="", category=None, **head):
        category = category or (
            ParticipantCategory.MEMBER_STATE if country else ParticipantCategory.IGO
        )
        delegation = DelegationFactory(
            meeting=list_of_speakers.agenda_item.meeting,
            name=name,
            country=country,
            category=category,
        )
        head = RegistrationFactory(
            meeting=delegation.meeting,
            delegation=delegation,
            role=DelegationRole.HEAD,
            category=category,
            country=country,
            status=RegistrationStatus.APPROVED,
            **head,
        )
        return delegation, head

    return build
