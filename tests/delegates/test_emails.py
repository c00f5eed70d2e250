import pytest
from django.core import mail

from delegates.emails import SUBJECTS, queue_registration_email
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

# Kinds that invite the delegate back to their registration carry its private link.
WITH_LINK = {"received", "approved", "waitlisted", "corrected", "link"}


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
