import pytest
from django.urls import reverse

from consultation.outbox.enums import MailStatus
from consultation.outbox.models import OutgoingMail
from delegates.roles import ORGANISER, REGISTRATION_DESK
from tests.delegates.conftest import staff_with_role
from tests.factories import DelegationFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:outbox_outgoingmail_changelist")


def given_up_mail(**fields):
    to = fields.pop("to", "bounce@example.org")
    return OutgoingMail.objects.create(
        **{
            "to": to,
            "from_email": "secretariat@localhost",
            "kind": "approved",
            "language": "en",
            "subject": "Registration approved",
            "text_body": "Dear Ms Ana Lee,",
            "message_id": f"<{to}@localhost>",
            "status": MailStatus.GIVEN_UP,
            "attempts": 1,
            "last_error": "SMTPRecipientsRefused: 550 5.1.1 No such user",
            "next_attempt_at": "2026-01-01T00:00Z",
            **fields,
        }
    )


def test_outbox_list_shows_the_error_and_filters_by_status_and_searches_addresses(
    organiser_client,
):
    given_up_mail(to="bounce@example.org")
    given_up_mail(to="other@example.org", status=MailStatus.QUEUED, last_error="")

    listing = organiser_client.get(
        CHANGELIST, {"status__exact": MailStatus.GIVEN_UP, "q": "bounce"}
    ).content.decode()

    assert "bounce@example.org" in listing
    assert "550 5.1.1 No such user" in listing
    assert "other@example.org" not in listing


def test_resend_action_puts_a_given_up_mail_back_in_the_queue(organiser_client):
    mail = given_up_mail()

    page = organiser_client.post(
        CHANGELIST, {"action": "resend", "_selected_action": [mail.pk]}, follow=True
    ).content.decode()

    # The send task runs after commit, which this test's transaction never does.
    mail.refresh_from_db()
    assert "1 email will be sent again." in page
    assert mail.status == MailStatus.QUEUED
    assert mail.attempts == 0


def test_registration_page_lists_its_emails_for_organisers_only(client):
    meeting = MeetingFactory()
    registration = RegistrationFactory(meeting=meeting)
    given_up_mail(registration=registration, meeting=meeting)
    url = reverse("admin:delegates_registration_change", args=[registration.pk])

    client.force_login(staff_with_role("secretariat", ORGANISER))
    organiser_page = client.get(url).content.decode()
    client.force_login(staff_with_role("desk", REGISTRATION_DESK))
    desk_page = client.get(url).content.decode()

    assert "Registration approved" in organiser_page
    assert "550 5.1.1 No such user" in organiser_page
    assert "Registration approved" not in desk_page


def test_delegation_page_lists_the_focal_points_emails(organiser_client):
    delegation = DelegationFactory()
    given_up_mail(
        delegation=delegation, meeting=delegation.meeting, kind="delegation link"
    )

    page = organiser_client.get(
        reverse("admin:delegates_delegation_change", args=[delegation.pk])
    ).content.decode()

    assert "emails to the focal point" in page.lower()
    assert "550 5.1.1 No such user" in page
