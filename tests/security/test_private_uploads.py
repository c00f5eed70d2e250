"""Badge photos and credentials letters: stored privately, served only to those allowed.

Staff open them with the permission to view the registration or delegation; a
delegate sees their own photo and a focal point their delegation's letter through
their private link; nobody else gets them, and no public address serves them.
"""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from consultation.checks import private_uploads_outside_media_root
from delegates.roles import REGISTRATION_DESK, VIEWER
from delegates.tokens import make_delegation_token, make_registration_token
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    RegistrationFactory,
    UserFactory,
    pdf_bytes,
)
from tests.images import image_bytes

pytestmark = pytest.mark.django_db

PHOTO = image_bytes()
LETTER = pdf_bytes()


def body(response):
    return b"".join(response.streaming_content)


def staff(role=None, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def registration():
    registration = RegistrationFactory(given_name="Siriporn", family_name="Chaiyasit")
    registration.photo.save("face.jpg", ContentFile(PHOTO))
    return registration


@pytest.fixture
def delegation():
    delegation = DelegationFactory(name="Thailand", country="TH")
    delegation.credentials_letter.save("note.pdf", ContentFile(LETTER))
    return delegation


def own_photo_url(registration, token=None):
    return reverse(
        "delegates:own_photo",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": token or make_registration_token(registration),
        },
    )


def own_letter_url(delegation, token=None):
    return reverse(
        "delegates:delegation_credentials_letter",
        kwargs={
            "meeting_slug": delegation.meeting.slug,
            "token": token or make_delegation_token(delegation),
        },
    )


def assert_private_photo_response(response):
    assert body(response) == PHOTO
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == "inline"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


def assert_private_letter_response(response):
    assert body(response) == LETTER
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="credentials-letter.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


# Where they are stored


def test_photo_and_letter_are_stored_outside_the_public_media_folder(
    settings, registration, delegation
):
    private_root, media_root = settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT

    assert (private_root / registration.photo.name).read_bytes() == PHOTO
    assert (private_root / delegation.credentials_letter.name).read_bytes() == LETTER
    assert not (media_root / registration.photo.name).exists()
    assert not (media_root / delegation.credentials_letter.name).exists()


def test_public_media_address_does_not_serve_personal_uploads(
    client, registration, delegation
):
    for name in (registration.photo.name, delegation.credentials_letter.name):
        response = client.get(f"/media/{name}")

        assert response.status_code == 404


def test_address_of_a_personal_upload_is_the_authorised_view(registration):
    assert registration.photo.url == f"/private-media/{registration.photo.name}"


# Staff


def test_desk_staff_see_a_photo_with_the_upload_hardening(client, registration):
    client.force_login(staff(REGISTRATION_DESK))

    response = client.get(registration.photo.url)

    assert_private_photo_response(response)


def test_viewer_downloads_a_credentials_letter_as_an_attachment(client, delegation):
    client.force_login(staff(VIEWER))

    response = client.get(delegation.credentials_letter.url)

    assert_private_letter_response(response)


def test_anonymous_visitor_gets_no_personal_upload(client, registration, delegation):
    for url in (registration.photo.url, delegation.credentials_letter.url):
        response = client.get(url)

        assert response.status_code == 404
        assert PHOTO not in response.content and LETTER not in response.content


def test_signed_in_user_without_staff_status_gets_no_photo(client, registration):
    user = UserFactory(is_staff=False)
    user.groups.add(Group.objects.get(name=VIEWER))
    client.force_login(user)

    response = client.get(registration.photo.url)

    assert response.status_code == 404


def test_staff_without_the_view_permission_are_refused(
    client, registration, delegation
):
    client.force_login(staff())

    photo = client.get(registration.photo.url)
    letter = client.get(delegation.credentials_letter.url)

    assert (photo.status_code, letter.status_code) == (403, 403)
    assert PHOTO not in photo.content and LETTER not in letter.content


def test_staff_get_no_file_that_no_record_holds(client, settings):
    orphan = settings.PRIVATE_MEDIA_ROOT / "photos" / "left-behind.jpg"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(PHOTO)
    client.force_login(staff(REGISTRATION_DESK))

    response = client.get("/private-media/photos/left-behind.jpg")

    assert response.status_code == 404


def test_staff_get_nothing_outside_the_personal_upload_folders(client, settings):
    (settings.PRIVATE_MEDIA_ROOT / "other").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "other" / "x.jpg").write_bytes(PHOTO)
    client.force_login(staff(is_superuser=True))

    for url in (
        "/private-media/other/x.jpg",
        "/private-media/photos/../other/x.jpg",
        "/private-media/../consultation/settings.py",
    ):
        response = client.get(url)

        assert response.status_code == 404, url


def test_admin_list_thumbnail_opens_for_the_organiser(organiser_client, registration):
    html = organiser_client.get(
        reverse("admin:delegates_registration_changelist")
    ).content.decode()

    assert f'src="{registration.photo.url}"' in html
    assert_private_photo_response(organiser_client.get(registration.photo.url))


