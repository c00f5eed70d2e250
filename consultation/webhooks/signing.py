"""Webhook signatures: HMAC-SHA256 over "timestamp.body" with the endpoint's secret.

The receiver's side is the snippet in the README (section Webhooks); a test runs
that very snippet against a real delivery.
"""

import hashlib
import hmac


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """The Webhook-Signature header's value for a body sent at `timestamp`."""
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"v1={digest}"


def headers(*, webhook_id: str, event: str, secret: str, timestamp: int, body: bytes):
    """The headers every delivery carries."""
    return {
        "Content-Type": "application/json",
        "User-Agent": "consultation-webhooks/1",
        "Webhook-Id": webhook_id,
        "Webhook-Event": event,
        "Webhook-Timestamp": str(timestamp),
        "Webhook-Signature": signature(secret=secret, timestamp=timestamp, body=body),
    }
