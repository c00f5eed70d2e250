"""A staff member enrols a security key at first sign-in and signs in with it.

Chromium's virtual authenticator (DevTools WebAuthn domain) plays the key: a real
WebAuthn ceremony in the browser, checked by the server (allauth, fido2).
"""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import UserFactory
from tests.staff_sign_in import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def security_key(page, settings):
    # The live server is plain http on localhost, which browsers allow for WebAuthn.
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return devtools


def sign_in_with_password(page, username):
    page.goto(f"{reverse('account_login')}?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()


def test_staff_member_enrols_a_security_key_and_signs_in_with_it(page, security_key):
    staff = UserFactory(username="amara", is_staff=True, is_superuser=True)

    sign_in_with_password(page, "amara")
    page.wait_for_url(f"**{reverse('mfa_index')}*")
    page.goto(reverse("mfa_add_webauthn"))
    page.get_by_label("Name").fill("Office key")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    page.goto("/admin/")
    page.get_by_text("Meetings, programme and registrations").wait_for()
    assert Authenticator.objects.filter(
        user=staff, type=Authenticator.Type.WEBAUTHN
    ).exists()

    page.context.clear_cookies()
    sign_in_with_password(page, "amara")
    page.wait_for_url(f"**{reverse('mfa_authenticate')}")
    page.get_by_role("button", name="Use a security key").click()
    page.wait_for_url("**/admin/")

    assert page.get_by_text("Meetings, programme and registrations").is_visible()
