"""Schemathesis against our OpenAPI schema: no 5xx, every response as documented.

Each operation gets a few generated requests (MAX_EXAMPLES, kept small so the
suite stays fast), sent to the WSGI app with a token of every scope, on a
meeting with a registration, a delegation and a published programme.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from delegates.enums import RegistrationStatus
from tests.api_tokens import make_token
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    RegistrationFactory,
    SessionFactory,
    SideEventFactory,
    publish_programme,
)

MAX_EXAMPLES = 5

# The schema built in the process (no request, no database), then served by WSGI.
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(public=True))
schema.app = get_wsgi_application()
schema.base_url = "http://localhost"


@pytest.fixture(autouse=True)
def _connection_kept_between_requests():
    """Keep the test's transaction open across requests, as Django's test client does.

    Without it, the end of each WSGI request closes the database connection,
    and the test's transaction with it.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory(slug="forum", running_today=True)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    DelegationFactory(meeting=meeting)
    SessionFactory(meeting=meeting)
    SideEventFactory(meeting=meeting)
    publish_programme(meeting)
    return meeting


@pytest.fixture
def secret(meeting):
    _, secret = make_token(
        "registrations:read",
        "personal_data:read",
        "check_ins:write",
        "registrations:write",
        meeting=meeting,
    )
    return secret


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    # Generated requests only: Schemathesis' coverage phase alone sends hundreds.
    phases=[Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_api_answers_as_its_schema_says(case, meeting, secret):
    if "meeting_slug" in (case.path_parameters or {}):
        case.path_parameters["meeting_slug"] = meeting.slug
    case.call_and_validate(
        headers={"Authorization": f"Bearer {secret}"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
