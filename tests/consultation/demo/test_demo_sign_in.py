"""The demo logins let a newcomer in: password, then the printed second factor."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from consultation.demo.meeting import DEMO_TOTP_SECRET
from tests.staff_sign_in import totp_code

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    client.post(
        f"{reverse('account_login')}?next=/admin/",
        {"login": username, "password": password},
    )


def test_load_demo_prints_the_second_factor_and_it_signs_the_organiser_in(client):
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    printed = output.getvalue()
    assert DEMO_TOTP_SECRET in printed

    sign_in(client, "organiser", "demo-organiser-only")
    response = client.post(
        reverse("mfa_authenticate"), {"code": totp_code(DEMO_TOTP_SECRET)}
    )

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_printed_recovery_code_signs_the_desk_in(client):
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    line = next(
        line for line in output.getvalue().splitlines() if line.startswith("  desk:")
    )
    code = line.split(":", 1)[1].split(",")[0].strip()

    sign_in(client, "desk", "demo-desk-only")
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response["Location"] == "/admin/"
