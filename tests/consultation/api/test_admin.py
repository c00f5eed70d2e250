"""Organisers create tokens in the admin: the secret shown once, revoked by action."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from consultation.api.models import ApiToken, hash_secret
from delegates.roles import ORGANISER, REGISTRATION_DESK
from tests.api_tokens import api_client, make_token
from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db


def add_data(meeting, **overrides):
    expires = timezone.localtime() + datetime.timedelta(days=90)
    return {
        "name": "Host country pass office",
        "meeting": meeting.pk,
        "can_read_registrations": "on",
        "expires_at_0": expires.date().isoformat(),
        "expires_at_1": "12:00",
        **overrides,
    }


@pytest.fixture
def organiser_role_client(client):
    user = UserFactory(username="secretariat", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANISER))
    client.force_login(user)
    return client


def test_created_token_secret_is_shown_once_and_works(organiser_role_client):
    meeting = MeetingFactory()

    page = organiser_role_client.post(
        reverse("admin:api_apitoken_add"), add_data(meeting)
    )

    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    [secret] = set(re.findall(r"cst_[A-Za-z0-9_-]{40,}", page.content.decode()))
    token = ApiToken.objects.get()
    assert token.secret_hash == hash_secret(secret)
    assert token.created_by.username == "secretariat"
    assert token.scopes == {"registrations:read"}
    change_page = organiser_role_client.get(
        reverse("admin:api_apitoken_change", args=[token.pk])
    )
    assert secret not in change_page.content.decode()
    assert secret[:12] in change_page.content.decode()
    registrations = reverse("api-registrations", kwargs={"meeting_slug": meeting.slug})
    assert api_client(secret).get(registrations).status_code == 200


def test_personal_data_needs_the_registrations_scope(organiser_role_client):
    meeting = MeetingFactory()
    data = add_data(meeting, can_read_personal_data="on")
    del data["can_read_registrations"]

    page = organiser_role_client.post(reverse("admin:api_apitoken_add"), data)

    assert "Reading personal data needs reading registrations too." in (
        page.content.decode()
    )
    assert ApiToken.objects.count() == 0


def test_new_token_must_expire_in_the_future(organiser_role_client):
    meeting = MeetingFactory()
    data = add_data(meeting, expires_at_0="2020-01-01")

    page = organiser_role_client.post(reverse("admin:api_apitoken_add"), data)

    assert "A new token must expire in the future." in page.content.decode()
    assert ApiToken.objects.count() == 0


def test_revoke_action_refuses_the_token_from_then_on(organiser_role_client):
    token, secret = make_token("registrations:read")
    meeting = MeetingFactory()

    organiser_role_client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    token.refresh_from_db()
    assert token.revoked_at is not None
    registrations = reverse("api-registrations", kwargs={"meeting_slug": meeting.slug})
    assert api_client(secret).get(registrations).json()["code"] == "token_revoked"


def test_token_list_shows_scopes_state_and_last_use(organiser_role_client):
    token, secret = make_token("registrations:read", "check_ins:write")
    meeting = MeetingFactory()
    api_client(secret).get(
        reverse("api-registrations", kwargs={"meeting_slug": meeting.slug}),
        REMOTE_ADDR="198.51.100.4",
    )

    page = organiser_role_client.get(reverse("admin:api_apitoken_changelist"))

    text = page.content.decode()
    assert "check_ins:write, registrations:read" in text
    assert "All meetings" in text
    assert "valid" in text
    assert "198.51.100.4" in text


def test_desk_staff_cannot_create_tokens(client):
    user = UserFactory(username="desk", is_staff=True)
    user.groups.add(Group.objects.get(name=REGISTRATION_DESK))
    client.force_login(user)

    page = client.get(reverse("admin:api_apitoken_add"))

    assert page.status_code == 403
