"""Hostile and careless input on a delegate's side event sign-up.

Bad input gets a clear message on the form, or a 404 for a link or a side event
that is not the delegate's to open; never a server error, and no seat or code use
is given twice.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.enums import SideEventAccess, SignUpStatus
from agenda.models import InvitationCode, SideEventSignUp
from delegates.enums import RegistrationStatus
from delegates.tokens import make_registration_token
from tests.factories import (
    InvitationCodeFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    publish_programme,
)

pytestmark = pytest.mark.django_db


def sign_up_url(registration, side_event, *, token=None, session_slug=None):
    return reverse(
        "side_events:sign_up",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": token
            if token is not None
            else make_registration_token(registration),
            "session_slug": session_slug or side_event.session.slug,
        },
    )


def cancel_url(registration, side_event, **kwargs):
    return sign_up_url(registration, side_event, **kwargs) + "cancel/"


def form_errors(response):
    """Every message the re-rendered sign-up form shows."""
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    return [str(error) for errors in form.errors.values() for error in errors]


def assert_refused(response, message):
    assert any(message in error for error in form_errors(response)), form_errors(
        response
    )
    assert message in response.content.decode()


def assert_code_refused(response, message):
    """The message is beside the invitation code field."""
    assert response.status_code == 200, response.status_code
    errors = [
        str(error) for error in response.context["form"].errors["invitation_code"]
    ]
    assert any(message in error for error in errors), errors
    assert message in response.content.decode()


@pytest.fixture
def meeting(db):
    return MeetingFactory()


@pytest.fixture
def delegate(meeting):
    return RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)


@pytest.fixture
def invitation(meeting):
    side_event = SideEventFactory(
        meeting=meeting, access=SideEventAccess.INVITATION, session__slug="dg-forum"
    )
    publish_programme(meeting)
    return side_event


@pytest.fixture
def code(invitation):
    return InvitationCode.objects.create(
        side_event=invitation, code="7KQ4-MZ2D-X9HP-3RTA"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "7kq4-mz2d-x9hp-3rta",
        "  7KQ4 MZ2D X9HP 3RTA  ",
        "7KQ4MZ2DX9HP3RTA",
        "7kq4\t-mz2d--x9hp-3rta",
    ],
)
def test_invitation_code_in_any_case_or_spacing_books_the_seat(
    client, delegate, invitation, code, typed
):
    response = client.post(
        sign_up_url(delegate, invitation), {"invitation_code": typed}
    )

    assert response.status_code == 302
    signup = SideEventSignUp.objects.get()
    assert (signup.registration, signup.status, signup.invitation_code) == (
        delegate,
        SignUpStatus.BOOKED,
        code,
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "This field is required."),
        ("   ", "This field is required."),
        ("7KQ4-MZ2D-X9HP-3RTB", "This invitation code is not valid."),
        ("7KQ4-MZ2D-X9HP", "This invitation code is not valid."),
        ("7KQ4-MZ2D-X9HP-3RTA-7KQ4", "This invitation code is not valid."),
        ("７ＫＱ４-ＭＺ２Ｄ-Ｘ９ＨＰ-３ＲＴＡ", "This invitation code is not valid."),
        ("7KQ4-MZ2D-X9HP-3RTA\x00", "Null characters are not allowed."),
        ("7KQ4-MZ2D-X9HP-3RTA" * 3, "at most 40 characters"),
        ("' OR 1=1 --", "This invitation code is not valid."),
    ],
)
def test_invitation_code_that_is_wrong_is_refused_with_a_message(
    client, delegate, invitation, code, typed, message
):
    response = client.post(
        sign_up_url(delegate, invitation), {"invitation_code": typed}
    )

    assert_code_refused(response, message)
    assert not SideEventSignUp.objects.exists()
    code.refresh_from_db()
    assert code.uses == 0


def test_invitation_code_of_another_side_event_is_refused(
    client, meeting, delegate, invitation
):
    other = SideEventFactory(meeting=meeting, access=SideEventAccess.INVITATION)
    publish_programme(meeting)
    other_code = InvitationCodeFactory(side_event=other)

    response = client.post(
        sign_up_url(delegate, invitation), {"invitation_code": other_code.code}
    )

    assert_code_refused(response, "This invitation code is for another side event.")
    assert not SideEventSignUp.objects.exists()


def test_invitation_code_of_another_meeting_is_refused(client, delegate, invitation):
    elsewhere = InvitationCodeFactory()

    response = client.post(
        sign_up_url(delegate, invitation), {"invitation_code": elsewhere.code}
    )

    assert_code_refused(response, "This invitation code is for another side event.")
    elsewhere.refresh_from_db()
    assert elsewhere.uses == 0


def test_invitation_code_used_up_is_refused(client, meeting, invitation, code):
    first, second = RegistrationFactory.create_batch(
        2, meeting=meeting, status=RegistrationStatus.APPROVED
    )
    client.post(sign_up_url(first, invitation), {"invitation_code": code.code})

    response = client.post(
        sign_up_url(second, invitation), {"invitation_code": code.code}
    )

    assert_code_refused(response, "This invitation code has already been used.")
    assert list(SideEventSignUp.objects.values_list("registration", flat=True)) == [
        first.pk
    ]


def test_invitation_code_refused_keeps_what_was_typed(client, delegate, invitation):
    response = client.post(
        sign_up_url(delegate, invitation), {"invitation_code": "7KQ4-MZ2D-X9HP-3RTB"}
    )

    assert 'value="7KQ4-MZ2D-X9HP-3RTB"' in response.content.decode()


def test_sign_up_twice_keeps_one_seat_and_one_code_use(
    client, delegate, invitation, code
):
    code.max_uses = 5
    code.save()
    url = sign_up_url(delegate, invitation)

    client.post(url, {"invitation_code": code.code})
    response = client.post(url, {"invitation_code": code.code})

    assert_refused(response, "You are already signed up for this side event.")
    assert SideEventSignUp.objects.count() == 1
    code.refresh_from_db()
    invitation.refresh_from_db()
    assert (code.uses, invitation.seats_taken) == (1, 1)


def test_sign_up_for_a_full_side_event_puts_the_delegate_on_the_waiting_list(
    client, meeting, delegate
):
    side_event = SideEventFactory(meeting=meeting, capacity=1)
    SideEventSignUpFactory(side_event=side_event)
    publish_programme(meeting)

    response = client.post(sign_up_url(delegate, side_event), follow=True)

    assert "you are on the waiting list" in response.content.decode()
    signup = SideEventSignUp.objects.get(registration=delegate)
    assert signup.status == SignUpStatus.WAITLISTED
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1


def test_sign_up_for_a_side_event_closed_to_delegates_is_refused(
    client, meeting, delegate
):
    side_event = SideEventFactory(meeting=meeting, allow_signup_at_registration=False)
    publish_programme(meeting)

    response = client.post(sign_up_url(delegate, side_event))

    assert_refused(response, "Seats at this side event are given by its organisers")
    assert not SideEventSignUp.objects.exists()


def test_sign_up_for_a_side_event_that_has_started_is_refused(
    client, meeting, delegate
):
    side_event = SideEventFactory(meeting=meeting)
    publish_programme(meeting)
    side_event.session.start = timezone.now() - timezone.timedelta(minutes=5)
    side_event.session.end = timezone.now() + timezone.timedelta(hours=1)
    side_event.session.save()

    response = client.post(sign_up_url(delegate, side_event))

    assert_refused(response, "already started")
    assert not SideEventSignUp.objects.exists()


def test_sign_up_for_a_side_event_taken_off_the_programme_is_not_found(
    client, meeting, delegate
):
    side_event = SideEventFactory(meeting=meeting)
    publish_programme(meeting)
    side_event.session.published = False
    side_event.session.save()

    assert client.post(sign_up_url(delegate, side_event)).status_code == 404
    assert not SideEventSignUp.objects.exists()


def test_sign_up_for_a_side_event_of_another_meeting_is_not_found(client, delegate):
    elsewhere = SideEventFactory(session__slug="elsewhere-forum")
    publish_programme(elsewhere.session.meeting)

    for url in [sign_up_url(delegate, elsewhere), cancel_url(delegate, elsewhere)]:
        assert client.post(url).status_code == 404
    assert not SideEventSignUp.objects.exists()


@pytest.mark.parametrize("slug", ["no-such-event", "0", "a" * 300, "%2500"])
def test_sign_up_for_an_unknown_side_event_is_not_found(
    client, delegate, invitation, slug
):
    url = sign_up_url(delegate, invitation).replace("dg-forum", slug)

    assert client.post(url, {"invitation_code": "x"}).status_code == 404


def test_sign_up_for_a_plenary_session_is_not_found(client, meeting, delegate):
    from tests.factories import SessionFactory

    plenary = SessionFactory(meeting=meeting, slug="opening")
    publish_programme(meeting)
    url = sign_up_url(delegate, None, session_slug=plenary.slug)

    assert client.post(url).status_code == 404


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-1],
        lambda token: token.split(":")[0],
        lambda token: "A" * 3000,
        lambda token: token.replace(token[0], "Z" if token[0] != "Z" else "Y", 1),
    ],
)
def test_sign_up_and_cancel_with_a_forged_link_are_not_found(
    client, delegate, invitation, code, forge
):
    token = forge(make_registration_token(delegate))

    for url in [
        sign_up_url(delegate, invitation, token=token),
        cancel_url(delegate, invitation, token=token),
    ]:
        assert client.post(url, {"invitation_code": code.code}).status_code == 404
    assert not SideEventSignUp.objects.exists()


def test_sign_up_with_a_nul_character_in_the_address_is_a_bad_request(
    client, delegate, invitation, code
):
    # consultation/middleware.py turns such an address away before any lookup.
    url = sign_up_url(delegate, invitation).replace("dg-forum", "dg-forum%00")

    response = client.post(url, {"invitation_code": code.code})

    assert response.status_code == 400
    assert not SideEventSignUp.objects.exists()


@pytest.mark.parametrize(
    "status",
    [RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED],
)
def test_sign_up_by_a_delegate_no_longer_registered_is_refused(
    client, meeting, invitation, code, status
):
    delegate = RegistrationFactory(meeting=meeting, status=status)

    response = client.post(
        sign_up_url(delegate, invitation), {"invitation_code": code.code}
    )

    assert_refused(response, "Only delegates whose registration is approved")
    assert not SideEventSignUp.objects.exists()


def test_sign_up_by_a_pending_delegate_for_an_invitation_only_event_is_refused(
    client, meeting, invitation, code
):
    delegate = RegistrationFactory(meeting=meeting, status=RegistrationStatus.SUBMITTED)

    response = client.post(
        sign_up_url(delegate, invitation), {"invitation_code": code.code}
    )

    assert_refused(response, "is by invitation")
    assert not SideEventSignUp.objects.exists()


def test_cancel_without_a_sign_up_says_so(client, meeting, delegate):
    side_event = SideEventFactory(meeting=meeting)
    publish_programme(meeting)

    response = client.post(cancel_url(delegate, side_event), follow=True)

    assert "There is no sign-up to cancel." in response.content.decode()
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0


def test_cancel_by_get_changes_nothing(client, meeting, delegate):
    side_event = SideEventFactory(meeting=meeting)
    publish_programme(meeting)
    SideEventSignUpFactory(side_event=side_event, registration=delegate)

    response = client.get(cancel_url(delegate, side_event))

    assert response.status_code == 405
    assert SideEventSignUp.objects.filter(registration=delegate).exists()
