import io

import pytest
from django.core.management import call_command

from agenda.enums import SideEventAccess, SignUpStatus
from agenda.models import InvitationCode, SideEvent, SideEventSignUp
from delegates.questions.enums import AskedAt, QuestionKind

pytestmark = pytest.mark.django_db


def test_load_demo_makes_the_dg_forum_invitation_only_full_with_a_waiting_list():
    first_output = io.StringIO()
    call_command("load_demo", stdout=first_output)
    counts = [model.objects.count() for model in (SideEvent, InvitationCode)]
    signups = list(
        SideEventSignUp.objects.order_by("pk").values_list("registration", "status")
    )

    second_output = io.StringIO()
    call_command("load_demo", stdout=second_output)

    dg_forum = SideEvent.objects.get(session__slug="dg-forum")
    assert dg_forum.access == SideEventAccess.INVITATION
    assert (dg_forum.capacity, dg_forum.seats_taken) == (25, 25)
    assert dg_forum.signups.filter(status=SignUpStatus.BOOKED).count() == 25
    assert dg_forum.signups.filter(status=SignUpStatus.WAITLISTED).count() == 3
    assert [model.objects.count() for model in (SideEvent, InvitationCode)] == counts
    assert (
        list(
            SideEventSignUp.objects.order_by("pk").values_list("registration", "status")
        )
        == signups
    )
    spare_codes = InvitationCode.objects.filter(label__startswith="Demo code", uses=0)
    assert spare_codes.count() == 3
    for code in spare_codes:
        assert code.code in first_output.getvalue()
        assert code.code in second_output.getvalue()
    assert "/register/manage/" in second_output.getvalue()


def test_load_demo_has_an_open_side_event_that_delegates_ask_for_when_registering():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    launch = SideEvent.objects.get(session__slug="report-launch-good-practices")
    assert launch.access == SideEventAccess.OPEN
    assert launch.allow_signup_at_registration
    assert launch.session.published
    wishes = launch.signups.filter(status=SignUpStatus.REQUESTED)
    assert wishes.count() == 3
    assert {wish.registration.status for wish in wishes} == {"submitted"}
    assert launch.seats_taken == 0


def test_load_demo_has_the_dg_forum_ask_two_questions_at_sign_up():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    dg_forum = SideEvent.objects.get(session__slug="dg-forum")
    speaking, remarks = dg_forum.questions.order_by("position")
    assert (speaking.label, speaking.kind, speaking.required) == (
        "Which session will you speak in?",
        QuestionKind.ONE_CHOICE,
        True,
    )
    assert [choice.label for choice in speaking.choices.all()] == [
        "Planning cooperation",
        "Financing cooperation",
        "Reporting results",
    ]
    assert (remarks.kind, remarks.required) == (QuestionKind.LONG_TEXT, False)
    assert {speaking.asked_at, remarks.asked_at} == {AskedAt.SIDE_EVENT}
