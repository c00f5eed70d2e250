"""Two organisers publishing at once, each on a connection of their own."""

import pytest

from agenda.exceptions import AgendaError
from agenda.models import ProgrammeVersion
from agenda.versions import publish_programme_version
from tests.agenda.side_events.test_concurrency import race
from tests.factories import MeetingFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_organisers_publishing_the_same_changes_at_once_make_one_version():
    meeting = MeetingFactory()
    session = SessionFactory(meeting=meeting)
    publish_programme_version(meeting=meeting, name="v1")
    session.title = "Retitled"
    session.save()

    outcomes = race(
        [
            lambda name=name: publish_programme_version(meeting=meeting, name=name)
            for name in ("v2", "v2 – final")
        ]
    )

    published = [
        outcome for outcome in outcomes if isinstance(outcome, ProgrammeVersion)
    ]
    refused = [outcome for outcome in outcomes if isinstance(outcome, AgendaError)]
    assert len(published) == 1
    assert len(refused) == 1
    assert "Nothing has changed since" in str(refused[0])
    assert list(
        ProgrammeVersion.objects.order_by("number").values_list("number", flat=True)
    ) == [1, 2]
