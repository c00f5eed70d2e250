import pytest
from django.urls import reverse

from agenda.models import ProgrammeVersion
from agenda.versions import publish_programme_version
from tests.factories import MeetingFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def publish_url(meeting):
    return reverse("admin:agenda_programmeversion_publish", args=[meeting.pk])


def test_meeting_action_leads_to_the_publish_page_with_the_pending_changes(
    organiser_client,
):
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting, title="Opening session")

    response = organiser_client.post(
        reverse("admin:consultation_meeting_changelist"),
        {"action": "publish_programme_version", "_selected_action": [meeting.pk]},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == publish_url(meeting)
    html = response.content.decode()
    assert "This will be the first version." in html
    assert "Opening session" in html


def test_organiser_publishes_a_version_from_the_admin(organiser_client, organiser):
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting, title="Opening session")

    response = organiser_client.post(
        publish_url(meeting),
        {"name": "v1 – provisional", "notes": "For comments."},
        follow=True,
    )

    version = ProgrammeVersion.objects.get()
    assert (version.meeting, version.name, version.notes) == (
        meeting,
        "v1 – provisional",
        "For comments.",
    )
    assert version.published_by == organiser
    assert "Published “v1 – provisional”" in response.content.decode()


def test_publishing_an_unchanged_programme_shows_the_reason_on_the_form(
    organiser_client,
):
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting)
    publish_programme_version(meeting=meeting, name="v1")

    response = organiser_client.post(publish_url(meeting), {"name": "v2"})

    assert "Nothing has changed since “v1”" in response.content.decode()
    assert list(ProgrammeVersion.objects.values_list("name", flat=True)) == ["v1"]


def test_publish_page_is_refused_to_staff_without_the_permission(client):
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting)
    client.force_login(UserFactory(is_staff=True))

    response = client.post(publish_url(meeting), {"name": "v1"})

    assert response.status_code == 403
    assert not ProgrammeVersion.objects.exists()


def test_published_versions_are_read_only_in_the_admin(organiser_client):
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting)
    version = publish_programme_version(meeting=meeting, name="v1")

    page = organiser_client.get(
        reverse("admin:agenda_programmeversion_change", args=[version.pk])
    ).content.decode()
    listing = organiser_client.get(
        reverse("admin:agenda_programmeversion_changelist")
    ).content.decode()

    assert 'name="_save"' not in page
    assert publish_url(meeting) in listing
