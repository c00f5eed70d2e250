"""Hostile submissions to every form people and staff fill: never a server error.

A seeded generator (the same inputs on every run, so a failure reproduces) sends
a few thousand submissions in total: each starts from a valid one and replaces
one to three fields with hostile values (huge, binary-looking or invisible text,
markup, numbers out of range, ids that name nothing, several values for one
field, hostile files). Every answer must be below 500; the test client raises
any exception a view lets through. Set FUZZ_SCALE=10 for a longer campaign.
"""

import datetime
import os
import random

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from delegates.enums import RegistrationStatus
from delegates.roles import REGISTRATION_DESK
from delegates.tokens import make_badge_code, make_registration_token
from tests import pdfs
from tests.admin_forms import change_url, open_change_form
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
)
from tests.images import hostile_photos, image_bytes, upload

pytestmark = pytest.mark.django_db

SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
SEED = 20_261_103
# Submissions per target, about 2,200 in all: most where a request is cheap (the
# desk), fewer where each answer renders a large form again.
PUBLIC_FORM, PUBLIC_FILES = 230, 20
PRIVATE_LINK = 150
DESK_SEARCH, DESK_CHECK_IN = 800, 800
ADMIN_FORM = 70

HOSTILE_TEXT = [
    "",
    " ",
    "\u200b\u200b",
    "\u202eevil\u202c",
    "x" * 10_000,
    "é" * 3_000,
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE delegates_registration; --",
    "%00",
    "\x00",
    "a\x00b",
    "\x01\x02\x7f",
    "\r\n\r\n",
    "\u2028",
    '=HYPERLINK("http://x.test")',
    "{{ 7*7 }}",
    "{% debug %}",
    "../../../../etc/passwd",
    "ﷺ" * 200,
    "👩🏽‍⚕️" * 100,
    "𝕏" * 500,
    "-1",
    "0",
    "1e308",
    "NaN",
    str(2**63),
    str(-(2**63) - 1),
    str(2**70),
    "1.5",
    "abc",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "1899-12-31",
    "+",
    "+999999999999999999999",
    "@",
    "a@b",
    "x@" + "y" * 300 + ".org",
    "true",
    "on",
    "[]",
    "{}",
]


def hostile_value(rng):
    value = rng.choice(HOSTILE_TEXT)
    # Several values for one field, as a tampered form can send.
    return [value, rng.choice(HOSTILE_TEXT)] if rng.random() < 0.1 else value


def mutations(rng, base, fields, count):
    """``count`` copies of ``base`` with one to three of ``fields`` made hostile."""
    for _ in range(count):
        data = dict(base)
        for name in rng.sample(fields, k=min(len(fields), rng.randint(1, 3))):
            if rng.random() < 0.15:
                data.pop(name, None)
            else:
                data[name] = hostile_value(rng)
        yield data


def assert_no_server_error(response, data):
    assert response.status_code < 500, (response.status_code, data)


@pytest.fixture
def rng():
    return random.Random(SEED)  # noqa: S311 - reproducible test inputs


@pytest.fixture
def open_meeting(settings):
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, "1000000/h")
    return MeetingFactory()


def registration_data(meeting):
    return {
        "honorific": "ms",
        "given_name": "Siriporn",
        "family_name": "Chaiyasit",
        "badge_name": "",
        "gender": "female",
        "job_title": "Director-General",
        "organisation": "Thailand International Cooperation Agency",
        "category": "member_state",
        "country": "TH",
        "nationality": "TH",
        "role": "head",
        "email": "siriporn@example.org",
        "phone": "+66 2 288 1234",
        "arrival_date": (meeting.start_date - datetime.timedelta(days=1)).isoformat(),
        "departure_date": (meeting.end_date + datetime.timedelta(days=1)).isoformat(),
        "dietary_requirements": "Vegetarian",
        "accessibility_requirements": "",
        "emergency_contact_name": "Somchai Chaiyasit",
        "emergency_contact_phone": "+66 81 234 5678",
        "needs_visa_letter": "on",
        "passport_number": "BX0123456",
        "passport_expiry": (
            meeting.end_date + datetime.timedelta(days=400)
        ).isoformat(),
        "date_of_birth": "1978-04-02",
        "consent_privacy": "on",
        "consent_public_list": "on",
    }


