"""The public registration form asks which side events the delegate wishes to attend."""

import datetime
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agenda.enums import SideEventAccess, SignUpStatus
from agenda.models import SideEventSignUp
from delegates.enums import DelegationRole, ParticipantCategory
from delegates.forms import CorrectionForm, RegistrationForm
from delegates.models import Registration
from tests.factories import (
    RegistrationFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    meeting_time,
    publish_programme,
)

pytestmark = pytest.mark.django_db


def register_url(meeting):
    return reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})


def offered(form):
    if "side_events" not in form.fields:
        return []
    return [label.split(" – ")[0] for _, label in form.fields["side_events"].choices]


def test_form_offers_the_published_side_events_open_to_sign_up_at_registration(
    meeting,
):
    SideEventFactory(meeting=meeting, session__title="Open breakfast")
    SideEventFactory(
        meeting=meeting,
        session__title="Heads' lunch",
        session__start=meeting_time(meeting, 0, 12),
        session__end=meeting_time(meeting, 0, 13),
        access=SideEventAccess.RESTRICTED,
        eligible_roles=[DelegationRole.HEAD],
    )
    SideEventFactory(
        meeting=meeting,
        session__title="DG Forum",
        access=SideEventAccess.INVITATION,
    )
    SideEventFactory(
        meeting=meeting,
        session__title="Organisers decide",
        allow_signup_at_registration=False,
    )
    SideEventFactory(
        meeting=meeting, session__title="Draft event", session__published=False
    )
    started = SideEventFactory(meeting=meeting, session__title="Already started")
    started.session.start = timezone.now() - datetime.timedelta(minutes=1)
    started.session.end = timezone.now() + datetime.timedelta(hours=1)
    started.session.save(update_fields=["start", "end"])
    publish_programme(meeting)

    form = RegistrationForm(meeting=meeting)

    assert offered(form) == ["Heads' lunch", "Open breakfast"]
    field = form.fields["side_events"]
    assert "invitees sign up with their code from their private link" in (
        field.help_text
    )
    assert (
        "Restricted to: Head of delegation."
        in dict(field.choices)[
            str(meeting.sessions.get(title="Heads' lunch").side_event.pk)
        ]
    )


def test_form_says_when_a_side_event_is_full(meeting):
    side_event = SideEventFactory(meeting=meeting, capacity=1)
    SideEventSignUpFactory(side_event=side_event)
    publish_programme(meeting)

    form = RegistrationForm(meeting=meeting)

    (label,) = dict(form.fields["side_events"].choices).values()
    assert "full: you would join the waiting list" in label


def test_form_has_no_side_events_field_when_none_is_open_to_wishes(meeting):
    SideEventFactory(meeting=meeting, access=SideEventAccess.INVITATION)

    form = RegistrationForm(meeting=meeting)

    assert "side_events" not in form.fields


def test_the_private_link_correction_form_has_no_side_events_field(meeting):
    SideEventFactory(meeting=meeting)
    registration = RegistrationFactory(meeting=meeting)

    form = CorrectionForm(instance=registration, meeting=meeting)

    assert "side_events" not in form.fields


def test_registering_with_side_events_records_wishes_without_seats(
    client, meeting, form_data, django_capture_on_commit_callbacks
):
    breakfast = SideEventFactory(
        meeting=meeting, capacity=10, session__title="Open breakfast"
    )
    lunch = SideEventFactory(
        meeting=meeting,
        session__title="Open lunch",
        session__start=meeting_time(meeting, 0, 12),
        session__end=meeting_time(meeting, 0, 13),
    )
    publish_programme(meeting)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            register_url(meeting),
            {**form_data, "side_events": [breakfast.pk, lunch.pk]},
            follow=True,
        )

    assert "your registration has been received" in response.content.decode()
    registration = Registration.objects.get()
    assert set(registration.side_event_signups.values_list("side_event", "status")) == {
        (breakfast.pk, SignUpStatus.REQUESTED),
        (lunch.pk, SignUpStatus.REQUESTED),
    }
    breakfast.refresh_from_db()
    assert breakfast.seats_taken == 0
    (message,) = mail.outbox
    assert "Side events:" in message.body
    assert (
        "Open breakfast: requested; your seat is booked when your registration "
        "is approved"
    ) in message.body
    assert "Open lunch: requested" in message.alternatives[0][0]


def test_registering_without_side_events_records_none_and_the_email_says_nothing(
    client, meeting, form_data, django_capture_on_commit_callbacks
):
    SideEventFactory(meeting=meeting)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(meeting), form_data)

    assert Registration.objects.count() == 1
    assert not SideEventSignUp.objects.exists()
    assert "Side events:" not in mail.outbox[0].body


