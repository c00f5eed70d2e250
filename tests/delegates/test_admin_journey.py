"""An organiser's vetting round in the admin: filter, bulk approve, export."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from delegates.enums import ParticipantCategory, RegistrationStatus
from delegates.models import Registration
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")
EXPORT_CSV = reverse("admin:delegates_registration_export", args=["csv"])


def test_organiser_filters_approves_in_bulk_and_exports_the_approved_list(
    client,
    organiser_role_user,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory()
    member_states = RegistrationFactory.create_batch(
        5, meeting=meeting, category=ParticipantCategory.MEMBER_STATE
    )
    already_approved = RegistrationFactory(
        meeting=meeting,
        category=ParticipantCategory.MEMBER_STATE,
        status=RegistrationStatus.APPROVED,
    )
    civil_society = RegistrationFactory(
        meeting=meeting, category=ParticipantCategory.CIVIL_SOCIETY
    )
    client.force_login(organiser_role_user)
    filters = {"status__exact": "submitted", "category__exact": "member_state"}

    with django_assert_max_num_queries(15):
        listing = client.get(CHANGELIST, filters)
    assert set(listing.context["cl"].result_list) == set(member_states)

    # Each approval is its own locked transaction (savepoint, lock, update, audit
    # trail, its side event wishes, release) plus its email (with the side events
    # it lists) written to the outbox, the meeting's webhook endpoints read for
    # its event, and here, where tasks run in the test's process, the worker's
    # claim and "sent" for that email: a bounded cost per registration, on top
    # of the redirected list.
    with (
        django_assert_max_num_queries(15 + 17 * len(member_states)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        approval = client.post(
            f"{CHANGELIST}?status__exact=submitted&category__exact=member_state",
            {
                "action": "approve_selected",
                "_selected_action": [r.pk for r in member_states],
            },
            follow=True,
        )
    assert "5 registrations approved." in approval.content.decode()
    assert list(approval.context["cl"].result_list) == []
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        r.email for r in member_states
    )

    # One of them reads the meeting's registration questions (none here); one
    # writes the export to the personal-data log.
    with django_assert_max_num_queries(14):
        export = client.get(EXPORT_CSV, {"status__exact": "approved"})
        content = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    exported = {(row["Family name"], row["Email"]) for row in rows}
    approved = Registration.objects.filter(status=RegistrationStatus.APPROVED)
    assert exported == {(r.family_name, r.email) for r in approved}
    assert {r.pk for r in approved} == {
        r.pk for r in [*member_states, already_approved]
    }
    assert civil_society.email not in content
    assert all(
        record.history_user == organiser_role_user
        for r in member_states
        for record in [r.history.latest()]
    )
