import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from delegates.enums import RegistrationStatus
from delegates.models import Registration
from tests.admin_forms import change_url, open_change_form
from tests.factories import (
    CorrectionFactory,
    DelegationFactory,
    MeetingFactory,
    RegistrationFactory,
)
from tests.images import hostile_photos, image_bytes, upload

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")


def test_organiser_approves_selected_registrations_with_the_admin_action(
    organiser_client, organiser, django_capture_on_commit_callbacks
):
    submitted = RegistrationFactory.create_batch(2)
    untouched = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            CHANGELIST,
            {
                "action": "approve_selected",
                "_selected_action": [registration.pk for registration in submitted],
            },
            follow=True,
        )

    assert "2 registrations approved." in response.content.decode()
    approved = Registration.objects.filter(status=RegistrationStatus.APPROVED)
    assert set(approved) == set(submitted)
    assert all(registration.status_changed_by == organiser for registration in approved)
    untouched.refresh_from_db()
    assert untouched.status == RegistrationStatus.SUBMITTED
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        registration.email for registration in submitted
    )
    assert all("approved" in message.subject for message in mail.outbox)


def test_organiser_rejects_selected_registration(
    organiser_client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            CHANGELIST,
            {"action": "reject_selected", "_selected_action": [registration.pk]},
        )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    assert len(mail.outbox) == 1


def test_approving_a_cancelled_registration_is_skipped_with_a_warning(organiser_client):
    registration = RegistrationFactory(status=RegistrationStatus.CANCELLED)

    response = organiser_client.post(
        CHANGELIST,
        {"action": "approve_selected", "_selected_action": [registration.pk]},
        follow=True,
    )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "cannot be approved from “Cancelled”" in response.content.decode()
    assert mail.outbox == []


def test_changelist_filters_by_status_and_searches_by_name(organiser_client):
    approved = RegistrationFactory(
        family_name="Santoso", status=RegistrationStatus.APPROVED
    )
    RegistrationFactory(family_name="Santos", status=RegistrationStatus.SUBMITTED)

    response = organiser_client.get(
        CHANGELIST, {"status__exact": "approved", "q": "Sant"}
    )

    assert list(response.context["cl"].result_list) == [approved]


