"""Two organisers editing one registration or delegation: the later save is refused."""

import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client

from consultation import stale_edits
from delegates.admin import RegistrationAdmin
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from delegates.roles import REGISTRATION_DESK
from delegates.services import approve_registration
from tests.admin_forms import change_url, open_change_form
from tests.factories import DelegationFactory, RegistrationFactory, UserFactory
from tests.locks import row_locked_elsewhere

pytestmark = pytest.mark.django_db

STALE = "since you opened it; reload to see their changes"


def staff_client(username):
    client = Client()
    client.force_login(UserFactory(username=username, is_staff=True, is_superuser=True))
    return client


def test_change_form_carries_the_version_it_shows_in_a_hidden_field(
    organiser_client,
):
    registration = RegistrationFactory()

    response, data = open_change_form(organiser_client, registration)

    assert data["version"] == registration.updated_at.isoformat()
    assert (
        f'<input type="hidden" name="version" value="{data["version"]}"'
        in response.content.decode()
    )


def test_second_of_two_stale_registration_forms_is_refused_keeping_its_input():
    registration = RegistrationFactory(job_title="Director", organisation="MOFA")
    first, second = staff_client("first"), staff_client("second")
    _page, first_form = open_change_form(first, registration)
    _page, second_form = open_change_form(second, registration)

    saved = first.post(
        change_url(registration), {**first_form, "job_title": "Director-General"}
    )
    refused = second.post(
        change_url(registration),
        {**second_form, "organisation": "Ministry of Foreign Affairs"},
    )

    assert saved.status_code == 302
    html = refused.content.decode()
    assert f"Someone else changed this registration {STALE}" in html
    assert 'value="Ministry of Foreign Affairs"' in html
    registration.refresh_from_db()
    assert registration.job_title == "Director-General"
    assert registration.organisation == "MOFA"
    assert registration.history.count() == 2


def test_form_opened_before_an_approval_cannot_undo_it(organiser_client, organiser):
    registration = RegistrationFactory()
    _page, form = open_change_form(organiser_client, registration)
    approve_registration(registration, by=organiser)

    response = organiser_client.post(
        change_url(registration), {**form, "job_title": "Adviser"}
    )

    assert STALE in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.job_title != "Adviser"


def test_second_of_two_stale_delegation_forms_is_refused(organiser_client):
    delegation = DelegationFactory(seat_quota=5)
    _page, first_form = open_change_form(organiser_client, delegation)
    _page, second_form = open_change_form(organiser_client, delegation)

    organiser_client.post(change_url(delegation), {**first_form, "seat_quota": "8"})
    refused = organiser_client.post(
        change_url(delegation), {**second_form, "seat_quota": "3"}
    )

    html = refused.content.decode()
    assert f"Someone else changed this delegation {STALE}" in html
    assert 'name="seat_quota" value="3"' in html
    delegation.refresh_from_db()
    assert delegation.seat_quota == 8


@pytest.mark.parametrize("version", [None, "", "yesterday"])
def test_form_without_a_readable_version_saves_nothing(organiser_client, version):
    registration = RegistrationFactory(job_title="Director")
    _page, form = open_change_form(organiser_client, registration)
    form.pop("version")
    if version is not None:
        form["version"] = version

    response = organiser_client.post(
        change_url(registration), {**form, "job_title": "Adviser"}
    )

    assert "reload the page and make your changes again" in response.content.decode()
    registration.refresh_from_db()
    assert registration.job_title == "Director"


def test_the_desk_reading_a_registration_gets_no_version_field(client):
    registration = RegistrationFactory()
    desk = UserFactory(username="desk", is_staff=True)
    desk.groups.add(Group.objects.get(name=REGISTRATION_DESK))
    client.force_login(desk)

    html = client.get(change_url(registration)).content.decode()

    assert registration.family_name in html
    assert 'name="version"' not in html


@pytest.mark.django_db(transaction=True)
def test_save_waiting_too_long_for_the_row_asks_to_try_again(monkeypatch):
    registration = RegistrationFactory(job_title="Director")
    client = staff_client("organiser")
    _page, form = open_change_form(client, registration)
    monkeypatch.setattr(stale_edits, "LOCK_TIMEOUT_MS", 100)

    with row_locked_elsewhere(registration):
        response = client.post(
            change_url(registration), {**form, "job_title": "Adviser"}
        )

    html = response.content.decode()
    assert "Someone else is saving this registration right now" in html
    assert 'value="Adviser"' in html
    registration.refresh_from_db()
    assert registration.job_title == "Director"


def wait_for_a_lock_waiter(still_running, *, timeout=10):
    """Return once a connection to the test database waits for a row lock."""
    deadline = time.monotonic() + timeout
    while still_running() and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.02)


@pytest.mark.django_db(transaction=True)
def test_two_stale_forms_saved_at_the_same_moment_keep_only_the_first(monkeypatch):
    registration = RegistrationFactory(job_title="Director", organisation="MOFA")
    first, second = staff_client("first"), staff_client("second")
    _page, first_form = open_change_form(first, registration)
    _page, second_form = open_change_form(second, registration)
    # The first save has written its row and not committed yet when the second
    # arrives; it commits once the second is waiting for the row.
    first_written, go_on = threading.Event(), threading.Event()
    save_model = RegistrationAdmin.save_model

    def save_model_then_hold(self, request, obj, form, change):
        save_model(self, request, obj, form, change)
        if request.user.username == "first":
            first_written.set()
            go_on.wait(timeout=10)

    monkeypatch.setattr(RegistrationAdmin, "save_model", save_model_then_hold)
    responses = {}

    def post(name, client, data):
        try:
            responses[name] = client.post(change_url(registration), data)
        finally:
            connection.close()

    threads = {
        "first": threading.Thread(
            target=post,
            args=("first", first, {**first_form, "job_title": "Director-General"}),
        ),
        "second": threading.Thread(
            target=post,
            args=("second", second, {**second_form, "organisation": "MFA"}),
        ),
    }
    threads["first"].start()
    first_written.wait(timeout=10)
    threads["second"].start()
    wait_for_a_lock_waiter(threads["second"].is_alive)
    go_on.set()
    for thread in threads.values():
        thread.join()

    assert responses["first"].status_code == 302
    html = responses["second"].content.decode()
    assert f"Someone else changed this registration {STALE}" in html
    assert 'value="MFA"' in html
    saved = Registration.objects.get(pk=registration.pk)
    assert (saved.job_title, saved.organisation) == ("Director-General", "MOFA")
