"""Simultaneous API writes: real threads, each request on its own connection."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from delegates.enums import RegistrationStatus
from delegates.models import CheckIn
from tests.api_tokens import api_client, make_token
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def post_together(secret, requests):
    """Send every (address, body) at the same moment; return the responses."""
    barrier = threading.Barrier(len(requests))
    responses = [None] * len(requests)

    def send(index, address, body):
        client = api_client(secret)
        try:
            barrier.wait()
            responses[index] = client.post(
                address, body, content_type="application/json"
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(index, address, body))
        for index, (address, body) in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_simultaneous_approvals_never_exceed_capacity():
    meeting = MeetingFactory(capacity=2)
    registrations = RegistrationFactory.create_batch(6, meeting=meeting)
    _, secret = make_token("registrations:write", meeting=meeting)

    responses = post_together(
        secret,
        [
            (
                reverse(
                    "api-registration-status",
                    kwargs={"meeting_slug": meeting.slug, "registration_id": r.pk},
                ),
                {"status": "approved"},
            )
            for r in registrations
        ],
    )

    reached = sorted(response.json()["status"] for response in responses)
    assert reached == ["approved"] * 2 + ["waitlisted"] * 4
    assert meeting.registrations.filter(status=RegistrationStatus.APPROVED).count() == 2


def test_simultaneous_check_ins_of_one_badge_record_one():
    meeting = MeetingFactory(running_today=True)
    registration = RegistrationFactory(
        meeting=meeting, status=RegistrationStatus.APPROVED
    )
    _, secret = make_token("check_ins:write", meeting=meeting)
    address = reverse("api-check-ins", kwargs={"meeting_slug": meeting.slug})

    responses = post_together(
        secret, [(address, {"registration": registration.pk})] * 4
    )

    assert sorted(response.status_code for response in responses) == [
        200,
        200,
        200,
        201,
    ]
    assert CheckIn.objects.count() == 1
