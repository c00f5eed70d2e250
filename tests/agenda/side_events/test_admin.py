import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from agenda.enums import SideEventAccess, SignUpStatus
from agenda.models import InvitationCode, SideEvent, SideEventSignUp
from agenda.side_events.services import book_side_event_seat
from delegates.enums import RegistrationStatus
from tests.factories import (
    CheckInFactory,
    InvitationCodeFactory,
    RegistrationFactory,
    SideEventFactory,
    SideEventSignUpFactory,
)

pytestmark = pytest.mark.django_db


def change_url(side_event):
    return reverse("admin:agenda_sideevent_change", args=[side_event.pk])


def change_form_data(client, side_event, **changes):
    """The side event's change form as the browser would post it, with changes."""
    response = client.get(change_url(side_event))
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        data[name] = "on" if value is True else value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    data.update(changes)
    return data


def approved(side_event, **kwargs):
    return RegistrationFactory(
        meeting=side_event.session.meeting,
        status=RegistrationStatus.APPROVED,
        **kwargs,
    )


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_side_event_changelist_shows_seats_taken_and_waiting(organiser_client):
    side_event = SideEventFactory(capacity=2, session__title="DG Forum")
    for _ in range(3):
        book_side_event_seat(registration=approved(side_event), side_event=side_event)

    response = organiser_client.get(reverse("admin:agenda_sideevent_changelist"))

    html = response.content.decode()
    assert "DG Forum" in html
    assert "2 / 2" in html
    assert '<td class="field-waiting_display">1</td>' in html


def test_side_event_change_page_lists_attendees_and_the_waiting_list(
    organiser_client,
):
    side_event = SideEventFactory(capacity=1)
    seated = approved(side_event, family_name="Chaiyasit")
    waiting = approved(side_event, family_name="Santoso")
    for person in (seated, waiting):
        book_side_event_seat(registration=person, side_event=side_event)

    response = organiser_client.get(change_url(side_event))

    html = response.content.decode()
    attendees_section = html[html.index("Attendees") : html.index("Waiting list")]
    waiting_section = html[html.index("Waiting list") :]
    assert "Chaiyasit" in attendees_section and "Santoso" not in attendees_section
    assert "Santoso" in waiting_section
    assert "Add people by hand" in html


def test_side_event_admin_refuses_a_capacity_below_the_seats_taken(organiser_client):
    side_event = SideEventFactory(capacity=3)
    SideEventSignUpFactory.create_batch(3, side_event=side_event)

    response = organiser_client.post(
        change_url(side_event),
        change_form_data(organiser_client, side_event, capacity=2),
    )

    assert "3 seats are already taken: the capacity cannot be lower." in (
        response.content.decode()
    )
    side_event.refresh_from_db()
    assert (side_event.capacity, side_event.seats_taken) == (3, 3)


def test_side_event_admin_raising_the_capacity_seats_the_waiting_list(
    organiser_client, django_capture_on_commit_callbacks
):
    side_event = SideEventFactory(capacity=1, organiser="UNOSSC")
    people = [approved(side_event) for _ in range(3)]
    for person in people:
        book_side_event_seat(registration=person, side_event=side_event)

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            change_url(side_event),
            change_form_data(
                organiser_client, side_event, capacity=2, organiser_en="UNOSSC and TICA"
            ),
            follow=True,
        )

    assert "1 person moved from the waiting list to a seat" in (
        response.content.decode()
    )
    side_event.refresh_from_db()
    assert (side_event.capacity, side_event.seats_taken) == (2, 2)
    assert side_event.organiser == "UNOSSC and TICA"
    assert people[1].side_event_signups.get().status == SignUpStatus.BOOKED
    assert [message.to for message in mail.outbox] == [[people[1].email]]


def test_side_event_admin_restricted_without_anyone_eligible_is_refused(
    organiser_client,
):
    side_event = SideEventFactory()

    response = organiser_client.post(
        change_url(side_event),
        change_form_data(organiser_client, side_event, access="restricted"),
    )

    assert "Tick at least one eligible category or role" in response.content.decode()
    side_event.refresh_from_db()
    assert side_event.access == SideEventAccess.OPEN


