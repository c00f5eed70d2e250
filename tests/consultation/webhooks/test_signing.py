"""The README's verification snippet, run against real deliveries."""

import json
import re
import time
from pathlib import Path

import pytest

from consultation.webhooks.services import deliver_due, emit
from consultation.webhooks.signing import signature

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[3] / "README.md"


def readme_verification():
    """The verify_webhook function, from the README's marked Python block."""
    text = README.read_text()
    block = re.search(
        r"<!-- webhook-verification: start -->\n```python\n(.*?)```\n"
        r"<!-- webhook-verification: end -->",
        text,
        re.DOTALL,
    )
    assert block, "The README has no marked verification snippet."
    namespace = {}
    exec(block.group(1), namespace)  # noqa: S102 - our own README's snippet
    return namespace["verify_webhook"]


def delivered(meeting, receiver):
    (delivery,) = emit(
        meeting=meeting, event="registration.approved", data={"registration": {}}
    )
    deliver_due([delivery.pk])
    (request,) = receiver.received
    return delivery, request


def test_the_readme_snippet_accepts_a_real_delivery(meeting, endpoint, receiver):
    verify_webhook = readme_verification()
    delivery, request = delivered(meeting, receiver)

    event = verify_webhook(endpoint.secret, request.headers, request.body)

    assert event["id"] == str(delivery.webhook_id) == request.headers["Webhook-Id"]
    assert event["event"] == "registration.approved"
    assert event["meeting"] == meeting.slug
    assert request.headers["Content-Type"] == "application/json"


def test_the_readme_snippet_refuses_a_changed_body(meeting, endpoint, receiver):
    verify_webhook = readme_verification()
    _delivery, request = delivered(meeting, receiver)
    forged = json.loads(request.body)
    forged["data"]["registration"] = {"status": "approved", "id": 1}

    with pytest.raises(ValueError, match="signature"):
        verify_webhook(endpoint.secret, request.headers, json.dumps(forged).encode())


def test_the_readme_snippet_refuses_another_secret(meeting, endpoint, receiver):
    verify_webhook = readme_verification()
    _delivery, request = delivered(meeting, receiver)

    with pytest.raises(ValueError, match="signature"):
        verify_webhook("whsec_another", request.headers, request.body)


def test_the_readme_snippet_refuses_a_replay_signed_long_ago(meeting, endpoint):
    verify_webhook = readme_verification()
    body = b'{"id": "x"}'
    long_ago = int(time.time()) - 3600
    headers = {
        "Webhook-Timestamp": str(long_ago),
        "Webhook-Signature": signature(
            secret=endpoint.secret, timestamp=long_ago, body=body
        ),
    }

    with pytest.raises(ValueError, match="timestamp"):
        verify_webhook(endpoint.secret, headers, body)


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body():
    # Computed by openssl: printf '1700000000.{}' | openssl dgst -sha256 -hmac k
    assert signature(secret="k", timestamp=1700000000, body=b"{}") == (
        "v1=c6ef4734033cee2367414a0939385eca0397754aa7a59716da7463a9298b5146"
    )