def test_a_side_event_the_chosen_category_is_not_admitted_to_is_a_field_error(
    client, meeting, form_data
):
    side_event = SideEventFactory(
        meeting=meeting,
        session__title="Member States only",
        access=SideEventAccess.RESTRICTED,
        eligible_categories=[ParticipantCategory.MEMBER_STATE],
    )
    publish_programme(side_event.session.meeting)

    response = client.post(
        register_url(meeting),
        {
            **form_data,
            "category": "civil_society",
            "country": "",
            "side_events": [side_event.pk],
        },
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["side_events"] == [
        "“Member States only” is not open to you. Restricted to: Member State."
    ]
    assert list(form.errors) == ["side_events"]
    assert not Registration.objects.exists()
    assert not SideEventSignUp.objects.exists()


def test_a_side_event_the_chosen_capacity_is_not_admitted_to_is_a_field_error(
    client, meeting, form_data
):
    side_event = SideEventFactory(
        meeting=meeting,
        session__title="Heads' lunch",
        access=SideEventAccess.RESTRICTED,
        eligible_roles=[DelegationRole.HEAD],
    )
    publish_programme(side_event.session.meeting)

    response = client.post(
        register_url(meeting),
        {**form_data, "role": "adviser", "side_events": [side_event.pk]},
    )

    assert "“Heads&#x27; lunch” is not open to you." in response.content.decode()
    assert list(response.context["form"].errors) == ["side_events"]
    assert not Registration.objects.exists()


@pytest.mark.parametrize("forged", ["999999", "not-a-number", ""])
def test_an_invitation_only_or_unknown_side_event_is_a_field_error(
    client, meeting, form_data, forged
):
    SideEventFactory(meeting=meeting)
    invited = SideEventFactory(meeting=meeting, access=SideEventAccess.INVITATION)
    publish_programme(meeting)

    response = client.post(
        register_url(meeting),
        {**form_data, "side_events": [invited.pk, forged]},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["side_events"] == [
        "A side event you ticked is no longer open to wishes; please check the "
        "list again."
    ]
    assert not Registration.objects.exists()


def test_a_duplicate_email_with_side_events_writes_no_wish(client, meeting, form_data):
    side_event = SideEventFactory(meeting=meeting)
    existing = RegistrationFactory(meeting=meeting, email=form_data["email"])

    response = client.post(
        register_url(meeting), {**form_data, "side_events": [side_event.pk]}
    )

    assert response.status_code == 302
    assert not existing.side_event_signups.exists()
    assert not SideEventSignUp.objects.exists()


def test_a_side_event_that_starts_while_the_form_is_open_is_a_clear_error(
    client, meeting, form_data, monkeypatch
):
    side_event = SideEventFactory(meeting=meeting, session__title="Open breakfast")
    later = side_event.session.start + datetime.timedelta(minutes=1)

    # The form is checked before the start; the service runs just after it.
    monkeypatch.setattr(
        "agenda.side_events.services.timezone", SimpleNamespace(now=lambda: later)
    )
    publish_programme(side_event.session.meeting)
    response = client.post(
        register_url(meeting), {**form_data, "side_events": [side_event.pk]}
    )

    assert response.status_code == 200
    assert "“Open breakfast” has already started." in response.content.decode()
    assert not Registration.objects.exists()


def test_the_form_page_query_count_is_constant_in_the_side_events(client, meeting):
    SideEventFactory(meeting=meeting)
    publish_programme(meeting)
    with CaptureQueriesContext(connection) as one:
        client.get(register_url(meeting))
    for hour in range(8, 20):
        SideEventFactory(
            meeting=meeting,
            session__start=meeting_time(meeting, 2, hour),
            session__end=meeting_time(meeting, 2, hour, 45),
        )
    publish_programme(meeting)

    with CaptureQueriesContext(connection) as many:
        response = client.get(register_url(meeting))

    assert response.content.decode().count('name="side_events"') == 13
    assert len(one) == len(many)


def test_a_registration_sent_without_wishes_does_not_read_the_side_events(
    client, meeting, form_data
):
    """Only whether there are any: the form that is not shown again needs no more."""
    SideEventFactory.create_batch(3, meeting=meeting)
    publish_programme(meeting)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(register_url(meeting), form_data)

    assert response.status_code == 302
    side_event_reads = [
        query["sql"]
        for query in queries
        if query["sql"].startswith('SELECT "agenda_sideevent"."id"')
    ]
    assert side_event_reads == []


def test_the_form_offers_a_side_event_only_once_a_version_with_it_is_published(
    meeting,
):
    SideEventFactory(meeting=meeting, session__title="Open breakfast")

    assert offered(RegistrationForm(meeting=meeting)) == []

    publish_programme(meeting)

    assert offered(RegistrationForm(meeting=meeting)) == ["Open breakfast"]
