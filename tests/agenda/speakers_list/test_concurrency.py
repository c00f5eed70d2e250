"""Inscriptions racing for one list on PostgreSQL: real threads, own connections."""

import threading

import pytest
from django.db import connection

from agenda.enums import SpeakingLevel
from agenda.models import Inscription, ListOfSpeakers
from agenda.speakers_list.services import SpeakersListError, inscribe_speaker
from delegates.enums import DelegationRole, RegistrationStatus
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)

COUNTRIES = ["TH", "ID", "VN", "PH", "BD", "MN", "FJ", "LA", "KH", "NP", "LK", "MY"]


def race(calls):
    """Run the calls at the same moment, one thread and connection each."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # the test asserts on every outcome
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def inscription_call(list_id, delegation, speaker, level):
    return lambda: inscribe_speaker(
        list_of_speakers=ListOfSpeakers.objects.get(pk=list_id),
        delegation=delegation,
        speaker=speaker,
        level=level,
    )


def test_racing_inscriptions_get_distinct_places_in_protocol_and_time_order(
    speakers_list, delegation_with_head
):
    heads = [
        delegation_with_head(speakers_list, f"Country {code}", country=code)
        for code in COUNTRIES
    ]
    levels = [SpeakingLevel.MINISTER, SpeakingLevel.HEAD_OF_DELEGATION]

    outcomes = race(
        [
            inscription_call(speakers_list.pk, delegation, head, levels[index % 2])
            for index, (delegation, head) in enumerate(heads)
        ]
    )

    assert all(isinstance(outcome, Inscription) for outcome in outcomes), outcomes
    placed = list(speakers_list.inscriptions.order_by("position"))
    assert [entry.position for entry in placed] == list(range(1, 13))
    ministers, heads_of_delegation = placed[:6], placed[6:]
    assert {entry.level for entry in ministers} == {SpeakingLevel.MINISTER}
    assert {entry.level for entry in heads_of_delegation} == {
        SpeakingLevel.HEAD_OF_DELEGATION
    }
    for group in (ministers, heads_of_delegation):
        times = [entry.inscribed_at for entry in group]
        assert times == sorted(times)


def test_one_delegation_racing_itself_gets_one_place(
    speakers_list, delegation_with_head
):
    delegation, head = delegation_with_head(speakers_list, "Thailand", country="TH")
    members = [head] + RegistrationFactory.create_batch(
        5,
        meeting=delegation.meeting,
        delegation=delegation,
        role=DelegationRole.DELEGATE,
        status=RegistrationStatus.APPROVED,
    )

    outcomes = race(
        [
            inscription_call(speakers_list.pk, delegation, member, SpeakingLevel.OTHER)
            for member in members
        ]
    )

    assert sum(isinstance(outcome, Inscription) for outcome in outcomes) == 1
    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 5
    assert all(isinstance(outcome, SpeakersListError) for outcome in refused)
    assert speakers_list.inscriptions.filter(delegation=delegation).count() == 1
