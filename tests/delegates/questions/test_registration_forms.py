"""Several registration forms per meeting: each its own address, dates, capacity,
categories, questions and approval rule; one page lists them."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from delegates.enums import ParticipantCategory, RegistrationStatus
from delegates.models import Answer, Registration
from delegates.questions.enums import Approval
from tests.factories import (
    MeetingFactory,
    MeetingFormFactory,
    QuestionFactory,
    RegistrationFactory,
)
from tests.kept_pages import served_early

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def form_url(form):
    return reverse(
        "delegates:register_form",
        kwargs={"meeting_slug": form.meeting.slug, "form_slug": form.slug},
    )


def register_url(meeting):
    return reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})


def forms_url(meeting):
    return reverse(
        "delegates:registration_forms", kwargs={"meeting_slug": meeting.slug}
    )


@pytest.fixture
def civil_society(meeting):
    return MeetingFormFactory(
        meeting=meeting,
        name="Civil society",
        slug="civil-society",
        categories=[ParticipantCategory.CIVIL_SOCIETY],
    )


@pytest.fixture
def civil_society_data(form_data):
    return {
        **form_data,
        "category": "civil_society",
        "country": "",
        "role": "delegate",
        "organisation": "Asia Pacific Forum on Women, Law and Development",
    }


def test_a_form_registers_through_its_own_address(
    client, meeting, civil_society, civil_society_data
):
    response = client.post(form_url(civil_society), civil_society_data)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.form == civil_society
    assert registration.status == RegistrationStatus.SUBMITTED


def test_the_registration_address_serves_the_default_form(client, meeting, form_data):
    governments = MeetingFormFactory(
        meeting=meeting, name="Government delegates", is_default=True
    )

    page = client.get(register_url(meeting))
    client.post(register_url(meeting), form_data)

    assert "Government delegates</h1>" in page.content.decode()
    assert Registration.objects.get().form == governments


def test_without_forms_the_registration_address_works_as_before(
    client, meeting, form_data
):
    client.post(register_url(meeting), form_data)

    assert Registration.objects.get().form is None


def test_an_unknown_form_is_not_found(client, meeting):
    response = client.get(
        reverse(
            "delegates:register_form",
            kwargs={"meeting_slug": meeting.slug, "form_slug": "nothing"},
        )
    )

    assert response.status_code == 404


def test_a_form_of_another_meeting_is_not_found_under_this_one(client, meeting):
    other = MeetingFormFactory(meeting=MeetingFactory(), slug="media")

    response = client.get(
        reverse(
            "delegates:register_form",
            kwargs={"meeting_slug": meeting.slug, "form_slug": other.slug},
        )
    )

    assert response.status_code == 404


def test_a_form_offers_only_its_categories(
    client, civil_society, form_data, civil_society_data
):
    page = client.get(form_url(civil_society))
    refused = client.post(form_url(civil_society), form_data)

    assert [value for value, _ in page.context["form"].fields["category"].choices] == [
        "",
        "civil_society",
    ]
    assert "category" in refused.context["form"].errors
    assert not Registration.objects.exists()


def test_each_form_asks_its_own_questions_and_the_shared_ones(
    client, meeting, civil_society, civil_society_data
):
    governments = MeetingFormFactory(meeting=meeting, is_default=True)
    shared = QuestionFactory(meeting=meeting, label="Flight number")
    credentials = QuestionFactory(meeting=meeting, label="Note verbale reference")
    credentials.forms.set([governments])
    network = QuestionFactory(meeting=meeting, label="Your network")
    network.forms.set([civil_society])

    government_page = client.get(register_url(meeting)).content.decode()
    client.post(
        form_url(civil_society),
        {
            **civil_society_data,
            shared.field_name: "TG 123",
            network.field_name: "APWLD",
            credentials.field_name: "tampered",
        },
    )

    assert "Note verbale reference" in government_page
    assert "Your network" not in government_page
    assert "Flight number" in government_page
    assert {
        answer.question.label: answer.text
        for answer in Answer.objects.select_related("question")
    } == {"Flight number": "TG 123", "Your network": "APWLD"}


def test_a_form_not_yet_open_says_when_it_opens_and_refuses(
    client, civil_society, civil_society_data
):
    civil_society.opens_at = NOW + datetime.timedelta(days=2)
    civil_society.save()

    page = client.get(form_url(civil_society))
    refused = client.post(form_url(civil_society), civil_society_data)

    assert "has not opened yet" in page.content.decode()
    assert "This form is open from" in page.content.decode()
    assert refused.status_code == 403
    assert not Registration.objects.exists()


def test_a_closed_form_refuses_while_another_form_is_open(
    client, meeting, civil_society, civil_society_data, form_data
):
    civil_society.closes_at = NOW - datetime.timedelta(hours=1)
    civil_society.opens_at = NOW - datetime.timedelta(days=3)
    civil_society.save()
    MeetingFormFactory(meeting=meeting, is_default=True)

    refused = client.post(form_url(civil_society), civil_society_data)
    accepted = client.post(register_url(meeting), form_data)

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert list(Registration.objects.values_list("email", flat=True)) == [
        form_data["email"]
    ]


def test_a_full_form_says_so_and_refuses(client, civil_society, civil_society_data):
    civil_society.capacity = 1
    civil_society.save()
    RegistrationFactory(meeting=civil_society.meeting, form=civil_society)

    page = client.get(form_url(civil_society))
    refused = client.post(form_url(civil_society), civil_society_data)

    assert "This form is full" in page.content.decode()
    assert refused.status_code == 403
    assert Registration.objects.count() == 1


def test_cancelled_and_rejected_registrations_free_their_place(
    client, civil_society, civil_society_data
):
    civil_society.capacity = 2
    civil_society.save()
    for status in (RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED):
        RegistrationFactory(
            meeting=civil_society.meeting, form=civil_society, status=status
        )
    RegistrationFactory(meeting=civil_society.meeting, form=civil_society)

    response = client.post(form_url(civil_society), civil_society_data)

    assert response.status_code == 302
    assert civil_society.registrations.count() == 4


def test_an_automatic_form_approves_through_the_status_change(
    client, civil_society, civil_society_data, django_capture_on_commit_callbacks
):
    civil_society.approval = Approval.AUTOMATIC
    civil_society.save()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(civil_society), civil_society_data)

    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.status_changed_at is not None
    assert registration.status_changed_by is None
    assert len(mail.outbox) == 1
    assert "approved" in mail.outbox[0].subject.lower()


def test_an_automatic_form_waitlists_beyond_the_meetings_capacity(
    client, meeting, civil_society, civil_society_data
):
    meeting.capacity = 1
    meeting.save()
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    civil_society.approval = Approval.AUTOMATIC
    civil_society.save()

    client.post(form_url(civil_society), civil_society_data)

    assert (
        Registration.objects.get(form=civil_society).status
        == RegistrationStatus.WAITLISTED
    )


def test_the_list_of_forms_links_the_open_ones_and_dates_the_others(
    client, meeting, civil_society
):
    media = MeetingFormFactory(
        meeting=meeting,
        name="Media",
        opens_at=NOW + datetime.timedelta(days=3),
    )
    MeetingFormFactory(
        meeting=meeting,
        name="Side-event organisers",
        opens_at=NOW - datetime.timedelta(days=5),
        closes_at=NOW - datetime.timedelta(days=1),
    )

    html = client.get(forms_url(meeting)).content.decode()

    assert f'<a href="{form_url(civil_society)}">Civil society</a>' in html
    assert f'href="{form_url(media)}"' not in html
    assert "Opens on" in html
    assert "Closed on" in html


def test_the_list_of_forms_of_a_meeting_without_forms_is_its_registration_form(
    client, meeting
):
    response = client.get(forms_url(meeting))

    assert response.url == register_url(meeting)


def test_each_empty_form_is_kept_and_served_without_a_query(
    client, meeting, civil_society, django_assert_max_num_queries
):
    governments = MeetingFormFactory(
        meeting=meeting, is_default=True, name="Governments"
    )
    client.get(register_url(meeting))
    client.get(form_url(civil_society))

    with django_assert_max_num_queries(0):
        default_again = Client().get(register_url(meeting))
        civil_again = Client().get(form_url(civil_society))

    assert served_early(default_again)
    assert served_early(civil_again)
    assert f"{governments.name}</h1>" in default_again.content.decode()
    assert "Civil society</h1>" in civil_again.content.decode()


def test_a_form_edited_in_this_worker_shows_at_once(client, civil_society):
    client.get(form_url(civil_society))

    civil_society.name = "Civil society and NGOs"
    civil_society.save()

    assert (
        "Civil society and NGOs</h1>"
        in client.get(form_url(civil_society)).content.decode()
    )


def test_a_registration_cannot_name_a_form_of_another_meeting(meeting):
    foreign = MeetingFormFactory(meeting=MeetingFactory())

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(meeting=meeting, form=foreign)
        # The composite foreign key is checked at the end of the transaction.
        with transaction.get_connection().cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_a_meeting_has_one_default_form(meeting):
    MeetingFormFactory(meeting=meeting, is_default=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFormFactory(meeting=meeting, is_default=True)


def test_the_private_link_corrects_with_the_registrations_form(
    client, meeting, civil_society
):
    network = QuestionFactory(meeting=meeting, label="Your network")
    network.forms.set([civil_society])
    other = QuestionFactory(meeting=meeting, label="Note verbale reference")
    other.forms.set([MeetingFormFactory(meeting=meeting)])
    registration = RegistrationFactory(
        meeting=meeting, form=civil_society, category="civil_society"
    )

    page = client.get(registration.get_private_url()).content.decode()

    assert "Your network" in page
    assert "Note verbale reference" not in page
