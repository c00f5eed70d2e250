"""Every staff account needs a second factor: enrolled at first sign-in, then asked."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import MeetingFactory, RegistrationFactory, UserFactory
from tests.staff_sign_in import (
    enrol_authenticator_app,
    forget_second_factor,
    recovery_codes,
    sign_in_with_password,
    totp_code,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_member():
    return UserFactory(username="amara", is_staff=True, is_superuser=True)


def staff_urls(meeting):
    return [
        "/admin/",
        "/admin/delegates/registration/",
        "/admin/delegates/registration/export/csv/",
        "/admin/consultation/meeting/",
        "/admin/jobs/job/",
        f"/{meeting.slug}/desk/",
        "/fr/admin/",
    ]


def test_staff_without_a_second_factor_reaches_no_staff_page(client, staff_member):
    meeting = MeetingFactory()
    registration = RegistrationFactory(meeting=meeting, passport_number="X1234567")
    sign_in_with_password(client, staff_member)

    for url in staff_urls(meeting):
        response = client.get(url)

        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_index")), url
        assert registration.email not in response.content.decode()


# As in production, allauth's after-commit work runs within the request.
@pytest.mark.django_db(transaction=True)
def test_first_sign_in_enrols_an_authenticator_app_then_reaches_the_admin(
    client, staff_member
):
    response = sign_in_with_password(client, staff_member)
    assert response["Location"] == "/admin/"
    enrolment = client.get(client.get("/admin/", follow=True).request["PATH_INFO"])
    assert "Authenticator App" in enrolment.content.decode()

    form = client.get(reverse("mfa_activate_totp")).context["form"]
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(form.secret)})
    response = client.get("/admin/")

    assert response.status_code == 200
    assert "Meetings, programme and registrations" in response.content.decode()
    # Where to add a security key or see the recovery codes later.
    assert reverse("mfa_index") in response.content.decode()
    assert set(
        Authenticator.objects.filter(user=staff_member).values_list("type", flat=True)
    ) == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}


def test_enrolment_offers_security_keys_and_passkeys(client, staff_member):
    sign_in_with_password(client, staff_member)

    page = client.get(reverse("mfa_index")).content.decode()

    assert reverse("mfa_activate_totp") in page
    assert reverse("mfa_add_webauthn") in page


def test_staff_with_an_authenticator_app_gives_its_code_after_the_password(
    client, staff_member
):
    secret = enrol_authenticator_app(staff_member)

    response = sign_in_with_password(client, staff_member)

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Incorrect code." in wrong.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_replaces_a_lost_authenticator_app(client, staff_member):
    enrol_authenticator_app(staff_member)
    code = recovery_codes(staff_member)[0]
    sign_in_with_password(client, staff_member)

    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert code not in recovery_codes(staff_member)


def test_a_session_that_skipped_the_second_factor_is_sent_to_confirm_it(
    client, staff_member
):
    enrol_authenticator_app(staff_member)
    client.force_login(staff_member)
    forget_second_factor(client)

    response = client.get("/admin/delegates/registration/")

    assert response["Location"] == (
        f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2Fdelegates%2Fregistration%2F"
    )


def test_the_admin_login_page_is_the_staff_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"
