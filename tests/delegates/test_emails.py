import datetime

import pytest
from django.core import mail
from django.urls import reverse

from delegates.emails import SUBJECTS, queue_registration_email
from delegates.enums import RegistrationStatus
from delegates.tokens import make_registration_token
from tests.factories import DelegationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

# Kinds that invite the delegate back to their registration carry its private link.
WITH_LINK = {"received", "approved", "waitlisted", "corrected", "link", "joining_links"}


@pytest.mark.parametrize("kind", sorted(SUBJECTS))
def test_registration_email_has_text_and_html_and_the_right_link(
    kind, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(
        honorific="he", given_name="Maria", family_name="<Santos>"
    )

    with django_capture_on_commit_callbacks(execute=True):
        queue_registration_email(registration, kind)

    (message,) = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert message.to == [registration.email]
    assert registration.meeting.short_name in message.subject
    assert "Dear H.E. Maria <Santos>," in message.body
    assert "Dear H.E. Maria &lt;Santos&gt;," in html
    link = "http://127.0.0.1:8000" + registration.get_private_url()
    assert (link in message.body) == (kind in WITH_LINK)
    assert (f'href="{link}"' in html) == (kind in WITH_LINK)


def documents_of(registration, name):
    return "http://127.0.0.1:8000" + reverse(
        f"delegates:{name}",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": make_registration_token(registration),
        },
    )


def test_approval_email_says_the_badge_and_the_visa_letter_are_ready(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(
        status=RegistrationStatus.APPROVED,
        needs_visa_letter=True,
        nationality="BD",
        passport_number="EB0456721",
        passport_expiry=datetime.date(2031, 5, 17),
        date_of_birth=datetime.date(1976, 8, 2),
    )

    with django_capture_on_commit_callbacks(execute=True):
        queue_registration_email(registration, "approved")

    (message,) = mail.outbox
    html = message.alternatives[0][0]
    badge, letter = (
        documents_of(registration, name) for name in ("own_badge", "own_visa_letter")
    )
    assert f"your badge, to print or show on your phone at the entrance: {badge}" in (
        message.body
    )
    assert f"your visa support letter: {letter}" in message.body
    assert f'<a href="{badge}">Your badge</a>' in html
    assert f'<a href="{letter}">Your visa support letter</a>' in html


def test_approval_email_says_what_the_visa_letter_still_needs(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory(
        status=RegistrationStatus.APPROVED, needs_visa_letter=True, passport_number=""
    )

    with django_capture_on_commit_callbacks(execute=True):
        queue_registration_email(registration, "approved")

    (message,) = mail.outbox
    assert "your visa support letter, once this is done:" in message.body
    assert "passport number" in message.body
    assert documents_of(registration, "own_visa_letter") not in message.body


def test_a_member_nominated_by_a_focal_point_is_told_who_registered_them(
    django_capture_on_commit_callbacks,
):
    delegation = DelegationFactory(name="Thailand", focal_point_name="Ms Napat Suk")
    registration = RegistrationFactory(
        meeting=delegation.meeting, delegation=delegation
    )

    with django_capture_on_commit_callbacks(execute=True):
        queue_registration_email(registration, "received")

    (message,) = mail.outbox
    assert (
        "Ms Napat Suk has registered you as a member of the delegation of Thailand"
        in message.body
    )
    assert "Thank you for registering" not in message.body
    assert "Ms Napat Suk has registered you" in message.alternatives[0][0]