def test_changelist_query_count_does_not_grow_with_registrations(organiser_client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    with CaptureQueriesContext(connection) as one:
        organiser_client.get(CHANGELIST)
    RegistrationFactory.create_batch(29, meeting=meeting)

    with CaptureQueriesContext(connection) as thirty:
        response = organiser_client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == 30
    assert len(thirty) == len(one)


def test_anonymous_user_cannot_reach_the_registration_admin(client):
    RegistrationFactory(family_name="Chaiyasit")

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_approve_action_beyond_capacity_waitlists_the_rest_and_says_so(
    organiser_client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(capacity=2)
    registrations = RegistrationFactory.create_batch(3, meeting=meeting)

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            CHANGELIST,
            {
                "action": "approve_selected",
                "_selected_action": [r.pk for r in registrations],
            },
            follow=True,
        )

    html = response.content.decode()
    assert "2 registrations approved." in html
    assert "1 registration waitlisted." in html
    assert "The meeting is full" in html
    assert meeting.registrations.filter(status=RegistrationStatus.APPROVED).count() == 2
    assert sorted(message.subject.split(":")[0] for message in mail.outbox) == [
        "On the waiting list",
        "Registration approved",
        "Registration approved",
    ]


def test_waitlist_action_moves_registrations_to_the_waiting_list(
    organiser_client, organiser, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            CHANGELIST,
            {"action": "waitlist_selected", "_selected_action": [registration.pk]},
        )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WAITLISTED
    assert registration.status_changed_by == organiser
    assert mail.outbox[0].subject.startswith("On the waiting list")


def test_cancel_action_emails_and_points_to_the_free_seat(
    organiser_client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(capacity=1, short_name="SSC")
    approved = RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            CHANGELIST,
            {"action": "cancel_selected", "_selected_action": [approved.pk]},
            follow=True,
        )

    approved.refresh_from_db()
    assert approved.status == RegistrationStatus.CANCELLED
    assert "SSC has 1 free seat" in response.content.decode()
    assert [message.to for message in mail.outbox] == [[approved.email]]
    assert mail.outbox[0].subject == "Registration cancelled: SSC"


def test_promote_action_approves_the_next_waitlisted(
    organiser_client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(capacity=1)
    waiting = RegistrationFactory(
        meeting=meeting,
        status=RegistrationStatus.WAITLISTED,
        given_name="Ana",
        family_name="Tuivaga",
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            CHANGELIST,
            {"action": "promote_waitlisted", "_selected_action": [waiting.pk]},
            follow=True,
        )

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.APPROVED
    assert "promoted from the waiting list: Ana Tuivaga." in response.content.decode()
    assert mail.outbox[0].subject.startswith("Registration approved")


def test_promote_action_with_no_free_seat_says_so(organiser_client):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    waiting = RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITLISTED)

    response = organiser_client.post(
        CHANGELIST,
        {"action": "promote_waitlisted", "_selected_action": [waiting.pk]},
        follow=True,
    )

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert "Nobody was promoted" in response.content.decode()


def test_change_page_shows_the_delegates_corrections(organiser_client):
    correction = CorrectionFactory(
        changes={
            "organisation": {
                "label": "ministry, department or organisation",
                "old": "Ministry of Finance",
                "new": "Ministry of Foreign Affairs",
            }
        },
        previous_status=RegistrationStatus.APPROVED,
        reopened_review=True,
    )

    response = organiser_client.get(
        reverse(
            "admin:delegates_registration_change", args=[correction.registration.pk]
        )
    )

    html = response.content.decode()
    assert "Corrections by the delegate" in html
    assert "(was approved: sent back for review)" in html
    assert (
        "<li>ministry, department or organisation: Ministry of Finance "
        "→ Ministry of Foreign Affairs</li>"
    ) in html


@pytest.mark.parametrize(
    ("params", "expected_family_name"),
    [
        ({"gender__exact": "female"}, "Gender"),
        ({"role__exact": "head"}, "Head"),
        ({"needs_visa_letter__exact": "1"}, "Visa"),
        ({"country": "VN"}, "Country"),
        ({"category__exact": "un_system"}, "Category"),
        ({"in_delegation": "yes"}, "Member"),
    ],
)
def test_changelist_filters_narrow_the_list(
    organiser_client, params, expected_family_name
):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, family_name="Gender", gender="female")
    RegistrationFactory(meeting=meeting, family_name="Head", role="head")
    RegistrationFactory(meeting=meeting, family_name="Visa", needs_visa_letter=True)
    RegistrationFactory(meeting=meeting, family_name="Country", country="VN")
    RegistrationFactory(meeting=meeting, family_name="Category", category="un_system")
    RegistrationFactory(
        meeting=meeting,
        family_name="Member",
        delegation=DelegationFactory(meeting=meeting),
    )

    response = organiser_client.get(CHANGELIST, params)

    assert [r.family_name for r in response.context["cl"].result_list] == [
        expected_family_name
    ]


def test_changelist_shows_country_names_and_sorts_by_country(organiser_client):
    RegistrationFactory(family_name="Nguyen", country="VN")
    RegistrationFactory(family_name="Chaiyasit", country="TH")
    RegistrationFactory(family_name="Okafor", country="", category="un_system")

    response = organiser_client.get(CHANGELIST, {"o": "5"})

    html = response.content.decode()
    assert '<td class="field-country_name">Viet Nam</td>' in html
    assert '<td class="field-country_name">Thailand</td>' in html
    assert '<td class="field-country_name">-</td>' in html
    assert [r.family_name for r in response.context["cl"].result_list] == [
        "Okafor",
        "Chaiyasit",
        "Nguyen",
    ]


def test_changelist_filters_registrations_without_a_delegation(organiser_client):
    alone = RegistrationFactory()
    RegistrationFactory(delegation=DelegationFactory())

    response = organiser_client.get(CHANGELIST, {"in_delegation": "no"})

    assert list(response.context["cl"].result_list) == [alone]


def test_changelist_filters_by_meeting(organiser_client):
    bangkok = RegistrationFactory()
    RegistrationFactory()

    response = organiser_client.get(
        CHANGELIST, {"meeting__id__exact": bangkok.meeting.pk}
    )

    assert list(response.context["cl"].result_list) == [bangkok]


