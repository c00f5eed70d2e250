"""A signed-in browser without the sign-in pages (they are not what most journeys
are about; tests/e2e/test_security_key_journey.py and staff_pages.py drive them)."""

from django.conf import settings
from django.test import Client


def give_session(page, base_url, user):
    """Give the browser the session of ``user``, second factor confirmed."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
