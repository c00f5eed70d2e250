import pytest

from tests.factories import (
    MeetingFactory,
    SessionFactory,
    meeting_time,
    publish_programme,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page_in_utc(browser, live_server):
    context = browser.new_context(base_url=live_server.url, timezone_id="UTC")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_visitor_switches_the_agenda_to_their_own_time_zone_and_back(page_in_utc):
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    SessionFactory(
        meeting=meeting,
        title="Opening session",
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10),
    )
    publish_programme(meeting)
    page = page_in_utc
    page.goto(f"/{meeting.slug}/agenda/")
    times = page.locator("time[data-local-time]")
    assert times.first.inner_text() == "09:00"

    page.get_by_role("button", name="Show times in my time zone (UTC)").click()

    assert times.first.inner_text() == "02:00"
    assert "your own time zone, UTC" in page.locator("[data-tz-note]").inner_text()
    page.get_by_role("button", name="Show meeting time").click()
    assert times.first.inner_text() == "09:00"
    assert "Asia/Bangkok" in page.locator("[data-tz-note]").inner_text()
