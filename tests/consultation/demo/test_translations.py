import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from agenda.models import Session, SideEvent
from consultation.demo.programme import SESSIONS
from consultation.models import Meeting

pytestmark = pytest.mark.django_db

DEMO_LANGUAGES = ("en", "fr", "zh-hans", "ru")


def test_demo_meeting_sessions_and_side_events_read_in_four_languages(client):
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get()

    for language in DEMO_LANGUAGES:
        column = language.replace("-", "_")
        assert getattr(meeting, f"title_{column}"), language
        for session in Session.objects.filter(meeting=meeting, published=True):
            assert getattr(session, f"title_{column}"), (language, session.slug)
        for side_event in SideEvent.objects.all():
            assert getattr(side_event, f"description_{column}"), language
    assert len(SESSIONS) < Session.objects.count()

    with translation.override("zh-hans"):
        agenda = client.get(reverse("agenda:agenda", args=[meeting.slug]))
    page = agenda.content.decode()
    assert "亚洲及太平洋南南合作区域磋商会" in page
    assert "第2场会议：将南南合作纳入国家发展规划和预算" in page
