"""The admin names a personal upload by what it is, never by its stored file name."""

from pathlib import PurePosixPath

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.factories import (
    DelegationFactory,
    RegistrationFactory,
    UserFactory,
    pdf_bytes,
)
from tests.images import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration():
    registration = RegistrationFactory()
    registration.photo.save("IMG_0001.jpg", ContentFile(image_bytes()))
    return registration


@pytest.fixture
def delegation():
    delegation = DelegationFactory()
    delegation.credentials_letter.save("note-verbale.pdf", ContentFile(pdf_bytes()))
    return delegation


def stored_name(field_file):
    return PurePosixPath(field_file.name).stem


def viewer(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_the_change_form_names_the_photo_by_what_it_is(organiser_client, registration):
    url = reverse("admin:delegates_registration_change", args=[registration.pk])

    html = organiser_client.get(url).content.decode()

    assert f'<a href="{registration.photo.url}">Badge photo (JPEG, ' in html
    assert "KB)</a>" in html
    assert stored_name(registration.photo) not in html.replace(
        registration.photo.url, ""
    )


def test_staff_who_only_view_see_the_same_neutral_name(client, registration):
    client.force_login(viewer("view_registration"))
    url = reverse("admin:delegates_registration_change", args=[registration.pk])

    html = client.get(url).content.decode()

    assert f'<a href="{registration.photo.url}">Badge photo (JPEG, ' in html
    assert 'type="file"' not in html
    assert stored_name(registration.photo) not in html.replace(
        registration.photo.url, ""
    )


def test_the_credentials_letter_is_named_by_what_it_is(organiser_client, delegation):
    url = reverse("admin:delegates_delegation_change", args=[delegation.pk])

    html = organiser_client.get(url).content.decode()

    letter = delegation.credentials_letter
    assert f'<a href="{letter.url}">Credentials letter (PDF, ' in html
    assert stored_name(letter) not in html.replace(letter.url, "")


def test_view_only_staff_see_the_credentials_letter_by_a_neutral_name(
    client, delegation
):
    client.force_login(viewer("view_delegation"))
    url = reverse("admin:delegates_delegation_change", args=[delegation.pk])

    html = client.get(url).content.decode()

    letter = delegation.credentials_letter
    assert f'<a href="{letter.url}">Credentials letter (PDF, ' in html
    assert stored_name(letter) not in html.replace(letter.url, "")


def test_the_history_names_a_replaced_photo_by_what_it_is(
    organiser_client, registration
):
    first = registration.photo.name
    registration.photo.save("IMG_0002.png", ContentFile(image_bytes("PNG")))
    url = reverse("admin:delegates_registration_history", args=[registration.pk])

    html = organiser_client.get(url).content.decode()

    assert "Badge photo (JPEG)" in html
    assert "Badge photo (PNG)" in html
    assert PurePosixPath(first).stem not in html
    assert stored_name(registration.photo) not in html


def test_the_history_names_a_credentials_letter_by_what_it_is(
    organiser_client, delegation
):
    first = delegation.credentials_letter.name
    delegation.credentials_letter.save("second.pdf", ContentFile(pdf_bytes()))
    url = reverse("admin:delegates_delegation_history", args=[delegation.pk])

    html = organiser_client.get(url).content.decode()

    assert "Credentials letter (PDF)" in html
    assert PurePosixPath(first).stem not in html
    assert stored_name(delegation.credentials_letter) not in html


def test_a_past_version_shows_view_only_staff_the_neutral_name(client, registration):
    client.force_login(viewer("view_registration"))
    version = registration.history.latest()
    url = reverse(
        "admin:delegates_registration_simple_history",
        args=[registration.pk, version.history_id],
    )

    html = client.get(url).content.decode()

    assert f'<a href="{registration.photo.url}">Badge photo (JPEG, ' in html
    assert stored_name(registration.photo) not in html.replace(
        registration.photo.url, ""
    )
