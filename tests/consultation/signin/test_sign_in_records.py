"""Staff sign-ins and failed attempts are on record, for superusers to read."""

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.urls import reverse

from tests.factories import UserFactory
from tests.staff_sign_in import (
    enrol_authenticator_app,
    sign_in_with_password,
    totp_code,
)

pytestmark = pytest.mark.django_db


def test_sign_ins_and_failures_are_recorded(client):
    staff_member = UserFactory(username="amara", is_staff=True)
    secret = enrol_authenticator_app(staff_member)

    client.post(reverse("account_login"), {"login": "amara", "password": "wrong"})
    sign_in_with_password(client, staff_member)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.path_info) == ("amara", "/accounts/login/")
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["amara"]


def test_superusers_read_the_records_and_change_none(client):
    superuser = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.post(reverse("account_login"), {"login": "amara", "password": "wrong"})
    client.force_login(superuser)

    page = client.get(reverse("admin:axes_accessfailurelog_changelist"))

    assert "amara" in page.content.decode()
    assert client.get(reverse("admin:axes_accessfailurelog_add")).status_code == 403


def test_organisers_do_not_read_the_sign_in_records(client):
    from django.contrib.auth.models import Group

    organiser = UserFactory(username="secretariat", is_staff=True)
    organiser.groups.add(Group.objects.get(name="Organiser"))
    client.force_login(organiser)

    response = client.get(reverse("admin:axes_accesslog_changelist"))

    assert response.status_code == 403
