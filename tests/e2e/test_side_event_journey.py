import pytest

from agenda.enums import SideEventAccess, SignUpStatus
from delegates.enums import RegistrationStatus
from tests.factories import (
    InvitationCodeFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventFactory,
    publish_programme,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_approved_delegate_signs_up_for_the_dg_forum_with_an_invitation_code(page):
    meeting = MeetingFactory()
    dg_forum = SideEventFactory(
        meeting=meeting,
        session__title="Inaugural DG Forum",
        access=SideEventAccess.INVITATION,
        capacity=25,
    )
    code = InvitationCodeFactory(side_event=dg_forum)
    delegate = RegistrationFactory(
        meeting=meeting,
        status=RegistrationStatus.APPROVED,
        given_name="Siriporn",
        family_name="Chaiyasit",
    )
    publish_programme(meeting)

    page.goto(delegate.get_private_url())
    forum = page.get_by_role("article", name="Inaugural DG Forum")
    forum.get_by_text("25 seats left.").wait_for()
    forum.get_by_label("Invitation code").fill(code.code.lower())
    forum.get_by_role("button", name="Sign up").click()

    page.get_by_text("Your seat at “Inaugural DG Forum” is booked.").wait_for()
    assert forum.get_by_text("Your seat is booked").is_visible()
    signup = delegate.side_event_signups.get()
    assert (signup.side_event, signup.status) == (dg_forum, SignUpStatus.BOOKED)
    code.refresh_from_db()
    assert code.uses == 1


def test_delegate_with_a_used_code_is_told_so_in_the_browser(page):
    code = InvitationCodeFactory(side_event__session__title="Inaugural DG Forum")
    meeting = code.side_event.session.meeting
    code.uses = 1
    code.save(update_fields=["uses"])
    delegate = RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    publish_programme(meeting)

    page.goto(delegate.get_private_url())
    forum = page.get_by_role("article", name="Inaugural DG Forum")
    forum.get_by_label("Invitation code").fill(code.code)
    forum.get_by_role("button", name="Sign up").click()

    page.get_by_text("This invitation code has already been used.").wait_for()
    assert not delegate.side_event_signups.exists()