def test_desk_search_shows_the_photo_from_the_authorised_view(client, registration):
    client.force_login(staff(REGISTRATION_DESK))

    html = client.get(
        reverse("desk:desk", kwargs={"meeting_slug": registration.meeting.slug}),
        {"q": "Chaiyasit"},
    ).content.decode()

    assert f'src="{registration.photo.url}"' in html


# The owners, through their private links


def test_delegate_sees_their_own_photo_through_their_private_link(client, registration):
    response = client.get(own_photo_url(registration))

    assert_private_photo_response(response)


def test_private_page_shows_the_photo_from_the_private_link(client, registration):
    private_page = registration.get_private_url()

    html = client.get(private_page).content.decode()

    assert f'src="{own_photo_url(registration)}"' in html
    assert f'href="{own_photo_url(registration)}"' in html  # the form's "Currently"
    assert registration.photo.url not in html


def test_private_page_never_shows_the_photos_stored_file_name(client, registration):
    stored_name = registration.photo.name.rsplit("/", 1)[-1]

    html = client.get(registration.get_private_url()).content.decode()

    assert f'href="{own_photo_url(registration)}">your badge photo</a>' in html
    assert stored_name not in html


def test_another_delegates_link_opens_only_their_own_photo(client, registration):
    other = RegistrationFactory(meeting=registration.meeting)

    response = client.get(own_photo_url(registration, make_registration_token(other)))

    assert response.status_code == 404
    assert PHOTO not in response.content


@pytest.mark.parametrize(
    "token",
    ["forged", "a" * 43 + ":" + "b" * 27],
    ids=["junk", "wrong-signature"],
)
def test_forged_private_link_gets_no_photo(client, registration, token):
    response = client.get(own_photo_url(registration, token))

    assert response.status_code == 404


def test_private_link_under_another_meeting_gets_no_photo(client, registration):
    url = reverse(
        "delegates:own_photo",
        kwargs={
            "meeting_slug": MeetingFactory().slug,
            "token": make_registration_token(registration),
        },
    )

    assert client.get(url).status_code == 404


def test_focal_point_downloads_the_delegations_letter(client, delegation):
    manage_page = client.get(delegation.get_manage_url()).content.decode()

    response = client.get(own_letter_url(delegation))

    assert f'href="{own_letter_url(delegation)}"' in manage_page
    assert_private_letter_response(response)


def test_another_delegations_or_a_delegates_link_gets_no_letter(client, delegation):
    other = DelegationFactory(meeting=delegation.meeting, country="ID")
    member = RegistrationFactory(meeting=delegation.meeting, delegation=delegation)

    for token in (make_delegation_token(other), make_registration_token(member)):
        response = client.get(own_letter_url(delegation, token))

        assert response.status_code == 404
        assert LETTER not in response.content


# Files uploaded before the private storage existed


def put_public(settings, name, content):
    path = settings.MEDIA_ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def move():
    out = StringIO()
    call_command("move_private_uploads", stdout=out)
    return out.getvalue()


def test_move_command_takes_old_uploads_out_of_the_public_folder(settings, client):
    registration = RegistrationFactory(photo="photos/old.jpg")
    delegation = DelegationFactory(credentials_letter="credentials/old.pdf")
    put_public(settings, "photos/old.jpg", PHOTO)
    put_public(settings, "credentials/old.pdf", LETTER)
    put_public(settings, "documents/agenda.pdf", LETTER)  # public, stays

    output = move()

    private = settings.PRIVATE_MEDIA_ROOT
    assert (private / "photos/old.jpg").read_bytes() == PHOTO
    assert (private / "credentials/old.pdf").read_bytes() == LETTER
    assert not (settings.MEDIA_ROOT / "photos/old.jpg").exists()
    assert not (settings.MEDIA_ROOT / "credentials/old.pdf").exists()
    assert (settings.MEDIA_ROOT / "documents/agenda.pdf").exists()
    assert "photos/: 1 file(s) moved" in output
    assert "credentials/: 1 file(s) moved" in output
    client.force_login(staff(VIEWER))
    assert body(client.get(registration.photo.url)) == PHOTO
    assert body(client.get(delegation.credentials_letter.url)) == LETTER


def test_move_command_run_again_moves_nothing(settings):
    put_public(settings, "photos/old.jpg", PHOTO)
    move()

    output = move()

    assert "Nothing to move" in output
    assert (settings.PRIVATE_MEDIA_ROOT / "photos/old.jpg").read_bytes() == PHOTO


def test_move_command_redoes_a_copy_that_was_cut_short(settings):
    put_public(settings, "photos/old.jpg", PHOTO)
    partial = settings.PRIVATE_MEDIA_ROOT / "photos/old.jpg"
    partial.parent.mkdir(parents=True)
    partial.write_bytes(PHOTO[:100])

    move()

    assert partial.read_bytes() == PHOTO
    assert not (settings.MEDIA_ROOT / "photos/old.jpg").exists()


def test_private_folder_inside_the_media_folder_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"

    errors = private_uploads_outside_media_root(None)

    assert [error.id for error in errors] == ["consultation.E001"]


def test_separate_private_folder_passes_the_check(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"

    assert private_uploads_outside_media_root(None) == []
