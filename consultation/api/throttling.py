"""Rate limits per token (or, without one, per address), counted in shared Redis.

They count in the ``ratelimit`` cache, the one the public forms' limits use:
Redis with REDIS_URL, so every app server shares the count.
"""

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from consultation.security import client_ip

from .permissions import token_of


class ApiRateThrottle(SimpleRateThrottle):
    """``API_RATE_LIMITS["token"]`` per token, ``["anonymous"]`` per address.

    DRF answers 429 with ``Retry-After`` (seconds) beyond it.
    """

    def __init__(self):
        # The rate depends on the request (token or not): read in allow_request.
        pass

    @property
    def cache(self):
        return caches[settings.RATELIMIT_USE_CACHE]

    def allow_request(self, request, view):
        self.scope = "anonymous" if token_of(request) is None else "token"
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_rate(self):
        return settings.API_RATE_LIMITS[self.scope]

    def get_cache_key(self, request, view):
        token = token_of(request)
        ident = f"token-{token.pk}" if token else f"address-{client_ip(request)}"
        return f"api-throttle-{ident}"