def test_add_people_by_hand_respects_the_capacity(organiser_client, organiser):
    side_event = SideEventFactory(
        capacity=2,
        access=SideEventAccess.INVITATION,
        allow_signup_at_registration=False,
    )
    people = [approved(side_event) for _ in range(3)]
    not_approved = RegistrationFactory(meeting=side_event.session.meeting)
    url = reverse("admin:agenda_sideevent_add_attendees", args=[side_event.pk])

    page = organiser_client.get(url)
    response = organiser_client.post(
        url, {"registrations": [person.pk for person in people]}, follow=True
    )

    assert not_approved.family_name not in page.content.decode()
    html = response.content.decode()
    assert "2 people were given a seat." in html
    assert "1 person was put on the waiting list." in html
    side_event.refresh_from_db()
    assert side_event.seats_taken == 2
    signups = SideEventSignUp.objects.order_by("requested_at", "pk")
    assert [signup.status for signup in signups] == [
        SignUpStatus.BOOKED,
        SignUpStatus.BOOKED,
        SignUpStatus.WAITLISTED,
    ]
    assert {signup.added_by for signup in signups} == {organiser}


def test_export_attendees_csv_lists_the_seated_in_order(organiser_client):
    side_event = SideEventFactory(capacity=2, session__slug="dg-forum")
    first = approved(side_event, family_name="Chaiyasit")
    second = approved(side_event, family_name="=HYPERLINK(1)")
    waiting = approved(side_event, family_name="Santoso")
    for person in (first, second, waiting):
        book_side_event_seat(registration=person, side_event=side_event)

    response = organiser_client.get(
        reverse("admin:agenda_sideevent_export", args=[side_event.pk, "attendees"])
    )

    assert response["Content-Disposition"] == (
        'attachment; filename="dg-forum-attendees.csv"'
    )
    rows = csv_rows(response)
    assert [(row["position"], row["family_name"]) for row in rows] == [
        ("1", "Chaiyasit"),
        ("2", "'=HYPERLINK(1)"),
    ]
    assert rows[0]["email"] == first.email
    assert rows[0]["status"] == "Seat booked"


def test_export_waiting_list_csv_lists_the_waiting_first_in_line_first(
    organiser_client,
):
    side_event = SideEventFactory(capacity=1)
    people = [approved(side_event) for _ in range(3)]
    for person in people:
        book_side_event_seat(registration=person, side_event=side_event)

    response = organiser_client.get(
        reverse("admin:agenda_sideevent_export", args=[side_event.pk, "waiting-list"])
    )

    rows = csv_rows(response)
    assert [(row["position"], row["email"]) for row in rows] == [
        ("1", people[1].email),
        ("2", people[2].email),
    ]


@pytest.mark.parametrize("object_id", ["abc", "1.5", "²", "99999"])
@pytest.mark.parametrize(
    "url_name, extra_args",
    [
        ("agenda_sideevent_add_attendees", []),
        ("agenda_sideevent_export", ["attendees"]),
    ],
)
def test_side_event_pages_of_a_malformed_or_unknown_id_are_not_found(
    organiser_client, object_id, url_name, extra_args
):
    SideEventFactory()

    response = organiser_client.get(
        reverse(f"admin:{url_name}", args=[object_id, *extra_args])
    )

    assert response.status_code == 404


