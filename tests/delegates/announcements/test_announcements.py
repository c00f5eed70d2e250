from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from consultation.outbox.models import OutgoingMail
from delegates.announcements import services as announcement_services
from delegates.announcements.services import (
    announcements_to_deliver,
    deliver_announcement,
    send_announcement,
    write_recipients,
)
from delegates.enums import DeliveryStatus, RegistrationStatus
from delegates.models import Announcement, AnnouncementRecipient, Registration
from delegates.roles import REGISTRATION_DESK
from delegates.services import RegistrationError
from delegates.tasks import DELIVERY_GRACE, sweep_announcements
from tests.delegates.email_backends import REFUSED_ADDRESS
from tests.factories import (
    AnnouncementRecipientFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventSignUpFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")
ACTION = "send_announcement_action"
APPROVED = RegistrationStatus.APPROVED


def post_action(client, registrations, **data):
    return client.post(
        CHANGELIST,
        {
            "action": ACTION,
            "_selected_action": [registration.pk for registration in registrations],
            **data,
        },
    )


def test_organiser_writes_previews_and_confirms_an_announcement(
    organiser_client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(title="Regional Consultation")
    people = [
        RegistrationFactory(
            meeting=meeting, status=APPROVED, given_name="Budi", family_name="Santoso"
        ),
        RegistrationFactory(meeting=meeting, status=APPROVED),
    ]
    message = {"subject_en": "Shuttle times", "body_en": "The shuttle leaves at 08:00."}

    form = post_action(organiser_client, people).content.decode()
    preview = post_action(
        organiser_client, people, announcement_step="preview", **message
    ).content.decode()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        sent = post_action(
            organiser_client, people, announcement_step="send", **message
        )

    assert "One email each will go to 2 people." in form
    assert 'name="subject_en"' in form
    assert "Dear Ms Budi Santoso," in preview
    assert "The shuttle leaves at 08:00." in preview
    assert "Send to 2 people" in preview
    assert sorted(email.to for email in mail.outbox) == sorted(
        [[person.email] for person in people]
    )
    assert all(email.subject == "Shuttle times" for email in mail.outbox)
    budi = next(email for email in mail.outbox if email.to == [people[0].email])
    assert budi.body.startswith("Dear Ms Budi Santoso,")
    assert people[0].get_private_url() in budi.body
    announcement = Announcement.objects.get()
    assert announcement.sent_by.username == "organiser"
    assert announcement.meeting == meeting
    assert set(announcement.recipients.values_list("status", flat=True)) == {
        DeliveryStatus.SENT
    }
    assert sent["Location"] == reverse(
        "admin:delegates_announcement_change", args=[announcement.pk]
    )


def test_a_refused_address_does_not_stop_the_others_and_is_listed(
    organiser_client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.delegates.email_backends.RefusesOneAddressBackend"
    meeting = MeetingFactory()
    first = RegistrationFactory(meeting=meeting, email="a@example.org")
    refused = RegistrationFactory(meeting=meeting, email=REFUSED_ADDRESS)
    last = RegistrationFactory(meeting=meeting, email="z@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = post_action(
            organiser_client,
            [first, refused, last],
            announcement_step="send",
            subject_en="Visa reminder",
            body_en="Please apply for your visa now.",
        )
    report = organiser_client.get(response["Location"]).content.decode()

    assert sorted(email.to[0] for email in mail.outbox) == [
        "a@example.org",
        "z@example.org",
    ]
    failed = AnnouncementRecipient.objects.get(status=DeliveryStatus.FAILED)
    assert failed.email == REFUSED_ADDRESS
    assert "SMTPRecipientsRefused" in failed.error
    assert "No such user" in failed.error
    assert AnnouncementRecipient.objects.filter(status=DeliveryStatus.SENT).count() == 2
    assert "2 sent, 1 failed, 0 waiting." in report
    assert f"Not delivered to: {REFUSED_ADDRESS}." in report
    assert "No such user" in report


def test_announcement_form_without_a_subject_sends_nothing(organiser_client):
    person = RegistrationFactory()

    page = post_action(
        organiser_client,
        [person],
        announcement_step="send",
        subject_en="",
        body_en="Hi",
    ).content.decode()

    assert "This field is required." in page
    assert mail.outbox == []
    assert not Announcement.objects.exists()


def test_announcement_in_english_and_russian_reaches_each_person_in_theirs(
    organiser_client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    english = RegistrationFactory(meeting=meeting, language="en")
    russian = RegistrationFactory(meeting=meeting, language="ru")
    french = RegistrationFactory(meeting=meeting, language="fr")

    with django_capture_on_commit_callbacks(execute=True):
        post_action(
            organiser_client,
            [english, russian, french],
            announcement_step="send",
            subject_en="Shuttle times",
            body_en="The shuttle leaves at 08:00.",
            subject_ru="Расписание автобуса",
            body_ru="Автобус отходит в 08:00.",
        )

    mails = {email.to[0]: email for email in mail.outbox}
    assert mails[english.email].subject == "Shuttle times"
    assert "The shuttle leaves at 08:00." in mails[english.email].body
    assert mails[russian.email].subject == "Расписание автобуса"
    assert "Автобус отходит в 08:00." in mails[russian.email].body
    assert "shuttle" not in mails[russian.email].body
    # Not written in French: the meeting's main language, greeting in French.
    assert mails[french.email].subject == "Shuttle times"
    assert mails[french.email].body.startswith("Bonjour")
    assert "The shuttle leaves at 08:00." in mails[french.email].body


def test_announcement_falls_back_to_the_meetings_main_language():
    meeting = MeetingFactory(main_language="fr")
    spanish = RegistrationFactory(meeting=meeting, language="es")

    announcement = send_announcement(
        registrations=Registration.objects.filter(pk=spanish.pk),
        subject={"fr": "Navette", "en": "Shuttle"},
        body={"fr": "La navette part à 8 h.", "en": "The shuttle leaves at 08:00."},
        by=None,
    )
    deliver_announcement(announcement.pk)

    [written] = OutgoingMail.objects.all()
    assert written.subject == "Navette"
    assert "La navette part à 8 h." in written.text_body


def test_worker_writes_each_persons_announcement_later_in_their_language():
    meeting = MeetingFactory()
    english = RegistrationFactory(meeting=meeting, language="en")
    russian = RegistrationFactory(meeting=meeting, language="ru")
    announcement = send_announcement(
        registrations=Registration.objects.filter(pk__in=[english.pk, russian.pk]),
        subject={"en": "Shuttle times", "ru": "Расписание автобуса"},
        body={"en": "The shuttle leaves at 08:00.", "ru": "Автобус отходит в 08:00."},
        by=None,
    )

    # Later, in a worker whose own language is neither.
    with translation.override("ar"):
        deliver_announcement(announcement.pk)

    written = {mail.to: mail for mail in OutgoingMail.objects.all()}
    assert written[english.email].subject == "Shuttle times"
    assert "The shuttle leaves at 08:00." in written[english.email].text_body
    assert written[russian.email].subject == "Расписание автобуса"
    assert "Автобус отходит в 08:00." in written[russian.email].text_body


def test_announcement_form_needs_both_subject_and_message_of_a_language(
    organiser_client,
):
    person = RegistrationFactory()

    page = post_action(
        organiser_client,
        [person],
        announcement_step="send",
        subject_en="Shuttle",
        body_en="08:00",
        subject_ru="Автобус",
    ).content.decode()

    assert "Write the message in Русский too, or clear its subject." in page
    assert not Announcement.objects.exists()


def test_announcement_to_two_meetings_is_refused(organiser_client):
    people = [RegistrationFactory(), RegistrationFactory()]

    response = post_action(
        organiser_client, people, announcement_step="send", subject="S", body="B"
    )

    follow = organiser_client.get(CHANGELIST).content.decode()
    assert response.status_code == 302
    assert "an announcement is per meeting" in follow
    assert not Announcement.objects.exists()


@pytest.mark.parametrize("step", ["", "preview", "send"])
@pytest.mark.parametrize("selection", ["deleted meanwhile", "all of an empty search"])
def test_announcement_to_nobody_says_to_select_someone(
    organiser_client, step, selection
):
    person = RegistrationFactory()
    data = {
        "action": ACTION,
        "_selected_action": [person.pk],
        "announcement_step": step,
        "subject_en": "S",
        "body_en": "B",
    }
    url = CHANGELIST
    if selection == "deleted meanwhile":
        person.delete()
    else:
        url += "?q=nobody-is-called-this"
        data["select_across"] = "1"

    response = organiser_client.post(url, data)

    assert response.status_code == 302
    follow = organiser_client.get(response["Location"]).content.decode()
    assert "Nobody is selected: select at least one registration" in follow
    assert not Announcement.objects.exists()
    assert mail.outbox == []


def test_service_refuses_an_empty_selection():
    with pytest.raises(RegistrationError, match="at least one"):
        send_announcement(
            registrations=Registration.objects.none(), subject="S", body="B", by=None
        )


def test_desk_staff_cannot_send_announcements(client):
    user = UserFactory(username="desk", is_staff=True)
    user.groups.add(Group.objects.get(name=REGISTRATION_DESK))
    client.force_login(user)
    person = RegistrationFactory()

    changelist = client.get(CHANGELIST).content.decode()
    post_action(client, [person], announcement_step="send", subject="S", body="B")

    assert "Send an announcement to the selected" not in changelist
    assert mail.outbox == []
    assert not Announcement.objects.exists()


def test_registration_list_filters_the_attendees_of_a_side_event(organiser_client):
    signup = SideEventSignUpFactory(
        side_event__session__title="DG Forum",
        registration__family_name="Attendee",
    )
    RegistrationFactory(
        meeting=signup.registration.meeting, status=APPROVED, family_name="Outsider"
    )

    html = organiser_client.get(
        CHANGELIST, {"side_event": signup.side_event.pk}
    ).content.decode()

    assert "Attendee" in html
    assert "Outsider" not in html


def test_announcement_list_runs_the_same_queries_for_one_or_many(organiser_client):
    url = reverse("admin:delegates_announcement_changelist")

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = organiser_client.get(url)
        assert response.status_code == 200
        return len(queries)

    AnnouncementRecipientFactory()
    one = count_queries()
    for _ in range(4):
        AnnouncementRecipientFactory.create_batch(3)
    many = count_queries()

    assert one == many


def test_announcement_page_lists_recipients_failures_first(organiser_client):
    sent = AnnouncementRecipientFactory(email="sent@example.org")
    AnnouncementRecipientFactory(
        announcement=sent.announcement,
        email="failed@example.org",
        status=DeliveryStatus.FAILED,
        sent_at=None,
        error="SMTPRecipientsRefused: 550 No such user",
    )

    html = organiser_client.get(
        reverse("admin:delegates_announcement_change", args=[sent.announcement.pk])
    ).content.decode()

    assert "1 sent, 1 failed, 0 waiting." in html
    assert html.index("failed@example.org") < html.index("sent@example.org")


def test_announcement_to_all_answers_with_as_many_queries_for_many(
    organiser_client,
):
    """The request stores whom it selected; it writes no recipient row itself."""

    def send_to_all(meeting):
        with CaptureQueriesContext(connection) as queries:
            organiser_client.post(
                CHANGELIST + f"?meeting__id__exact={meeting.pk}",
                {
                    "action": ACTION,
                    "select_across": "1",
                    "_selected_action": [meeting.registrations.first().pk],
                    "announcement_step": "send",
                    "subject_en": "Shuttle times",
                    "body_en": "The shuttle leaves at 08:00.",
                },
            )
        return len(queries)

    few, many = MeetingFactory(), MeetingFactory()
    RegistrationFactory.create_batch(2, meeting=few, status=APPROVED)
    RegistrationFactory.create_batch(60, meeting=many, status=APPROVED)

    assert send_to_all(few) == send_to_all(many)
    announcement = Announcement.objects.get(meeting=many)
    assert not announcement.recipients.exists()
    assert announcement.unwritten_selection == sorted(
        many.registrations.values_list("pk", flat=True)
    )


def test_worker_writes_the_selected_as_recipients_chunk_by_chunk_and_once(
    monkeypatch,
):
    monkeypatch.setattr(announcement_services, "SELECTION_CHUNK_SIZE", 2)
    meeting = MeetingFactory()
    people = RegistrationFactory.create_batch(5, meeting=meeting, status=APPROVED)
    announcement = send_announcement(
        registrations=meeting.registrations.all(), subject="S", body="B", by=None
    )

    assert write_recipients(announcement.pk) == 5
    assert write_recipients(announcement.pk) == 0

    assert sorted(announcement.recipients.values_list("email", flat=True)) == sorted(
        person.email for person in people
    )
    assert set(announcement.recipients.values_list("status", flat=True)) == {
        DeliveryStatus.PENDING
    }
    announcement.refresh_from_db()
    assert announcement.unwritten_selection == []


def test_a_worker_stopped_between_chunks_leaves_the_rest_to_the_next(monkeypatch):
    monkeypatch.setattr(announcement_services, "SELECTION_CHUNK_SIZE", 2)
    meeting = MeetingFactory()
    RegistrationFactory.create_batch(3, meeting=meeting, status=APPROVED)
    announcement = send_announcement(
        registrations=meeting.registrations.all(), subject="S", body="B", by=None
    )
    # The first chunk is written, then the worker is killed before the second.
    first = announcement.unwritten_selection[:2]
    announcement_services._insert_recipients(
        announcement, Registration.objects.filter(pk__in=first)
    )

    assert write_recipients(announcement.pk) == 1
    assert announcement.recipients.count() == 3


def test_a_registration_deleted_before_the_worker_writes_is_skipped():
    meeting = MeetingFactory()
    kept, deleted = RegistrationFactory.create_batch(2, meeting=meeting)
    announcement = send_announcement(
        registrations=meeting.registrations.all(), subject="S", body="B", by=None
    )
    deleted.delete()

    deliver_announcement(announcement.pk)

    assert list(announcement.recipients.values_list("email", flat=True)) == [kept.email]
    assert [mail.to for mail in OutgoingMail.objects.all()] == [kept.email]


def test_the_sweep_delivers_an_announcement_whose_task_was_lost():
    meeting = MeetingFactory()
    person = RegistrationFactory(meeting=meeting, status=APPROVED)
    # Sent, but its task never ran (the broker was down): nobody is written yet.
    lost = send_announcement(
        registrations=meeting.registrations.all(), subject="S", body="B", by=None
    )
    Announcement.objects.filter(pk=lost.pk).update(
        created_at=timezone.now() - DELIVERY_GRACE - timedelta(seconds=1)
    )
    # Just sent: its own task is still expected.
    just_sent = send_announcement(
        registrations=meeting.registrations.all(), subject="S2", body="B2", by=None
    )

    assert sweep_announcements() == 1

    assert [mail.to for mail in OutgoingMail.objects.all()] == [person.email]
    assert announcements_to_deliver(created_before=timezone.now()) == [just_sent.pk]


def test_a_selection_that_joins_a_person_twice_writes_them_once():
    signup = SideEventSignUpFactory()
    registration = signup.registration
    SideEventSignUpFactory(
        registration=registration, side_event__session__meeting=registration.meeting
    )
    twice = Registration.objects.filter(
        side_event_signups__isnull=False, pk=registration.pk
    )
    assert twice.count() == 2

    announcement = send_announcement(
        registrations=twice, subject="S", body="B", by=None
    )
    write_recipients(announcement.pk)

    assert list(announcement.recipients.values_list("registration", flat=True)) == [
        registration.pk
    ]


def delivery_url(announcement):
    return reverse("admin:delegates_announcement_delivery", args=[announcement.pk])


def test_the_announcement_page_follows_a_delivery_still_under_way(organiser_client):
    sent = AnnouncementRecipientFactory(status=DeliveryStatus.SENT)
    announcement = sent.announcement
    AnnouncementRecipientFactory(
        announcement=announcement, status=DeliveryStatus.PENDING, sent_at=None
    )
    # One more selected whom the worker has not written as a recipient yet.
    announcement.unwritten_selection = [RegistrationFactory().pk]
    announcement.save()

    page = organiser_client.get(
        reverse("admin:delegates_announcement_change", args=[announcement.pk])
    ).content.decode()
    delivery = organiser_client.get(delivery_url(announcement))

    assert f'data-announcement-delivery="{delivery_url(announcement)}"' in page
    assert "1 sent, 0 failed, 2 waiting." in page
    assert "delegates/announcement_delivery.js" in page
    assert delivery.json() == {
        "sent": 1,
        "failed": 0,
        "waiting": 2,
        "summary": "1 sent, 0 failed, 2 waiting.",
        "finished": False,
    }
    assert "no-store" in delivery["Cache-Control"]


def test_a_finished_delivery_is_a_plain_line(organiser_client):
    sent = AnnouncementRecipientFactory(status=DeliveryStatus.SENT)

    page = organiser_client.get(
        reverse("admin:delegates_announcement_change", args=[sent.announcement.pk])
    ).content.decode()
    delivery = organiser_client.get(delivery_url(sent.announcement)).json()

    assert "1 sent, 0 failed, 0 waiting." in page
    assert "data-announcement-delivery" not in page
    assert delivery["finished"] is True


def test_staff_who_may_not_see_announcements_get_no_delivery_counts(client):
    client.force_login(UserFactory(is_staff=True))
    announcement = AnnouncementRecipientFactory().announcement

    assert client.get(delivery_url(announcement)).status_code == 403
