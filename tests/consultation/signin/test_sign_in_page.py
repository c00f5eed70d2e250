"""The staff sign-in page invites nobody to sign up: administrators create accounts."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_offers_no_sign_up(client):
    page = client.get(reverse("account_login")).content.decode()

    assert "Staff accounts are created by the secretariat's administrators." in page
    assert reverse("account_signup") not in page
    assert "sign up" not in page.lower()
    assert 'name="login"' in page
    assert 'name="password"' in page


def test_sign_up_stays_closed(client):
    response = client.get(reverse("account_signup"))

    assert "account_signup" not in response.content.decode()
    assert b'name="password1"' not in response.content
