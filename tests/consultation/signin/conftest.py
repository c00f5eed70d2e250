import pytest

from .oidc_provider import CLIENT_ID, CLIENT_SECRET, OidcProvider

PROVIDER_ID = "test-idp"


@pytest.fixture
def oidc_provider(settings):
    """A local OpenID Connect provider, configured as the site's single sign-on."""
    with OidcProvider() as provider:
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": PROVIDER_ID,
                        "name": "Test identity provider",
                        "client_id": CLIENT_ID,
                        "secret": CLIENT_SECRET,
                        "settings": {
                            "server_url": provider.url,
                            "fetch_userinfo": False,
                        },
                    }
                ],
                "OAUTH_PKCE_ENABLED": True,
            }
        }
        settings.OIDC_GROUPS_CLAIM = "groups"
        settings.OIDC_GROUP_ROLES = {
            "meeting-organisers": "Organiser",
            "desk-staff": "Registration desk",
        }
        yield provider
