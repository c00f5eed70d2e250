import datetime
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_home_redirects_to_the_only_upcoming_meeting(client):
    meeting = MeetingFactory()
    MeetingFactory(published=False)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()


def test_home_lists_upcoming_meetings_when_there_are_several(client):
    first, second = MeetingFactory.create_batch(2)

    response = client.get(reverse("home"))

    assert list(response.context["meetings"]) == [first, second]
    assert first.title in response.content.decode()


def test_home_lists_a_meeting_until_its_last_day_ends_where_it_takes_place(client):
    last_day = timezone.localdate() + datetime.timedelta(days=10)
    honolulu, bangkok = (
        MeetingFactory(
            time_zone=zone,
            start_date=last_day - datetime.timedelta(days=2),
            end_date=last_day,
        )
        for zone in ("Pacific/Honolulu", "Asia/Bangkok")
    )
    later = MeetingFactory(start_date=last_day + datetime.timedelta(days=30))
    # 18:00 UTC on the last day is 08:00 in Honolulu and 01:00 the next day in
    # Bangkok; 02:00 UTC the next day is still 16:00 on the last day in Honolulu.
    evening = datetime.datetime.combine(
        last_day, datetime.time(18), tzinfo=datetime.UTC
    )
    next_night = evening + datetime.timedelta(hours=8)

    with mock.patch("django.utils.timezone.now", return_value=evening):
        that_evening = client.get(reverse("home")).context["meetings"]
    with mock.patch("django.utils.timezone.now", return_value=next_night):
        that_night = client.get(reverse("home")).context["meetings"]

    assert bangkok.local_end() < evening < honolulu.local_end()
    assert that_evening == [honolulu, later]
    assert that_night == [honolulu, later]


def test_meeting_home_shows_organisers_and_open_registration(client):
    meeting = MeetingFactory(organisers="ESCAP\nUNOSSC")

    response = client.get(meeting.get_absolute_url())

    html = response.content.decode()
    assert "Organised by ESCAP, UNOSSC." in html
    assert "Registration is open until" in html


def test_production_mode_refuses_the_development_secret_key():
    env = {**os.environ, "DEBUG": "false"}
    env.pop("SECRET_KEY", None)

    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "SECRET_KEY is the development key" in result.stderr
