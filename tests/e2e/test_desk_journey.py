"""The check-in desk in a real browser: a scanner types the code, Enter sends it."""

import pytest
from django.contrib.auth.models import Group

from delegates.enums import RegistrationStatus
from delegates.models import CheckIn
from delegates.roles import REGISTRATION_DESK
from delegates.tokens import make_badge_code
from tests.e2e.sessions import give_session
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


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
    give_session(page, live_server.url, desk)
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