def test_export_of_an_unknown_list_is_not_found(organiser_client):
    side_event = SideEventFactory()

    response = organiser_client.get(
        reverse("admin:agenda_sideevent_export", args=[side_event.pk, "everyone"])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("model_name", ["registration", "checkin"])
@pytest.mark.parametrize("value", ["abc", "²", "²-requested", "1.5"])
def test_side_event_filter_ignores_a_malformed_id(organiser_client, model_name, value):
    SideEventFactory()
    registration = RegistrationFactory(status=RegistrationStatus.APPROVED)
    CheckInFactory(registration=registration)

    response = organiser_client.get(
        reverse(f"admin:delegates_{model_name}_changelist"), {"side_event": value}
    )

    assert len(response.context["cl"].result_list) == 1


def test_export_action_writes_attendees_and_waiting_lists_of_the_selected(
    organiser_client,
):
    side_event = SideEventFactory(capacity=1, session__title="DG Forum")
    people = [approved(side_event) for _ in range(2)]
    for person in people:
        book_side_event_seat(registration=person, side_event=side_event)

    response = organiser_client.post(
        reverse("admin:agenda_sideevent_changelist"),
        {"action": "export_signups", "_selected_action": [side_event.pk]},
    )

    rows = csv_rows(response)
    assert [(row["side_event"], row["status"], row["email"]) for row in rows] == [
        ("DG Forum", "Seat booked", people[0].email),
        ("DG Forum", "On the waiting list", people[1].email),
    ]


def test_generate_codes_shows_the_new_codes(organiser_client, organiser):
    side_event = SideEventFactory(access=SideEventAccess.INVITATION)
    url = reverse("admin:agenda_invitationcode_generate")

    response = organiser_client.post(
        url,
        {
            "side_event": side_event.pk,
            "count": 5,
            "max_uses": 1,
            "label": "Heads of agencies",
        },
    )

    codes = list(InvitationCode.objects.filter(side_event=side_event))
    assert len(codes) == 5
    html = response.content.decode()
    assert all(code.code in html for code in codes)
    assert {(code.label, code.created_by) for code in codes} == {
        ("Heads of agencies", organiser)
    }


def test_generate_codes_for_a_side_event_not_by_invitation_is_refused(
    organiser_client,
):
    side_event = SideEventFactory(access=SideEventAccess.OPEN)

    response = organiser_client.post(
        reverse("admin:agenda_invitationcode_generate"),
        {"side_event": side_event.pk, "count": 5, "max_uses": 1},
    )

    assert "Select a valid choice" in response.content.decode()
    assert not InvitationCode.objects.exists()


def test_invitation_code_admin_refuses_fewer_uses_than_already_made(
    organiser_client,
):
    code = InvitationCodeFactory(max_uses=3)
    for _ in range(2):
        book_side_event_seat(
            registration=approved(code.side_event),
            side_event=code.side_event,
            invitation_code=code.code,
        )

    response = organiser_client.post(
        reverse("admin:agenda_invitationcode_change", args=[code.pk]),
        {"label": "Ministry", "max_uses": 1},
    )

    assert "This code has been used 2 times" in response.content.decode()
    code.refresh_from_db()
    assert (code.uses, code.max_uses) == (2, 3)


def test_cancel_action_in_the_admin_moves_the_waiting_list_up(organiser_client):
    side_event = SideEventFactory(capacity=1)
    seated, waiting = approved(side_event), approved(side_event)
    for person in (seated, waiting):
        book_side_event_seat(registration=person, side_event=side_event)
    signup = seated.side_event_signups.get()

    response = organiser_client.post(
        reverse("admin:agenda_sideeventsignup_changelist"),
        {"action": "cancel_selected", "_selected_action": [signup.pk]},
        follow=True,
    )

    assert "1 sign-up cancelled. 1 person moved up" in response.content.decode()
    assert list(SideEventSignUp.objects.values_list("registration", "status")) == [
        (waiting.pk, SignUpStatus.BOOKED)
    ]
    assert SideEvent.objects.get(pk=side_event.pk).seats_taken == 1


def test_statistics_page_shows_each_side_event_s_fill(organiser_client):
    side_event = SideEventFactory(capacity=4, session__title="DG Forum")
    for _ in range(5):
        book_side_event_seat(registration=approved(side_event), side_event=side_event)

    response = organiser_client.get(
        reverse("admin:delegates_participationstatistics_changelist"),
        {"meeting": side_event.session.meeting.pk},
    )

    html = response.content.decode()
    assert "Side events: seats taken" in html
    assert (
        '<tr><th scope="row">DG Forum</th><td>4</td><td>4</td><td>100%</td>'
        "<td>1</td><td>0</td></tr>"
    ) in html
