"""Tell pages served early by consultation/page_cache, and move past their recheck."""

import re
import time
from unittest import mock

from consultation.page_cache.kept_pages import PROGRAMME_STATE_RECHECK


def served_early(response):
    """A kept page never reaches the session or authentication middleware."""
    return not hasattr(response.wsgi_request, "user")


def later_than_the_recheck(seconds=1):
    """Move the cache's clock past the time a worker trusts a state it read.

    ``seconds`` past it; a later call with more seconds moves past a state read
    within the previous one.
    """
    return mock.patch(
        "django.core.cache.backends.locmem.time.time",
        return_value=time.time() + (PROGRAMME_STATE_RECHECK + 1) * seconds,
    )


def csrf_token(response):
    """The CSRF token a page's form carries."""
    return re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()
    ).group(1)
