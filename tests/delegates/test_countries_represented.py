"""The "country represented" list: what a UN meeting accepts, and nothing else."""

import pytest
from django.utils import translation

from consultation.countries.represented import (
    every_country_choices,
    represented_choices,
    represented_field_choices,
)
from delegates.forms import RegistrationForm
from tests.delegates.delegations.test_nomination import HEAD_AND_DELEGATE, nomination
from tests.delegates.nomination import nominate_url
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def codes(choices):
    return {code for code, _name in choices}


def test_member_and_observer_states_are_always_offered():
    meeting = MeetingFactory(associate_members=[])

    offered = codes(represented_choices(meeting))

    assert len(offered) == 195
    assert {"TH", "CN", "VA", "PS"} <= offered
    assert not offered & {"HK", "MO", "NC", "TW", "AQ", "GB-ENG"}


def test_associate_members_are_offered_where_the_organiser_sets_them():
    meeting = MeetingFactory(associate_members=["HK", "MO", "NC"])

    offered = codes(represented_choices(meeting))

    assert {"HK", "MO", "NC"} <= offered
    assert "CK" not in offered
    assert len(offered) == 198


def test_choices_are_un_names_sorted_in_the_language():
    meeting = MeetingFactory(associate_members=["HK"])

    with translation.override("fr"):
        names = [name for _code, name in represented_choices(meeting)]

    assert names.index("Hong Kong (Chine)") < names.index("Hongrie")
    assert names.index("Côte d'Ivoire") < names.index("Croatie") < names.index("Cuba")
    assert (
        names.index("Égypte")
        < names.index("El Salvador")
        < names.index("Émirats arabes unis")
    )


def test_a_stored_country_stays_a_choice_once_no_longer_offered():
    meeting = MeetingFactory(associate_members=[])

    choices = represented_field_choices(meeting, keep="HK")

    assert choices[0] == ("", "---------")
    assert ("HK", "Hong Kong, China") in choices


def test_nationality_offers_every_country():
    assert {"TW", "HK", "GB", "AQ"} <= codes(every_country_choices(language="en"))


def test_registration_form_refuses_a_country_the_meeting_does_not_accept(
    meeting, form_data
):
    form = RegistrationForm({**form_data, "country": "HK"}, meeting=meeting)

    assert not form.is_valid()
    assert form.errors["country"] == [
        "Select a valid choice. HK is not one of the available choices."
    ]


def test_registration_form_accepts_the_meeting_s_associate_member(form_data):
    meeting = MeetingFactory(associate_members=["HK"])
    form_data = {**form_data, "category": "associate_member", "country": "HK"}

    form = RegistrationForm(form_data, meeting=meeting)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["country"] == "HK"


def test_registration_form_offers_the_observer_states(meeting, form_data):
    form = RegistrationForm({**form_data, "country": "PS"}, meeting=meeting)

    assert form.is_valid(), form.errors


def test_correction_of_a_country_no_longer_offered_keeps_it(meeting):
    registration = RegistrationFactory(meeting=meeting, country="HK")

    form = RegistrationForm(instance=registration, meeting=meeting)

    assert "HK" in codes(form.fields["country"].choices)


def test_delegation_form_refuses_a_tampered_country(client):
    meeting = MeetingFactory(associate_members=[])

    response = client.post(
        nominate_url(meeting), nomination(*HEAD_AND_DELEGATE, country="TW")
    )

    assert response.context["form"].errors["country"] == [
        "Select a valid choice. TW is not one of the available choices."
    ]
    assert meeting.delegations.count() == 0


def test_delegation_of_an_associate_member_is_named_as_the_un_names_it(client):
    meeting = MeetingFactory(associate_members=["MO"])

    response = client.post(
        nominate_url(meeting),
        nomination(*HEAD_AND_DELEGATE, category="associate_member", country="MO"),
    )

    assert response.status_code == 302
    assert meeting.delegations.get().name == "Macao, China"
