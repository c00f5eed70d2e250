"""How the public registration form is rendered.

The empty form is kept whole per meeting, programme and side-event state, with
each visitor's CSRF token written in (consultation/page_cache); the country
lists are written out in Python (consultation/widgets.py).
"""

import datetime
import re

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agenda.models import SideEvent
from agenda.side_events.services import join_side_event
from consultation.models import Meeting
from consultation.widgets import LongSelect
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from tests.factories import RegistrationFactory, SideEventFactory, publish_programme
from tests.kept_pages import csrf_token, later_than_the_recheck, served_early

pytestmark = pytest.mark.django_db


FULL = "full: you would join the waiting list"


def register_url(meeting):
    return reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})


def select_markup(html, name):
    return re.search(rf'<select name="{name}"[^>]*>.*?</select>', html, re.S).group(0)


def selected_values(html, name):
    return re.findall(r'<option value="([^"]*)" selected>', select_markup(html, name))


def crispy_templates(response):
    return [
        t.name for t in response.templates if (t.name or "").startswith("bootstrap5/")
    ]


def test_empty_form_is_rendered_once_then_served_whole_without_a_query(
    client, meeting, django_assert_max_num_queries
):
    first = client.get(register_url(meeting))

    with django_assert_max_num_queries(0):
        again = Client().get(register_url(meeting))

    assert crispy_templates(first)
    assert served_early(again)
    assert again.content.replace(
        csrf_token(again).encode(), b""
    ) == first.content.replace(csrf_token(first).encode(), b"")


def test_kept_form_carries_each_visitor_s_own_csrf_token_and_cookie(meeting, form_data):
    first_visitor = Client(enforce_csrf_checks=True)
    second_visitor = Client(enforce_csrf_checks=True)
    first_page = first_visitor.get(register_url(meeting))
    second_page = second_visitor.get(register_url(meeting))

    response = second_visitor.post(
        register_url(meeting),
        {**form_data, "csrfmiddlewaretoken": csrf_token(second_page)},
    )

    assert served_early(second_page)
    assert csrf_token(first_page) != csrf_token(second_page)
    assert first_page.cookies["csrftoken"].value != (
        second_page.cookies["csrftoken"].value
    )
    assert "Cookie" in second_page["Vary"]
    assert response.status_code == 302
    assert Registration.objects.get().email == form_data["email"]


def test_kept_form_keeps_a_returning_visitor_s_csrf_cookie(meeting, form_data):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(register_url(meeting))
    cookie = visitor.cookies["csrftoken"].value

    again = visitor.get(register_url(meeting))
    response = visitor.post(
        register_url(meeting),
        {**form_data, "csrfmiddlewaretoken": csrf_token(again)},
    )

    assert served_early(again)
    assert visitor.cookies["csrftoken"].value == cookie
    assert response.status_code == 302


def test_kept_form_keeps_its_security_headers(client, meeting):
    first = client.get(register_url(meeting))

    again = Client().get(register_url(meeting))

    assert served_early(again)
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Content-Language",
        "Content-Type",
    ):
        assert again[header] == first[header], header


def test_form_shows_new_meeting_dates_on_the_next_request(client, meeting):
    client.get(register_url(meeting))

    meeting.start_date += datetime.timedelta(days=7)
    meeting.end_date += datetime.timedelta(days=7)
    meeting.save()
    html = client.get(register_url(meeting)).content.decode()

    assert f"The meeting runs from {meeting.start_date:%-d %B %Y}" in html


@pytest.fixture
def dg_forum(meeting):
    side_event = SideEventFactory(
        meeting=meeting, session__title="DG Forum", capacity=1
    )
    publish_programme(meeting)
    return side_event


def test_form_shows_a_side_event_filled_elsewhere_within_a_second(
    client, meeting, dg_forum
):
    before = client.get(register_url(meeting)).content.decode()

    # Filled through another worker: only the database tells.
    SideEvent.objects.filter(pk=dg_forum.pk).update(seats_taken=1)
    within_the_second = client.get(register_url(meeting)).content.decode()
    with later_than_the_recheck():
        after = client.get(register_url(meeting)).content.decode()

    assert "DG Forum" in before
    assert FULL not in before
    assert FULL not in within_the_second
    assert FULL in after


def test_form_shows_a_side_event_filled_in_this_worker_at_once(
    client, meeting, dg_forum
):
    client.get(register_url(meeting))

    join_side_event(
        registration=RegistrationFactory(
            meeting=meeting, status=RegistrationStatus.APPROVED
        ),
        side_event=dg_forum,
    )
    after = client.get(register_url(meeting)).content.decode()

    assert FULL in after


def test_form_closes_once_registration_closes(client, meeting):
    client.get(register_url(meeting))
    client.get(register_url(meeting))

    Meeting.objects.filter(pk=meeting.pk).update(
        registration_closes=timezone.now() - datetime.timedelta(minutes=1)
    )
    with later_than_the_recheck():
        closed = client.get(register_url(meeting))

    assert "csrfmiddlewaretoken" not in closed.content.decode()
    assert "Registration for this meeting has closed." in closed.content.decode()


def test_form_after_an_error_shows_the_chosen_country_and_nationality(
    client, meeting, form_data
):
    client.get(register_url(meeting))

    response = client.post(
        register_url(meeting),
        {**form_data, "country": "VN", "nationality": "LA", "email": "not-an-email"},
    )

    html = response.content.decode()
    assert "email" in response.context["form"].errors
    assert selected_values(html, "country") == ["VN"]
    assert selected_values(html, "nationality") == ["LA"]
    assert '<option value="VN" selected>Viet Nam</option>' in html
    assert Registration.objects.count() == 0


def test_country_list_keeps_its_label_and_bootstrap_class(client, meeting):
    html = client.get(register_url(meeting)).content.decode()

    country = select_markup(html, "country")
    assert re.search(r'<label\s+for="id_country"\s+class="form-label"', html)
    assert 'id="id_country"' in country
    assert "form-select" in country
    assert 'aria-describedby="id_country_helptext"' in country
    # The blank choice, the 193 Member States and the 2 observer States.
    assert country.count("<option ") == 196
    assert '<option value="IR">Iran (Islamic Republic of)</option>' in country


def options_of(html):
    """(value, label, selected) of each option, and the optgroup labels, in order."""
    return re.findall(
        r'<optgroup label="([^"]*)"|<option value="([^"]*)"( selected)?\s*>([^<]*)<',
        html,
    )


CHOICES = [
    ("", "---------"),
    ("TH", "Thailand"),
    ("Tom & Jerry", '"Quoted" <b>label</b>'),
    ("Asia", [("LA", "Lao People's Democratic Republic"), ("VN", "Viet Nam")]),
]


@pytest.mark.parametrize("value", [None, "TH", "VN", "Tom & Jerry"])
def test_long_select_writes_what_django_s_select_writes(value):
    attrs = {"id": "id_country", "class": "form-select", "required": True}

    ours = LongSelect(choices=CHOICES).render("country", value, attrs)
    django_s = forms.Select(choices=CHOICES).render("country", value, attrs)

    assert options_of(ours) == options_of(django_s)
    assert opening_tag(ours) == opening_tag(django_s)
    assert "<b>" not in ours


def opening_tag(html):
    """The select's name and attributes, in any order."""
    return sorted(re.match(r"<select([^>]*)>", html).group(1).split())
