"""Throttling: admin login lockouts and rate limits on public endpoints."""

import logging
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """Return the client's address, as the proxies we trust saw it.

    With TRUSTED_PROXY_COUNT = n > 0, each of our n proxies appended to
    X-Forwarded-For the address that connected to it, so the client is the n-th
    entry from the right: anything to its left the client may have written
    itself. A header with fewer entries did not come through our proxies, and
    the socket's address counts. With no trusted proxy, the address comes from
    CLIENT_IP_HEADER (REMOTE_ADDR, or a one-address header such as X-Real-IP that
    the proxy sets); a list there counts by its last entry, the one the proxy
    nearest to us wrote.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = _address_list(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        return forwarded[-proxies] if len(forwarded) >= proxies else remote_addr
    addresses = _address_list(request.META.get(settings.CLIENT_IP_HEADER, ""))
    return addresses[-1] if addresses else remote_addr


def _address_list(header: str) -> list[str]:
    return [entry.strip() for entry in header.split(",") if entry.strip()]


def _client_ip_key(group, request) -> str:
    return client_ip(request)


def rate_limit(group: str, *, method: str = "POST"):
    """Decorate a view so that a client beyond settings.RATE_LIMITS[group] gets a 429.

    Only requests with the given method count (POST by default: reading a form is
    free, submitting it is not). Each counted request increments a counter in the
    rate-limit cache; a request over the limit is answered with the "too many
    requests" page and a Retry-After header, and never reaches the view.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            usage = get_usage(
                request,
                group=f"consultation.{group}",
                key=_client_ip_key,
                rate=settings.RATE_LIMITS[group],
                method=method,
                increment=True,
            )
            if usage is not None and usage["should_limit"]:
                logger.warning(
                    "Rate limit %r reached by %s on %s",
                    group,
                    client_ip(request),
                    request.path,
                )
                return too_many_requests(request, retry_after=usage["time_left"])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many_requests(request, *, retry_after: int):
    """Render the 429 page that tells people when they may try again."""
    minutes = max(1, -(-retry_after // 60))
    response = render(request, "429.html", {"retry_after_minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def login_locked_out(request, original_response=None, credentials=None):
    """Render the lockout page django-axes shows instead of the admin login form."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(
        request,
        "consultation/lockout.html",
        {"cooloff_minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
