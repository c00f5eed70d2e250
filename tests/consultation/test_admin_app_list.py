"""The admin's list of apps and models is worked out once per set of permissions."""

from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from delegates.roles import ORGANISER, REGISTRATION_DESK
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
REGISTRATIONS = reverse("admin:delegates_registration_changelist")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def models_listed(client, path=INDEX):
    apps = client.get(path).context["available_apps"]
    return {model["object_name"] for app in apps for model in app["models"]}


@pytest.fixture(autouse=True)
def nothing_kept():
    admin.site._app_lists.clear()


def staff_in(group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_a_second_page_does_not_work_the_list_out_again():
    client = signed_in(staff_in(ORGANISER))
    client.get(INDEX)

    with mock.patch.object(
        admin.site, "_build_app_dict", wraps=admin.site._build_app_dict
    ) as build:
        client.get(REGISTRATIONS)
        signed_in(staff_in(ORGANISER)).get(REGISTRATIONS)

    # Another organiser has the same permissions: the same list serves both.
    build.assert_not_called()


def test_each_role_sees_its_own_models():
    organiser_models = models_listed(signed_in(staff_in(ORGANISER)))
    desk_models = models_listed(signed_in(staff_in(REGISTRATION_DESK)))
    superuser_models = models_listed(
        signed_in(UserFactory(is_staff=True, is_superuser=True))
    )

    assert "Registration" in organiser_models
    assert "User" not in organiser_models
    assert "User" in superuser_models
    assert desk_models != organiser_models


def test_a_permission_granted_shows_its_model_on_the_next_page():
    user = staff_in(ORGANISER)
    assert "User" not in models_listed(signed_in(user))

    user.user_permissions.add(Permission.objects.get(codename="view_user"))

    assert "User" in models_listed(signed_in(user))


def test_the_list_speaks_the_pages_language():
    client = signed_in(staff_in(ORGANISER))

    english = client.get(INDEX).content.decode()
    french = client.get("/fr" + INDEX).content.decode()
    english_again = client.get(INDEX).content.decode()

    assert "Registrations" in english
    assert "Inscriptions" in french
    assert "Registrations" not in french
    assert "Inscriptions" not in english_again
