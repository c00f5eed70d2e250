"""A form's capacity under simultaneous registrations: real threads, separate
PostgreSQL connections."""

import threading

import pytest
from django.db import connection

from delegates.enums import RegistrationStatus
from delegates.models import Registration
from delegates.questions.enums import Approval
from delegates.services import RegistrationError, register_delegate
from tests.factories import MeetingFactory, MeetingFormFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def registration_data(n):
    return {
        "honorific": "ms",
        "given_name": f"Delegate {n}",
        "family_name": "Tan",
        "job_title": "Programme officer",
        "organisation": "Mekong Youth Network",
        "category": "civil_society",
        "email": f"delegate-{n}@example.org",
        "phone": "+66 2 288 1234",
        "consent_privacy": True,
    }


def register_together(meeting, meeting_form, count):
    """Send ``count`` registrations through the form at the same moment."""
    barrier = threading.Barrier(count)
    refusals = []

    def register(n):
        try:
            barrier.wait()
            register_delegate(
                meeting=meeting, meeting_form=meeting_form, data=registration_data(n)
            )
        except RegistrationError as error:
            refusals.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return refusals


def test_two_registrations_for_the_last_place_take_it_once():
    meeting = MeetingFactory()
    meeting_form = MeetingFormFactory(meeting=meeting, capacity=2)
    RegistrationFactory(meeting=meeting, form=meeting_form)

    refusals = register_together(meeting, meeting_form, 2)

    assert refusals == ["This form is full: it takes no more registrations."]
    assert Registration.objects.filter(form=meeting_form).count() == 2


def test_automatic_approvals_racing_for_the_last_seat_never_exceed_capacity():
    meeting = MeetingFactory(capacity=3)
    meeting_form = MeetingFormFactory(
        meeting=meeting, capacity=6, approval=Approval.AUTOMATIC
    )

    refusals = register_together(meeting, meeting_form, 8)

    assert len(refusals) == 2
    statuses = sorted(
        Registration.objects.filter(form=meeting_form).values_list("status", flat=True)
    )
    assert (
        statuses
        == [RegistrationStatus.APPROVED] * 3 + [RegistrationStatus.WAITLISTED] * 3
    )
