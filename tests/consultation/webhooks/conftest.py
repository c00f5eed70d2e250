import pytest

from consultation.webhooks.enums import WebhookEvent
from consultation.webhooks.models import WebhookEndpoint
from tests.factories import MeetingFactory, UserFactory
from tests.webhook_receiver import WebhookReceiver


@pytest.fixture
def receiver(settings):
    """A real receiver on 127.0.0.1, which the guard lets through for tests only."""
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    settings.WEBHOOKS_TIMEOUT_SECONDS = 2
    server = WebhookReceiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def meeting(db):
    return MeetingFactory(secretariat_email="secretariat@example.org")


@pytest.fixture
def endpoint(meeting, receiver):
    """An endpoint of the meeting that takes every event."""
    return WebhookEndpoint.objects.create(
        meeting=meeting,
        name="Pass office",
        url=receiver.url,
        events=list(WebhookEvent.values),
        created_by=UserFactory(username="hooks-admin", email="hooks@example.org"),
    )
