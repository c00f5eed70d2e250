import datetime

import pytest
from django.contrib.auth.models import Group

from delegates.roles import ORGANISER, REGISTRATION_DESK, VIEWER
from tests.factories import MeetingFactory, UserFactory


def staff_with_role(username, role):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def organiser_role_user(db):
    """A staff member in the Organiser group, not a superuser."""
    return staff_with_role("secretariat", ORGANISER)


@pytest.fixture
def desk_user(db):
    return staff_with_role("desk", REGISTRATION_DESK)


@pytest.fixture
def viewer_user(db):
    return staff_with_role("viewer", VIEWER)


@pytest.fixture
def meeting(db):
    return MeetingFactory()


@pytest.fixture
def form_data(meeting):
    """A complete, valid public registration for `meeting`, as the browser posts it."""
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
        "consent_privacy": "on",
        "consent_public_list": "on",
    }


@pytest.fixture
def visa_data(form_data, meeting):
    """`form_data` of a delegate who needs a visa support letter."""
    return {
        **form_data,
        "nationality": "BD",
        "needs_visa_letter": "on",
        "passport_number": "bx 0123456",
        "passport_expiry": (
            meeting.end_date + datetime.timedelta(days=400)
        ).isoformat(),
        "date_of_birth": "1978-04-02",
    }


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded photos go to a temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
