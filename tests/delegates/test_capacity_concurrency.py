"""Capacity under concurrent requests: real threads, separate PostgreSQL connections."""

import threading

import pytest
from django.db import connection

from delegates.enums import RegistrationStatus
from delegates.services import (
    RegistrationError,
    approve_registration,
    cancel_registration,
    promote_from_waitlist,
)
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(jobs):
    """Start every job at the same moment, each on its own database connection."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except RegistrationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_approvals_never_exceed_capacity():
    organiser = UserFactory()
    meeting = MeetingFactory(capacity=3)
    registrations = RegistrationFactory.create_batch(12, meeting=meeting)

    errors = run_together(
        [
            lambda registration=registration: approve_registration(
                registration, by=organiser
            )
            for registration in registrations
        ]
    )

    assert errors == []
    counts = {
        status: meeting.registrations.filter(status=status).count()
        for status in (RegistrationStatus.APPROVED, RegistrationStatus.WAITLISTED)
    }
    assert counts == {RegistrationStatus.APPROVED: 3, RegistrationStatus.WAITLISTED: 9}


def test_concurrent_cancellations_and_promotions_never_exceed_capacity():
    organiser = UserFactory()
    meeting = MeetingFactory(capacity=2, auto_promote_waitlist=True)
    approved = RegistrationFactory.create_batch(
        2, meeting=meeting, status=RegistrationStatus.APPROVED
    )
    RegistrationFactory.create_batch(
        6, meeting=meeting, status=RegistrationStatus.WAITLISTED
    )

    run_together(
        [lambda r=r: cancel_registration(r, by=None) for r in approved]
        + [lambda: promote_from_waitlist(meeting=meeting, by=organiser)] * 4
    )

    registrations = meeting.registrations
    assert registrations.filter(status=RegistrationStatus.APPROVED).count() == 2
    assert registrations.filter(status=RegistrationStatus.WAITLISTED).count() == 4
