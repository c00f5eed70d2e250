"""An announcement's page in a real browser: it follows the delivery by itself."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from delegates.enums import DeliveryStatus
from delegates.models import AnnouncementRecipient
from tests.e2e.sessions import give_session
from tests.factories import AnnouncementRecipientFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_announcement_page_counts_deliveries_without_a_reload(page, live_server):
    waiting = AnnouncementRecipientFactory(status=DeliveryStatus.PENDING, sent_at=None)
    announcement = waiting.announcement
    AnnouncementRecipientFactory(
        announcement=announcement, status=DeliveryStatus.PENDING, sent_at=None
    )
    give_session(page, live_server.url, UserFactory(is_staff=True, is_superuser=True))
    page.goto(reverse("admin:delegates_announcement_change", args=[announcement.pk]))
    page.evaluate("window.announcementPageMarker = 'same page'")
    line = page.locator("[data-announcement-delivery]")
    assert line.inner_text() == "0 sent, 0 failed, 2 waiting."

    AnnouncementRecipient.objects.filter(pk=waiting.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now()
    )
    expect(line).to_have_text("1 sent, 0 failed, 1 waiting.")
    assert page.evaluate("window.announcementPageMarker") == "same page"

    AnnouncementRecipient.objects.filter(announcement=announcement).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now()
    )
    # Once nothing waits, the page reloads to show each recipient's final status.
    expect(line).to_have_count(0)
    assert page.evaluate("window.announcementPageMarker") is None
    assert "2 sent, 0 failed, 0 waiting." in page.content()