def hostile_files(rng, count):
    photos = [content for _name, content, _message in hostile_photos()]
    letters = [pdfs.pdf_with_javascript(), pdfs.pdf_with_an_attached_file()]
    contents = [*photos, *letters, b"", b"GIF89a<svg onload=alert(1)>", image_bytes()]
    for index in range(count):
        name = rng.choice(["p.jpg", "p.png", "x" * 300 + ".jpg", "p", ".htaccess"])
        yield index, upload(rng.choice(contents), name)


def test_public_registration_form_survives_hostile_submissions(
    client, open_meeting, rng
):
    url = reverse("delegates:register", kwargs={"meeting_slug": open_meeting.slug})
    base = registration_data(open_meeting)
    fields = [*base, "side_events", "photo"]

    for n, data in enumerate(mutations(rng, base, fields, PUBLIC_FORM * SCALE)):
        if n % 7 == 0:
            data["email"] = f"fuzz{n}@example.org"
        response = client.post(url, data)
        assert_no_server_error(response, data)
    for _index, photo in hostile_files(rng, PUBLIC_FILES * SCALE):
        response = client.post(url, {**base, "photo": photo})
        assert_no_server_error(response, photo.name)


def test_private_link_form_survives_hostile_submissions(client, open_meeting, rng):
    registration = RegistrationFactory(meeting=open_meeting)
    url = reverse(
        "delegates:manage",
        kwargs={
            "meeting_slug": open_meeting.slug,
            "token": make_registration_token(registration),
        },
    )
    base = registration_data(open_meeting)
    fields = [*base, "photo", "action"]

    for data in mutations(rng, base, fields, PRIVATE_LINK * SCALE):
        response = client.post(url, data)
        assert_no_server_error(response, data)
    for token in rng.sample(HOSTILE_TEXT, 20):
        response = client.get(f"/{open_meeting.slug}/register/manage/{token}x/")
        assert_no_server_error(response, token)


def test_desk_search_and_check_in_survive_hostile_input(client, rng):
    user = UserFactory(username="desk", is_staff=True)
    user.groups.add(Group.objects.get(name=REGISTRATION_DESK))
    client.force_login(user)
    registration = RegistrationFactory(status=RegistrationStatus.APPROVED)
    meeting = registration.meeting
    desk = reverse("desk:desk", kwargs={"meeting_slug": meeting.slug})
    check_in = reverse("desk:check_in", kwargs={"meeting_slug": meeting.slug})
    search = {"q": "Budi", "day": meeting.start_date.isoformat()}
    scan = {
        "code": make_badge_code(registration),
        "day": meeting.start_date.isoformat(),
        "side_event": "",
        "registration": "",
    }

    for data in mutations(rng, search, list(search), DESK_SEARCH * SCALE):
        response = client.get(desk, data)
        assert_no_server_error(response, data)
    for data in mutations(rng, scan, list(scan), DESK_CHECK_IN * SCALE):
        headers = {"HTTP_ACCEPT": "application/json"} if rng.random() < 0.5 else {}
        response = client.post(check_in, data, **headers)
        assert_no_server_error(response, data)


@pytest.mark.parametrize(
    "make",
    [
        lambda: RegistrationFactory(),
        lambda: DelegationFactory(),
        lambda: SessionFactory(),
    ],
    ids=["registration", "delegation", "session"],
)
def test_admin_change_forms_survive_hostile_submissions(make, rng):
    client = Client()
    client.force_login(
        UserFactory(username="organiser", is_staff=True, is_superuser=True)
    )
    obj = make()
    _page, base = open_change_form(client, obj)
    fields = [name for name in base if not name.endswith("TOTAL_FORMS")]

    for data in mutations(rng, base, fields, ADMIN_FORM * SCALE):
        response = client.post(change_url(obj), data)
        assert_no_server_error(response, data)
