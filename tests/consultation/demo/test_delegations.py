import io

import pytest
from django.core.management import call_command

from delegates.enums import CredentialsStatus, DelegationRole
from delegates.models import Delegation, Registration
from delegates.participants.selectors import meeting_statistics, public_participants

pytestmark = pytest.mark.django_db


def test_demo_loads_three_delegations_once_with_their_heads(settings):
    call_command("load_demo", stdout=io.StringIO())
    counts = (Delegation.objects.count(), Registration.objects.count())

    call_command("load_demo", stdout=io.StringIO())

    assert (Delegation.objects.count(), Registration.objects.count()) == counts
    assert sorted(Delegation.objects.values_list("name", flat=True)) == [
        "Indonesia",
        "Islamic Development Bank",
        "Thailand",
    ]
    assert Registration.objects.filter(role=DelegationRole.HEAD).count() == 3
    assert len(list((settings.PRIVATE_MEDIA_ROOT / "credentials").iterdir())) == 2
    thailand = Delegation.objects.get(name="Thailand")
    assert thailand.credentials_status == CredentialsStatus.ACCEPTED
    assert thailand.members.get(role=DelegationRole.HEAD).family_name == "Chaiyasit"


def test_demo_list_of_participants_shows_thailand_head_of_delegation_first(
    settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    meeting = Delegation.objects.get(name="Thailand").meeting

    groups = public_participants(meeting)
    statistics = meeting_statistics(meeting)

    thailand = next(e for e in groups[0].entities if e.name == "Thailand")
    assert thailand.participants[0].name == "Ms Siriporn Chaiyasit"
    assert thailand.participants[0].role_label == "Head of delegation"
    assert statistics.delegations == 3
