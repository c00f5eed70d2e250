"""The demo's list of speakers: Item 3, open, with three delegations inscribed."""

from agenda.enums import SpeakingLevel
from agenda.models import AgendaItem, ListOfSpeakers
from agenda.speakers_list.services import inscribe_speaker
from delegates.enums import OPEN_STATUSES, DelegationRole

# (delegation, level at which its head speaks), in the order they inscribed.
INSCRIPTIONS = [
    ("Islamic Development Bank", SpeakingLevel.HEAD_OF_DELEGATION),
    ("Thailand", SpeakingLevel.HEAD_OF_DELEGATION),
    ("Indonesia", SpeakingLevel.MINISTER),
]


def load_list_of_speakers(meeting) -> ListOfSpeakers:
    """Open the list of speakers on Item 3 and inscribe each delegation's head once.

    Inscriptions go through the service as from the focal points' links, so the
    demo shows the protocol order
    (Indonesia's minister first, the observer last); a second run adds nothing.
    """
    item = AgendaItem.objects.get(meeting=meeting, number=3, sub_letter="")
    list_of_speakers, _ = ListOfSpeakers.objects.get_or_create(
        agenda_item=item, defaults={"is_open": True}
    )
    for name, level in INSCRIPTIONS:
        delegation = meeting.delegations.get(name=name)
        if list_of_speakers.inscriptions.filter(delegation=delegation).exists():
            continue
        head = delegation.members.filter(
            role=DelegationRole.HEAD, status__in=OPEN_STATUSES
        ).first()
        if head is None:
            continue
        inscribe_speaker(
            list_of_speakers=list_of_speakers,
            delegation=delegation,
            speaker=head,
            level=level,
        )
    return list_of_speakers
