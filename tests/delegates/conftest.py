import pytest
from django.contrib.auth.models import Group

from delegates.roles import ORGANISER, REGISTRATION_DESK, VIEWER
from tests.factories import UserFactory


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
