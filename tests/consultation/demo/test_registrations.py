import io

import pytest
from django.core.management import call_command

from consultation.demo.registrations import DELEGATE_DETAILS
from delegates.models import Correction, Delegation, Registration

pytestmark = pytest.mark.django_db


def test_demo_runs_twice_without_growing_the_audit_trail():
    call_command("load_demo", stdout=io.StringIO())
    history = (Registration.history.count(), Delegation.history.count())

    call_command("load_demo", stdout=io.StringIO())

    assert (Registration.history.count(), Delegation.history.count()) == history


def test_demo_registrations_have_the_full_form_filled_in(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    registrations = Registration.objects.filter(email__in=DELEGATE_DETAILS)
    assert registrations.count() == len(DELEGATE_DETAILS)
    assert all(r.phone and r.phone.is_valid() for r in registrations)
    assert all(r.consent_privacy for r in registrations)
    assert all(r.arrival_date <= r.departure_date for r in registrations)
    assert {r.gender for r in registrations} >= {"female", "male", "undisclosed"}
    assert registrations.filter(consent_public_list=False).exists()
    assert Correction.objects.count() == 1
