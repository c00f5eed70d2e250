"""Single sign-on with OpenID Connect: the provider's groups become our roles."""

from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.staff_sign_in import enrol_authenticator_app, totp_code

from .conftest import PROVIDER_ID

pytestmark = pytest.mark.django_db

INES = {
    "sub": "5b0c-ines",
    "preferred_username": "ines.moreau",
    "email": "ines.moreau@example.org",
    "given_name": "Inès",
    "family_name": "Moreau",
}


def sign_in_through_provider(client):
    """Follow the sign-in: our site, the provider (which consents), our callback."""
    response = client.post(
        reverse("openid_connect_login", kwargs={"provider_id": PROVIDER_ID}),
        {"next": "/admin/"},
    )
    answer = requests.get(response["Location"], allow_redirects=False, timeout=5)
    callback = urlsplit(answer.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def role_names(user):
    return sorted(user.groups.values_list("name", flat=True))


def test_login_page_offers_the_organisations_sign_in(client, oidc_provider):
    page = client.get(reverse("account_login")).content.decode()

    assert "Test identity provider" in page


def test_first_sign_in_makes_a_staff_account_with_the_mapped_roles(
    client, oidc_provider
):
    oidc_provider.claims = {**INES, "groups": ["meeting-organisers", "finance"]}

    response = sign_in_through_provider(client)

    user = get_user_model().objects.get(username="ines.moreau")
    assert response["Location"] == "/admin/"
    assert user.is_staff and not user.is_superuser
    assert role_names(user) == ["Organiser"]
    assert SocialAccount.objects.get(user=user).uid == "5b0c-ines"


def test_single_sign_on_still_needs_our_second_factor(client, oidc_provider):
    oidc_provider.claims = {**INES, "groups": ["meeting-organisers"]}

    sign_in_through_provider(client)
    response = client.get("/admin/")

    assert response["Location"].startswith(reverse("mfa_index"))


def test_an_enrolled_sso_user_gives_the_code_and_reaches_the_admin(
    client, oidc_provider
):
    oidc_provider.claims = {**INES, "groups": ["meeting-organisers"]}
    sign_in_through_provider(client)
    secret = enrol_authenticator_app(get_user_model().objects.get())
    client.logout()

    response = sign_in_through_provider(client)
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert client.get("/admin/").status_code == 200


def test_each_sign_in_brings_the_roles_up_to_date(client, oidc_provider):
    oidc_provider.claims = {**INES, "groups": ["meeting-organisers"]}
    sign_in_through_provider(client)
    user = get_user_model().objects.get()
    client.logout()

    oidc_provider.claims = {**INES, "groups": ["desk-staff"]}
    sign_in_through_provider(client)

    assert role_names(user) == ["Registration desk"]


def test_a_person_in_no_mapped_group_is_refused(client, oidc_provider):
    oidc_provider.claims = {**INES, "groups": ["finance"]}

    response = sign_in_through_provider(client)

    assert response.status_code == 403
    assert "No access to this site" in response.content.decode()
    assert not get_user_model().objects.exists()
    assert "_auth_user_id" not in client.session
