import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from delegates.models import Delegation, Registration

pytestmark = pytest.mark.django_db


def test_demo_runs_twice_without_growing_the_audit_trail():
    call_command("load_demo", stdout=io.StringIO())
    history = (Registration.history.count(), Delegation.history.count())

    call_command("load_demo", stdout=io.StringIO())

    assert (Registration.history.count(), Delegation.history.count()) == history


def test_demo_desk_login_sees_visa_registrations_without_passport_numbers():
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    registration = Registration.objects.get(email="rafiqul.islam@erd.example.org")
    desk = get_user_model().objects.get(username="desk")
    client = Client()
    client.force_login(desk)

    html = client.get(
        reverse("admin:delegates_registration_change", args=[registration.pk])
    ).content.decode()

    assert "username 'desk', password 'demo-desk-only'" in output.getvalue()
    assert desk.check_password("demo-desk-only")
    assert registration.needs_visa_letter
    assert "Rafiqul" in html
    assert "EB0456721" not in html
    assert "•••• 6721" in html
