import pytest
from django.contrib.auth.models import Group
from django.utils.text import slugify

from tests.factories import UserFactory


@pytest.fixture
def role_client(client):
    """Log the test client in as a staff member with one of the organisers' roles."""

    def log_in(role):
        user = UserFactory(username=slugify(role), is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def session_admin_data():
    """Build the POST data of the session admin form, with empty inlines."""

    def build(meeting, **overrides):
        data = {
            "meeting": meeting.pk,
            "title_en": "Session 5: Resource mobilisation",
            "slug": "resource-mobilisation",
            "kind": "panel",
            "start_0": meeting.start_date.isoformat(),
            "start_1": "09:30",
            "end_0": meeting.start_date.isoformat(),
            "end_1": "10:30",
            "position": "0",
            "language": "en",
            "published": "on",
        }
        for prefix in ("roles", "AgendaItem_sessions", "documents"):
            data[f"{prefix}-TOTAL_FORMS"] = "0"
            data[f"{prefix}-INITIAL_FORMS"] = "0"
        data.update(overrides)
        return data

    return build
