"""The admin's sidebar is kept once rendered, for exactly what it shows."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from delegates.roles import ORGANISER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

USERS = reverse("admin:consultation_user_changelist")
REGISTRATIONS = reverse("admin:delegates_registration_changelist")
SESSIONS = reverse("admin:agenda_session_changelist")


def sidebar(client, path):
    html = client.get(path).content.decode()
    start = html.index('id="nav-sidebar"')
    return html[start : html.index("</nav>", start)]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_each_staff_member_sees_the_models_they_may_open():
    superuser = signed_in(UserFactory(is_staff=True, is_superuser=True))
    organiser = UserFactory(is_staff=True)
    organiser.groups.add(Group.objects.get(name=ORGANISER))

    # The superuser's sidebar is kept first; the organiser's is not that one.
    assert f'href="{USERS}"' in sidebar(superuser, REGISTRATIONS)
    organisers_sidebar = sidebar(signed_in(organiser), REGISTRATIONS)

    assert f'href="{USERS}"' not in organisers_sidebar
    assert f'href="{REGISTRATIONS}"' in organisers_sidebar


def test_the_sidebar_marks_the_page_it_is_on():
    client = signed_in(UserFactory(is_staff=True, is_superuser=True))

    on_registrations = sidebar(client, REGISTRATIONS)
    on_sessions = sidebar(client, SESSIONS)

    assert 'class="model-registration current-model"' in on_registrations
    assert 'class="model-session current-model"' not in on_registrations
    assert 'class="model-session current-model"' in on_sessions
    assert 'class="model-registration current-model"' not in on_sessions


def test_the_sidebar_speaks_the_pages_language():
    client = signed_in(UserFactory(is_staff=True, is_superuser=True))

    english = sidebar(client, REGISTRATIONS)
    french = sidebar(client, "/fr" + REGISTRATIONS)

    assert "Registrations" in english
    assert "Inscriptions" in french
    assert "Registrations" not in french
