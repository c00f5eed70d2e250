"""The check-in desk in a real browser: a scanner types the code, Enter sends it."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from delegates.enums import RegistrationStatus
from delegates.models import CheckIn
from delegates.roles import REGISTRATION_DESK
from delegates.tokens import make_badge_code
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, user):
    """Give the browser the session of a signed-in user (the login form is not
    what this journey is about)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_desk_checks_in_by_badge_code_without_reloading_the_page(page, live_server):
    registration = RegistrationFactory(
        meeting__running_today=True,
        status=RegistrationStatus.APPROVED,
        given_name="Siriporn",
        family_name="Chaiyasit",
        country="TH",
    )
    meeting = registration.meeting
    desk = UserFactory(username="desk", is_staff=True)
    desk.groups.add(Group.objects.get(name=REGISTRATION_DESK))
    sign_in(page, live_server, desk)
    page.goto(f"/{meeting.slug}/desk/")
    page.evaluate("window.deskPageMarker = 'same page'")

    scan_field = page.get_by_label("Badge code")
    assert scan_field.evaluate("field => field === document.activeElement")
    scan_field.type(make_badge_code(registration))
    scan_field.press("Enter")

    answer = page.locator("#desk-result [data-outcome]")
    answer.wait_for()
    assert answer.get_attribute("data-outcome") == "checked_in"
    assert "Checked in. Welcome!" in answer.inner_text()
    assert "Ms Siriporn Chaiyasit" in answer.inner_text()
    assert "Thailand" in answer.inner_text()
    assert page.evaluate("window.deskPageMarker") == "same page"
    assert scan_field.input_value() == ""
    assert "Ms Siriporn Chaiyasit" in page.locator("#desk-recent").inner_text()
    assert "Nobody checked in yet." not in page.content()
    today_row = page.locator("#desk-attendance tbody tr").first
    assert today_row.locator("td").inner_text() == "1"
    assert CheckIn.objects.get().registration == registration

    scan_field.type(make_badge_code(registration))
    scan_field.press("Enter")

    page.locator("#desk-result [data-outcome=already_checked_in]").wait_for()
    assert CheckIn.objects.count() == 1