@pytest.mark.parametrize("query", ["tica.example", "Cooperation Agency", "Siriporn"])
def test_changelist_searches_email_organisation_and_names(organiser_client, query):
    found = RegistrationFactory(
        given_name="Siriporn",
        email="siriporn@tica.example.org",
        organisation="Thailand International Cooperation Agency",
    )
    RegistrationFactory(given_name="Budi", email="budi@kemlu.example.org")

    response = organiser_client.get(CHANGELIST, {"q": query})

    assert list(response.context["cl"].result_list) == [found]


def test_changelist_shows_a_lazy_photo_thumbnail_with_alt_text(organiser_client):
    RegistrationFactory(
        given_name="Keiko", family_name="Tanaka", photo="photos/abc123.jpg"
    )

    html = organiser_client.get(CHANGELIST).content.decode()

    assert 'src="/private-media/photos/abc123.jpg"' in html
    assert 'alt="Photo of Keiko Tanaka"' in html
    assert 'loading="lazy"' in html


def test_changelist_shows_status_as_a_coloured_label(organiser_client):
    RegistrationFactory(status=RegistrationStatus.WAITLISTED)

    html = organiser_client.get(CHANGELIST).content.decode()

    assert '<span class="status-label status-label--waitlisted">Waitlisted</span>' in (
        html
    )
    assert "delegates/admin.css" in html


def test_changelist_shows_the_status_next_to_the_name(organiser_client):
    RegistrationFactory(family_name="Tuivaga", given_name="Losana")

    response = organiser_client.get(CHANGELIST)

    assert response.context["cl"].list_display[:5] == [
        "action_checkbox",
        "photo_thumbnail",
        "family_name",
        "given_name",
        "status_label",
    ]
    html = response.content.decode()
    assert (
        html.index('class="field-given_name"')
        < html.index('class="field-status_label"')
        < html.index('class="field-country_name"')
    )


def test_changelist_offers_export_of_the_filtered_list(organiser_client):
    RegistrationFactory()

    html = organiser_client.get(CHANGELIST, {"status__exact": "approved"}).content
    html = html.decode()

    assert "/admin/delegates/registration/export/csv/?status__exact=approved" in html
    assert "/admin/delegates/registration/export/xlsx/?status__exact=approved" in html


@pytest.mark.parametrize(
    "user_fixture", ["organiser", "organiser_role_user", "desk_user"]
)
def test_changelist_query_count_is_the_same_for_1_and_100_registrations(
    client, request, user_fixture
):
    client.force_login(request.getfixturevalue(user_fixture))
    meeting = MeetingFactory()
    delegation = DelegationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, delegation=delegation, photo="photos/a.jpg")
    with CaptureQueriesContext(connection) as one:
        client.get(CHANGELIST)
    RegistrationFactory.create_batch(
        99, meeting=meeting, delegation=delegation, photo="photos/b.jpg"
    )

    with CaptureQueriesContext(connection) as hundred:
        response = client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == 100
    assert len(hundred) == len(one)
    assert len(hundred) <= 15


def test_change_page_query_count_does_not_grow_with_corrections(organiser_client):
    registration = RegistrationFactory()
    url = reverse("admin:delegates_registration_change", args=[registration.pk])
    CorrectionFactory(registration=registration)
    with CaptureQueriesContext(connection) as one:
        organiser_client.get(url)
    CorrectionFactory.create_batch(9, registration=registration)

    with CaptureQueriesContext(connection) as ten:
        response = organiser_client.get(url)

    assert response.content.decode().count("job title: Director → Adviser") == 10
    assert len(ten) == len(one)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    hostile_photos(),
    ids=[name for name, _content, _message in hostile_photos()],
)
def test_change_form_refuses_a_photo_the_public_form_refuses(
    organiser_client, name, content, message
):
    registration = RegistrationFactory()
    _page, data = open_change_form(organiser_client, registration)

    response = organiser_client.post(
        change_url(registration), {**data, "photo": upload(content, name)}
    )

    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["photo"]
    assert message in error
    registration.refresh_from_db()
    assert not registration.photo


def test_change_form_stores_a_photo_re_encoded_as_jpeg(organiser_client):
    registration = RegistrationFactory()
    _page, data = open_change_form(organiser_client, registration)

    response = organiser_client.post(
        change_url(registration),
        {**data, "photo": upload(image_bytes("PNG", size=(2400, 3000)), "p.png")},
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.photo.name.endswith(".jpg")
    with registration.photo.open("rb") as stored:
        image = Image.open(stored)
        assert (image.format, image.size) == ("JPEG", (960, 1200))
